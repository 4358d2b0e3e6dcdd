"""Where a thesis was written: BibTeX's school and CSL's publisher of a thesis are kept
(Paper.institution), so "her 2015 PhD thesis at Orsholt University" is a claim the
record bears out, "Where did she do her PhD?" has an answer, and the references say
"Thesis, Orsholt University".

Found on stop 51's second blind set: "Her sole-authored 2015 PhD thesis from Orsholt
University ..." failed ("name "PhD" is not in the cited papers", "name "Orsholt
University" is not in the cited papers"), since no parser kept the university, and
"Where did she do her PhD?" said the record is silent on education.
"""

from __future__ import annotations

import datetime as dt
import json

from agent.analyze import analyze
from agent.parse import parse_text
from agent.pipeline import references
from agent.verify import Verifier
from tests.conftest import REPO, plan_answer_text

NEVE = REPO / "evals" / "profiles" / "neve-achterberg-mwale.json"
RAHUL = REPO / "evals" / "profiles" / "rahul-nieminen-castro.bib"
AS_OF = dt.date(2026, 11, 28)

BIB = """@phdthesis{okafor2015,
  author = {Okafor, Ada},
  title = {Tidal mixing in shallow estuaries},
  school = {Department of Earth Sciences, University of Tromsdal},
  year = {2015},
  abstract = {This thesis measures tidal mixing in three shallow estuaries with moored profilers.}
}
@article{okafor2018,
  author = {Okafor, Ada and Berg, Lina},
  title = {Mixing and stratification in the Varne estuary},
  journal = {Estuarine Science},
  year = {2018},
  abstract = {We measured stratification in the Varne estuary over two spring-neap cycles.}
}
"""
CSL = [{"id": "t1", "type": "thesis", "genre": "PhD thesis", "publisher": "Orsholt University",
        "title": "Latency of stripe rust", "author": [{"family": "Mwale", "given": "Neve"}],
        "issued": {"date-parts": [[2015]]},
        "abstract": "This thesis measures the latent period of stripe rust in field cohorts."},
       {"id": "r1", "type": "article-journal", "publisher": "Elsevier",
        "container-title": "Field Crops Research", "title": "Yield losses from stripe rust",
        "author": [{"family": "Mwale", "given": "Neve"}], "issued": {"date-parts": [[2017]]},
        "abstract": "We measured yield losses from stripe rust in 48 on-farm trials."}]


def _profile(text: str, name: str):
    return parse_text(text, AS_OF, name)


def test_the_parsers_keep_the_university_of_a_thesis_and_no_publisher_else() -> None:
    bib = {p.title: p for p in _profile(BIB, "x.bib").papers}
    assert bib["Tidal mixing in shallow estuaries"].institution == \
        "Department of Earth Sciences, University of Tromsdal"
    assert bib["Mixing and stratification in the Varne estuary"].institution is None
    csl = {p.title: p for p in _profile(json.dumps(CSL), "x.json").papers}
    assert csl["Latency of stripe rust"].institution == "Orsholt University"
    assert csl["Yield losses from stripe rust"].institution is None  # a journal's publisher


def test_a_thesis_is_at_its_university() -> None:
    profile = _profile(BIB, "x.bib")
    verifier = Verifier(profile, analyze(profile))
    key = next(p.key for p in profile.papers if p.kind == "thesis")
    for true in ("Her 2015 PhD thesis at the University of Tromsdal measured tidal mixing in "
                 "three shallow estuaries.",
                 "Okafor wrote her thesis at the Department of Earth Sciences, University of "
                 "Tromsdal."):
        assert verifier.check(true, [key]).supported, verifier.check(true, [key]).reasons
    for false in ("Her 2015 PhD thesis at the University of Varne measured tidal mixing in "
                  "three shallow estuaries.",
                  "Her 2015 PhD thesis at Orsholt University measured tidal mixing."):
        assert not verifier.check(false, [key]).supported
    other = next(p.key for p in profile.papers if p.kind != "thesis")
    assert not verifier.check("Her 2018 PhD paper measured stratification in the Varne "
                              "estuary.", [other]).supported


def test_where_she_did_her_phd() -> None:
    answer = plan_answer_text(NEVE, "Where did she do her PhD?")
    assert answer.startswith("1 of the 16 papers in this record is a thesis "
                             "[achterbergmwale2015latency].")
    assert "(2015) is a thesis at Orsholt University [achterbergmwale2015latency]." in answer
    assert "says nothing about education" not in answer
    answer = plan_answer_text(RAHUL, "Which university did he get his doctorate from?")
    assert "is a thesis at the Department of Computer Sciences, University of " \
           "Wisconsin–Madison [nieminencastro2017finding]." in answer
    # no thesis in the record: it is silent on education
    answer = plan_answer_text(REPO / "examples" / "zewen-chi.txt", "Where did he do his PhD?")
    assert "says nothing about education" in answer


def test_the_reference_of_a_thesis_names_its_university() -> None:
    refs = {r.title: r for r in references(_profile(BIB, "x.bib"))}
    assert refs["Tidal mixing in shallow estuaries"].venue == \
        "Thesis, Department of Earth Sciences, University of Tromsdal"
    assert refs["Mixing and stratification in the Varne estuary"].venue == "Estuarine Science"
