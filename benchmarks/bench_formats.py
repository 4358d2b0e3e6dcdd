"""Parse throughput per input format on generated files of 10,000 entries.

    python benchmarks/bench_formats.py [--entries 10000] [--repeat 3]

Each file is generated in the format's documented shape with the quirks the
readers handle (LaTeX accents and braces in BibTeX, wrapped titles and version
suffixes in arXiv feeds, inverted-index abstracts in OpenAlex, nulls in
Semantic Scholar, date-parts in CSL-JSON, wrapped values in ORCID). The time
is the whole load: detection, reading, finding the owner (inferred, no
--author), merging duplicates within the file and assigning keys. A last row
merges a BibTeX export and an arXiv feed of the same 10,000 works.

Prints a table and writes benchmarks/results/formats.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.parse import build_profile, parse_text, read_source  # noqa: E402
from benchmarks.bench_parse import generate_profile  # noqa: E402

AS_OF = dt.date(2026, 11, 28)
OWNER = ("Zoë", "Brännström-Okafor")
WORDS = ("cross lingual language model pretraining transformer retrieval sparse experts "
         "reinforcement learning reward reasoning multilingual alignment speech vision "
         "benchmark dataset efficient scaling distillation protein table dialogue").split()
GIVEN = "Ann Bo Carla Dan Eva Femi Gao Hana Ivan Jun Kenji Lucía Mónica Nils Omar".split()
FAMILY = "Lee Chen Díaz Evans Ng Okafor Petrova Sato Watanabe Müller Novák Silva".split()


class Entry:
    """One generated work, written out by each format's generator."""

    def __init__(self, i: int, rng: random.Random) -> None:
        self.i = i
        self.title = " ".join(rng.choice(WORDS).title() for _ in range(7)) + f" {i}"
        self.year = rng.randint(2005, 2025)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        others = [(rng.choice(GIVEN), rng.choice(FAMILY) + str(rng.randint(1, 300)).translate(
            str.maketrans("0123456789", "abcdefghij"))) for _ in range(rng.randint(2, 5))]
        others.insert(i % (len(others) + 1), OWNER)
        self.authors = others
        self.abstract = " ".join(rng.choice(WORDS) for _ in range(120)) + \
            f" It reaches 28% lower latency, see https://example.org/p{i}."
        self.doi = f"10.5555/gen.{i}" if i % 2 else None
        self.arxiv = f"{2000 + i // 100000:04d}.{i % 100000:05d}"


def entries(n: int) -> list[Entry]:
    rng = random.Random(0)
    return [Entry(i, rng) for i in range(n)]


def _latex(name: str) -> str:
    return (name.replace("ä", '{\\"a}').replace("ö", '{\\"o}').replace("ë", '{\\"e}')
            .replace("í", "{\\'i}").replace("ü", '{\\"u}').replace("ó", "{\\'o}")
            .replace("á", "{\\'a}"))


def bibtex(items: list[Entry]) -> str:
    out = ["% generated"]
    for e in items:
        authors = " and ".join(_latex(f"{f}, {g}") for g, f in e.authors)
        doi = f"  doi = {{{e.doi}}},\n" if e.doi else ""
        out.append(f"@inproceedings{{e{e.i},\n  title = {{{{{e.title.split()[0]}}} "
                   f"{' '.join(e.title.split()[1:])}}},\n  author = {{{authors}}},\n"
                   f"  year = {{{e.year}}},\n  month = {e.month},\n{doi}"
                   f"  abstract = {{{e.abstract.replace('%', chr(92) + '%')}}},\n}}\n")
    return "\n".join(out)


def arxiv(items: list[Entry]) -> str:
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom"><id>http://arxiv.org/api/gen</id>'
            '<title>ArXiv Query</title>\n')
    body = []
    for e in items:
        words = e.title.split()
        authors = "".join(f"<author><name>{g} {f}</name></author>" for g, f in e.authors)
        body.append(
            f"<entry><id>http://arxiv.org/abs/{e.arxiv}v2</id>"
            f"<published>{e.year}-{e.month:02d}-{e.day:02d}T12:00:00Z</published>"
            f"<title>{' '.join(words[:4])}\n  {' '.join(words[4:])}</title>"
            f"<summary>  {e.abstract}\n</summary>{authors}"
            '<arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>'
            "</entry>\n")
    return head + "".join(body) + "</feed>\n"


def _inverted(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def openalex(items: list[Entry]) -> str:
    results = [{
        "id": f"https://openalex.org/W{e.i}", "title": e.title,
        "doi": f"https://doi.org/{e.doi}" if e.doi else None, "publication_year": e.year,
        "publication_date": f"{e.year}-{e.month:02d}-{e.day:02d}",
        "authorships": [{"author": {"display_name": f"{g} {f}"},
                         "institutions": [{"display_name": "Uppsala University"}]}
                        for g, f in e.authors],
        "abstract_inverted_index": _inverted(e.abstract),
    } for e in items]
    return json.dumps({"meta": {"count": len(results)}, "results": results}, ensure_ascii=False)


def s2(items: list[Entry]) -> str:
    data: list[object] = []
    for e in items:
        data.append({"paperId": f"p{e.i}", "title": e.title, "abstract": e.abstract,
                     "year": e.year, "publicationDate": None,
                     "externalIds": {"DOI": e.doi} if e.doi else {},
                     "authors": [{"authorId": str(k), "name": f"{g} {f}"}
                                 for k, (g, f) in enumerate(e.authors)]})
        if e.i % 500 == 0:
            data.append(None)
    return json.dumps({"offset": 0, "data": data}, ensure_ascii=False)


def csl(items: list[Entry]) -> str:
    return json.dumps([{
        "id": f"item{e.i}", "type": "paper-conference", "title": e.title, "DOI": e.doi,
        "author": [{"family": f, "given": g} for g, f in e.authors],
        "issued": {"date-parts": [[e.year, e.month]]}, "abstract": e.abstract,
        "container-title": "Proceedings"} for e in items], ensure_ascii=False)


def orcid(items: list[Entry]) -> str:
    def work(e: Entry) -> dict:
        return {"put-code": e.i, "title": {"title": {"value": e.title}},
                "publication-date": {"year": {"value": str(e.year)},
                                     "month": {"value": f"{e.month:02d}"}, "day": None},
                "external-ids": {"external-id": [
                    {"external-id-type": "doi", "external-id-value": e.doi}] if e.doi else []},
                "short-description": e.abstract,
                "contributors": {"contributor": [
                    {"credit-name": {"value": f"{g} {f}"},
                     "contributor-attributes": {"contributor-role": "author"}}
                    for g, f in e.authors]}}
    return json.dumps({"person": {"name": {"given-names": {"value": OWNER[0]},
                                           "family-name": {"value": OWNER[1]}}},
                       "bulk": [{"work": work(e)} for e in items]}, ensure_ascii=False)


GENERATORS: dict[str, Callable[[list[Entry]], str]] = {
    "bibtex": bibtex, "arxiv": arxiv, "openalex": openalex, "s2": s2, "csl-json": csl,
    "orcid": orcid,
}


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def row(name: str, n: int, text_mib: float, seconds: float, papers: int) -> dict[str, object]:
    return {"format": name, "entries": n, "papers": papers, "input_mib": round(text_mib, 2),
            "seconds": round(seconds, 3), "entries_per_second": round(n / seconds),
            "us_per_entry": round(seconds / n * 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent / "results" / "formats.json")
    args = parser.parse_args()
    items = entries(args.entries)
    rows = []
    texts = {"profile-page": generate_profile(args.entries)}
    texts.update({name: make(items) for name, make in GENERATORS.items()})
    for name, text in texts.items():
        seconds, profile = best_of(args.repeat, lambda t=text: parse_text(t, as_of=AS_OF))
        rows.append(row(name, args.entries, len(text.encode()) / 2**20, seconds,
                        len(profile.papers)))
    both = (texts["bibtex"], texts["arxiv"])

    def merged() -> object:
        parsed = [read_source(t, AS_OF, n) for t, n in zip(both, ("a.bib", "b.xml"))]
        return build_profile(parsed, ["a.bib", "b.xml"], AS_OF)

    seconds, profile = best_of(args.repeat, merged)
    rows.append(row("bibtex+arxiv merged", 2 * args.entries,
                    sum(len(t.encode()) for t in both) / 2**20, seconds, len(profile.papers)))
    print(f"{'format':<20} {'entries':>8} {'papers':>7} {'MiB':>6} {'seconds':>8} "
          f"{'entries/s':>10} {'us/entry':>9}")
    for r in rows:
        print(f"{r['format']:<20} {r['entries']:>8} {r['papers']:>7} {r['input_mib']:>6.1f} "
              f"{r['seconds']:>8.2f} {r['entries_per_second']:>10,} {r['us_per_entry']:>9.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
