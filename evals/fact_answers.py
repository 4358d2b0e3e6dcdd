"""Do the tool's own fact answers pass its own verifier?

    .venv/bin/python evals/fact_answers.py [--show]

Answers of fact (`agent/fact_questions.py`) are computed from the record, not written by a
model, and are marked planned; but a reader who runs `research-agent verify` on them
should see them pass (`ask` checks them too, and drops a sentence that fails), and a
sentence the verifier cannot read is one it cannot check when a model writes the same
thing. This asks every question of evals/ask_cases.jsonl and a fixed list of questions
of fact of each eval profile (every one in evals/profiles), checks every sentence of
every fact answer with the keys it cites, and prints how many fail, by kind of question
(--show: each failing sentence and its reasons); exits 1 when any fails. No model runs.
tests/evals/test_fact_answers.py holds it at none.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.analyze import analyze  # noqa: E402
from agent.fact_questions import answer_from_facts  # noqa: E402
from agent.parse import load_profiles  # noqa: E402
from agent.verify import Verifier  # noqa: E402

QUESTIONS = [
    "How many papers does she have?", "Which papers have code?",
    "Who are her most frequent co-authors?", "What are her affiliations?",
    "How many papers per year?", "What datasets has she released?",
    "What datasets has she used?", "Which venues has she published in?",
    "Has she published in Nature?", "What is her h-index?",
    "Which arXiv categories does she publish in?", "How many first-author papers?",
    "What are her most cited papers?", "What are her most important papers?",
    "Has she won awards?", "Did any of her studies find no effect?",
    "Has she solved any open problems?", "What is her PhD thesis about?",
    "How many bugs did her tools find?",
    "Has she ever corrected or withdrawn one of her own findings?",
    "How many works did she publish between 2018 and 2021 inclusive?",
]


@dataclass(frozen=True)
class Failure:
    """A fact-answer sentence the verifier rejects, and why."""

    profile: str
    kind: str
    text: str
    reasons: tuple[str, ...]


def run(root: Path = ROOT) -> tuple[collections.Counter[str], list[Failure]]:
    """Every fact answer's sentences checked: the sentences per kind of question, and the
    ones that fail."""
    cases = [json.loads(line) for line in
             (root / "evals" / "ask_cases.jsonl").read_text(encoding="utf-8").splitlines()]
    total: collections.Counter[str] = collections.Counter()
    failures: list[Failure] = []
    profiles = {c["profile"] for c in cases} | {
        f"evals/profiles/{p.name}" for p in (root / "evals" / "profiles").iterdir()}
    for relative in sorted(profiles):
        profile = load_profiles([root / relative], as_of=dt.date(2026, 11, 28))
        facts = analyze(profile)
        verifier = Verifier(profile, facts)
        asked = [c["question"] for c in cases if c["profile"] == relative] + QUESTIONS
        for question in asked:
            answer = answer_from_facts(question, profile, facts)
            for sentence in answer.sentences if answer else []:
                total[answer.question_kind] += 1
                check = verifier.check(sentence.text, sentence.keys)
                if not check.supported:
                    failures.append(Failure(Path(relative).name, answer.question_kind,
                                            sentence.text, tuple(check.reasons)))
    return total, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each failing sentence")
    args = parser.parse_args()
    total, failures = run()
    if args.show:
        for f in failures:
            print(f"{f.profile} {f.kind}: {f.text}\n    {list(f.reasons)}")
    failing = collections.Counter(f.kind for f in failures)
    print(f"fact-answer sentences: {sum(total.values())}, failing verify: {len(failures)}")
    for kind in sorted(total):
        print(f"  {kind:16} {failing[kind]:3} of {total[kind]:3}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
