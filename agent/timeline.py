"""The report's timeline figure: papers per year, stacked by line of work, phases marked."""

from __future__ import annotations

import colorsys
import io
import textwrap
import warnings
from collections.abc import Mapping

from agent.models import FactSheet

OTHER = "other"
# Colours a reader can tell apart: tab20's strong shades, then its light ones (so
# neighbours in a stack differ in hue), its greys left out since grey means "other".
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
            "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5")
_OTHER_COLOUR = "#c7c7c7"
_PHASE_SHADE = "#f2f2f2"
# A legend entry longer than this wraps, so a verbose label cannot squeeze the plot.
_LABEL_WIDTH = 44
# Fixed rcParams: "$" in a label is text, not mathtext that can fail to parse; a salt
# makes the SVG's clip-path ids, and so its bytes, the same on every run.
_RC = {"svg.fonttype": "none", "text.parse_math": False, "svg.hashsalt": "research-agent",
       "font.family": "sans-serif", "font.size": 10.0}


def topic_colours(facts: FactSheet) -> dict[str, str]:
    """A colour per topic id (and "other"), the same in the figure and on the page."""
    colours = {t.id: _colour(i, len(facts.topics)) for i, t in enumerate(facts.topics)}
    colours[OTHER] = _OTHER_COLOUR
    return colours


def _colour(i: int, n: int) -> str:
    if n <= len(_PALETTE):
        return _PALETTE[i]
    # More lines of work than named colours: hues a golden angle apart, so neighbours differ.
    r, g, b = colorsys.hls_to_rgb((i * 0.618034) % 1.0, 0.45 + 0.15 * (i % 3), 0.65)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def timeline_svg(facts: FactSheet, years: Mapping[str, int | None]) -> str | None:
    """Stacked bars of papers per year coloured by topic, as SVG text; None if nothing is dated.

    `years` maps each paper key to its year, so the figure needs no more than the report holds.
    """
    dated = {k: y for k, y in years.items() if y is not None}
    if not dated:
        return None
    # Text stays text in this SVG (svg.fonttype none): the browser draws a label in a script
    # matplotlib's own font lacks (CJK, say) with its fonts, so that warning means nothing.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font",
                            category=UserWarning)
    topic_of: dict[str, str] = {}
    for topic in facts.topics:
        for key in topic.paper_keys:
            topic_of.setdefault(key, topic.id)
    span = list(range(min(dated.values()), max(dated.values()) + 1))
    series = [t.id for t in facts.topics] + [OTHER]
    counts = {s: [0] * len(span) for s in series}
    for key, year in dated.items():
        counts[topic_of.get(key, OTHER)][year - span[0]] += 1
    series = [s for s in series if any(counts[s])]
    labels = {t.id: t.label for t in facts.topics} | {OTHER: "other papers"}
    colours = topic_colours(facts)

    # Imported here: matplotlib costs half a second, and only the HTML report needs it.
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_RC):
        rows = -(-len(series) // 2)  # legend rows, two columns
        # A Figure, never pyplot: no global figure registry, so renders can run in threads.
        fig = Figure(figsize=(7.0, 2.8 + 0.22 * rows), layout="constrained")
        ax = fig.add_subplot()
        _shade_phases(ax, facts, span)
        bottom = [0] * len(span)
        for s in series:
            # Years without a paper of this series get no bar: fewer artists, a faster draw.
            drawn = [i for i, c in enumerate(counts[s]) if c]
            bars = ax.bar([span[i] for i in drawn], [counts[s][i] for i in drawn],
                          bottom=[bottom[i] for i in drawn], width=0.72, color=colours[s],
                          edgecolor="white", linewidth=0.6, zorder=2)
            for i, rect in zip(drawn, bars):
                rect.set_gid(f"bar-{s}-{span[i]}")  # named, so a test can find each series
            bottom = [b + c for b, c in zip(bottom, counts[s])]
        ax.set_xticks(span, [str(y) for y in span], rotation=90 if len(span) > 16 else 0)
        ax.set_xlim(span[0] - 0.6, span[-1] + 0.6)
        ax.set_ylim(0, max(bottom) * 1.18 + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("papers")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles = [Patch(facecolor=colours[s],
                         label=textwrap.shorten(labels[s], _LABEL_WIDTH, placeholder=" …"))
                   for s in series]
        legend = fig.legend(handles=handles, loc="outside lower center", ncols=2,
                            frameon=False, handlelength=1.2, columnspacing=1.6, fontsize=9.5)
        for s, patch in zip(series, legend.get_patches()):
            patch.set_gid(f"legend-{s}")  # the legend draws copies; name the copies
        out = io.StringIO()
        # No date in the metadata: the same record gives the same bytes.
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _shade_phases(ax: object, facts: FactSheet, span: list[int]) -> None:
    """Alternate phases shaded, each labelled with its years along the top."""
    from matplotlib.transforms import blended_transform_factory

    trans = blended_transform_factory(ax.transData, ax.transAxes)  # type: ignore[attr-defined]
    phases = [p for p in facts.phases if span[0] <= p.start_year and p.end_year <= span[-1]]
    if len(phases) < 2:
        return  # one phase is the whole record: nothing to set apart
    for i, phase in enumerate(phases):
        lo, hi = phase.start_year - 0.5, phase.end_year + 0.5
        if i % 2 == 0:  # shaded, unshaded, shaded: each boundary shows without a line
            ax.axvspan(lo, hi, color=_PHASE_SHADE, zorder=0, lw=0)  # type: ignore[attr-defined]
        years = (str(phase.start_year) if phase.start_year == phase.end_year
                 else f"{phase.start_year}–{phase.end_year}")
        ax.text((lo + hi) / 2, 0.98, years, transform=trans, ha="center",  # type: ignore
                va="top", fontsize=9, color="#555555")

