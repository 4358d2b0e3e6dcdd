"""The entailment judge: a model's verdict on a sentence whose support the rules leave
uncertain.

The verifier (agent/verify/) decides most sentences by exact checks: numbers, names, roles,
counts, negation. When they all pass and its support score is close to the threshold,
it marks the check `uncertain`; `JudgingVerifier` then shows a model the evidence
sentences, numbered, and the claim (prompts/judge.prompt), and asks for
`{"supported": true|false, "span": "<the evidence, quoted>"}`. The call goes through
the session's gateway like every other (versioned prompt, response cache, structured
output, one re-ask, accounting under the step "judge").

A verdict counts only if it parses and quotes a span of the evidence; otherwise the
rules' verdict stands and the check records `JudgeVerdict(valid=False)`. A valid
"supported" clears the reasons; a valid "not supported" fails the sentence with the
reason "the judge (<model>) finds the cited papers do not state this" (kind "judge").

Which model judges is `--judge` (Settings.judge): auto is the endpoint's model when a
base URL is configured, else no judge. The embedded SmolLM2-135M is a judge only when
asked for (`--judge local`), and then in effect none: measured on 80 SciFact pairs
(evals/judge.py: 40 SUPPORT, 20 CONTRADICT, 20 NEI, seed 15), none of its 80 verdicts
was valid (it quotes "...", the claim, or a run of digits), and every answer it gave
on a further 16 was "supported", whatever the label: chance at best, at 3 to 14 s a
call on two cores. The span check is what keeps it from passing everything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import Field

from agent.errors import ContextOverflowError, StructuredOutputError, TruncatedOutputError
from agent.llm.base import SamplingParams
from agent.llm.gateway import JUDGE_STEP, LLM
from agent.modes import JudgeMode
from agent.models import Check, Evidence, JudgeVerdict, Paper, Record
from agent.prompts import load_prompt
from agent.verify import split_citations, statements

if TYPE_CHECKING:
    from agent.llm.session import Session

log = logging.getLogger(__name__)

JUDGE_PARAMS = SamplingParams(temperature=0.0, max_tokens=200)
# What the prompt shows when the verifier aligned no evidence: the cited papers' titles
# and the abstract sentences that share most words with the claim, in their order.
MAX_EVIDENCE_SENTENCES = 12
MAX_EVIDENCE_CHARS = 3000
# A quote must be this close to a stretch of the evidence (rapidfuzz partial_ratio, on
# text folded for case and spacing) and have this many words, so that "the" is no span.
SPAN_MATCH = 90
MIN_SPAN_WORDS = 3


class JudgeAnswer(Record):
    """What the judge is asked for (the schema of the judge call)."""

    # Bounded, so a small model's grammar-constrained quote cannot run on.
    supported: bool = Field(description="Whether the evidence states the claim.")
    span: str = Field(max_length=400, description="The words of the evidence that decide, "
                      "quoted exactly.")


class Judge:
    """Asks a model whether numbered evidence sentences state a claim."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        llm.stats.judge_model = llm.backend.model  # the run's account names the judge

    @property
    def model(self) -> str:
        return self.llm.backend.model

    def verdict(self, claim: str, evidence: Sequence[str]) -> JudgeVerdict:
        """The judge's verdict; valid only if it parsed and quoted the evidence."""
        numbered = "\n".join(f"[{i}] {text}" for i, text in enumerate(evidence, 1))
        prompt = load_prompt("judge").render(evidence=numbered, claim=claim)
        try:
            answer = self.llm.structured(JUDGE_STEP, prompt, JudgeAnswer, JUDGE_PARAMS)
        except (StructuredOutputError, TruncatedOutputError, ContextOverflowError) as exc:
            log.warning("%s; the verifier's rules decide instead", exc)
            return JudgeVerdict(supported=False, model=self.model, valid=False)
        span = answer.span.strip()
        return JudgeVerdict(supported=answer.supported, span=span, model=self.model,
                            valid=quotes(span, evidence))


def _fold(text: str) -> str:
    """Text as spans are compared: no "[n]" numbers, quotes or case, spaces collapsed."""
    text = re.sub(r"\[\d+\]", " ", text.casefold())
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.split()).strip(" \"'.,;:")


def quotes(span: str, evidence: Sequence[str]) -> bool:
    """Whether a span is a quote of the evidence: found in it (folded), or within
    SPAN_MATCH of one of its stretches, and long enough to decide anything."""
    folded = _fold(span)
    if len(re.findall(r"\w+", folded)) < MIN_SPAN_WORDS:
        return False
    body = _fold(" ".join(evidence))
    if folded in body:
        return True
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(folded, body) >= SPAN_MATCH


_WORD = re.compile(r"[^\W\d_]{4,}")


def paper_evidence(claim: str, papers: Sequence[Paper]) -> list[Evidence]:
    """The evidence of cited papers when the verifier aligned none: the titles, then the
    abstract sentences sharing most words with the claim, within the caps, each kind in
    its order. The sentences are the verifier's (verify.statements): split as it splits
    them, and none that speaks to a reader or a model."""
    words = {w.casefold() for w in _WORD.findall(claim)}

    def shared(item: Evidence) -> int:
        return len(words & {w.casefold() for w in _WORD.findall(item.text)})

    titles = [Evidence(key=p.key, field="title", text=p.title) for p in papers if p.title]
    sentences = [Evidence(key=p.key, field="abstract", text=s)
                 for p in papers for s in statements(p.abstract)]
    ranked = list(enumerate(titles)) + sorted(
        enumerate(sentences, len(titles)), key=lambda c: (-shared(c[1]), c[0]))
    chosen: list[tuple[int, Evidence]] = []
    room = MAX_EVIDENCE_CHARS
    for index, item in ranked:
        if len(chosen) < MAX_EVIDENCE_SENTENCES and len(item.text) <= room:
            chosen.append((index, item))
            room -= len(item.text)
    return [item for _, item in sorted(chosen, key=lambda c: c[0])]


def judged(check: Check, verdict: JudgeVerdict) -> Check:
    """The check with the judge's verdict recorded and, when valid, deciding it."""
    check = check.model_copy(update={"judge": verdict})
    if not verdict.valid:
        return check
    if verdict.supported:
        return check.model_copy(update={"supported": True, "reasons": [], "kinds": []})
    reasons = [*check.reasons,
               f"the judge ({verdict.model}) finds the cited papers do not state this"]
    return check.model_copy(update={"supported": False, "reasons": reasons,
                                    "kinds": list(dict.fromkeys([*check.kinds, "judge"]))})


class JudgingVerifier:
    """A verifier (the real one, or memo.RememberingVerifier) whose uncertain checks go to
    the judge; every other check is the inner verifier's as it is."""

    def __init__(self, inner: Any, judge: Judge, papers: Mapping[str, Paper]) -> None:
        self.inner = inner
        self.judge = judge
        self._papers = papers

    def check(self, sentence: str, keys: Sequence[str]) -> Check:
        """The inner verdict; when uncertain, decided by the judge on the cited evidence."""
        check = self.inner.check(sentence, keys)
        if not check.uncertain:
            return check
        claim = _without_markers(sentence)
        evidence = check.evidence or paper_evidence(
            claim, [self._papers[k] for k in check.cited_keys if k in self._papers])
        texts = list(dict.fromkeys(e.text for e in evidence if e.text.strip()))
        if not texts:
            return check
        check = check.model_copy(update={"evidence": evidence})
        return judged(check, self.judge.verdict(claim, texts))

    # The rest of memo.RememberingVerifier's interface, which the pipeline uses.

    @property
    def fresh(self) -> bool:
        """No verdict of the inner verifier is remembered."""
        return bool(getattr(self.inner, "fresh", True))

    @property
    def verifier(self) -> Any:
        """The real verifier under the memo (built on first need), or the inner one."""
        return getattr(self.inner, "verifier", self.inner)

    def save(self) -> None:
        """Keep the inner verifier's new verdicts, when it remembers them."""
        if hasattr(self.inner, "save"):
            self.inner.save()


def _without_markers(sentence: str) -> str:
    """The sentence as the judge reads it: citation markers left in it removed."""
    parts = split_citations(sentence)
    return parts[0][0] if len(parts) == 1 else sentence


def judge_gateway(session: Session, llm: LLM | None = None) -> LLM | None:
    """The gateway the judge asks through, by --judge, or None for no judge.

    `llm` is the caller's gateway (batch gives each profile its own account); the judge
    shares its account, so its calls are counted with the run's. The endpoint judge asks
    through it; the local one through the embedded model, over the same cache."""
    mode = session.settings.judge_mode()
    if mode is JudgeMode.OFF:
        return None
    llm = llm or session.llm
    if mode is JudgeMode.ENDPOINT or llm.backend.kind == "embedded":
        return llm
    return session.gateway(stats=llm.stats, backend=session.embedded_backend())


def make_judge(session: Session, llm: LLM | None = None) -> Judge | None:
    """The judge --judge asks for on this session, or None."""
    gateway = judge_gateway(session, llm)
    return Judge(gateway) if gateway is not None else None
