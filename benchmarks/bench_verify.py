"""The verifier's speed with no model: checks per second, and the time to verify a report.

    python benchmarks/bench_verify.py

1. A thousand checks of abstract sentences cited to the wrong paper (the slow path: a
   misattribution makes the checker look for the papers that do support the sentence),
   on the example profile, with one verifier built once.
2. The planned claims of the example report's bio, trajectory and topics (what every
   report verifies, whatever model writes), verified from scratch: building the
   verifier's index, then each sentence.
Prints a table and writes benchmarks/results/verify.json. Targets (issue 15): the
example report verified in 1 s or less.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.analyze import analyze  # noqa: E402
from agent.parse import load_profile  # noqa: E402
from agent.plan import Planner  # noqa: E402
from agent.verify import Verifier, split_citations  # noqa: E402

EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
AS_OF = dt.date(2026, 11, 28)


def main() -> None:
    profile = load_profile(EXAMPLE, as_of=AS_OF)
    facts = analyze(profile)
    start = time.perf_counter()
    verifier = Verifier(profile, facts)
    index_s = time.perf_counter() - start
    papers = sorted(profile.papers, key=lambda p: p.key)
    cases = [(text, [papers[(i + j) % len(papers)].key])
             for i, p in enumerate(papers)
             for j, (text, _) in enumerate(split_citations(p.abstract))]
    start = time.perf_counter()
    for i in range(1000):
        verifier.check(*cases[i % len(cases)])
    thousand_s = time.perf_counter() - start
    claims = [(c.text, c.keys) for outline in (Planner(profile, facts).bio(150),
                                               Planner(profile, facts).trajectory(),
                                               Planner(profile, facts).topics())
              for section in outline.sections for c in section.claims]
    start = time.perf_counter()
    fresh = Verifier(profile, facts)
    verdicts = [fresh.check(text, keys) for text, keys in claims]
    report_s = time.perf_counter() - start
    rows = {"index_s": round(index_s, 3), "checks": 1000, "checks_s": round(thousand_s, 3),
            "checks_per_s": round(1000 / thousand_s, 1), "report_sentences": len(claims),
            "report_supported": sum(v.supported for v in verdicts),
            "report_verify_s": round(report_s, 3)}
    print(f"verifier index of {len(papers)} papers: {index_s:.2f}s")
    print(f"1000 checks (misattributed abstract sentences): {thousand_s:.2f}s, "
          f"{1000 / thousand_s:.0f} checks/s")
    print(f"the report's {len(claims)} planned sentences verified from scratch (index "
          f"included): {report_s:.2f}s")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "verify.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
