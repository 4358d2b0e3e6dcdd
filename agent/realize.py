"""The realizer: planned facts about papers as sentences a person would write.

A paper is named once by its full title and year, then by its short name ("InfoXLM (2020)")
when its own title or abstract gives one; several papers of one line go in one sentence,
each clause carrying its own paper's contribution; the owner is named in full once, then by
surname; a figure is said only inside the abstract's own sentence that says what it measures
and against what. No sentence only says that a paper exists. Every wording is copied from
the record, so each sentence can be verified against the papers it cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agent.models import Claim, OwnerPosition, Paper
from agent.names import _ascii_word, surname

# A sentence citing more papers than this reads as a list, not prose.
MAX_KEYS_PER_CLAIM = 4
# Longer than this, a paper's statement reads as a pasted abstract, not a sentence.
MAX_CLAIM_WORDS = 40
# Two papers' clauses share one sentence only when it stays this short.
MAX_JOINED_WORDS = 40

LED = (OwnerPosition.FIRST, OwnerPosition.SOLE)

_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

# --- short names ---------------------------------------------------------------------------

# A name as papers coin them: one token with an inner capital, a digit or a hyphen between
# word parts, or all capitals ("InfoXLM", "XLM-E", "MT6", "Kosmos-1", "TorchScale").
_NAME = re.compile(r"^(?=.*(?:[a-z][A-Z]|[A-Z]{2}|\d|[A-Za-z]-[A-Za-z0-9]))"
                   r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$")
# Title suffixes that follow a system's name: "VIBEVOICE-ASR Technical Report".
_REPORT = re.compile(r"^(\S+)\s+(?:Technical Report|Tech Report|System Card|Model Card)$", re.I)
# "we propose/introduce/present X, a ..." or "... X (ABC)" in the paper's own statement.
_WE_NAME = re.compile(r"\bwe (?:propose|present|introduce|develop|design|build|create|release|"
                      r"construct|name|call|term|dub)\s+(?:a |an |the )?(.+)", re.I)
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*)\)")
_COMMON = frozenset("LLM LLMs NLP AI ML RL GPU GPUs API MLLM MLLMs".split())


def short_name(paper: Paper) -> str | None:
    """The name the paper goes by, as its abstract writes it, when it has one: the title's
    prefix before a colon, a "Technical Report"'s subject, or the system its "we propose"
    sentence names. None unless the name is in the paper's own text, so that a mention by
    it can be checked against the paper."""
    title = paper.title.strip()
    candidates: list[str] = []
    if ":" in title:
        candidates.append(title.split(":", 1)[0].strip())
    if report := _REPORT.match(title):
        candidates.append(report[1])
    for candidate in candidates:
        if _NAME.match(candidate) and not _plural(candidate):
            return _as_written(candidate, paper)
    for sentence in _SENTENCES.split(paper.abstract):
        match = _WE_NAME.search(sentence)
        if not match:
            continue
        rest = match[1]
        words = rest.split()
        head = words[0].rstrip(",") if words else ""
        if (head and _NAME.match(head) and head not in _COMMON and not _plural(head)
                and (rest[len(head):].startswith((",", " (", ":")) or len(words) == 1)):
            return head
        acronym = _ACRONYM.search(" ".join(words[:10]))
        if (acronym and len(acronym[1]) >= 3 and acronym[1] not in _COMMON
                and not _plural(acronym[1])):
            return acronym[1]
    return None


def _plural(name: str) -> bool:
    """"RRMs": a plural makes a poor subject for one paper."""
    return bool(re.search(r"[A-Z]s$", name))


def _as_written(name: str, paper: Paper) -> str:
    """The name with the abstract's casing ("VIBEVOICE-ASR" -> "VibeVoice-ASR")."""
    for match in re.finditer(rf"(?<![\w/.-]){re.escape(name)}(?![\w/-])", paper.abstract, re.I):
        if re.search(r"[A-Z]", match[0]):  # not a lower-case URL path ("/infoxlm")
            return match[0]
    return name


# --- what a paper does ---------------------------------------------------------------------

# A paper's own statement of what it does: "In this paper, we propose X ...".
_WE_DO = re.compile(
    r"^(?:(?:in|with) this (?:paper|work|study|report),?\s+|here,?\s+|to this end,?\s+"
    # "To tackle this problem, in this work, we propose ...": the problem is the sentence
    # before's; "inspired by ..., we present": the inspiration is context, not the claim.
    r"|to [a-z]+ (?:this|the|these|that|such)\b[^,]{0,60},\s+|inspired by [^,]{0,80},\s+"
    r"|in addition,?\s+|additionally,?\s+|moreover,?\s+|specifically,?\s+"
    r"|thus,?\s+|therefore,?\s+|hence,?\s+)*"
    # "we proposed": some abstracts tell it in the past.
    r"we (propose|present|introduce|develop|design|build|create|release|study|investigate|"
    r"explore|show|find|demonstrate|construct|define|describe|report|improve)(?:e?d)?\s+"
    r"(.+?)\.?$",
    re.I)
# "This report presents VibeVoice-ASR, ...": the paper as the subject.
_THIS_DOES = re.compile(
    r"^this (?:paper|report|work|study|article) (proposes|presents|introduces|describes|"
    r"studies|investigates|develops)\s+(.+?)\.?$", re.I)
# Inline math that is only a name or a ratio: "$(2N-2):2N$" reads as "(2N-2):2N".
_PLAIN_MATH = re.compile(r"\$([^$\\{}^_]{1,30})\$")
_THIRD_PERSON = {"study": "studies"}
_VERBS = ("propose|present|introduce|develop|design|build|create|release|study|investigate|"
          "explore|show|find|demonstrate|construct|define|describe|report|evaluate|achieve")
_SECOND_VERB = re.compile(rf"(\band\s+)({_VERBS})\b")
# A statement that starts by pointing back ("their interaction") needs a sentence
# the claim does not carry.
_DANGLING = re.compile(r"^(?:their|its|this|these|those|them|it|they|such)\b", re.I)


def _third(verb: str) -> str:
    return _THIRD_PERSON.get(verb, verb + "s")


def contribution(paper: Paper) -> str | None:
    """The abstract's "we propose X" sentence as "proposes X", word for word; None when
    the abstract has none that stands alone (no further "we" or "our" to resolve)."""
    for sentence in _SENTENCES.split(paper.abstract):
        sentence = _PLAIN_MATH.sub(r"\1", sentence.strip())
        match = _WE_DO.match(sentence) or _THIS_DOES.match(sentence)
        if not match or not _stands_alone(rest := match[2].strip()):
            continue
        verb = match[1].lower()
        # "This report presents X": the verb has its -s already.
        verb = verb if match.re is _THIS_DOES else _third(verb)
        # "we investigate X and show Y": the second verb needs its -s too.
        rest = _SECOND_VERB.sub(lambda m: f"{m[1]}{_third(m[2])}", rest)
        return f"{verb} {rest}"
    return None


def _stands_alone(rest: str, pointing: str = "we|our|us") -> bool:
    """A statement a claim can carry: nothing to resolve from the sentences around it
    (those words, or a pointing opening: "their interaction"), short, and no markup."""
    return not (re.search(rf"\b(?:{pointing})\b", rest, re.I) or _DANGLING.match(rest)
                or len(rest.split()) > MAX_CLAIM_WORDS or any(c in rest for c in "$\\{}"))


# Any "we <verb> ..." statement: a paper's own account of what it does when the abstract
# uses a verb outside _WE_DO's ("We train BiDiff, a diffusion policy ...").
_WE_ANY = re.compile(r"^(?:(?:in|with) this (?:paper|work|study|report),?\s+|here,?\s+)?"
                     r"we ([a-z]+)\s+(.+?)\.?$", re.I)
_OTHER_SECOND = re.compile(r"(\band\s+)(plan|add|fit|train|learn|use|predict|compare|"
                           r"apply|combine|test|measure|map|estimate|infer)\b")
# Verbs that do not say what the paper does.
_NOT_DOING = frozenset("envision hope believe argue think note discuss also can may will "
                       "are were have had need".split())


def _third_person(verb: str) -> str:
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if re.search(r"(?:s|sh|ch|x|z)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def statement(paper: Paper) -> str | None:
    """What the paper does in its own words when no verb of contribution says it: the
    abstract's first "we <verb> X" sentence that stands alone, as "trains X", word for
    word."""
    for sentence in _SENTENCES.split(paper.abstract):
        match = _WE_ANY.match(sentence.strip())
        if not match or match[1].lower() in _NOT_DOING:
            continue
        rest = match[2].strip()
        # "five such models" points back to a sentence the claim does not carry.
        if not _stands_alone(rest, pointing="we|our|us|such"):
            continue
        rest = _SECOND_VERB.sub(lambda m: f"{m[1]}{_third(m[2])}", rest)
        # "learns X and plan in its space": the second verb too, unless an infinitive
        # ("to track balls and predict") governs it.
        if not re.search(r"\bto [a-z]+\b", rest.split(" and ")[0]):
            rest = _OTHER_SECOND.sub(lambda m: f"{m[1]}{_third_person(m[2])}", rest)
        return f"{_third_person(match[1].lower())} {rest}"
    return None


# "Experiments demonstrate that AsyncThink achieves 28% lower latency compared to ...".
_LEAD_IN = re.compile(r"^(?:(?:\w+\s+){0,3}(?:show|shows|demonstrate|demonstrates|indicate|"
                      r"indicates|reveal|reveals|confirm|confirms)\s+that\s+)?(?:the proposed\s+)?",
                      re.I)
_RESULT_VERB = re.compile(r"^(\S+)\s+(?:achieves|outperforms|improves|reduces|lowers|raises|"
                          r"boosts|yields|reaches|delivers|obtains|surpasses|attains|attaining|"
                          r"speeds up|cuts)\b")
# What a figure is measured against: a baseline, a prior best, a before and after.
_AGAINST = re.compile(r"\b(?:than|compared|relative to|over|versus|vs\.?|outperform\w*|"
                      r"state-of-the-art|baselines?|from \S+ to)\b", re.I)


def result(paper: Paper, figures: Sequence[str]) -> str | None:
    """A stated result as a whole clause: the abstract's sentence holding one of the paper's
    key figures, when a named system is its subject and it says against what the figure
    is measured ("AsyncThink achieves 28% lower inference latency compared to parallel
    thinking ..."); None otherwise, so that no figure is cut from what it measures."""
    for sentence in _SENTENCES.split(paper.abstract):
        if not any(value in sentence for value in figures):
            continue
        clause = _LEAD_IN.sub("", sentence.strip()).rstrip(".")
        subject = _RESULT_VERB.match(clause)
        if (not subject or not _NAME.match(subject[1]) or "'" in subject[1]
                or not _AGAINST.search(clause) or re.search(r"\b(?:we|our|us)\b", clause, re.I)
                or any(c in clause for c in "$\\{}") or len(clause.split()) > MAX_CLAIM_WORDS):
            continue
        return clause
    return None


# --- naming ---------------------------------------------------------------------------------


def cite_title(paper: Paper) -> str:
    year = f" ({paper.year})" if paper.year else ""
    return f'"{paper.title}"{year}'


def owner_surname(owner: str) -> str | None:
    """The owner's family name as written, when agent.names.surname finds it among the
    name's words; None for a name it cannot split (one CJK word)."""
    key = surname(owner)
    return next((w for w in owner.split() if key and _ascii_word(w) == key), None)


class Realizer:
    """Sentences about papers, with the mentions of one outline remembered."""

    def __init__(self, owner: str, figures: dict[str, list[str]]) -> None:
        self.owner = owner
        self.surname = owner_surname(owner) or owner
        self.figures = figures  # paper key -> its key figures' values
        # Turns of the role's wording, kept across outlines: the trajectory and the lines of
        # work name the same papers, and should not say it the same way twice.
        self.turn = 0
        self.frame = 0  # the turn of the first-mention frames (subject())
        self.owner_named = False
        # A bio takes any "we ..." statement of a paper (statement) before its result clause;
        # the other outputs only when the paper states no result.
        self.broad = False
        self.reset()

    def reset(self, owner: bool = False) -> None:
        """A new outline: every paper is named by its full title again, and with owner,
        the owner by full name (a bio stands alone; a report's later parts follow it)."""
        self.seen: set[str] = set()
        if owner:
            self.owner_named = False

    # --- names ----------------------------------------------------------------------------

    def ref(self, paper: Paper) -> str:
        """The full title and year the first time, the short name and year after."""
        name = short_name(paper)
        if paper.key in self.seen and name:
            return f"{name} ({paper.year})" if paper.year else name
        self.seen.add(paper.key)
        return cite_title(paper)

    def who(self) -> str:
        """The owner: full name once per outline, then the surname."""
        if self.owner_named:
            return self.surname
        self.owner_named = True
        return self.owner

    def subject(self, paper: Paper) -> str:
        """The paper as a sentence's subject: by short name once named; at its first mention
        by full title, in one of several frames in turn ('A 2019 paper, "T",', 'In 2022, "T"'),
        so that paper after paper does not open '"Title" (year) proposes'."""
        first = paper.key not in self.seen or not short_name(paper)
        ref = self.ref(paper)
        if not first or not paper.year or not ref.startswith('"'):
            return ref
        title = f'"{paper.title}"'
        frames = (ref, f"A {paper.year} paper, {title},", f"In {paper.year}, {title}",
                  f"The {paper.year} paper {title}")
        self.frame += 1
        return frames[(self.frame - 1) % len(frames)]

    def whose(self) -> str:
        return f"{self.who()}'s"

    # --- what papers say ------------------------------------------------------------------

    def fact(self, paper: Paper) -> str | None:
        """The paper's contribution as a verb phrase ("presents X"), else (in a bio, broad,
        first) its own account in any verb ("trains X"), else its result clause; None when
        the abstract gives none."""
        if action := contribution(paper):
            return action
        if self.broad and (action := statement(paper)):
            return action
        if clause := result(paper, self.figures.get(paper.key, [])):
            return f"reports that {clause}"
        # An abstract that says what the work does in other verbs ("We translate speech in
        # 40 languages without a tokenizer") is quoted rather than the paper left unsaid
        # (a bio, broad, has looked for it already).
        return None if self.broad else statement(paper)

    def notable(self, paper: Paper) -> Claim | None:
        """A paper's stated result, with what it measures and against what."""
        clause = result(paper, self.figures.get(paper.key, []))
        if not clause:
            return None
        return Claim(id="", text=f"{capitalized(self.ref(paper))} reports that {clause}.",
                     keys=[paper.key])

    def papers(self, papers: Sequence[Paper], other: bool = False) -> list[Claim]:
        """Sentences for a run of papers: the owner's own first, grouped under their role;
        then the others, two to a sentence when both are short; papers with nothing
        quotable are named in a sentence with content of its own, or left to the table."""
        facts = {p.key: self.fact(p) for p in papers}
        led = [p for p in papers if p.owner_position in LED]
        rest = [p for p in papers if p.owner_position not in LED and facts[p.key]]
        claims: list[Claim] = []
        led_with = [p for p in led if facts[p.key]]
        led_without = [p for p in led if not facts[p.key]]
        if led_with:
            claims += self._led(led_with, facts)
        if led_without:
            claims += self._led_names(led_without, also=bool(led_with))
        # Papers with nothing quotable and no role to state are left to the papers table:
        # "Other work includes A and B" would only say that they exist.
        return claims + self._others(rest, facts, other)

    def described(self, papers: Sequence[Paper]) -> list[Claim]:
        """Papers and what each does, whatever the owner's role: one a sentence, or two
        when both are short (a bio's signature works, once the role is said)."""
        facts = {p.key: self.fact(p) for p in papers}
        return self._others([p for p in papers if facts[p.key]], facts, False)

    def _led(self, papers: list[Paper], facts: dict[str, str | None]) -> list[Claim]:
        """The owner's first-author papers: the role said once, at the first of them."""
        claims: list[Claim] = []
        first, *others = papers
        if others:
            a, b = first, others[0]
            seen, named, turn = set(self.seen), self.owner_named, self.turn
            # The frame turns, so that outline after outline does not open alike.
            self.turn += 1
            head = (f"{self.whose()} first-author papers include" if self.turn % 2
                    else f"{self.who()} is the first author of")
            text = (f"{head} {self.ref(a)}, which {facts[a.key]}, and {self.ref(b)}, "
                    f"which {facts[b.key]}.")
            if len(text.split()) <= MAX_JOINED_WORDS:
                claims.append(Claim(id="", text=text, keys=[a.key, b.key]))
                return claims + self._others(others[1:], facts, False)
            # Too long for one sentence: the role goes with the first paper alone.
            self.seen, self.owner_named, self.turn = seen, named, turn
        claims.append(Claim(id="", text=self._led_one(first, facts[first.key]),
                            keys=[first.key]))
        return claims + self._others(others, facts, False)

    def _led_one(self, paper: Paper, fact: str | None) -> str:
        """One first-author paper and what it does, the role worded in turn."""
        self.turn += 1
        if self.turn % 3 == 1 or not self.owner_named:
            return f"{self.whose()} first-author paper {self.ref(paper)} {fact}."
        if self.turn % 3 == 2:
            return f"{capitalized(self.ref(paper))}, with {self.who()} as first author, {fact}."
        return f"First-authored by {self.who()}, {self.ref(paper)} {fact}."

    def _led_names(self, papers: list[Paper], also: bool) -> list[Claim]:
        """First-author papers with nothing quotable: named together under the role."""
        papers = by_date(papers)[:MAX_KEYS_PER_CLAIM]
        keys = [p.key for p in papers]
        named = join_and([self.ref(p) for p in papers])
        self.turn += 1
        if self.turn % 2 and self.owner_named:
            verb = "have" if len(papers) > 1 else "has"
            also_ = "also " if also else ""
            text = f"{capitalized(named)} {also_}{verb} {self.who()} as first author."
        elif also:
            text = f"{self.who()} also first-authored {named}."
        else:
            text = f"{self.who()} is the first author of {named}."
        return [Claim(id="", text=text, keys=keys)]

    def _others(self, papers: list[Paper], facts: dict[str, str | None],
                other: bool) -> list[Claim]:
        """One paper a sentence, or two when both clauses are short."""
        claims: list[Claim] = []
        queue = list(papers)
        while queue:
            a = queue.pop(0)
            one = f"{self.subject(a)} {facts[a.key]}"
            if other and not claims:
                # The first of the papers that fit no line says so, and is said alone.
                claims.append(Claim(id="", text=f"Other work includes {self.ref(a)}, which "
                                                 f"{facts[a.key]}.", keys=[a.key]))
                continue
            if queue:
                b = queue[0]
                seen = set(self.seen)
                two = f"{one}, and {self.ref(b)} {facts[b.key]}"
                if len(two.split()) <= MAX_JOINED_WORDS:
                    queue.pop(0)
                    claims.append(Claim(id="", text=f"{capitalized(two)}.", keys=[a.key, b.key]))
                    continue
                self.seen = seen
            claims.append(Claim(id="", text=f"{capitalized(one)}.", keys=[a.key]))
        return claims


def date_key(paper: Paper) -> str:
    """A paper's date as text that sorts; undated papers last."""
    return paper.date.isoformat() if paper.date else "9999"


def by_date(papers: Iterable[Paper]) -> list[Paper]:
    """Oldest first, undated last; the key settles ties, so the order never depends on input."""
    return sorted(papers, key=lambda p: (date_key(p), p.key))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_and(items: Sequence[str]) -> str:
    """"a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# --- measuring prose ------------------------------------------------------------------------

# A sentence that says only that a paper exists.
FILLER = re.compile(r"\bis part of this work\b|\b(?:is|are) (?:a|one of the) papers?\b|"
                    r"^[^,]*\b(?:also )?(?:includes?|has) (?:the )?papers? [\"\w]", re.I)


def opening(sentence: str, words: int = 3) -> str:
    """The sentence's first words, case and punctuation aside."""
    return " ".join(re.findall(r"[\w'-]+", sentence.casefold())[:words])
