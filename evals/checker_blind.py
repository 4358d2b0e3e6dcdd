"""The checker on sentences written blind: sets of 128 sentences, each about four
eval profiles, written and labelled by a helper who never read the checker's code nor its
labelled sets, each error with one thing wrong, of the types of evals/README.md.

    .venv/bin/python evals/checker_blind.py [--set 1|2|...|10] [--json FILE] [--misses]

Sets 2, 3 and 4 were written in stop 51. In each, the first two profiles were read to find
what the checks got wrong; the other two ("read later") were measured before and after
and not read: their figures are the held-out ones. Their floors (FLOORS2 to FLOORS7) hold
the end of stop 52 as a ratchet. (The held-out halves' totals were looked at after each
change, and a change that lowered one was narrowed or taken back: a mild selection on
them, though none of their sentences was read.)

Set 2 (checker_blind2.jsonl) is about urban economics, plant pathology, marine acoustics
and quantum computing (Penhallow-Nkemelu, Achterberg-Mwale read; Varga-Thorvaldsen,
Ndiaye-Halloran held out). As first measured (05ef6b6): recall 0.500, faithful flagged
0.554 (BA 0.473); held out 0.500 / 0.571.

Set 3 (checker_blind3.jsonl) is about hydrology, materials, exoplanets and labour
economics (Ostrowska-Amadi, Okafor-Brandt read; Adebayo-Lindahl, van den Heuvel held
out). It was written after set 2's fixes and scored before any of it was read: at the
start of stop 51 (05ef6b6) recall 0.681, flagged 0.536 (BA 0.572); with set 2's fixes
(3e1ded2) 0.667 / 0.464 (BA 0.601), a test of those fixes on sentences nobody had seen.

Set 4 (checker_blind4.jsonl) is about Nakashima-Brennholt, Tveit-Amankwah (read) and
Brevik-Namutebi, Marchetti-Oduya (held out), written after the fixes of sets 2 and 3 and
scored whole before any of it was read: at 05ef6b6 recall 0.694, flagged 0.571 (BA
0.562); with those fixes (43f9ff6) 0.694 / 0.446 (BA 0.624). Its first half was then
read: 0.694 / 0.393 at the end of stop 51, the held-out half 0.694 / 0.464. At the start
of stop 52 `--misses` (which then printed both halves) showed the held-out half's wrong
verdicts too, so from then on all of set 4 is in-sample, like set 1.

Sets 5 and 6 (checker_blind5.jsonl, checker_blind6.jsonl) were written in stop 52 the same
way, after every fix of stop 51, and scored whole before any of either was read: at
4565893, set 5 (Oyelaran-Haugen, Nyamweya-Ferreira, Quarshie-Holmgaard, Oduro-Castellanos:
cryo-EM, development economics, combinatorics, music and movement) recall 0.653, flagged
0.286; set 6 (Osei-Thorbjornsen, Mwakasege-Fairbrother, Idowu-Strandberg, Asante-Lindgren:
robotics, soil carbon, perovskites, battery electrolytes) 0.583 / 0.393. Set 5's first
half was then read; its second half and all of set 6 are held out. Set 7
(Arbogast-Nwachukwu, Vantongeren-Achike, Vintervik-Mbeza, Akinyemi-Rautio: medieval
charters, exoplanet atmospheres, legged robots, amphibian disease) was written
halfway through stop 52 and scored whole, never read: 0.694 / 0.446 at 4565893, 0.694 /
0.357 with the fixes the stop had made by then (7eb5a65).

Set 8 (checker_blind8.jsonl: Sarmiento-Achterhof, Marangoni-Achterberg,
Okwuosa-Brandvold, Mensah-Larsen: bus networks, coral reefs, extremal graph theory,
infectious-disease epidemiology) was written at the start of stop 53, by two helpers who
read only the profiles, and scored whole at c0757b0 before anything else: recall 0.681,
flagged 0.536 (BA 0.572). Only then was set 6's first half read; set 6's second half and
all of sets 7 and 8 stay held out.

Set 9 (checker_probes.jsonl, stop 55) is no blind set: 80 sentences a developer wrote
knowing the checker, about fourteen eval profiles no other set covers (READ9 has the ten
whose 63 sentences prompted stop 55's checks; the last four's 17 were written after them).
At 0992c49, before those checks: recall 0.485 (16 of 33 errors), faithful flagged 0.170 (8
of 47); the 17 written later 0.429 and 0.000. With those checks: 0.667 and 0.170; the 17
0.571 and 0.000. Two of the 17 then prompted two more fixes (a relative clause's
negation ends at the main verb; "did not prevent" undoes the prevention), and four of the
63's faithful sentences flagged prompted four (a null result in other words, "interventions
to prevent", a time cut from a copy, "three times" of the sentence's own figures). At the
end of stop 55: 0.697 and 0.064 (3 of 47); the 17 0.857 and 0.000. One error of the 63 was
caught before only for a wrong reason ("prevent falls" read as a denial) and now passes.

Set 10 (checker_blind10.jsonl) was written blind at the end of stop 55, after all of that
stop's checks, by a helper who read only four profiles (Okafor-Quintero, Brannstrom,
Achterberg-Nwosu, Asante-Lindgren) and its brief: 64 sentences, 32 true (findings by
condition, null results and directions in other words) and 32 with one error each
(wrong_condition, invented_change, reversed_direction, changed_number, negation_flip,
scope_change). Scored whole before anyone read it, at 0992c49 (the stop's start) and at
its end: the same, recall 0.719 (23 of 32) and faithful flagged 0.250 (8 of 32), BA 0.734.
Stop 55's checks, read off set 9, moved none of its verdicts. Not read.

Set 1 (checker_blind.jsonl, stop 41), about the four newest profiles then (hydrogeology,
field linguistics, earthquake engineering, nursing):

Scored with the thresholds as shipped. The first two profiles (Karrenbeld, Tregarthen)
were read to find the checks stop 41 added; the other two were measured once before and
once after, and not read until then (recall 0.750 -> 0.778 on them). From then on all four
are in-sample, like the rest of evals/ (the halves are printed as "read first" and "read
later"): the set is kept apart from CHECKER_FILES
because its figures are far below the floors there (recall 0.778, faithful flagged 0.054
at the end of stop 41; 0.653 and 0.214 at its start; 0.819 and 0.018 at the end of
stop 42), and a floor set here at today's figures (FLOORS) is a ratchet, not a target.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.evals import EVALS, read_labelled, score_checker  # noqa: E402

BLIND = EVALS / "checker_blind.jsonl"
BLIND2 = EVALS / "checker_blind2.jsonl"
# Read first, while stop 41's checks were written; the rest were read after its first round.
READ = ("ysolde-karrenbeld", "ysolde-tregarthen")
# Sets 2 and 3's profiles read in stop 51; the other two of each were not.
READ2 = ("isaura-penhallow-nkemelu", "neve-achterberg-mwale")
READ3 = ("wenna-ostrowska-amadi", "leontyne-okafor-brandt")
BLIND3 = EVALS / "checker_blind3.jsonl"
# Set 4's half read at the end of stop 51; the other two were not.
READ4 = ("ottilie-nakashima-brennholt", "rosalind-tveit-amankwah")
BLIND4 = EVALS / "checker_blind4.jsonl"
# Stop 52's sets: set 5's first half was read that stop; set 6 was not read at all (its
# first two profiles are the half a later stop may read).
READ5 = ("kit-oyelaran-haugen", "caspar-nyamweya-ferreira")
BLIND5 = EVALS / "checker_blind5.jsonl"
READ6 = ("halvard-osei-thorbjornsen", "ilse-mwakasege-fairbrother")
BLIND6 = EVALS / "checker_blind6.jsonl"
# Set 7, written halfway through stop 52, was not read either; set 6's first half was read
# in stop 53, once set 8 was written and scored.
READ7 = ("clemence-arbogast-nwachukwu", "marisol-vantongeren-achike")
BLIND7 = EVALS / "checker_blind7.jsonl"
READ8 = ("ottoline-sarmiento-achterhof", "ysolde-marangoni-achterberg")
BLIND8 = EVALS / "checker_blind8.jsonl"
# Set 9 is not blind: 80 sentences a developer wrote in stop 55, knowing the checker, about
# fourteen eval profiles no checker set covers, each labelled by hand against its abstract
# (true paraphrases of findings by condition, and findings turned round, said of the wrong
# condition or given a change the paper does not find). The first ten profiles' sentences
# (63) prompted the checks of conditions.py and lexicon._asked, so they are in-sample; the
# last four's (17) were written after those checks and read by none.
READ9 = ("tomas-nakagawa-ferreira", "adaora-lindqvist-mwangi", "ingvild-mbeki-castellanos",
         "isolde-varga-thorvaldsen", "perpetua-oduro-castellanos", "leander-vintervik-mbeza",
         "saoirse-valdivia-koenig", "oluwaseun-bergqvist-adeyemi", "solveig-mbanefo-larranaga",
         "wilhelmina-achebe-strand")
BLIND9 = EVALS / "checker_probes.jsonl"
# Set 10, written blind at the end of stop 55 by a helper who read only four profiles and
# its brief (findings by condition, null results, directions; errors of the condition,
# invented changes, turned directions, numbers, negation, scope), and scored whole before
# anyone read it. Not read: its first two profiles are the half a later stop may read.
READ10 = ("anneliese-okafor-quintero", "brannstrom")
BLIND10 = EVALS / "checker_blind10.jsonl"
# Today's figures, less a sentence's worth: a change that loses ground fails the test.
# (In stop 52 set 1 lost a scope error, "should never be used ..., whether or not
# present-on-admission flags are available", caught only because "whether or not" was read
# as negating "flags"; the stop's check of untested findings caught another, so its recall
# is 0.819 again.) Floors of stop 53's end. (Stop 53's binding of figures to their units
# caught two held-out errors of set 2 and flagged one held-out faithful sentence of set 7,
# seen by its id only: set 7's flagged share went from 0.357 to 0.375.)
FLOORS = {"recall": 0.83, "false_flag_rate": 0.02}
FLOORS2 = {"recall": 0.65, "false_flag_rate": 0.26}
FLOORS3 = {"recall": 0.69, "false_flag_rate": 0.27}
FLOORS4 = {"recall": 0.77, "false_flag_rate": 0.20}
FLOORS5 = {"recall": 0.68, "false_flag_rate": 0.15}
FLOORS6 = {"recall": 0.70, "false_flag_rate": 0.20}
FLOORS7 = {"recall": 0.72, "false_flag_rate": 0.38}
FLOORS8 = {"recall": 0.69, "false_flag_rate": 0.54}
FLOORS9 = {"recall": 0.66, "false_flag_rate": 0.09}
FLOORS10 = {"recall": 0.68, "false_flag_rate": 0.29}
SETS = {"1": (BLIND, READ, FLOORS), "2": (BLIND2, READ2, FLOORS2),
        "3": (BLIND3, READ3, FLOORS3), "4": (BLIND4, READ4, FLOORS4),
        "5": (BLIND5, READ5, FLOORS5), "6": (BLIND6, READ6, FLOORS6),
        "7": (BLIND7, READ7, FLOORS7), "8": (BLIND8, READ8, FLOORS8),
        "9": (BLIND9, READ9, FLOORS9), "10": (BLIND10, READ10, FLOORS10)}
# Sets whose later half has been read too: --misses may print all of them; and sets no
# half of which has been read: --misses prints none of them.
WHOLLY_READ = ("1", "4")
UNREAD = ("7", "8", "10")


def scores(which: str = "1") -> dict[str, dict]:
    """Recall, faithful flagged and balanced accuracy: all, the half read first, the other."""
    path, read, _ = SETS[which]
    sentences = read_labelled([path])
    halves = {"all": sentences,
              "read first": [s for s in sentences if any(n in s.profile for n in read)],
              "read later": [s for s in sentences if not any(n in s.profile for n in read)]}
    out = {}
    for name, part in halves.items():
        report = score_checker(part)
        out[name] = {"sentences": report.sentences, "recall": round(report.recall, 3),
                     "false_flag_rate": round(report.false_flag_rate, 3),
                     "balanced_accuracy": round(report.balanced_accuracy, 3),
                     "per_type": {r.error_type: f"{r.caught}/{r.total}" for r in report.per_type},
                     "missed": [m.text for m in report.missed],
                     "false_flags": [m.text for m in report.false_flags]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="1",
                        help="which blind set: 1 (stop 41), 2, 3 or 4 (stop 51), 5, 6 or 7 "
                             "(stop 52), 8 (stop 53)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--misses", action="store_true",
                        help="print what is missed and flagged in the half that may be read "
                             "(the whole set where both halves have been read)")
    args = parser.parse_args()
    found = scores(args.set)
    for name, row in found.items():
        print(f"{name:10} {row['sentences']:4} sentences: recall {row['recall']:.3f}, faithful "
              f"flagged {row['false_flag_rate']:.3f}, balanced accuracy "
              f"{row['balanced_accuracy']:.3f}")
    print("per type (all): " + ", ".join(f"{t} {c}" for t, c in found["all"]["per_type"].items()))
    if args.misses and args.set in UNREAD:
        print(f"  set {args.set} is held out whole: its misses are not printed")
    elif args.misses:
        shown = found["all" if args.set in WHOLLY_READ else "read first"]
        for text in shown["missed"]:
            print(f"  missed: {text}")
        for text in shown["false_flags"]:
            print(f"  flagged: {text}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
