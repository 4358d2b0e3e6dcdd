"""How much wording do the hand-written paraphrases copy from the papers they cite?

For every sentence in evals/checker_families.jsonl tagged "rewrite", find the longest run
of consecutive words it shares with the title or the abstract of any paper it cites, and
exit 1 if any run is longer than MAX_RUN words. Words are compared lower-cased with
punctuation dropped, so "Cross-Lingual" matches "cross lingual" and "4.2M" matches "4.2m".

Run from the repository root:  python evals/paraphrase_overlap.py [FILE]
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.parse import load_profile  # noqa: E402

AS_OF = datetime.date(2026, 11, 28)
MAX_RUN = 5
DEFAULT_FILE = ROOT / "evals" / "checker_families.jsonl"

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation dropped (punctuation splits words)."""
    return [w for w in _NON_WORD.sub(" ", text.lower()).split() if w]


def _longest_run_with_words(text: str, sources: list[str]) -> tuple[int, list[str]]:
    """The longest run of words text shares with one source (difflib's longest match over
    word lists), and those words."""
    tokens = words(text)
    best, best_words = 0, []
    for source in sources:
        match = SequenceMatcher(None, tokens, words(source), autojunk=False).find_longest_match(
            0, len(tokens), 0, len(words(source)))
        if match.size > best:
            best, best_words = match.size, tokens[match.a:match.a + match.size]
    return best, best_words


def longest_copied_run(text: str, sources: list[str]) -> int:
    """The longest run of consecutive words that text shares with any one of sources."""
    return _longest_run_with_words(text, sources)[0]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    profiles: dict[str, dict[str, list[str]]] = {}
    worst: dict[str, int] = {}
    counts: dict[str, int] = {}
    failed = 0
    for row in rows:
        if "rewrite" not in row.get("tags", []):
            continue
        name = row["profile"]
        if name not in profiles:
            profile = load_profile(ROOT / name, AS_OF)
            profiles[name] = {p.key: [p.title, p.abstract] for p in profile.papers}
        papers = profiles[name]
        missing = [k for k in row["keys"] if k not in papers]
        if missing:
            print(f"{row['id']}: unknown key(s) {', '.join(missing)}")
            failed += 1
            continue
        sources = [s for k in row["keys"] for s in papers[k] if s]
        n, run = _longest_run_with_words(row["text"], sources)
        flag = "  TOO LONG" if n > MAX_RUN else ""
        print(f"{n:2d}  {row['id']}  \"{' '.join(run)}\"{flag}")
        if n > MAX_RUN:
            failed += 1
        worst[name] = max(worst.get(name, 0), n)
        counts[name] = counts.get(name, 0) + 1
    print()
    print("longest copied run per profile (limit %d words):" % MAX_RUN)
    for name in sorted(worst):
        print(f"  {name}: {counts[name]} sentences, max run {worst[name]}")
    print(f"{sum(counts.values())} rewrite sentences checked, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
