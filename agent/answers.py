"""Answer plans: for each kind of question (agent/questions.py), what a true answer says.

Every plan is true by construction, like the planner's outlines it borrows from:
- yes/no opens with "Yes" or "No", then the papers that show it (or the nearest one);
- an overview gives the lines of work with their sizes, the signature works and where
  the work is now;
- a question about years is told like a phase of the trajectory, from the papers dated
  in that window (and, for "how did it change after 2023", the papers before it);
- a list names the papers on the subject; a named work says what it contributes;
- a comparison sets the two works, or the two subjects, side by side;
- "not in the record" only when nothing matches, never when papers do.

A plan has three parts: the verdict (record-level sentences such as "No: none of ...",
which cite nothing and are not rewritten), the lead (claims that carry the answer and are
not rewritten, only verified) and the body (claims a model may rewrite; each is verified).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from agent.models import Claim, FactSheet, Paper, Profile
from agent.plan import Planner
from agent.questions import Question, QuestionKind, without_claim_noun
from agent.realize import (MAX_KEYS_PER_CLAIM, MAX_QUOTED_WORDS, PRONOUN_START, STATISTIC,
                           by_date, capitalized, date_key, has_markup, join_and,
                           opening_count, other_names, short_name, stated_result)
from agent.retrieve import Retriever, content_words
from agent.text import NOTICE_TITLE, abstract_sentences, own_sentences, turn
from agent.verify.lexicon import GENERIC_STEMS, stem
from agent.verify.record import (absence_parts, limitation_said, limitations, no_term_said,
                                 no_word_said, venue_matches, word_user)

# Papers an answer names one by one; a longer list is counted and cut.
MAX_ANSWER_PAPERS = 6
# "What is her most recent work?", "Which is his latest paper?": one work, not a period.
_ONE_LATEST = re.compile(r"\b(?:most\s+recent|latest|newest)\s+(?:work|paper|publication|"
                         r"article|study|project|preprint)\b(?!s)", re.I)
# Words of a question about a named work that describe none of its papers ("What did the
# HySpell study report?": "study", "report"), beside the stop words content_words drops.
_QUALIFIER_FILLER = frozenset("""did does study paper article work report reports reported
finds shows showed say says said got gave result results""".split())
# Papers an open question's answer draws on.
OPEN_PAPERS = 4


@dataclass
class AnswerPlan:
    """What an answer says, in the order it says it."""

    kind: QuestionKind
    # Statements about the record computed from it (counts, absences), with the papers
    # they count (none for an absence); exact, so not rewritten.
    verdict: list[tuple[str, list[str]]] = field(default_factory=list)
    lead: list[Claim] = field(default_factory=list)    # verified, never rewritten
    body: list[Claim] = field(default_factory=list)    # verified, may be rewritten
    keys: list[str] = field(default_factory=list)      # the papers it is about (follow-ups)

    @property
    def empty(self) -> bool:
        return not (self.verdict or self.lead or self.body)


# A question after what a work found rather than what it does ("What did the survey find?").
_ASKS_FINDINGS = re.compile(r"\b(?:find|finds|found|findings?|show|shows|showed|shown|"
                            r"conclude[sd]?|conclusions?|results?|learn(?:ed|t)?|"
                            r"achieve[sd]?|accomplish(?:ed)?|report|reports|reported|"
                            # "What did the 2017 correction change?"
                            r"change|changed|correct|corrected)\b", re.I)


# A comparison of two subjects that asks how they differ or what they found: each side's
# paper, with its finding, beside the count of papers on it.
_WEIGHS_SIDES = re.compile(r"\b(?:differ\w*|agree\w*|disagree\w*|consistent|contradict\w*|"
                           r"find|found|findings?|results?|show|showed|compare[sd]?)\b", re.I)


# A topic that is something done to a thing ("cutting quick returns", "raising the minimum
# wage"): the thing, which the papers name, is what the answer looks for.
_ACTED_ON = re.compile(r"^[a-z]+ing\s+(?:the\s+|a\s+|an\s+)?(?P<what>\w.*)$", re.I)


# The words a finding is told with, which no account of the paper before it need have said.
_REPORTING_STEMS = frozenset(stem(w) for w in "it reports found finds".split())


class Answerer:
    """Answer plans over one profile, its fact sheet, its retriever and its planner."""

    def __init__(self, profile: Profile, facts: FactSheet, retriever: Retriever,
                 planner: Planner, check: Callable[[str, list[str]], bool],
                 supporting: Callable[[str], list[str]] | None = None) -> None:
        self.profile = profile
        self.check = check  # whether the verifier passes a sentence citing these keys
        # The papers the verifier finds supporting a sentence that cites none (an absence:
        # the papers that refute it, where the retriever's search found nothing).
        self.supporting = supporting
        self.facts = facts
        self.retriever = retriever
        self.planner = planner
        self.papers = {p.key: p for p in profile.papers}
        self.owner = facts.owner

    # --- what the question names -----------------------------------------------------------

    def works(self) -> dict[str, str]:
        """Names a question may use for one paper, lower-cased: its short name and its title."""
        names: dict[str, str] = {}
        for paper in self.profile.papers:
            for name in [short_name(paper), *other_names(paper)]:
                if name:
                    names.setdefault(name.lower(), paper.key)
            names.setdefault(paper.title.lower().strip(" ."), paper.key)
        return names

    # --- plans -----------------------------------------------------------------------------

    def plan(self, question: Question, within: Sequence[str] | None = None) -> AnswerPlan:
        """The answer plan for a classified question; within: the previous answer's papers,
        for a follow-up ("which of those ...")."""
        scope = list(within) if within is not None and question.follow_up else None
        if question.topic:
            # "JWST", "Ramsey numbers" as the question writes them, not lower-cased.
            question = replace(question, topic=_as_written(question.topic, question.text))
        planner = {
            QuestionKind.YES_NO: self._yes_no,
            QuestionKind.OVERVIEW: self._overview,
            QuestionKind.TIME: self._time,
            QuestionKind.LIST: self._list,
            QuestionKind.COMPARISON: self._comparison,
            QuestionKind.WORK: self._work,
        }.get(question.kind, self._open)
        return planner(question, scope)

    def _yes_no(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        plan = AnswerPlan(kind=QuestionKind.YES_NO)
        if not q.topic:
            if q.years:
                window = self._in_window(q.years, scope)
                if not window:
                    plan.verdict = [(f"No: {self._none_dated(q.years)}", [])]
                    return plan
                plan.verdict = [(f"Yes: {self._count_dated(len(window), q.years)}",
                                 window[:MAX_KEYS_PER_CLAIM])]
                plan.body = self.planner.period(window)
                plan.keys = window
                return plan
            return self._open(q, scope)
        on, mentioned = self._on(q.topic, scope)
        if q.years:
            on = [k for k in on if self._dated_in(k, q.years)]
            mentioned = [k for k in mentioned if self._dated_in(k, q.years)]
        if on and (act := _ACT_VERB.match(q.text)) \
                and word_user(act["verb"], self.profile.papers) is None:
            # "Has she discovered planets ...?": papers on planets are no "Yes" when none
            # says it discovered anything; what they do follows.
            plan.verdict = [(f"No: {no_word_said(self.owner, _quoted(act['verb']))}.", [])]
            plan.body = self.planner.described(on[:MAX_ANSWER_PAPERS])
            plan.keys = on + mentioned
        elif on:
            plan.verdict = [self._on_verdict(q.topic, on, "Yes: ")]
            plan.body = self.planner.described(on[:MAX_ANSWER_PAPERS])
            plan.keys = on + mentioned
        elif mentioned:
            shown = mentioned[:3]
            verb = "mentions" if len(mentioned) == 1 else "mention"
            fallback = (f"Yes, in passing: no paper is mainly about {_quoted(q.topic)}, "
                        f"but {_papers(len(mentioned))} {verb} it.")
            plan.verdict = [self._first_true(
                [(f"Yes, in passing: {self._names(shown)} {verb} {q.topic}.", shown)],
                (fallback, shown))]
            plan.body = self.planner.described(mentioned[:MAX_ANSWER_PAPERS])
            plan.keys = mentioned
        else:
            self._absent(plan, q.topic, scope, "No: ", asked=q.text)
        return plan

    def _overview(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        if scope is not None:
            return self._described(QuestionKind.OVERVIEW, scope)
        claims = self.planner.overview()
        return AnswerPlan(kind=QuestionKind.OVERVIEW, lead=claims[:1], body=claims[1:],
                          keys=[k for c in claims for k in c.keys])

    def _time(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        plan = AnswerPlan(kind=QuestionKind.TIME)
        years = q.years or self._recent_or_early(q)
        if years is None and q.topic:
            # "How did her work on downstep change?": that work's papers, by date.
            on, mentioned = self._on(q.topic, scope)
            if keys := on or mentioned:
                plan.verdict = [self._on_verdict(q.topic, keys)]
                plan.body = self.planner.chronicle(keys[:MAX_ANSWER_PAPERS])
                plan.keys = keys
                return plan
        if years is None:  # "how did the work change", over the whole record
            claims = self.planner.changes()
            plan.lead, plan.body = claims[:1], claims[1:]
            plan.keys = [k for c in claims for k in c.keys]
            return plan
        window = self._in_window(years, scope)
        if q.topic:
            on, _ = self._on(q.topic, window)
            window = on
        if not window:
            plan.verdict = [(self._none_dated(years, q.topic), [])]
            return plan
        earlier = [k for k, p in self.papers.items() if p.year is not None and p.year < years[0]]
        if scope is not None:
            earlier = [k for k in earlier if k in set(scope)]
        claims = self.planner.period(window, earlier if q.change else ())
        if not claims:
            claims = self.planner.described(window[:MAX_ANSWER_PAPERS])
        if q.period == "recent" and _ONE_LATEST.search(q.text) and not q.topic:
            # "What is her most recent work?" asks for one work: the latest, then its phase.
            latest = max(window, key=lambda k: (self.papers[k].date or dt.date.min, k))
            told = self.planner.described([latest]) or [Claim(
                id="", text=f"The most recent paper in the record is "
                            f"{self.planner.realizer.ref(self.papers[latest])}.", keys=[latest])]
            # The phase tells the latest work again ("Okafor-Quintero's first-author paper
            # "Water absorption ..." (2026) presents ..."): said once, first.
            paper = self.papers[latest]
            names = [n for n in (paper.title, short_name(paper)) if n]
            claims = [*told, *(c for c in claims if c.keys != [latest]
                                or not any(n in c.text for n in names))]
        plan.lead, plan.body, plan.keys = claims[:1], claims[1:], window
        return plan

    def _list(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        if not q.topic:
            return self._described(QuestionKind.LIST, scope or list(self.papers))
        on, mentioned = self._on(q.topic, scope)
        keys = on or mentioned
        if q.years:
            keys = [k for k in keys if self._dated_in(k, q.years)]
        plan = AnswerPlan(kind=QuestionKind.LIST)
        if not keys:
            return self._absent(plan, q.topic, scope, asked=q.text)
        plan.verdict = [self._count_verdict(keys, q.topic)]
        plan.body = self.planner.described(keys[:MAX_ANSWER_PAPERS])
        plan.keys = keys
        return plan

    def _comparison(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        """Two works side by side, each with what it contributes; or two subjects, each with
        the papers on it. A side that names no work of the record, opposite one that does, is
        the paper it describes ("MixNet" and "the 2026 regional climate emulator")."""
        plan = AnswerPlan(kind=QuestionKind.COMPARISON)
        works = list(q.works[:2])
        if len(works) == 1 and len(q.topics) == 2:
            names = self.works()
            other = next((t for t in q.topics if not _names_work(t, works[0], names)), None)
            found = self._best_paper(other, scope, q.years, exclude=works) if other else None
            works += [found] if found else []
        elif not works and q.aspect == "by_year":
            # "his 2018 and 2023 studies of mobile money and shocks": the paper of each
            # year on the subject (any paper of the year, when none is on it).
            for side in q.topics[:2]:
                # "2018" of "his 2018 and 2023 studies", "2022 ensemble" of "the 2022
                # ensemble and the 2023 intercomparison": the side's own words first.
                year, _, what = side.partition(" ")
                years = (int(year),) * 2
                # A side whose words no paper of its year uses ("the 2020 algorithm") is
                # that year's paper on the subject, or its only paper.
                found = next((k for words in dict.fromkeys(w for w in (what, q.topic) if w)
                              if (k := self._best_paper(words, scope, years, exclude=works))
                              is not None and self._dated_in(k, years)), None)
                if found is None:
                    of_year = [k for k in self.papers if k not in works
                               and (scope is None or k in scope) and self._dated_in(k, years)]
                    found = of_year[0] if len(of_year) == 1 else None
                if found is not None:
                    works.append(found)
        elif not works and all(_ORDINAL.fullmatch(t) for t in q.topics[:2]) and q.topics:
            for side in q.topics[:2]:  # "the first paper" and "the latest"
                if (found := self._best_paper(side, scope, exclude=works)) is not None:
                    works.append(found)
        if len(works) >= 2:
            plan.body = self.planner.described(works)
            plan.keys = works
            if q.aspect == "by_year" or _ASKS_FINDINGS.search(q.text):
                # "... compare in data and findings?": what each found, after what it did.
                plan.body += [claim for key in works if (claim := self._finding(plan, key,
                                                                                 works))]
            return plan
        weighs = _WEIGHS_SIDES.search(q.text) is not None
        sides = []
        for topic in q.topics[:2]:
            topic = _as_written(topic, q.text)  # "Kessholm night-cap", not "kessholm ..."
            on, mentioned = self._on(topic, scope)
            keys = on or mentioned
            if keys:
                plan.verdict.append(self._count_verdict(keys, topic))
                plan.keys += keys
                if weighs:  # the side's paper, sought only when the question weighs them
                    sides.append(self._best_paper(topic, scope, q.years) or keys[0])
            else:
                plan.verdict.append(self._none_verdict(topic, scope,
                                                       self._nearest(topic, scope)))
        if len(sides) == 2 and sides[0] != sides[1]:
            # "How did the 2016 forward-rotation study differ from the ROSTRA trial, and did
            # they agree?": the paper of each side that ranks first, and what it found.
            for key in sides:  # each side told, then what it found
                plan.body += self.planner.described([key])
                if claim := self._finding(plan, key, sides):
                    plan.body.append(claim)
        return plan

    def _work(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        """What a work contributes and finds: named ("XPR"), or described ("the
        evapotranspiration paper")."""
        keys = list(q.works)
        if len(keys) == 1 and (other := self._qualified(q.text, keys[0])) is not None:
            keys = [other]
        # "What is CALVEDGE and how accurate is it?" asks a finding too: its error.
        how_good = _how_good_focus(q.text)
        asks_findings = bool(_ASKS_FINDINGS.search(q.text)) or q.aspect == "findings" \
            or how_good is not None
        # What a one-word thing was found to do ("How well does eDNA detect the frog versus
        # the chytrid fungus?") is the paper on it that ranks first for the whole question:
        # many papers name eDNA, and the question's other words tell which it asks of.
        ranking = q.text if q.aspect == "findings" and len(q.topic.split()) == 1 else None
        found = self._best_paper(q.topic, scope, q.years, query=ranking) \
            if not keys and q.topic else None
        if found is None and not keys and q.aspect == "findings" \
                and (acted := _ACTED_ON.match(q.topic)):
            # "Did cutting quick returns actually reduce sickness absence?": no paper says
            # "cutting quick returns"; the paper on quick returns that ranks first for the
            # whole question (the trial that cut them, not the study that counted them).
            found = self._best_paper(acted["what"], scope, q.years, query=q.text)
        if found:
            keys = [found]
            if asks_findings and not self.papers[found].abstract.strip() \
                    and (other := self._with_findings(q, scope, found)):
                # "What did the bed-net trial find?": the paper whose title says "bed-net
                # trial" is a conference abstract the record holds no abstract of; the
                # trial's own paper, which says what it found, is answered beside it.
                keys.append(other)
        if not keys and q.years and (dated := [k for k in self.papers
                                               if (scope is None or k in scope)
                                               and self._dated_in(k, q.years)]):
            # "What did the 2017 population study of 19 hot Jupiters find?": no paper says
            # "population", but the year names the work; of its papers, the one the whole
            # question ranks first ("19 Hot Jupiters" in its title).
            ranked = [h.key for h in self.retriever.search(q.text, k=len(self.papers))
                      if h.key in dated]
            keys = dated if len(dated) == 1 else ranked[:1]
        if asks_findings:
            keys += [other for key in list(keys)
                     if (other := self._reporting(q.text, key, keys)) is not None]
        if not keys:
            return self._open(q, scope)
        plan = AnswerPlan(kind=QuestionKind.WORK, keys=keys)
        if q.aspect == "limitations":
            # The record holds abstracts, not papers: what an abstract says of the work's
            # limits, word for word, or that it says nothing of them; then what it does.
            for key in keys:
                paper = self.papers[key]
                said = limitations(paper.abstract)
                # By the name its abstract uses, when it has one: the title follows in what
                # the work does, once.
                name = (short_name(paper) or next(iter(other_names(paper)), None)
                        or f'"{paper.title.strip(" .")}"')
                text = limitation_said(name, paper.year, said[0] if said else None)
                plan.verdict.append((text, [key]))
        plan.lead = self.planner.described(keys)
        # "find about Y": every word of Y (or most); "how accurate": any word of accuracy
        about = _asked_about(q.text) if asks_findings else None
        how = None if about else how_good
        for key in keys:
            if (about or how) and (said := _said_about(self.papers[key], about or how,
                                                       any_of=how is not None)):
                # "What did the Zeeland modelling study find about the drivers of
                # salinization?": the abstract's own sentence on the drivers, word for word,
                # before what the paper is otherwise known for.
                who = self._who(plan, key, keys)
                plan.body.append(Claim(id="", text=f'{who} reports: "{said.rstrip(".")}."',
                                       keys=[key]))
                continue
            # "Does X do Y?" is answered by a conclusion before a figure that may be
            # beside the point.
            if claim := self._finding(plan, key, keys, quoted=asks_findings,
                                      figured=q.aspect != "findings"):
                plan.body.append(claim)
            elif q.aspect == "findings" and (concluded := _conclusion(self.papers[key])):
                # "Can eDNA replace capture-mark-recapture ...?": no key figure states it,
                # the abstract's conclusion does ("We conclude that ... it cannot yet
                # replace CMR ..."), word for word.
                plan.body.append(Claim(id="", text=f'{self._who(plan, key, keys)} reports: '
                                                   f'"{concluded.rstrip(".")}."', keys=[key]))
            elif q.aspect == "findings" and (claim := self._finding(plan, key, keys)):
                plan.body.append(claim)
        if not plan.lead:  # nothing to retell: the paper's title and year, at least
            plan.lead = [Claim(id="", text=f"{self.planner.realizer.ref(self.papers[k])} is "
                               f"in the record.", keys=[k]) for k in keys]
            # and what its abstract says it does, quoted: a statement too long for a claim
            # ("We show that no such construction exists within ...: for every q ≥ 17,
            # ..."), or one whose "such" the title explains, is still the answer.
            for key in keys:
                if (own := _own_sentence(self.papers[key])) and not plan.body:
                    plan.body.append(Claim(id="", text=f'Its abstract says: "{own}"',
                                           keys=[key]))
        return plan

    def _finding(self, plan: AnswerPlan, key: str, keys: Sequence[str], quoted: bool = True,
                 figured: bool = True) -> Claim | None:
        """What a paper found: its stated result with what it measures against; else (quoted)
        the abstract's own sentence of what it found or how it compares, where no key figure
        makes a result of it ("What did the survey find?"); None when it states neither, or
        when what the answer says of the paper already says it ("finds no evidence for
        absorption by sodium or potassium", then "It reports that no evidence was found
        for absorption by sodium or potassium")."""
        told = {stem(w) for c in [*plan.lead, *plan.body] if key in c.keys
                for w in content_words(c.text.lower())}
        claim = self._result_claim(plan, key, keys, quoted, figured)
        said = {stem(w) for w in content_words(claim.text.lower())} if claim else set()
        return claim if claim and said - told - _REPORTING_STEMS - {"|"} else None

    def _result_claim(self, plan: AnswerPlan, key: str, keys: Sequence[str], quoted: bool,
                      figured: bool = True) -> Claim | None:
        """The paper's notable claim; else (quoted) its stated result, word for word; else
        (figured) its sentence of a finding in figures (_figured_finding)."""
        if claim := self.planner.realizer.notable(self.papers[key]):
            return claim
        if not quoted or not (said := stated_result(
                self.papers[key], self.planner.realizer.figures.get(key, []),
                longest=MAX_QUOTED_WORDS) or stated_result(
                self.papers[key], None, longest=MAX_QUOTED_WORDS)
                or (figured and _figured_finding(self.papers[key]))):
            return None
        who = self._who(plan, key, keys)
        said = said.rstrip(".")
        # Quoted when word for word; a null result retold without its "we" ("No evidence was
        # found that ...") is no quotation.
        text = (f'{who} reports: "{said}."' if said in self.papers[key].abstract
                else f"{who} reports that {said[0].lower()}{said[1:]}.")
        return Claim(id="", text=text, keys=[key])

    def _says_of(self, key: str, keys: Sequence[str], topic: str, told: Claim | None = None,
                 made: bool = False) -> Claim | None:
        """What a paper says of a claim's subject, quoted: its own sentence on it, one that
        weighs it ("too high", "should be read as upper bounds") before one that only
        states it, never its recap of earlier work ("In earlier work we reported ...");
        None when it has none. told: what the answer says of the paper already."""
        focus = {stem(w) for w in content_words(topic) if w != "|"}
        # A sentence too long to quote gives its clauses after a semicolon ("...; after
        # cleaning, the median relative error ... was 4.1% rather than the 2.3% originally
        # reported"), each a statement of its own.
        sentences = [c for s in abstract_sentences(self.papers[key].abstract)
                     for c in ([s] if len(s.split()) <= MAX_QUOTED_WORDS
                               else s.split("; ")[1:])
                     if len(c.split()) <= MAX_QUOTED_WORDS and not has_markup(c)]

        def shared(s: str) -> int:
            """How many of the claim's words the sentence uses: of several findings, the one
            that says most of the claim's subject is quoted."""
            return len(focus & {stem(w) for w in content_words(s)})

        def on_it(s: str) -> bool:
            return shared(s) > 0

        recap = next((i for i, s in enumerate(sentences) if _RECAP.search(s) and on_it(s)), None)
        if recap is not None:
            # A paper that retells the claim weighs it in the sentences after, in any words
            # ("That figure was too high: ..."); one that points back is quoted with it.
            # The weighing is of the claim: on its subject, pointing back, or right after
            # the retelling; not a later hedge of the paper's own ("Because published
            # studies are biased ..., the median efficiency likely overstates ...").
            weighs = [s for i, s in enumerate(sentences[recap + 1:]) if _WEIGHS.search(s)
                      and (len(s.split()) >= _MIN_WEIGHING_WORDS or _POINTS_BACK.match(s))
                      and (i == 0 or on_it(s) or _POINTS_BACK.match(s))]
            weighing = next((s for s in weighs if _NAMES_EARLIER.search(s)), None) or next(
                (s for s in weighs if not _POINTS_BACK.match(s)
                 or len(s.split()) >= _MIN_WEIGHING_WORDS), None)
            if weighing is None:
                return None
            quote = (f"{sentences[recap].rstrip('.')}. {weighing.rstrip('.')}"
                     if _POINTS_BACK.match(weighing) else weighing.rstrip("."))
        else:
            on_topic = [s for s in own_sentences(self.papers[key].abstract)
                        if s in sentences and on_it(s) and len(s.split()) >= _MIN_WEIGHING_WORDS]
            if not on_topic:
                return None
            # How it fared; else, where the answer says nothing of the subject ("X is also
            # the sole author of ...", "traces the life course of the sailor"), what the
            # paper says of it, in figures first.
            # The paper that made the claim (the first of several) is not quoted for its own
            # hedge ("... so these balance gains may overstate increases in household
            # wealth"): what a later paper says weighs it.
            # made: the paper a later one retells the claim of ("Our 2019 study ... found
            # that ..."), which is the one that made it, whatever its place among the keys.
            first = made or len(keys) > 1 and key == next(iter(self._dated(keys)), None)
            # Of several, the one that says most of the claim's subject ("The spillover
            # finding does not: contracted rents ... in uncovered buildings ...", of rents in
            # uncontrolled buildings, before "The supply finding holds: ... rental units").
            weighing = max((s for s in on_topic if _WEIGHS.search(s)
                            and not (first and _HEDGED.search(s))),
                           key=shared,
                           default=None)
            # The paper that made the claim states it with its statistic ("... accounted
            # for an estimated 31 percent (95 percent confidence interval 24 to 38 percent)
            # of annual recharge"): that is the claim a later paper weighs, whatever the
            # answer says the paper did.
            claimed = max((s for s in on_topic if first and STATISTIC.search(s)
                           and not _HEDGED.search(s) and not _authors_did(s)),
                          key=shared,
                          default=None)
            if weighing is None and claimed is None and told is not None \
                    and told.predicate is not None and on_it(told.text):
                return None
            # In figures, a finding before the authors telling what they did ("We
            # deposited a thin layer of ... PEA2PbI4 ...": figures of a formula).
            figured = [s for s in on_topic if re.search(r"\d", s)]
            # Of several findings in figures, the one that says most of the claim's subject
            # ("Asking rents for units in uncovered buildings rose by 5.1%", of rents in
            # uncontrolled buildings, before "About 60% of the decline reflects sales").
            found = max((s for s in figured if not _authors_did(s)),
                        key=shared,
                        default=None)
            quote = (weighing or claimed or found
                     or next(iter(figured), on_topic[0])).rstrip(".")
        return Claim(id="", text=f'{self._who(AnswerPlan(kind=QuestionKind.OPEN), key, keys)} '
                                 f'says: "{quote}."', keys=[key])

    def _who(self, plan: AnswerPlan, key: str, keys: Sequence[str]) -> str:
        """How a finding of the paper opens: "It" when the paper was named right before (by
        the lead, or, with no lead, by "... is in the record" of the one paper asked about);
        else its reference ("XPR (2022)")."""
        first = not plan.body and (plan.lead[-1].keys == [key] if plan.lead
                                   else len(keys) == 1)
        return "It" if first else capitalized(self.planner.realizer.ref(self.papers[key]))

    def _qualified(self, question: str, named: str) -> str | None:
        """Another paper of the named work that the question's other words describe better:
        "the online HySpell study" is "Online evaluation of the HySpell hybrid BCI speller
        ...", not the paper that introduced HySpell. Its title must write the name and more
        of the question's words than the named paper's title does; None otherwise. A notice
        (a correction of it) is never the one meant."""
        low = question.lower()
        names = [n for n, k in self.works().items() if k == named and len(n) >= 2
                 and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", low)]
        if not names:
            return None
        name = max(names, key=len)
        asked = {stem(w) for w in content_words(low.replace(name, " ")) if w != "|"}
        asked -= {stem(w) for w in _QUALIFIER_FILLER}

        rivals = [k for k, p in self.papers.items() if k != named
                  and name in p.title.lower() and not NOTICE_TITLE.match(p.title)]
        best = self._best_titled(rivals, asked)
        return best if best is not None and self._title_says(best, asked) > \
            self._title_says(named, asked) else None

    def _title_says(self, key: str, asked: set[str]) -> int:
        """How many of the question's word stems (asked) the paper's title uses."""
        return len(asked & {stem(w) for w in content_words(self.papers[key].title)})

    def _best_titled(self, keys: Sequence[str], asked: set[str]) -> str | None:
        """Of the papers, the one whose title uses the most of the question's words; the
        most recent among equals."""
        return max(keys, key=lambda k: (self._title_says(k, asked),
                                        -(self.papers[k].year or 0)), default=None)

    def _reporting(self, question: str, named: str, keys: Sequence[str]) -> str | None:
        """For "What did the TILT trial show?", where the paper named is the trial's protocol
        and states no result: the paper that reports the work's result, its acronym in its
        title ("Effect of a repositioning ... bundle ... (TILT): a cluster randomised
        controlled trial"), with the most of the question's other words in its title; None
        when the named paper states a result itself, or no other paper does."""
        if stated_result(self.papers[named], None):
            return None
        # Whole names: "TAVI-9b" is not "TAVI-", which "TAVI-28b" would match too.
        acronyms = set(re.findall(r"(?<![\w-])[A-Z][A-Z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])",
                                  question))
        rivals = [k for k, p in self.papers.items() if k not in keys
                  and any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", p.title)
                          for a in acronyms)
                  and not NOTICE_TITLE.match(p.title) and stated_result(p, None)]
        return self._best_titled(rivals, {stem(w) for w in content_words(question.lower())})

    def _with_findings(self, q: Question, scope: list[str] | None, found: str) -> str | None:
        """The paper retrieval ranks next for a described work, of those with an abstract,
        when it is of the kind described (its title or abstract says "trial" for "the
        bed-net trial"); None otherwise."""
        silent = [k for k, p in self.papers.items() if not p.abstract.strip()]
        other = self._best_paper(q.topic, scope, q.years, exclude=[found, *silent])
        kind = q.topic.split()[-1]
        if other is None or not re.search(rf"\b{re.escape(kind)}", " ".join(
                [self.papers[other].title, self.papers[other].abstract]), re.I):
            return None
        return other

    def _open(self, q: Question, scope: list[str] | None) -> AnswerPlan:
        """The papers on the question's subject; else, when the record covers the question
        at all, the papers nearest it; else nothing (the record does not answer it)."""
        if q.topic:
            topic = q.topic
            on, mentioned = self._on(topic, scope)
            if q.aspect in ("held_up", "shows") and len(on or mentioned) < 2 \
                    and (subject := without_claim_noun(topic)) != topic:
                # Whether a claim stood needs the paper that made it and one after it.
                topic = subject
                on, mentioned = self._on(topic, scope)
            # "Did his group's 2022 quantum-advantage claim hold up?": the later papers that
            # retell a claim of that year ("In 2022 our group reported ...") and the paper
            # that made it, whether or not they use the question's words.
            revisits = (self._revisits(q.years, scope) if q.years else
                        self._revisits_of(topic, scope)) if q.aspect == "held_up" else {}
            if on or mentioned or revisits:
                keys = on or mentioned
                plan = self._described(QuestionKind.OPEN, keys) if keys else \
                    AnswerPlan(kind=QuestionKind.OPEN)
                if keys:
                    plan.verdict = [self._count_verdict(keys, _as_written(topic, q.text),
                                                        counted=q.aspect == "count")]
                    if q.aspect in ("held_up", "shows"):
                        # "Does her work show that climate change is causing bigger floods?"
                        # of a record that never says "climate": the papers on floods are
                        # no answer to it unless the answer says so first.
                        plan.verdict[:0] = self._unsaid_parts(topic)
                if revisits:
                    extra = [k for k in self._dated(set(revisits))
                             if k not in keys]
                    plan.body += self.planner.described(extra)
                    keys = self._dated({*keys, *extra})
                    if q.aspect == "held_up" and len(keys) > MAX_ANSWER_PAPERS:
                        # More papers than an answer tells, with a retelling among them:
                        # those that speak to more of what the claim relates are told
                        # ("rent control", "rents": the 2024 revisit of the 2019 estimate,
                        # before a 2021 dataset that says "rents" alone), the rest counted.
                        keys = self._nearest_the_claim(keys, topic)
                    plan.keys = keys
                if q.aspect in ("held_up", "shows"):
                    # "Did her impressment estimate hold up?": what each paper says of it,
                    # in its own words (the estimate, then the revision), in order; what a
                    # paper did where it says nothing of it.
                    told = {c.keys[0]: c for c in plan.body if len(c.keys) == 1}
                    # The papers whose claim a later one retells (not the retellings).
                    made = {k for k in revisits if not any(
                        _RECAP_DATED.search(x) for x in abstract_sentences(
                            self.papers[k].abstract))}
                    said = {key: claim for key in keys[:MAX_ANSWER_PAPERS]
                            if (claim := self._says_of(key, keys, topic, told.get(key),
                                                       key in made)
                                or (self._says_of(key, keys, revisits[key], told.get(key),
                                                  key in made)
                                    if key in revisits else None))}
                    if q.aspect == "shows":
                        # "Does her work show that X?": what each paper found, where it
                        # says nothing in the claim's words.
                        said |= {key: claim for key in keys[:MAX_ANSWER_PAPERS]
                                 if key not in said
                                 and (claim := self._finding(plan, key, keys)) is not None}
                    alone = {c.keys[0] for c in plan.body if len(c.keys) == 1}
                    if q.aspect == "held_up" and len(said) >= 2:
                        # Whether a claim stood is told by the papers that state or weigh
                        # it; one on the subject that says neither (a dataset, a caveat of
                        # another study) is left to the count before it. Where a later
                        # paper retells the claim, it and the paper that made it tell it:
                        # a 2017 paper on rents in covered buildings says nothing of the
                        # 2019 spillover estimate the 2024 paper revisits.
                        if len(set(revisits) & set(said)) >= 2:
                            said = {k: v for k, v in said.items() if k in revisits}
                        plan.body = [c for c in plan.body
                                     if len(c.keys) != 1 or c.keys[0] in said]
                    # A paper told only in a sentence of several ("X is the sole author of
                    # A and B") gets its quotation after it.
                    plan.body = sorted(
                        [*(said.get(c.keys[0], c) if len(c.keys) == 1 else c
                           for c in plan.body),
                         *(claim for key, claim in said.items() if key not in alone)],
                        key=lambda c: date_key(self.papers[c.keys[0]]))
                elif _ASKS_FINDINGS.search(q.text):
                    # "What has he found about generative AI and freelance writers?": what
                    # each paper found, after what it did (a dataset assembled is no finding).
                    plan.body += [claim for key in keys[:MAX_ANSWER_PAPERS]
                                  if (claim := self._finding(plan, key, keys))]
                return plan
            if not self.retriever.covers(q.topic):
                plan = AnswerPlan(kind=QuestionKind.OPEN)
                # Nothing comes near a topic the record does not cover: no nearest paper.
                plan.verdict = [self._none_verdict(q.topic, scope, None)]
                return plan
            # The papers related to the topic, before the nearest to the whole question:
            # "Summarize her work on tactile sensing" is TactileNeRF, not whatever shares
            # "her work" with the question.
            near = [h.key for h in self.retriever.related(q.topic)
                    if scope is None or h.key in scope][:OPEN_PAPERS]
            if near:
                return self._described(QuestionKind.OPEN, near)
        if not self.retriever.covers(q.text):
            return AnswerPlan(kind=QuestionKind.OPEN)
        hits = [h.key for h in self.retriever.search(q.text, k=OPEN_PAPERS * 2)
                if scope is None or h.key in scope][:OPEN_PAPERS]
        return self._described(QuestionKind.OPEN, hits)

    def _revisits(self, years: tuple[int, int] | None, scope: Sequence[str] | None
                  ) -> dict[str, str]:
        """The later papers that retell a claim of the given years ("In 2022 our group
        reported random circuit sampling on the 60-qubit Merrow processor ..."), each with
        the paper of those years whose words its retelling shares most (at least
        _MIN_SHARED_STEMS), the one that made the claim, where there is one; by key. Each
        maps to that retelling's own words, the subject its verdict is found by."""
        if not years:
            return {}
        pool = [k for k in self.papers if scope is None or k in scope]
        found: dict[str, str] = {}
        for key in pool:
            paper = self.papers[key]
            if paper.year is None or paper.year <= years[1]:
                continue
            for sentence in abstract_sentences(paper.abstract):
                dated = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)]
                if _RECAP_DATED.search(sentence) and any(years[0] <= y <= years[1]
                                                         for y in dated):
                    found[key] = sentence
                    break
        out: dict[str, str] = {}
        for key, sentence in found.items():
            out[key] = sentence
            words = {stem(w) for w in content_words(sentence)} - GENERIC_STEMS
            made = max(((len(words & {stem(w) for w in content_words(
                f"{p.title} {p.abstract}")}), k) for k in pool
                if (p := self.papers[k]).year is not None and years[0] <= p.year <= years[1]),
                default=(0, ""))
            if made[0] >= _MIN_SHARED_STEMS:
                out.setdefault(made[1], sentence)
        return out

    def _best_paper(self, description: str, scope: Sequence[str] | None,
                    years: tuple[int, int] | None = None, exclude: Sequence[str] = (),
                    query: str | None = None) -> str | None:
        """The one paper a description means: "the first" or "the latest" paper by date;
        else, of the papers on it (or mentioning it, or near it when the record covers
        it), the one retrieval ranks first (for query, when given: the whole question), in
        the years the question names if any."""
        if (ordinal := _ORDINAL.fullmatch(description.strip())) is not None:
            dated = [k for k in self._dated(scope if scope is not None else self.papers)
                     if k not in exclude]
            if not dated:
                return None
            return dated[0] if ordinal["early"] else dated[-1]
        if years and (by_venue := [k for k, p in self.papers.items()
                                   if k not in exclude and (scope is None or k in scope)
                                   and self._dated_in(k, years) and p.venue
                                   and venue_matches(description, p.venue, p.year)]):
            return by_venue[0]  # "the 2025 Economic Journal paper"
        on, mentioned = self._on(description, scope)
        pool = [k for k in (on or mentioned) if k not in exclude]
        ranked = [h.key for h in self.retriever.search(query or description,
                                                        k=len(self.papers))
                  if (scope is None or h.key in scope) and h.key not in exclude]
        if years:
            pool = [k for k in pool if self._dated_in(k, years)] or pool
            ranked = [k for k in ranked if self._dated_in(k, years)] or ranked
        if pool:
            return next((k for k in ranked if k in pool), pool[0])
        if ranked and self.retriever.covers(description):
            return ranked[0]
        return None

    # --- helpers ---------------------------------------------------------------------------

    def _revisits_of(self, topic: str, scope: Sequence[str] | None) -> dict[str, str]:
        """_revisits of a claim asked without its year ("Did her finding that rent control
        pushed up rents in uncontrolled buildings hold up?"): the years are those of the
        retellings ("Our 2019 study ... found that rent control ... raised asking rents in
        nearby uncovered buildings by 5.1%") that state at least two of what the claim
        relates (all of it, when it is one thing), and only such retellings count."""
        parts = _claim_parts(topic)
        need = min(2, len(parts))

        def states(sentence: str) -> bool:
            return need > 0 and _parts_stated(parts, sentence) >= need

        years = {int(y) for key, paper in self.papers.items() if scope is None or key in scope
                 for sentence in abstract_sentences(paper.abstract)
                 if _RECAP_DATED.search(sentence) and states(sentence)
                 for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)}
        if not years:
            return {}
        return {k: sentence for k, sentence in
                self._revisits((min(years), max(years)), scope).items() if states(sentence)}

    def _nearest_the_claim(self, keys: Sequence[str], topic: str) -> list[str]:
        """The keys, the MAX_ANSWER_PAPERS that state the most of the claim's parts (each
        part's words all in the title or abstract; ties go to the earlier) first, by date,
        then the rest, by date."""
        parts = _claim_parts(topic)

        def stated(key: str) -> int:
            paper = self.papers[key]
            return _parts_stated(parts, f"{paper.title} {paper.abstract}")

        ranked = sorted(keys, key=lambda k: -stated(k))  # stable: by date within a count
        told = set(ranked[:MAX_ANSWER_PAPERS])
        return [k for k in keys if k in told] + [k for k in keys if k not in told]

    def _described(self, kind: QuestionKind, keys: Sequence[str]) -> AnswerPlan:
        keys = list(keys)
        return AnswerPlan(kind=kind, body=self.planner.described(keys[:MAX_ANSWER_PAPERS]),
                          keys=keys)

    def _on(self, topic: str, scope: Sequence[str] | None) -> tuple[list[str], list[str]]:
        """Papers on the topic, and papers that only mention it, oldest first. A topic that
        lists several ("robots or hardware") that no paper takes up whole is each of them:
        the papers on robots are on it, and "no papers on robots or hardware" is false."""
        on, mentioned = self._found(topic)
        if not on and not mentioned:
            for part in absence_parts(topic):
                part_on, part_mentioned = self._found(part)
                on |= part_on
                mentioned |= part_mentioned
            mentioned -= on
        if scope is not None:
            on &= set(scope)
            mentioned &= set(scope)
        return self._dated(on), self._dated(mentioned)

    def _line_papers(self, topic: str) -> set[str]:
        """The papers of a named line of work the topic names: "reasoning" asks for the line
        "reasoning models" (its name's words include the topic's), whose papers read alike
        even where one does not use the word."""
        wanted = set(content_words(topic)) - {"|"}
        if not wanted:
            return set()
        keys: set[str] = set()
        for line in self.facts.topics:
            if line.named and not line.other and wanted <= set(content_words(line.label)):
                keys |= set(line.paper_keys)
        return keys

    def _nearest(self, topic: str, scope: Sequence[str] | None) -> str | None:
        """The paper nearest a topic the record has no paper on, when one comes near."""
        if not self.retriever.covers(topic):
            return None
        for hit in self.retriever.search(topic, k=5):
            if scope is None or hit.key in scope:
                return hit.key
        return None

    def _first_true(self, candidates: Sequence[tuple[str, list[str]]],
                    fallback: tuple[str, list[str]]) -> tuple[str, list[str]]:
        """The first wording the verifier passes; else the fallback, a statement computed
        from the record that the verifier has no rule for (it counts what retrieval found)."""
        for text, keys in candidates:
            if self.check(text, keys):
                return text, keys
        return fallback

    def _on_verdict(self, topic: str, keys: Sequence[str], lead: str = "",
                    counted: bool = False) -> tuple[str, list[str]]:
        """"4 papers in the record are on X, from 2022 to 2026.", citing them; for more papers
        than an answer describes, "Papers in the record on X include A, B and C." A topic
        that lists several ("robots or hardware"), of which the papers are on some, is said
        as those ("one paper in the record is on robots"): the papers bear that out."""
        keys = list(keys)
        parts = absence_parts(topic)
        if parts:
            found = [p for p in parts if set(keys) & set().union(*self._found(p))]
            if found and len(found) < len(parts):
                topic = " or ".join(found)
        if len(keys) <= MAX_ANSWER_PAPERS:
            # "One paper ...": a count that opens a sentence is spelled out.
            head = "one paper in the record is" if len(keys) == 1 else \
                f"{len(keys)} papers in the record are"
            said = f": {self._names(keys)}" if len(keys) == 1 else self._years_of(keys)
            candidates = [(f"{lead}{head} on {topic}{said}.", keys)]
        else:
            shown = keys[:3]
            include = f"{lead}papers in the record on {topic} include {self._names(shown)}."
            candidates = [(include, shown)]
        count = f"{lead}the record of {self.owner} has {_papers(len(keys))} on {_quoted(topic)}."
        if counted and len(keys) > MAX_ANSWER_PAPERS:
            # Asked how many: the count, citing every paper it counts, before any listing.
            candidates.insert(0, (f"{lead}{len(keys)} papers in the record are on {topic}"
                                  f"{self._years_of(keys)}.", keys))
        text, cited = self._first_true(candidates, (count, keys[:MAX_KEYS_PER_CLAIM]))
        # "Three papers in the record are on calves": a count that opens a sentence in words.
        return (_capital(text) if lead else opening_count(text)), cited

    def _affiliated(self, topic: str, keys: Sequence[str], lead: str = ""
                    ) -> tuple[str, list[str]] | None:
        """"ECMWF is among the affiliations listed on WeatherMesh (2022) and RainDiff (2024)":
        when the topic is an affiliation of every paper found (a paper is not "on" its
        institution), and the verifier passes the sentence; else None."""
        def folded(text: str) -> str:
            return re.sub(r"[^0-9a-z]", "", text.lower())
        wanted = folded(topic)
        if not wanted or not all(wanted in {folded(a) for a in self.papers[k].affiliations}
                                 for k in keys):
            return None
        shown = list(keys)[:MAX_ANSWER_PAPERS]
        text = _capital(f"{lead}{topic} is among the affiliations listed on "
                        f"{self._names(shown)}.")
        return (text, shown) if self.check(text, shown) else None

    def _found(self, topic: str) -> tuple[set[str], set[str]]:
        """The papers on the topic (the retriever's and its named line's), and those that
        only mention it."""
        on = set(self.retriever.on_topic(topic)) | self._line_papers(topic)
        return on, {m.key for m in self.retriever.mentions(topic)} - on

    def _years_of(self, keys: Sequence[str]) -> str:
        """", from 2022 to 2026" when every paper has a year and they differ; ", in 2025"
        when they share one."""
        years = sorted(p.year for k in keys if (p := self.papers[k]).year)
        if len(years) != len(keys) or not years:
            return ""
        if years[0] == years[-1]:
            return f", in {years[0]}" if len(keys) > 1 else f" ({years[0]})"
        return f", from {years[0]} to {years[-1]}"

    def _none_verdict(self, topic: str, scope: Sequence[str] | None,
                      nearest: str | None, lead: str = "") -> tuple[str, list[str]]:
        """"No: the record of X holds no papers on Y.", which the verifier checks against
        every paper; when it finds one that speaks to Y after all, the answer says that
        no paper is mainly on Y and names the nearest (self._nearest, found once by the
        caller, whose body then says what that paper does)."""
        if scope is None and self.retriever.unknown(topic):
            # No paper uses a word of it: that much is known, and checked. "Holds no
            # papers on misinformation" would claim more than the words can show, of a
            # record on false claims, rumours and fact-checks.
            text = f"{lead}{no_word_said(self.owner, _quoted(topic))}."
            if self.check(text, []):
                return _capital(text), []
        if scope is None and nearest is not None and self._names_part_of(topic, nearest):
            # "Has she worked on questionnaire validation?", of a record with "Development
            # and validation of the Adolescent Worry and Rumination Scale": the nearest
            # paper's title says a telling word of the topic, so "No" may be false in all
            # but the words. The answer says only what the words show.
            return _capital(f"no paper in the record of {self.owner} is mainly on "
                            f"{_quoted(topic)}; the nearest is {self._names([nearest])}."), \
                [nearest]
        if scope is None:
            text = f"{lead}the record of {self.owner} holds no papers on {topic}."
            if self.check(text, []):
                if nearest is not None:
                    # The absence is what is checked (uncited, against every paper); the
                    # nearest paper is cited by the sentences that follow.
                    near = f"{text.removesuffix('.')}; the nearest is {self._names([nearest])}."
                    return _capital(near), []
                return _capital(text), []
        elif nearest is None:
            return _capital(f"{lead}none of those {_papers(len(scope))} is on "
                            f"{_quoted(topic)}."), []
        if nearest is None:
            return _capital(f"{lead}no paper in the record of {self.owner} is on "
                            f"{_quoted(topic)}."), []
        return _capital(f"{lead}no paper in the record of {self.owner} is mainly on "
                        f"{_quoted(topic)}; the nearest is {self._names([nearest])}."), [nearest]

    def _unsaid_parts(self, topic: str) -> list[tuple[str, list[str]]]:
        """"No paper in the record of X uses the term “climate change”." (or "the word"
        of one word) for each thing a claim relates that no paper speaks of (verified,
        uncited: it is checked against every paper); none when the claim is one thing, or
        every part is said."""
        out = []
        for part in absence_parts(topic) if " and " in topic else []:
            # A part whose last words the papers do take up is said in other words, not
            # absent: "push out long-term tenants" of a record on "the exit of long-term
            # tenants". "climate change" is its own last words.
            head = " ".join(part.split()[-2:])
            if not any(self._found(part)) and not any(self._found(head)):
                said = no_term_said if len(part.split()) > 1 else no_word_said
                text = f"{said(self.owner, _quoted(part))}."
                if self.check(text, []):
                    out.append((_capital(text), []))
        return out

    def _names_part_of(self, topic: str, key: str) -> bool:
        """Whether a paper's title says a telling word of the topic: a content word that
        at most half the record's papers use ("validation", not "work" or "learning")."""
        shared = {stem(w) for w in content_words(topic)} & {
            stem(w) for w in content_words(self.papers[key].title)}
        return any(self.retriever.stating(w) <= len(self.papers) / 2 for w in shared)

    def _absent(self, plan: AnswerPlan, topic: str, scope: Sequence[str] | None,
                lead: str = "", asked: str = "") -> AnswerPlan:
        """The plan of an answer that finds nothing on the topic: the verdict of absence,
        and what the nearest paper does when one comes near. When the verifier refutes the
        absence (a paper's record supports the topic where the search did not look: "ecmwf"
        among a paper's affiliations), the papers it found are the answer instead."""
        if scope is None and self.supporting is not None:
            # The verdict's own sentence (_none_verdict checks it again, remembered).
            absence = f"the record of {self.owner} holds no papers on {topic}."
            found = self._dated([k for k in self.supporting(absence) if k in self.papers])
            affiliated = self._affiliated(_as_written(topic, asked), found,
                                          "Yes: " if lead else "") if found else None
            if found and (affiliated or self._say_all_of(topic, found)):
                plan.verdict = [affiliated
                                or self._on_verdict(topic, found, "Yes: " if lead else "")]
                plan.body = self.planner.described(found[:MAX_ANSWER_PAPERS])
                plan.keys = found
                return plan
        nearest = self._nearest(topic, scope)
        plan.verdict = [self._none_verdict(topic, scope, nearest, lead)]
        plan.body = self.planner.described([nearest]) if nearest else []
        return plan

    def _say_all_of(self, topic: str, keys: Sequence[str]) -> bool:
        """Whether the papers, together, use every telling word of the topic's head, the
        words before its first preposition: the verifier refutes "no papers on staffing
        levels in home care services" with papers on home care services that say nothing
        of staffing, which are no "Yes". What follows the head may be said in other words
        ("against conventional fishing-net surveys" of papers on trawls)."""
        head = _HEAD_ENDS.split(topic, maxsplit=1)[0]
        wanted = {stem(w) for w in content_words(head) if w != "|"} - GENERIC_STEMS
        said = {stem(w) for k in keys
                for w in content_words(f"{self.papers[k].title} {self.papers[k].abstract}")}
        return wanted <= said

    def _names(self, keys: Sequence[str]) -> str:
        """Papers by short name and year, else by title: "InfoXLM (2020) and XLM-E (2021)"."""
        names = []
        for key in keys:
            paper = self.papers[key]
            name = short_name(paper) or f"\u201c{paper.title}\u201d"
            names.append(f"{name} ({paper.year})" if paper.year else name)
        return join_and(names)

    def _count_verdict(self, keys: Sequence[str], topic: str, counted: bool = False
                       ) -> tuple[str, list[str]]:
        """How many papers are on the topic, and which (counted: the number first, however
        many they are: "How many papers does she have on falls?")."""
        return self._on_verdict(topic, self._dated(keys), counted=counted)

    def _in_window(self, years: tuple[int, int], scope: Sequence[str] | None) -> list[str]:
        keys = [k for k in self.papers if self._dated_in(k, years)]
        if scope is not None:
            keys = [k for k in keys if k in set(scope)]
        return self._dated(keys)

    def _dated_in(self, key: str, years: tuple[int, int]) -> bool:
        year = self.papers[key].year
        return year is not None and years[0] <= year <= years[1]

    def _dated(self, keys: Sequence[str] | set[str]) -> list[str]:
        return [p.key for p in by_date(self.papers[k] for k in keys)]

    def _recent_or_early(self, q: Question) -> tuple[int, int] | None:
        """The first phase for "early on", the last for "recently"; None otherwise."""
        phases = self.facts.phases
        if not phases or q.change or not q.period:
            return None
        phase = phases[0] if q.period == "early" else phases[-1]
        return (phase.start_year, phase.end_year)

    def _when(self, years: tuple[int, int]) -> str:
        first, last = years
        if first <= 1900:
            return f"before {last + 1}"
        if first == last:
            return f"in {first}"
        if self.facts.last_year is not None and last >= self.facts.last_year:
            return f"since {first}"
        return f"from {first} to {last}"

    def _span(self) -> str:
        first, last = self.facts.first_year, self.facts.last_year
        if first is None:
            return ""
        return f"{first}" if first == last else f"{first} to {last}"

    def _count_dated(self, count: int, years: tuple[int, int]) -> str:
        return f"the record of {self.owner} has {_papers(count)} dated {self._when(years)}."

    def _none_dated(self, years: tuple[int, int], topic: str = "") -> str:
        about = f" on {_quoted(topic)}" if topic else ""
        span = self._span()
        tail = f"; its papers span {span}." if span else "."
        return f"The record of {self.owner} has no papers{about} dated {self._when(years)}{tail}"


# "find about the drivers of salinization", "report regarding latency": what of the work's
# findings the question asks for.
_ABOUT = re.compile(r"\b(?:find|finds|found|findings|show|shows|showed|report|reports|"
                    r"reported|conclude|concludes|concluded|say|says|said|learn|learned|"
                    r"results?)\s+(?:about|regarding|concerning|on)\s+(?P<what>[^?]+)", re.I)


def _asked_about(question: str) -> list[str] | None:
    """The stems of the content words the question asks a work's findings about, or None."""
    match = _ABOUT.search(question)
    words = [stem(w) for w in content_words(match["what"]) if w != "|"] if match else []
    return words or None


# "How accurate was the HJEM algorithm?": the words in which an abstract states it. Written
# by hand: a short list per adjective a question of how good a work is may use.
_ACCURACY_WORDS = ("accuracy", "sensitivity", "specificity", "precision", "recall", "error",
                   "auc", "f1")
_HOW_GOOD_WORDS = {
    "accurate": _ACCURACY_WORDS,
    "accurately": _ACCURACY_WORDS,
    "reliable": ("reliability", "agreement", "kappa", "icc", "consistency"),
    "fast": ("speed", "speedup", "latency", "faster", "throughput", "seconds"),
}
_HOW_GOOD_ASKED = re.compile(rf"(?:^|\band\s+)how ({'|'.join(_HOW_GOOD_WORDS)})\b", re.I)


def _how_good_focus(question: str) -> list[str] | None:
    """The stems of the words that state how good a work is, as the question asks it."""
    asked = _HOW_GOOD_ASKED.search(question.strip())
    return [stem(w) for w in _HOW_GOOD_WORDS[asked[1].lower()]] if asked else None


def _said_about(paper: Paper, focus: Sequence[str], any_of: bool = False) -> str | None:
    """The abstract's sentence, from where it turns to its own work, that holds the most of
    the asked words (all of one or two, else at least two thirds; any one of them, any_of),
    a finding before the authors telling what they did ("We built Wagtail, a 28 kg ...
    quadruped whose lower legs contain linear springs ..." is no finding about its springs),
    then the earliest of a tie; None when none does, it runs past MAX_QUOTED_WORDS, or the
    best says only what the authors did."""
    need = 1 if any_of else len(focus) if len(focus) <= 2 else -(-2 * len(focus) // 3)
    best, held = None, (0, False)
    for sentence in own_sentences(paper.abstract):
        stems = {stem(w) for w in content_words(sentence)}
        count = sum(f in stems for f in dict.fromkeys(focus))
        score = (count, not _authors_did(sentence))
        if score > held and count >= need and len(sentence.split()) <= MAX_QUOTED_WORDS \
                and not has_markup(sentence):
            best, held = sentence, score
    return best if held[1] else None  # what was done is no finding: the paper's result is


# Where a topic's head noun phrase ends: "staffing levels | in home care services".
_HEAD_ENDS = re.compile(r"\s+(?:in|on|of|for|against|versus|vs\.?|with|among|across|by|from|"
                        r"to|into|within|without|under|over|between|at|during|after|before)\s+",
                        re.I)
# An abstract's sentence that concludes: "We conclude that ...", "These results suggest ...".
_CONCLUDES = re.compile(r"^(?:(?:we|I)\s+(?:therefore\s+)?conclude\b|(?:these|our|the)\s+"
                        r"(?:results|findings)\s+(?:suggest|indicate|show|imply)\b|"
                        r"(?:overall|taken together|in sum),)", re.I)


# A finding told as a contrast or a change: "Book leaves were predominantly calf ...,
# whereas charters were predominantly sheep", "The share ... fell from 19.4 per cent ...".
_CONTRASTS = re.compile(r"\b(?:whereas|than|compared|while|fell|rose|declined|increased|"
                        r"decreased|doubled|halved)\b", re.I)


# The authors speaking: "We sampled 146 leaves", "our cohort", "I test" (a capital "I"
# only: "i" is no word of theirs).
_BY_THE_AUTHORS = re.compile(r"\b(?:(?i:we|our|us|my)|I)\b")
# The authors telling what they found, which is a finding for all its "we": "..., we find
# that participation ... rose from 23% to 88%".
_WE_FOUND = re.compile(r"\b(?:we|I)\s+(?:also\s+)?(?:find|found|show|showed|observe|observed)"
                       r"\s+that\b", re.I)


# A sentence that hedges: "may overstate", "cannot observe", "If confirmed, this would be
# among the first detections".
_HEDGED = re.compile(r"\b(?:may|might|could|would|cannot|can\s+not|if\s+confirmed)\b", re.I)


# The authors telling what they did: in the past ("We deposited a thin layer of ..."), or
# with a verb of method ("we pool household-level data from the 19 trials ...").
_WE_DID = re.compile(r"\b(?:we|I)\s+(?:also\s+|then\s+|first\s+)?(?:[a-z]+ed|built|made|ran|"
                     r"took|wrote|drew|grew|held|kept|chose|began|use|pool|link|"
                     r"combine|collect|measure|fit|apply|analy[sz]e|survey|interview|recruit|"
                     r"randomi[sz]e|simulate|compare|follow|track|code|sample)\b", re.I)


def _authors_did(sentence: str) -> bool:
    """The authors telling what they did ("We deposited a thin layer of ..."), not what they
    found ("we find that ...", "we found that ...") nor what they claim ("In this article I
    identify the main hand with Hand H ..."); nor a sentence that points back ("This
    identification places ..."), which cannot be quoted alone."""
    return bool(_WE_DID.search(sentence) and not _WE_FOUND.search(sentence)
                or PRONOUN_START.match(sentence))


def _figured_finding(paper: Paper) -> str | None:
    """The abstract's sentence, from where it turns to its own work, that gives a figure
    and is said of the findings, not by the authors ("we", "I"): one that contrasts or
    tells a change first, else the first. For a question of what a paper found, where
    stated_result finds no result measured against something ("Of the 1,146 acts ...,
    women appear as principal donors in 163 (14.2 per cent)"); None when none does."""
    def figured(sentences: Sequence[str]) -> list[str]:
        return [s for s in sentences if re.search(r"\d", s)
                and not _BY_THE_AUTHORS.search(s)
                and len(s.split()) <= MAX_QUOTED_WORDS and not has_markup(s)
                and not PRONOUN_START.match(s)]

    # A chapter that turns to its own work late ("I test whether copying altered ...")
    # gives its findings before: then every sentence after the opening is read.
    said = figured(own_sentences(paper.abstract)) \
        or figured(abstract_sentences(paper.abstract)[1:])
    return next((s for s in said if _CONTRASTS.search(s)), said[0] if said else None)


def _conclusion(paper: Paper) -> str | None:
    """The abstract's last sentence that concludes, short enough to quote; None if none."""
    return next((s for s in reversed(abstract_sentences(paper.abstract))
                 if _CONCLUDES.match(s) and len(s.split()) <= MAX_QUOTED_WORDS
                 and not has_markup(s)), None)


# "Has she discovered planets ...?", "Did he invent ...?": a verb that claims an act, which
# papers on the thing do not show unless one says it (not "worked on", "studied", "used").
_ACT_VERB = re.compile(r"^(?:has|have|had|did|does|do)\s+(?:she|he|they|[\w.'-]+(?:\s+[\w.'-]+)"
                       r"{0,3}?)\s+(?:ever\s+)?(?P<verb>discovered|discover|invented|invent|"
                       r"proved|proven|prove|patented|patent)\b", re.I)
# A paper's recap of earlier work, its own or others': what it goes on to test, not what
# it found ("In earlier work we reported ...", "In Wages of the Sea (2015) I estimated").
# "In 2022 our group reported ...": the authors' own claim of a named year, retold.
_IN_YEAR_WE = (r"^In\s+(?:19|20)\d\d,?\s+(?:we|I|our\s+(?:group|lab|laboratory|team))\s+"
               r"(?:reported|showed|found|claimed|estimated|proposed|concluded|argued|"
               r"distinguished|identified|attributed|dated|suggested)\b")
_RECAP = re.compile(r"\b(?:earlier|previous|prior)\s+(?:work|study|studies|paper|analys[ie]s)\b"
                    r"|\b(?:we|I)\s+(?:have\s+)?(?:previously|earlier)\b"
                    r"|^In\s+[A-Z][^,]*\((?:19|20)\d\d\),?\s+(?:we|I)\b"
                    rf"|{_IN_YEAR_WE}")
# A retelling of the authors' own claim of a named year: "In 2022 our group reported ...",
# "our 2019 detection", "we reported in 2019" (_revisits).
_RECAP_DATED = re.compile(
    rf"{_IN_YEAR_WE}"
    r"|\b(?:our|my)\s+(?:own\s+)?(?:earlier\s+)?(?:19|20)\d\d\s+(?:\w+\s+){0,3}?"
    r"(?:result|finding|claim|estimate|detection|conclusion|report|study|paper)s?\b"
    r"|\b(?:we|I)\s+(?:previously\s+)?(?:reported|claimed|showed|found)\s+(?:\w+\s+){0,8}?"
    r"in\s+(?:19|20)\d\d\b", re.I)
# The words a retelling and the paper that made its claim share, at least.
_MIN_SHARED_STEMS = 4
# A sentence too short to say how a claim fared on its own ("This paper qualifies that
# result."), and one that says it of the sentence before ("That figure was too high").
_MIN_WEIGHING_WORDS = 8
_POINTS_BACK = re.compile(r"^(?:This|That|These|Those|It|Such)\b")
# A sentence that names the earlier claim as it weighs it ("Our earlier estimate for
# pressure injuries was largely an artefact ...", "Our 2016 figure therefore overstated
# ..."): the verdict, before a sentence that reproduces a step of the re-analysis.
_NAMES_EARLIER = re.compile(r"\b(?:our|my|the|this)\s+(?:own\s+)?(?:earlier|previous|prior|"
                            r"original|initial|(?:19|20)\d\d)\s+(?:\w+\s+)?(?:estimates?|"
                            r"findings?|figures?|results?|claims?|conclusions?|dating|"
                            r"detections?)\b", re.I)
# Words that weigh a claim: it stood, fell or shrank.
_WEIGHS = re.compile(r"\b(?:too\s+(?:high|low|large|small)|overstat\w*|understat\w*|"
                     # "The supply finding holds: ...", "The spillover finding does not: ..."
                     r"findings?\s+(?:holds?|held|stands?|stood|does\s+not|did\s+not)\b|"
                     r"overestimat\w*|underestimat\w*|revis(?!it)\w*|withdr[ae]w\w*|retract\w*|"
                     r"upper\s+bounds?|lower\s+bounds?|(?:did|does)\s+not\s+(?:hold|replicate)|"
                     r"fail(?:s|ed)?\s+to\s+replicate|reproduc\w*|replicat(?:ed|ion|ions)\b|"
                     # Not "a 2D/3D structure confirmed by X-ray diffraction": how a
                     # method was checked; "was confirmed by a second cohort" weighs.
                     r"confirm(?!ed\s+by\b)\w*|(?:was|were|is|are|been|be)\s+confirmed\s+by|"
                     r"holds?\s+only|only\s+(?:on|in|under|where|when)|qualif\w*|"
                     # "no longer significant", "we no longer consider it evidence"; not
                     # "units no longer registered as let", "platforms no longer share".
                     r"no\s+longer\s+(?:consider\w*|significant|statistically|differ\w*|"
                     r"holds?|supported|stands?|valid|tenable|detectable|evident|the\s+case)\b|"
                     r"indistinguishable|no\s+better\s+than|"
                     r"(?:supported|bore\s+out)\s+(?:\d+|most|all|some|none|few)\s+of\b|"
                     r"rather\s+than\s+(?:the\s+)?[\d.,]+%?\s+(?:originally|previously|first)\s+"
                     r"reported)\b", re.I)


def _own_sentence(paper: Paper) -> str | None:
    """The abstract's first sentence from where it turns to its own work, as it is written:
    None when it never turns, or the sentence holds LaTeX."""
    sentences = abstract_sentences(paper.abstract)
    at = turn(sentences)
    if at is None or has_markup(sentences[at]):
        return None
    return sentences[at]


def _papers(count: int) -> str:
    return "1 paper" if count == 1 else f"{count} papers"


def _verb(count: int, verb: str) -> str:
    return f"{verb}s" if count == 1 else verb


def _quoted(user_text: str) -> str:
    """The asker's words for a subject, in quotes, so they read as theirs, not a claim."""
    text = " ".join(user_text.split()).strip(" .?!")
    return f"\u201c{text[:80]}{'…' if len(text) > 80 else ''}\u201d"


def _claim_parts(topic: str) -> list[set[str]]:
    """The stems of each thing a claim relates (absence_parts: "rent control", "rents",
    "uncontrolled buildings"), or of the whole topic when it is one thing."""
    return [words for part in (absence_parts(topic) or [topic])
            if (words := {stem(w) for w in content_words(part) if w != "|"})]


def _parts_stated(parts: Sequence[set[str]], text: str) -> int:
    """How many of the parts (_claim_parts) the text states, each with all its words."""
    words = {stem(w) for w in content_words(text)}
    return sum(1 for part in parts if part <= words)


def _as_written(topic: str, question: str) -> str:
    """The topic as the question spells it ("ECMWF"), where the rules read it lower-cased
    ("ecmwf"); the topic itself when the question does not hold it word for word."""
    words = topic.split()
    if not words:
        return topic
    found = re.search(r"\s+".join(map(re.escape, words)), question, re.IGNORECASE)
    if found:
        return found.group(0)
    # Word by word, where the rules joined the question's words anew ("RN staffing and
    # falls", of "more RN staffing means fewer falls").
    return " ".join(m.group(0) if (m := re.search(rf"\b{re.escape(w)}\b", question, re.I))
                    else w for w in words)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# "the first paper", "the latest one": a paper chosen by its date.
_ORDINAL = re.compile(r"(?:(?P<early>first|earliest|oldest)|latest|last|newest|most recent)"
                      r"(?:\s+(?:one|paper|work|study|publication))?", re.IGNORECASE)


def _names_work(text: str, key: str, names: dict[str, str]) -> bool:
    """Whether a side of a comparison is the named work (by its short name or title)."""
    return any(k == key and name in text for name, k in names.items())
