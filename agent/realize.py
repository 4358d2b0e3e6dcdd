"""The realizer: planned facts about papers as sentences a person would write.

A paper is named once by its full title and year, then by its short name ("InfoXLM (2020)")
when its own title or abstract gives one; several papers of one line go in one sentence,
each clause carrying its own paper's contribution; the owner is named in full once, then by
surname; a figure is said only inside the abstract's own sentence that says what it measures
and against what. No sentence only says that a paper exists. Every wording is copied from
the record, so each sentence can be verified against the papers it cites.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from agent.models import Claim, OwnerPosition, Paper
from agent.names import _ascii_word, family_name, surname
from agent.text import ENGLISH_STOP_WORDS, OWN_WORK, SENTENCE_BREAK, abstract_sentences, turn
from agent.verify.lexicon import _WORD_NUMBERS, stem

# A sentence citing more papers than this reads as a list, not prose.
MAX_KEYS_PER_CLAIM = 4
# Longer than this, a paper's statement reads as a pasted abstract, not a sentence.
MAX_CLAIM_WORDS = 40
# A table cell holds a statement this long, though a claim in prose may not.
MAX_CELL_WORDS = 60
# A finding quoted word for word may run longer than a claim of prose: it is the answer.
MAX_QUOTED_WORDS = 60
# Two papers' clauses share one sentence only when it stays this short.
MAX_JOINED_WORDS = 40

LED = (OwnerPosition.FIRST, OwnerPosition.SOLE)


# --- sentences ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _sentences(abstract: str) -> tuple[str, ...]:
    """The abstract split at SENTENCE_BREAK, as it is written (unstripped), remembered: a
    report reads each abstract's sentences some 150 times (short name, contributions,
    statements, results, problems, own account ...), and the split is a pure function of
    the text. Bounded, so that a batch over many profiles does not grow it without end."""
    return tuple(SENTENCE_BREAK.split(abstract))


# --- short names ---------------------------------------------------------------------------

# A name as papers coin them: one token with an inner capital, a digit or a hyphen between
# word parts, or all capitals ("InfoXLM", "XLM-E", "MT6", "Kosmos-1", "TorchScale").
_NAME = re.compile(r"^(?=.*(?:[a-z][A-Z]|[A-Z]{2}|\d|[A-Za-z]-[A-Za-z0-9]))"
                   r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$")
# Title suffixes that follow a system's name: "VIBEVOICE-ASR Technical Report".
_REPORT = re.compile(r"^(\S+)\s+(?:Technical Report|Tech Report|System Card|Model Card)$", re.I)
# "we propose/introduce/present X, a ..." or "... X (ABC)" in the paper's own statement.
_WE_NAME = re.compile(r"\bwe (?:propose|present|introduce|develop|design|build|create|release|"
                      r"construct|name|call|term|dub|(?P<made>train|learn))\s+(?:a |an |the )?"
                      r"(.+)", re.I)
# A name set off after its noun phrase: "we learn a latent world model, HomeDreamer, from".
_APPOSITIVE = re.compile(r"^(?:[\w-]+\s+){1,5}?[\w-]+,\s+([\w-]+),")
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*)\)")
_COMMON = frozenset("LLM LLMs NLP AI ML RL GPU GPUs API MLLM MLLMs".split())
# Words that open a clause after the made thing's noun phrase ("a framework that combines").
_CLAUSE_OPENERS = frozenset("that which who whose where using combining to by".split())


def short_name(paper: Paper) -> str | None:
    """The name the paper goes by, as its abstract writes it, when it has one: the title's
    prefix before a colon, a "Technical Report"'s subject, or the system its "we propose"
    sentence names. None unless the name is in the paper's own text, so that a mention by
    it can be checked against the paper."""
    return _short_name(paper.title, paper.abstract)


@lru_cache(maxsize=4096)
def _short_name(title: str, abstract: str) -> str | None:
    """short_name by the paper's text, remembered (see _sentences)."""
    title = title.strip()
    candidates: list[str] = []
    if ":" in title:
        candidates.append(title.split(":", 1)[0].strip())
    if report := _REPORT.match(title):
        candidates.append(report[1])
    for candidate in candidates:
        if _NAME.match(candidate) and not _plural(candidate):
            return _as_written(candidate, abstract)
        # "Tessellate: Fine-Grained GPU Memory Scheduling ...": a plain capitalised word
        # before the title's colon is the system's name when the abstract writes it so
        # inside a sentence ("We present Tessellate, a ..."), not only where one starts.
        if re.fullmatch(r"[A-Z][a-z]{3,}", candidate) and candidate not in _COMMON \
                and not _plural(candidate) \
                and re.search(rf"(?<![.!?:])(?<!^)\s{candidate}\b", abstract):
            return candidate
    for sentence in _sentences(abstract):
        match = _WE_NAME.search(sentence)
        if not match:
            continue
        rest = match[2]
        words = rest.split()
        head = words[0].rstrip(",") if words else ""
        if (head and _NAME.match(head) and head not in _COMMON and not _plural(head)
                and (rest[len(head):].startswith((",", " (", ":")) or len(words) == 1)):
            return head
        if match["made"]:
            continue  # "we train a conditional GAN (cGAN)": a method's acronym, no name
        # The made thing's own acronym, not a modifier's in a clause after it: "a joint
        # inversion framework that combines marine controlled-source electromagnetic
        # (CSEM) data" presents no "CSEM".
        head_words = list(itertools.takewhile(lambda w: w.lower() not in _CLAUSE_OPENERS,
                                              words[:10]))
        phrase = " ".join(head_words)
        acronym = _ACRONYM.search(phrase)
        if (acronym and len(acronym[1]) >= 3 and acronym[1] not in _COMMON
                and not _plural(acronym[1]) and _spans_the_made(phrase, acronym)):
            return acronym[1]
    return None


def _spans_the_made(phrase: str, acronym: re.Match[str]) -> bool:
    """Whether an acronym stands for the whole of the made thing's noun phrase: not for a
    modifier the head follows ("a model-predictive control (MPC) formulation"), nor for a
    kind that words before its expansion make a thing of the paper's own ("a contact-aware
    extended Kalman filter (EKF)": the paper's filter is no EKF of the field's). Words that
    only praise it ("a novel graph neural network (GNN)") are no such words; a name set off
    by a comma counts from the comma ("a new method, Dynamic Sparse Attention (DSA)")."""
    after = re.match(r"\s+([a-z]+)", phrase[acronym.end():])
    if after and after[1] not in _AFTER_A_NAME:
        return False  # "(MPC) formulation": the head comes after it
    before = re.split(r"[,:]", phrase[:acronym.start()])[-1]
    words = [w for w in re.split(r"[\s-]+", before) if w]
    letters = [c.lower() for c in acronym[1] if c.isalpha()]
    # Where the expansion starts: the earliest word from which the acronym's letters are
    # the initials of words in order (function words and extra words may come between).
    for start, word in enumerate(words):
        if word[:1].lower() != letters[0]:
            continue
        rest = iter(w[:1].lower() for w in words[start:])
        if all(letter in rest for letter in letters):
            return all(w.lower() in _PRAISE for w in words[:start])
    return True  # no expansion before it to read: taken as its name, as before


# Words that may follow a name in its sentence ("asynchronous thinking (AsyncThink) as a new
# paradigm"), where a noun would be the head the acronym modifies.
_AFTER_A_NAME = frozenset("as for in on to with of and or by from at into via is are was "
                          "were has have can could will would may might should must "
                          "achieves outperforms improves enables allows".split())
# Words before an acronym's expansion that praise the made thing and say nothing of which
# thing it is.
_PRAISE = frozenset("a an the new novel simple unified general generic efficient effective "
                    "lightweight principled practical fast scalable flexible powerful "
                    "first".split())


def other_names(paper: Paper) -> list[str]:
    """Names a reader may call the paper's system by that the prose does not go by: one set
    off after its noun phrase ("we learn a latent world model, HomeDreamer, from ..."),
    which no sentence can take as its subject."""
    return list(_other_names(paper.abstract))


@lru_cache(maxsize=4096)
def _other_names(abstract: str) -> tuple[str, ...]:
    """other_names by the abstract, remembered (see _sentences)."""
    names = []
    for sentence in _sentences(abstract):
        if (match := _WE_NAME.search(sentence)) and (named := _APPOSITIVE.match(match[2])):
            if _NAME.match(named[1]) and named[1] not in _COMMON and not _plural(named[1]):
                names.append(named[1])
    return tuple(names)


def said_of(name: str, fact: str) -> str | None:
    """A paper's fact as said with its short name as the subject: unchanged when the fact
    does not name it; "proposes IGap, a metric ..." -> "is a metric ..."; "presents XLM-T,
    which initializes ..." -> "initializes ..."; "improves X with translation pairs (mT6)"
    -> "improves X with translation pairs"; "introduces asynchronous thinking (AsyncThink)
    as ..." -> "introduces asynchronous thinking as ...". None when the fact only names it
    ("presents XLM-T" said of XLM-T would say nothing)."""
    own = re.escape(name)
    if not re.search(rf"(?<![\w-]){own}(?![\w-])", fact):
        return fact
    if which := re.match(rf"^[a-z]+ (?:the |a |an )?{own}(?: \([^)]*\))?,\s+"
                         rf"(?:which|that)\s+(.+)$", fact):
        return which[1]
    if apposed := re.match(rf"^[a-z]+ (?:the |a |an )?{own}(?: \([^)]*\))?,\s+"
                           rf"((?:a|an|the)\s+.+)$", fact):
        return f"is {apposed[1]}"
    if used := re.match(rf"^(?:uses|applies|employs|runs) {own} to ([a-z]+) (.+)$", fact):
        # "uses RamseyCert to recompute r(C_m, K_t) ..." said of RamseyCert: "recomputes ...".
        return f"{_third_person(used[1])} {used[2]}"
    if f" ({name})" in fact and len(fact.split()) > 3:
        rest = fact.replace(f" ({name})", "", 1)
        if not re.search(rf"(?<![\w-]){own}(?![\w-])", rest):
            return rest
    if fact.startswith(RESULTS):
        # "FjordDNA (2022) reports that on 96 field samples, FjordDNA assigned 94% ...": a
        # result names its system again, shorter than the paper's full title said again.
        return fact
    return None


def _plural(name: str) -> bool:
    """"RRMs": a plural makes a poor subject for one paper."""
    return bool(re.search(r"[A-Z]s$", name))


def _as_written(name: str, abstract: str) -> str:
    """The name with the abstract's casing ("VIBEVOICE-ASR" -> "VibeVoice-ASR")."""
    for match in re.finditer(rf"(?<![\w/.-]){re.escape(name)}(?![\w/-])", abstract, re.I):
        if re.search(r"[A-Z]", match[0]):  # not a lower-case URL path ("/infoxlm")
            return match[0]
    return name


# --- what a paper does ---------------------------------------------------------------------

# A paper's own statement of what it does: "In this paper, we propose X ...".
_WE_DO = re.compile(
    r"^(?:(?:in|with) this (?:paper|work|study|report),?\s+|here(?:in)?,?\s+|to this end,?\s+"
    # "To tackle this problem, in this work, we propose ...": the problem is the sentence
    # before's; "inspired by ..., we present": the inspiration is context, not the claim.
    r"|to [a-z]+ (?:this|the|these|that|such)\b[^,]{0,60},\s+|inspired by [^,]{0,80},\s+"
    r"|in addition,?\s+|additionally,?\s+|moreover,?\s+|specifically,?\s+"
    r"|thus,?\s+|therefore,?\s+|hence,?\s+)*"
    # "we proposed": some abstracts tell it in the past.
    # "I propose": a sole author's abstract.
    r"(?:we|I) (propose|present|introduce|develop|design|build|create|release|study|investigate|"
    r"explore|show|prove|find|demonstrate|construct|define|describe|report|improve)(?:e?d)?\s+"
    r"(.+?)\.?$",
    re.I)
# "This report presents VibeVoice-ASR, ...": the paper as the subject.
# "This paper exploits ...", "This essay argues that ...": any verb in the third person
# (not "is", "has", "was" or "does", which say what the paper is, not what it does).
# "The book argues that ...", "This reply accepts ...": a humanities abstract names its own
# kind of work with "the" as often as with "this". "It argues that ..." too, with a verb of
# argument only (_IT_ARGUES): "It remains unclear" is no account of the work.
_THIS_DOES = re.compile(
    r"^(?:this|the) (?:paper|report|work|study|article|essay|note|chapter|review|survey|book|"
    r"monograph|volume|thesis|dissertation|account|perspective|commentary|minireview|"
    r"overview|primer|tutorial|reply|response|rejoinder) "
    r"(?!(?:is|has|was|does|aims|seeks|tries|attempts)\b)([a-z]+(?:-[a-z]+)?s)\s+(.+?)\.?$",
    re.I)
# "corrects results I reported in 2018", "the model we trained on X": the author inside a
# relative clause, said without them ("results reported in 2018"), as a third-person
# account says it. Only after a noun: "and we compared" is a second statement.
_SELF_RELATIVE = re.compile(r"\b(?!(?:and|or|but|then|so|as|if|when|while|because|since|"
                            r"where|which)\b)([a-z]{3,})\s+(?:that\s+)?(?:I|we)\s+"
                            r"(?:have\s+|had\s+)?(?=[a-z]+ed\b)")
_IT_ARGUES = re.compile(
    r"^it (argues|contends|concludes|traces|reconstructs|estimates|examines|explores|"
    r"follows|revisits|reassesses|compares|documents|charts|maps|situates)\s+(.+?)\.?$", re.I)
# "This thesis is the first comprehensive grammatical description of Ulnasi, ...": what the
# work is, said of itself ("is the first ..."). An article must follow, or "This paper is
# organised as follows" would be a contribution.
_THIS_IS = re.compile(
    r"^this (?:paper|report|work|study|article|essay|note|chapter|review|survey|book|"
    r"monograph|volume|thesis|dissertation) (is)\s+((?:a|an|the)\s.+?)\.?$", re.I)
# "Drawing on district reports ..., this article examines X": how, then the paper as the
# subject; told "examines X, drawing on district reports ...".
_FRONTED_THIS = re.compile(r"^((?:drawing on|using|based on|building on|combining|through)"
                           r"\s[^,]{3,120}),\s+(this\s.+)$", re.I)
# Inline math that is only a name or a ratio, or with a plain sub- or superscript: "$(2N-2):2N$"
# reads as "(2N-2):2N", "$K_4 = W_3$" as "K_4 = W_3".
_PLAIN_MATH = re.compile(r"\$([^$\\{}]{1,30})\$")
# Braces that are plain-text mathematics, as mathematics abstracts write it: a subscript or
# superscript ("K_{4,7}", "n^{2−1/(3r)}") or a set ("{1, …, N}"). A brace around a single
# word is BibTeX's case protection ("{BERT}"), and "$" or "\" is LaTeX: markup.
_PLAIN_BRACES = re.compile(r"[_^]\{[^{}$\\]*\}|\{[^{}$\\]*[^\w{}$\\][^{}$\\]*\}")


def has_markup(text: str) -> bool:
    """Whether text holds markup a reader should not see (LaTeX, BibTeX braces): "$", "\",
    or a brace that is no plain-text mathematics (_PLAIN_BRACES)."""
    if "$" in text or "\\" in text:
        return True
    if "{" not in text and "}" not in text:
        return False
    rest = _PLAIN_BRACES.sub("", text)
    return "{" in rest or "}" in rest


_THIRD_PERSON = {"study": "studies"}
_VERBS = ("propose|present|introduce|develop|design|build|create|release|study|investigate|"
          "explore|show|prove|find|demonstrate|construct|define|describe|report|evaluate|achieve")
# "We introduce HALO ... and use it to follow ...", "We conclude ... and recommend that ...":
# verbs a second clause of "we" opens with, beside _VERBS (not "test", "train" or
# "measure", which are nouns after "and" as often: "train and test sets").
# "We propose five principles and argue that ...", "We conclude that ... and caution against
# generalising": verbs of saying too ("caution" and "call" only before their preposition,
# where no noun stands: "care and caution" is none).
_SECOND_VERBS = (f"{_VERBS}|use|apply|recommend|compare|provide|discuss|validate|analyse|"
                 "analyze|extend|derive|quantify|identify|estimate|examine|argue|suggest|"
                 "conclude|warn|urge|caution(?=\\s+(?:against|that))|call(?=\\s+for)")
_SECOND_VERB = re.compile(rf"(\band\s+)({_SECOND_VERBS})\b")
# "This dissertation makes three contributions": a count of what follows, said of nothing.
_MAKES_CONTRIBUTIONS = re.compile(r"^makes? (?:\w+ )?(?:main |key |principal |major )?"
                                  r"contributions?\.?$", re.I)
# "To test whether a classroom programme reduces depressive symptoms ...": a structured
# abstract's objective, its heading left out at parse (agent/parse/fields.without_labels).
_OBJECTIVE = re.compile(r"^to (test|determine|assess|evaluate|examine|investigate|estimate|"
                        r"compare|quantify|describe|explore|identify|establish)\s+(.+?)\.?$",
                        re.I)
# "First, it presents Ferrule, a tool that ...": one of the contributions counted before.
_LISTED_CONTRIBUTION = re.compile(r"^(?:first|second|third|fourth|finally|lastly),?\s+it\s+"
                                  r"([a-z]+s)\s+(.+?)\.?$", re.I)
# "..., and I apply it", "and we show": the same subject again, before a verb of its own.
_SECOND_SUBJECT = re.compile(r"(,?\s+and)\s+(?:we|I)\s+([a-z]{3,})\b")

# A paper's praise of its own work, which third-person prose does not repeat as its own:
# "a novel X" is "a new X" (what a paper proposes is new; "novel" is its selling word),
# and "a simple but effective X" is "a X" (a/an agreed after).
_NOVEL = re.compile(r"\b(?:a|an)\s+novel\b", re.I)
_SIMPLE_EFFECTIVE = re.compile(r"\b(a|an)\s+simple(?:\s*,)?\s+(?:but|yet|and)\s+effective\s+"
                               r"(?=(\w))", re.I)


def without_praise(text: str) -> str:
    """The statement without the paper's praise of itself (see _NOVEL)."""
    text = _NOVEL.sub(lambda m: "A new" if m[0][0] == "A" else "a new", text)
    return _SIMPLE_EFFECTIVE.sub(
        lambda m: f"{_article(m[2], m[1][0].isupper())} ", text)


def _article(next_letter: str, capital: bool) -> str:
    """"a" or "an" before a word that starts with next_letter (by its letter: "an
    end-to-end", "a keywords-guided")."""
    word = "an" if next_letter.lower() in "aeio" else "a"
    return word.capitalize() if capital else word


# A statement that starts by pointing back ("their interaction") needs a sentence
# the claim does not carry.
_DANGLING = re.compile(r"^(?:their|its|this|these|those|them|it|they|such)\b", re.I)


# Words a statement of what a paper does uses whatever it is about.
_SAYS_NOTHING = frozenset("a an the of for to in on with and or via by from as is are its their "
                          "that which this these using based new novel we our "
                          "propose proposes present presents introduce introduces improve "
                          "improves study studies".split())


def says_more(paper: Paper, statement: str) -> bool:
    """Whether a statement of what the paper does says more than its title: a word the
    title does not use, beyond the verb and function words ("transfer" in MT6's "improves
    multilingual text-to-text transfer Transformer with translation pairs")."""
    return _says_more(paper.title, statement)


@lru_cache(maxsize=4096)
def _says_more(title: str, statement: str) -> bool:
    """says_more by the strings, remembered: a plan asks it of each paper many times."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _SAYS_NOTHING}
    return bool(words(statement) - words(title))


def whichable(fact: str | None) -> bool:
    """A paper's statement that reads inside "X, which <statement>": not one with a "which"
    of its own ("proposes DynaPrior, which pre-trains ...")."""
    return bool(fact) and not re.search(r"\bwhich\b", fact or "")


def _third(verb: str) -> str:
    return _THIRD_PERSON.get(verb, verb + "s")


def contribution(paper: Paper) -> str | None:
    """The abstract's "we propose X" sentence as "proposes X", word for word; None when
    the abstract has none that stands alone (no further "we" or "our" to resolve).

    "We release X" says what the paper makes available, not what it does: it gives way to
    another statement of the paper's own, in any verb ("We train gradient-boosted trees on
    212 towers ..." before "We release gridded estimates for 2001 to 2020"), and stands
    only when the abstract has no other (MicroCoder's "we release MicroCoder-Dataset")."""
    found = list(contributions(paper))
    main = next((c for c in found if not c.startswith("releases ")), None)
    if main is None and found and (own := statement(paper)) \
            and not own.startswith("releases "):
        return own
    if main is not None and main.startswith(_FINDING_VERBS) and (own := statement(paper)) \
            and not own.startswith(("releases ", *_FINDING_VERBS)) \
            and _said_at(paper.abstract, own) < _said_at(paper.abstract, main):
        # "We survey 4,200 warehouse workers ... We find no difference in pay": what the
        # study does, told first, before a finding told after it.
        return own
    return main or next(iter(found), None)


# A verb of a finding, not of what the paper does ("finds no difference in pay"). Not
# "shows": "We show that going beyond English-centric bitexts ... boosts performance" is
# what a paper contributes.
_FINDING_VERBS = ("finds ",)


def _said_at(abstract: str, statement: str) -> int:
    """Where the abstract tells a statement ("surveys 4,200 workers": where "4,200 workers"
    is), or its length when it cannot be found."""
    _, _, rest = statement.partition(" ")
    at = abstract.find(rest[:40])
    return at if at >= 0 else len(abstract)


def contributions(paper: Paper, stand_alone: bool = True) -> Iterator[str]:
    """Every "we propose X" sentence of the abstract as "proposes X", in order: the first
    is contribution(); a paragraph takes a later one when the first points back
    (dangling). Without stand_alone, also those whose words need the sentences around
    them (a paragraph may cut the clause that does)."""
    return iter(_contributions(paper.title, paper.abstract, stand_alone))


@lru_cache(maxsize=4096)
def _contributions(title: str, abstract: str, stand_alone: bool) -> tuple[str, ...]:
    """contributions by the paper's text, all of them, remembered (see _sentences)."""
    found = []
    listed = False  # "This dissertation makes three contributions. First, it presents X."
    for sentence in _sentences(abstract):
        sentence = _active(_PLAIN_MATH.sub(r"\1", sentence.strip()))
        match = _WE_DO.match(sentence) or _THIS_DOES.match(sentence) \
            or (_LISTED_CONTRIBUTION.match(sentence) if listed else None) \
            or _OBJECTIVE.match(sentence) or _name_does(title, abstract, sentence) \
            or _THIS_IS.match(sentence) or _IT_ARGUES.match(sentence)
        how = None
        if not match and (fronted := _FRONTED_THIS.match(sentence)):
            match, how = _THIS_DOES.match(fronted[2]), fronted[1]
        if not match:
            continue
        rest = match[2].strip()
        if how is not None:
            rest = f"{rest.rstrip('.')}, {how[0].lower()}{how[1:]}"
        # "I propose X ..., and I apply it to 14 planets": the second subject goes with the
        # first ("proposes X ..., and applies it to 14 planets").
        rest = _SECOND_SUBJECT.sub(lambda m: f"{m[1]} {_third_person(m[2])}", rest)
        rest = _SELF_RELATIVE.sub(r"\1 ", rest)
        rest = without_praise(rest)
        if stand_alone and not _stands_alone(rest):
            continue
        if _AVAILABILITY.match(f"{match[1]} {rest}"):
            continue  # "FjordDNA is released under the MIT licence at ...": where, not what
        verb = match[1].lower()
        if _MAKES_CONTRIBUTIONS.match(f"{verb} {rest}"):
            listed = True  # says nothing itself: the sentences after it list them
            continue
        # "This report presents X", "First, it presents X", "HiTEx-PR contains X": the verb
        # has its -s already.
        verb = _third_person(verb) if match.re is _OBJECTIVE else \
            verb if match.re is not _WE_DO else _third(verb)
        # "we investigate X and show Y": the second verb needs its -s too.
        rest = _SECOND_VERB.sub(lambda m: f"{m[1]}{_third_person(m[2])}", rest)
        if match.re is _WE_DO and sentence[match.end(1):match.start(2)].strip():
            # "We developed X and evaluated it": told in the past, both verbs are turned.
            rest = _past_second_told(rest)
        statement: str | None = f"{verb} {rest}"
        if stand_alone:
            # "... an algorithm designed to address these challenges": the challenges are
            # the sentences before; what stands alone is the statement up to that clause
            # (cut_pointing returns a statement that points nowhere back as it is).
            statement = cut_pointing(statement, title)
        if statement is not None:
            found.append(statement)
    return tuple(found)


# Where a work can be had, said of it ("is released under the MIT licence at ...", "is
# freely available at ..."): no statement of what the work is or does.
_AVAILABILITY = re.compile(r"(?:is|are) (?:now |freely |publicly |openly )?(?:released|"
                           r"available|archived|distributed|hosted|deposited)\b", re.I)


# "Here, a high-throughput workflow is used to screen 112 compositions ...": the passive of
# chemistry and materials abstracts (no "we"), told as the paper's own act, which is what
# it says: "uses a high-throughput workflow to screen 112 compositions ...". Past tense too,
# and the verbs of a study ("Here, load-dependent connectivity was examined in 26 adults"),
# and a subject in apposition ("Here, a hybrid speller, HySpell, is presented, in which"),
# but not one that opens on a preposition ("Here, in contrast to ..., X is used"), which is
# no subject.
_PASSIVE_VERBS = {
    "used": "use", "employed": "employ", "applied": "apply", "developed": "develop",
    "presented": "present", "reported": "report", "introduced": "introduce",
    "proposed": "propose", "described": "describe", "combined": "combine",
    "designed": "design", "built": "build", "constructed": "construct",
    "demonstrated": "demonstrate", "examined": "examine", "investigated": "investigate",
    "tested": "test", "evaluated": "evaluate", "assessed": "assess", "studied": "study",
    "validated": "validate", "explored": "explore", "analysed": "analyse",
    "analyzed": "analyze", "characterised": "characterise", "characterized": "characterize",
    "quantified": "quantify", "compared": "compare", "measured": "measure"}
_PASSIVE_HERE = re.compile(
    r"^(?:here(?:in)?|in this (?:paper|work|study|article)),?\s+"
    r"(?!(?:in|on|for|using|by|with|to|from|after|before|during|unlike|as|at|through|via|"
    r"under|over|across|within|without|despite|although|while|because|"
    # "Here we show that X was measured": a clause of its own, whose subject is no "what"
    r"we|i|it|our|this|these|there)\b)"
    r"(?P<what>(?:(?!\bthat\b)[^;:]){3,240}?),?\s+(?:is|are|was|were)\s+"
    rf"(?P<verb>{'|'.join(_PASSIVE_VERBS)})\b(?P<rest>.*)$", re.I)
# "is presented and validated in a driving simulator": the second participle as a verb, of
# the same subject ("and validate it").
_AND_PASSIVE = re.compile(rf"^\s+and\s+({'|'.join(_PASSIVE_VERBS)})\b", re.I)


def _active(sentence: str) -> str:
    """The sentence in the active voice of "we" when it is _PASSIVE_HERE, else as it is."""
    if not (match := _PASSIVE_HERE.match(sentence)):
        return sentence
    what = match["what"]
    # After a subject in apposition, a comma closes it: "LoadBand, a headband ..., and
    # validate it", not "... and photoplethysmography and validated".
    joint = "," if "," in what else ""
    rest = _AND_PASSIVE.sub(lambda m: f"{joint} and {_PASSIVE_VERBS[m[1].lower()]} it",
                            match["rest"])
    return f"We {_PASSIVE_VERBS[match['verb'].lower()]} {what}{rest}"


# What a work that is a dataset, corpus or tool is, said with its name as the subject:
# "HiTEx-PR contains the outcomes of 4,608 reactions ...", "CONCOURT-5 is a hand-coded
# dataset of 5,377 decisions ...". The name is the title's (short_name), so the sentence is
# the paper's account of its own work, as "This paper presents" is.
_NAME_VERBS = "is|contains|comprises|includes|covers|records|provides|offers|holds|documents"


def _name_does(title: str, abstract: str, sentence: str) -> re.Match[str] | None:
    """The sentence as "<verb> <rest>" when its subject is the paper's short name."""
    name = _short_name(title, abstract)
    if not name:
        return None
    return re.match(rf"^(?:the\s+)?{re.escape(name)}\s+({_NAME_VERBS})\s+(.+?)\.?$", sentence)


def _stands_alone(rest: str, pointing: str = "we|our|us|my|me",
                  longest: int = MAX_CLAIM_WORDS) -> bool:
    """A statement a claim can carry: nothing to resolve from the sentences around it
    (those words, or a pointing opening: "their interaction"), short (a table cell may
    hold MAX_CELL_WORDS), and no markup."""
    # A row's "such" opening ("characterizes such crosstalk on ...") is told beside the
    # title that says what it points to, as a "such" later in it is: only where the caller
    # takes "such" for pointing does it dangle at the start.
    opening = _DANGLING.match(rest)
    such_ok = "such" not in pointing and opening is not None and opening[0].lower() == "such"
    return not (re.search(rf"\b(?:{pointing})\b", rest, re.I) or (opening and not such_ok)
                or len(rest.split()) > longest or has_markup(rest))


# Any "we <verb> ..." statement: a paper's own account of what it does when the abstract
# uses a verb outside _WE_DO's ("We train BiDiff, a diffusion policy ...").
# Words between "we" and the verb: connectives, dropped with the link they make to the
# sentence before ("We therefore withdraw ..."), and adverbs, kept before the verb.
# "instead" and "again" point back too ("We instead learn a CBF ...": instead of what the
# sentence before did).
# "now" too: "We now show that this claim does not hold" is told "shows that ...", not
# "now shows", which only the sentence before makes sense of.
_CONNECTIVES = frozenset("therefore thus hence consequently accordingly then next finally "
                         "so likewise similarly also additionally moreover furthermore "
                         "instead again now".split())
_ADVERBS = frozenset("further still first second".split())
# Adverbs that date what "we" did before this paper.
_EARLIER = frozenset("previously earlier formerly originally once recently initially "
                     "already".split())
# A sentence that tells the authors' earlier work, which the paper may go on to overturn
# ("We previously proposed that the cycle is closed. Here we reexamine ..."): no account
# of this paper ("We have previously shown", "Previously, we ...").
EARLIER_OWN = re.compile(r"^(?:(?:previously|earlier|recently),?\s+)?(?:we|I)\s+"
                         rf"(?:have\s+|had\s+)?(?:{'|'.join(sorted(_EARLIER))})\b"
                         r"|^(?:previously|earlier),?\s+(?:we|I)\b"
                         # "Our earlier analysis attributed ...": the authors' earlier work
                         r"|^(?:our|my)\s+(?:own\s+)?(?:earlier|previous|prior)\s+[a-z]+\s+"
                         r"(?!(?:is|are|was|were)\b)", re.I)

# The authors retelling a finding of theirs of a named year: "In 2015 we estimated that
# ...", "Our 2019 study of the Act found that ...".
_RETOLD = re.compile(r"^(?:in\s+(?:19|20)\d\d,?\s+(?:we|I)\s+(?:\w+\s+)?(?:reported|estimated|"
                    r"found|showed|concluded|claimed|argued|proposed|suggested)\b"
                    r"|(?:our|my)\s+(?:own\s+)?(?:earlier\s+)?(?:19|20)\d\d\s+(?:\w+\s+){1,8}?"
                    r"(?:found|showed|reported|estimated|concluded|suggested)\b)", re.I)

_WE_ANY = re.compile(r"^(?:(?:in|with) this (?:paper|work|study|report),?\s+|here(?:in)?,?\s+)?"
                     r"(?:we|I) ([a-z]+)\s+(.+?)\.?$", re.I)
_OTHER_SECOND = re.compile(r"(\band\s+)(plan|add|fit|train|learn|use|predict|compare|"
                           r"apply|combine|test|measure|map|estimate|infer|analyse|analyze|"
                           r"interview|collect|simulate|assess|examine|quantify|identify|"
                           r"derive|validate|record|monitor)\b")
# "pretrains a masked autoencoder on TouchSet and fine-tune it": any word after "and" that
# takes an object pronoun or a determiner is the second verb, whatever verb it is ("and
# data the" is no English). Not a word with an ending of its own ("and then", "and
# widely", "and recurrent") nor a word of the closed classes.
_VERB_BEFORE_OBJECT = re.compile(
    r"(\band\s+)(?!(?:then|also|thus|so|not|only|finally|further|other|more|most|all|each|"
    r"both|either|neither|its|their|the|a|an|this|these|that|those|to|in|on|at|by|for|"
    r"with|from|into|of|as|after|before|during|over|under|between|within|without|across|"
    r"against|around|among|through|throughout|toward|towards|upon|beyond|below|above|"
    r"near|since|until|per|via|than|along|alongside|amid|behind|beside|beneath|inside|"
    r"outside|off|onto|past|round|underneath)\b)([a-z][a-z-]*[a-rt-z])(?<!ly)(?<!ed)(?<!ing)"
    r"(?=\s+(?:it|them|the|a|an|its|their|each|every)\b)")
# A second verb in the past before its object ("and evaluated it", "and fitted the"); only
# a verb the dictionary un-inflects is turned (_third_person).
_PAST_SECOND = re.compile(r"(\band\s+|,\s+(?=[a-z]{2,}ed\s+(?:it|them)\b))"
                          r"([a-z]{2,}ed|found|built|made|took|gave|drew|wrote|held|saw|"
                          r"kept|began|grew|brought|sought)"
                          r"(?=\s+(?:that|it|them|the|a|an|its|their|each|little|no|strong|"
                          r"weak|clear|limited|"
                          r"every|this|these|where|what|how|whether|why|which|when|all|both|"
                          r"some|most|several|\d[\d,.]*)\b)")
# The second clause of a statement told in the past, after a comma ("..., and measured dry
# bulk density").
_PAST_CLAUSE = re.compile(r"(,\s+and\s+)([a-z]{2,}ed)\s+[a-z]")
# Verbs of method that, after ", and", are the paper's second verb whatever commas come
# before them ("built Heron, a 1.4 m, 38 kg bipedal robot ..., and trained walking
# policies"): no list's last item begins with one.
_METHOD_PAST = frozenset("trained measured collected tested evaluated fitted compared analysed "
                         "analyzed estimated assessed recorded surveyed interviewed validated "
                         "simulated deployed sequenced".split())
# A verb in a relative clause of the statement ("studies ... that trained a controller ...
# and evaluated it"): the second verb after it is the clause's, not the paper's.
_RELATIVE_PAST = re.compile(r"\b(?:that|which|who)\s+(?:[a-z]+ly\s+)?[a-z]+ed\b")


def _past_second_told(rest: str) -> str:
    """A statement told in the past ("developed a model ... and evaluated it"), its second
    verb turned with the first ("... and evaluates it"): after "and" before an object
    (_PAST_SECOND), or after ", and" (_PAST_CLAUSE) when no other comma comes before it (a
    list's ", and related work" has one) or it is a verb of method; none that follows a
    relative clause's own past verb (_RELATIVE_PAST)."""
    def turned(m: re.Match[str]) -> str:
        if _RELATIVE_PAST.search(rest, 0, m.start()):
            return m[0]
        return f"{m[1]}{_third_person(m[2])}"

    rest = _PAST_SECOND.sub(turned, rest)
    if (second := _PAST_CLAUSE.search(rest)) and not _RELATIVE_PAST.search(
            rest, 0, second.start()) and ("," not in rest[:second.start()]
                                          or second[2] in _METHOD_PAST):
        rest = f"{rest[:second.start(2)]}{_third_person(second[2])}{rest[second.end(2):]}"
    return rest


# Verbs that end like an adverb ("We apply the method", not "We randomly assigned").
_LY_VERBS = frozenset("apply reply supply rely multiply comply imply fly ally rally tally "
                      "belly bully sully".split())
# Verbs that do not say what the paper does.
_NOT_DOING = frozenset("envision hope believe argue think note discuss also can may will "
                       "are were have had need "
                       # A notice's courtesies: "We apologize for the error."
                       "apologize apologise apologized apologised regret thank".split())


# Past forms an abstract tells its work in ("we found", "we built") that no "-ed" rule
# turns back into the verb.
_IRREGULAR_PAST = {"found": "find", "built": "build", "made": "make", "ran": "run",
                   "took": "take", "led": "lead", "gave": "give", "chose": "choose",
                   "drew": "draw", "wrote": "write", "held": "hold", "sought": "seek",
                   "saw": "see", "kept": "keep", "began": "begin", "grew": "grow",
                   "fed": "feed", "brought": "bring", "thought": "think", "taught": "teach",
                   "undertook": "undertake", "overcame": "overcome", "rebuilt": "rebuild"}


# Past participles no "-ed" rule undoes, after "we have" ("we have shown", "and withdrawn"):
# those unlike the past, and the pasts that are participles too ("found", "built").
_DONE = {"shown": "show", "withdrawn": "withdraw", "drawn": "draw", "taken": "take",
         "given": "give", "written": "write", "done": "do", "seen": "see", "known": "know",
         "grown": "grow", "begun": "begin", "run": "run", "undertaken": "undertake",
         "chosen": "choose",
         **{past: base for past, base in _IRREGULAR_PAST.items() if past in {
             "found", "built", "made", "held", "kept", "brought", "sought", "rebuilt", "led"}}}
_AND_DONE = re.compile(rf"(\band\s+)({'|'.join(_DONE)})\b")


# Prefixes a verb takes and keeps its sense ("resampled" is "sampled" again).
_VERB_PREFIX = re.compile(r"^(?:re|co-?|pre|over|under|mis|out)(?=[a-z]{4,}ed$)")


def _base_form(verb: str) -> str:
    """The verb an abstract tells in the past ("we measured", "we linked", "we studied",
    "we fitted"), as the infinitive ("measure", "link", "study", "fit"): the first
    un-inflection the English dictionary (agent/verify/spelling.py) counts; the past form
    itself when it counts none ("analysed"), or when the verb is no past ("need").
    Written by hand: no shipped library un-inflects without a data load longer than a
    report."""
    from agent.verify import spelling

    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if len(verb) < 4 or not verb.endswith("ed"):
        return verb
    stem = verb[:-2]
    if verb.endswith("eed"):  # "agreed" -> "agree"; "need", "seed", "proceed" are no past
        candidates = [verb[:-1]] if len(verb) > 4 else []
    elif verb.endswith("ied"):  # "studied" -> "study"
        candidates = [stem[:-1] + "y"]
    else:  # "measured" -> "measure", "linked" -> "link", "fitted" -> "fit"
        candidates = [verb[:-1], stem] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
    # "analysed", "harmonised": the dictionary spells the verb with z ("analyze"), and
    # the abstract's own spelling stays ("analyses").
    found = next((c for c in candidates if spelling.frequency(c)
                  or (c.endswith(("ise", "yse")) and spelling.frequency(c[:-2] + "ze"))), None)
    if found is None and (prefix := _VERB_PREFIX.match(verb)):
        # "resampled", "reanalysed", "co-designed": the dictionary may not count the
        # prefixed verb, but it counts the verb the prefix goes on ("sampled").
        base = _base_form(verb[prefix.end():])
        if base != verb[prefix.end():]:
            found = prefix[0] + base
    return found or verb


def _third_person(verb: str) -> str:
    base = _base_form(verb)
    if base == verb and verb.endswith("ed") and not verb.endswith("eed"):
        return verb  # a past the dictionary cannot undo stays past: "analysed X"
    verb = base
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
    return next(statements(paper), None)


def statements(paper: Paper, in_its_row: bool = False) -> Iterator[str]:
    """Every "we <verb> X" sentence that stands alone, as "trains X", in order.

    in_its_row: for the paper's own row of the papers table, whose title says what "such"
    points to ("We evaluate five such models on 17 datasets" in the row of "Foundation
    Models for Single-Cell Biology Are Not Yet Robust to Batch Shift"), and where a
    statement after a phrase of method ("Using a large ensemble of regional climate
    simulations, we estimate that ...") is told with it ("estimates, using a large
    ensemble of regional climate simulations, that ...")."""
    return iter(_statements(paper.abstract, in_its_row))


@lru_cache(maxsize=4096)
def _statements(abstract: str, in_its_row: bool) -> tuple[str, ...]:
    """statements by the abstract, all of them, remembered (see _sentences)."""
    found = []
    for sentence in _sentences(abstract):
        sentence = _active(_PLAIN_MATH.sub(r"\1", sentence.strip()))
        match = _WE_ANY.match(sentence)
        fronted = None
        if not match and in_its_row and (match := _FRONTED_WE.match(sentence)):
            fronted, match = match[1], _WE_ANY.match(match[2])
        if not match or match[1].lower() in _NOT_DOING and match[1].lower() != "have":
            continue
        rest = match[2].strip()
        done = None
        if match[1].lower() == "have" and " " in rest:
            # "We have therefore removed pNPX from the deposited model and withdrawn the
            # description ...": the perfect tells what the paper does, as "removes ... and
            # withdraws ..." (a correction notice's own account).
            word, tail = rest.split(" ", 1)
            while word.lower() in _CONNECTIVES and " " in tail:
                word, tail = tail.split(" ", 1)
            base = _DONE.get(word.lower()) or _base_form(word.lower())
            if word.isalpha() and base != word.lower():
                done, rest = base, _AND_DONE.sub(
                    lambda m: f"{m[1]}{_third_person(_DONE[m[2]])}", tail)
            else:
                continue
        # "such" points back ("five such models"); "such as" gives examples, and points
        # nowhere ("a group such as fishing households").
        pointing = "we|our|us|my|me" if in_its_row else r"we|our|us|my|me|such(?!\s+as\b)"
        longest = MAX_CELL_WORDS if in_its_row else MAX_CLAIM_WORDS
        # "five such models" points back to a sentence the claim does not carry.
        if not _stands_alone(rest, pointing=pointing, longest=longest):
            # "release ElectroDB, a database of ... from 410 papers and our own
            # experiments": what it says before "our" stands, when that much is a clause.
            # "quantified blaCTX-M (group 1 and group 9 assays) ... (n = 712 samples)", too
            # long whole: without its asides of figures, when that is short enough.
            # (A row's last resort, before the abstract's opening: prose names fewer
            # figures anyway, and a row keeps a statement's figures when it can.)
            trimmed = without_asides(rest) if in_its_row else None
            rest = next((r for r in (_before_ours(rest), trimmed)
                         if r and _stands_alone(r, pointing=pointing, longest=longest)), "")
            if not rest:
                continue
        # "We ask whether a robot benefits from the same behavior": the behaviour is the
        # sentence before's, and the statement alone says nothing a reader can follow.
        if not in_its_row and dangling(f"{match[1].lower()} {rest}") \
                or _them_points_back(rest):
            continue  # with its verb: "revisit that claim" points back, "that claim" alone may not
        # "I conclude that X, and I withdraw the earlier claim": the second subject goes with
        # the first ("concludes that X, and withdraws the earlier claim").
        rest = _SECOND_SUBJECT.sub(lambda m: f"{m[1]} {_third_person(m[2])}", rest)
        rest = _SECOND_VERB.sub(lambda m: f"{m[1]}{_third_person(m[2])}", rest)
        # "learns X and plan in its space": the second verb too, unless an infinitive
        # ("to track balls and predict") governs it.
        if not re.search(r"\bto [a-z]+\b", rest.split(" and ")[0]):
            if not rest.startswith("that "):
                # Not in what the paper concludes: "that defaults durably raise
                # participation and plan balances" has no second verb of the paper's.
                rest = _OTHER_SECOND.sub(lambda m: f"{m[1]}{_third_person(m[2])}", rest)
            rest = _VERB_BEFORE_OBJECT.sub(lambda m: f"{m[1]}{_third_person(m[2])}", rest)
        verb = done or match[1].lower()
        adverb = ""
        if verb in _EARLIER:
            # "We previously proposed that the cycle is closed": the authors' earlier
            # work, which this paper may overturn ("Here we reexamine ..."), not its own.
            continue
        if verb in _CONNECTIVES and " " in rest:
            # "We therefore withdraw the claim": the connective ties it to the sentence
            # before, which the statement does not carry.
            verb, rest = rest.split(" ", 1)
            verb = verb.lower()
        elif (verb.endswith("ly") and verb not in _LY_VERBS or verb in _ADVERBS) \
                and " " in rest:
            # "We randomly assigned 500 employees", "we further show": the adverb before
            # its verb.
            adverb, (verb, rest) = f"{verb} ", rest.split(" ", 1)
            verb = verb.lower()
        if not re.fullmatch(r"[a-z]+", verb) or verb in _NOT_DOING:
            continue
        if _base_form(verb) != verb:
            # "We developed a model ... and evaluated it on ...": told in the past, its
            # second verb is turned with the first ("develops ... and evaluates it").
            rest = _past_second_told(rest)
        verb = adverb + _third_person(verb)
        if fronted is None:
            found.append(f"{verb} {rest}")
        else:
            how = fronted[0].lower() + fronted[1:]
            found.append(f"{verb}, {how}, {rest}" if rest.startswith("that ")
                         else f"{verb} {rest}, {how}")
    return tuple(found)


def _before_ours(rest: str) -> str | None:
    """A statement cut before its first "our" ("... from 410 papers and our own robotic
    experiments" -> "... from 410 papers"), with the word that joined it; None when too
    little is left (six words), or the cut leaves a bracket open."""
    found = _OURS.search(rest)
    if found is None:
        return None
    # The word that joined it goes too: "three datasets, including [our set]", "pyridines
    # that [we first reported]", "in divided cases, but [our design ...]".
    head = re.sub(r"(?:[,;:]|\s+(?:and|or|but|yet|with|from|using|in|on|of|by|to|for|at|into|"
                  r"via|over|than|as|like|including|such as|that|which|who|where|when|while|"
                  r"whereas|although|because|since|unlike|between|against|among))*\s*$", "",
                  rest[:found.start()])
    # A participle whose complement went with "our" goes too: "a quadruped with 12 joints
    # developed [in our laboratory]"; not a verb of its own ("models were trained").
    head = _CUT_PARTICIPLE.sub("", head).rstrip(" ,;:")
    if len(head.split()) < 6 or head.count("(") != head.count(")"):
        return None
    return head


# A participle at the end of what is left, not after an auxiliary: it said of the noun
# before it what the cut part completed ("developed in our laboratory").
_CUT_PARTICIPLE = re.compile(r"(?<!\bwere)(?<!\bwas)(?<!\bare)(?<!\bis)(?<!\bbe)(?<!\bbeen)"
                             r"(?<!\bbeing)(?<!\bhave)(?<!\bhas)(?<!\bhad)"
                             r"\s+(?:[a-z]+ed|built|made|run|held|kept|done|taken|given|shown|"
                             r"written|grown|drawn"
                             # "a 31 kg quadruped running [our compliant-leg controller]": a
                             # verb whose object went with "our"
                             r"|running|using|carrying|holding|wearing|driving|operating|"
                             r"controlling|executing|containing)\s*$")


# "Using a large ensemble of regional climate simulations, we estimate ...": how, then the
# statement (statements, in_its_row).
# "In a pre-registered field experiment on an online freelancing platform, we created ...":
# the frame of a study, then what it did.
# Without a comma too ("In the CATCH-ARG study we sampled ..."), when no clause opens
# before the "we" ("Across the sites where we sampled, ..." is no frame).
# A year is no frame: "In 2014 we reported that ..." tells the authors' earlier work.
# The phrase may hold an appositive: "Using CODELA, a corpus of 1.9 million floor speeches
# ..., we fit a structural topic model".
_FRONTED_PART = (r"(?:(?!\b(?:where|which|that|when|who|whom|whose|if|whether|because|as|"
                 r"while)\b)[^,])")
_FRONTED_WE = re.compile(r"^((?:using|with|by|from|through|based on|combining|leveraging|"
                         r"within|among|across|following|building on|"
                         r"in(?!\s+(?:1[89]|20)\d\d\b))"
                         rf"\s{_FRONTED_PART}{{3,80}}?"
                         rf"(?:,\s+(?:a|an|the)\s{_FRONTED_PART}{{3,120}}?)?)"
                         r",?\s+((?:we|I)\s.+)$", re.I)


# "Experiments demonstrate that AsyncThink achieves 28% lower latency compared to ...":
# what the result is, without how it was shown; _LEAD_IN drops "the proposed" as well.
# "Using 1.2 million job postings, we find that ...", "We estimate that ...": an empirical
# paper's result, with how it was found before it (up to one comma).
# No negation in the words before the verb: "No evidence was found that X", "we did not
# find that X" say the opposite of X, and stripping them would state it.
_SHOWN_THAT = re.compile(r"^(?![^,]*\b(?:no|not|never|none|neither|nor|cannot)\b[^,]*"
                         r"(?:show|demonstrat|indicat|reveal|confirm|find|found|estimat|observ))"
                         r"(?:[^,]{3,120},\s+)?(?:\w+\s+){0,3}(?:show|shows|demonstrate|"
                         r"demonstrates|indicate|indicates|reveal|reveals|confirm|confirms|"
                         r"find|finds|found|estimate|estimates|estimated|observe|observes|"
                         r"observed)\s+that\s+", re.I)
_LEAD_IN = re.compile(rf"^(?:{_SHOWN_THAT.pattern[1:]})?(?:the proposed\s+)?", re.I)
_RESULT_VERB = re.compile(r"^(\S+)\s+(?:achieves|outperforms|improves|reduces|lowers|raises|"
                          r"boosts|yields|reaches|delivers|obtains|surpasses|attains|attaining|"
                          r"speeds up|cuts)\b")
# What a figure is measured against: a baseline, a prior best, a before and after.
_AGAINST = re.compile(r"\b(?:than|compared|relative to|over|versus|vs\.?|outperform\w*|"
                      r"state-of-the-art|baselines?|from \S+ to|(?:above|below) chance)\b", re.I)


# "Comparing the first deaths in 14 districts, we found no evidence that the cordon delayed
# cholera": a null result, told without "we" ("No evidence was found that ...").
_NULL_NOUNS = r"evidence|difference|effect|association|change"
_NULL_FINDING = re.compile(rf"^(?:[^,]{{3,120}},\s+)?(?:we|I)\s+(?:found|find)\s+no\s+"
                           rf"({_NULL_NOUNS})\b", re.I)
# ... as _null_finding retells it: a result of its own.
_NULL_RESULT = re.compile(rf"^No (?:{_NULL_NOUNS}) was found\b")


def _null_finding(sentence: str) -> str:
    """A null result the abstract tells with "we found no ...", in the passive."""
    return _NULL_FINDING.sub(lambda m: f"No {m[1].lower()} was found", sentence.strip(), count=1)


# "For linguolabial stops, however, all aligners perform worse": a connective that ties
# the sentence to the one before it, which a sentence lifted out of its abstract does not
# carry. Dropped; the comma stays after a fronted phrase ("For linguolabial stops, all
# ..."), not after a subject ("The stop contrast, by contrast, is confirmed").
_MID_CONNECTIVE = re.compile(r",\s+(?:however|in contrast|by contrast|moreover|furthermore|"
                             r"nevertheless|nonetheless|conversely|in turn),\s+", re.I)
_FRONTED = re.compile(r"^(?:for|in|on|at|with|among|across|under|after|during|within|"
                      r"without|by|from|over)\b", re.I)


def without_connective(clause: str) -> str:
    """The clause without a connective that points to the sentence before it."""
    found = _MID_CONNECTIVE.search(clause)
    if found is None:
        return clause
    joint = ", " if _FRONTED.match(clause) else " "
    return f"{clause[:found.start()]}{joint}{clause[found.end():]}"


def _without_lead_in(lead_in: re.Pattern[str], sentence: str) -> str:
    """The sentence without its "we show that": and a second finding it joins with "and
    that" ("..., and that the garden's collection grew") joined with "and" alone."""
    clause = lead_in.sub("", sentence, count=1)
    if clause != sentence:
        # "We find that 97% of statements ..., that 92% rely ..., and that one platform
        # ...": each "that" went with the verb the lead-in takes away.
        clause = re.sub(r"(,?\s+and|,)\s+that\s+(?=[\w%$(-])", r"\1 ", clause)
    return clause


def result(paper: Paper, figures: Sequence[str]) -> str | None:
    """A stated result as a whole clause: the abstract's sentence holding one of the paper's
    key figures, when a named system is its subject and it says against what the figure
    is measured ("AsyncThink achieves 28% lower inference latency compared to parallel
    thinking ..."); None otherwise, so that no figure is cut from what it measures."""
    return _result(paper.abstract, tuple(figures))


@lru_cache(maxsize=4096)
def _result(abstract: str, figures: tuple[str, ...]) -> str | None:
    """result by the abstract and the figures' values, remembered (see _sentences)."""
    for sentence in _sentences(abstract):
        if not any(value in sentence for value in figures):
            continue
        clause = _without_lead_in(_LEAD_IN, sentence.strip()).rstrip(".")
        subject = _RESULT_VERB.match(clause)
        if (not subject or not _NAME.match(subject[1]) or "'" in subject[1]
                or not _AGAINST.search(clause) or re.search(r"\b(?:we|our|us)\b", clause, re.I)
                or has_markup(clause) or len(clause.split()) > MAX_CLAIM_WORDS):
            continue
        return clause
    return None


# A figure that is itself a comparison: "with 12x fewer real-world samples" (than what the
# sentence compares with), "3 times faster".
_RELATIVE = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:x|×|times|-fold)\s+(?:fewer|less|more|faster|"
                       r"slower|higher|lower|larger|smaller|cheaper|better)\b", re.I)


def _sentence_case(clause: str) -> str:
    """A sentence's first word as it reads inside another ("Zero-shot accuracy" ->
    "zero-shot accuracy"), a name left as it is ("BiDiff", "PCA", "SparseFA")."""
    first, _, rest = clause.partition(" ")
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return f"{first[0].lower()}{first[1:]} {rest}".rstrip()
    return clause


# A finding whose verb is left to the sentence before ("The supply finding holds: ... The
# spillover finding does not: contracted rents ... were 1.2% higher"): "reports that the
# spillover finding does not: ..." reads broken, so the finding is quoted as written.
_ELLIPTICAL = re.compile(r"^[^,;:]{1,60}?\b(?:does|did|do|is|was|are|were)\s+not:\s", re.I)


# How a result opens (_reported): its figures are what it says, so nothing is cut from it
# (_brief, for_prose), and a work said by its result has said it (plan.py).
RESULTS = ("reports that ", 'says: "')


def _reported(clause: str) -> str:
    """"reports that <clause>"; a clause with an elliptical head, quoted whole."""
    if _ELLIPTICAL.match(clause):
        return f'says: "{capitalized(clause)}"'
    return f"reports that {clause}"


def stated_result(paper: Paper, figures: Sequence[str] | None,
                  longest: int = MAX_CLAIM_WORDS) -> str | None:
    """The stated result for the paper's row of the papers table: result() when it finds
    one, else the abstract's sentence, word for word, that holds one of the key figures
    and says against what it is measured ("On a 7-DoF arm, the method succeeds in 94% of
    trials with 0.1 mm clearance, compared with 61% for a vision-only policy"), else one
    that compares the work with another in words ("XPR outperforms state-of-the-art
    baselines which utilize word-level or sentence-level representations"; "our model"
    and "the proposed method" said as "the model", "the method").

    Looser than result(), which a paragraph quotes: the row names the paper, so "the
    method" or a phrase before the subject reads plainly there. Only the sentences from
    the one that says what the work is ("We present ...") on: those before it are the
    problem, whose comparisons are other work's. Never "we", a pointer back to what the
    abstract said before ("this tracker", "It outperforms"), or a sentence too long for a
    cell; None when no sentence says against what the work is measured. figures None: any
    figure will do, not only the paper's key figures. longest: the most words, more in a
    table cell or a quotation than in a claim of prose."""
    return _stated_result(paper.abstract, None if figures is None else tuple(figures), longest)


@lru_cache(maxsize=4096)
def _stated_result(abstract: str, figures: tuple[str, ...] | None,
                   longest: int = MAX_CLAIM_WORDS) -> str | None:
    """stated_result by the abstract and the figures' values, remembered (see _sentences)."""
    if figures is not None and (strict := _result(abstract, figures)):
        return strict
    sentences = [s.strip() for s in _sentences(abstract) if s.strip()]
    own = turn(sentences) or 0
    # Not the authors' retelling of their own earlier finding ("In 2015 we estimated that
    # ... 232 m ...", opening a 2023 paper that cuts it to 141 m): no result of this paper.
    clauses = [without_connective(_OUR_SUBJECT.sub(
        lambda m: "In the " if m[0][:1] in "iI" else "the ",
        _without_lead_in(_SHOWN_THAT, _null_finding(s)))).rstrip(".")
        for s in sentences[own:] if not _RETOLD.match(s) and not EARLIER_OWN.match(s)]
    readable = [c for c in clauses if not _OURS.search(c) and not _I_SAY.search(c)
                and not dangling(c) and not _OBJECTIVE.match(c)
                and not PRONOUN_START.match(c) and not has_markup(c)
                and not _set_up(c) and len(c.split()) <= longest]
    # A clause that gives a finding with its statistic ("... (IRR 0.86, 95% CI 0.76-0.97)")
    # is a result wherever it stands; a structured abstract's Setting and Participants,
    # their headings gone, come before it with figures and comparisons of their own.
    # Not one that turns against what came before ("However, the median collapse
    # intensity ... was not statistically significant"): a qualification, not the result.
    stated = next((c for c in readable if STATISTIC.search(c) and not _TURNS.match(c) and (
        figures is None or any(value in c for value in figures))), None)
    if stated is not None:
        return capitalized(stated)
    for clause in readable:
        if ((any(value in clause for value in figures) if figures is not None
             else re.search(r"\d", clause))
                and (_AGAINST.search(clause) or _RELATIVE.search(clause))):
            return capitalized(clause)
    compared = next((capitalized(c) for c in readable if _COMPARES.search(c)), None)
    if compared is not None or figures is None:
        return compared
    # Last, a figure with what it measures said by a verb of finding, or given with its
    # confidence interval or test, compared with nothing: "The model explains 79% of the
    # variance at unseen sites, but errors double in arid ecosystems"; not a sentence of
    # set-up ("Cells are annotated with a hierarchy of 412 cell types").
    # Nor a qualification ("However, ... whether depth offers similar protection ...
    # remains to be tested"), whose "remains" finds nothing. A finding that turns against
    # what came before ("In contrast, neither ... predicted capacity") only when it is the
    # one there is: "However, it reduced the 10-year flood peak ... by only 2.7 percent" is
    # the study's result when the rest is what the diversion was and how it was modelled.
    found = [c for c in readable if ((_FIGURE_IN.search(c)
             and (_FINDING_VERB.search(c) or STATISTIC.search(c)))
             or _NULL_RESULT.match(c)) and not _OPEN_QUESTION.search(c)]
    return next((capitalized(c) for c in sorted(found, key=lambda c: bool(_TURNS.match(c)))),
                None)


# What a study leaves open: "remains to be tested", "is yet to be shown".
_OPEN_QUESTION = re.compile(r"\b(?:remains?|remained|is|are)\s+(?:yet\s+)?to\s+be\s+\w+ed\b",
                            re.I)


# How a study was set up, which a structured abstract's Methods state with figures of their
# own ("Exposure was defined per shift as RN hours more than 20% below the ward's own
# establishment", "Outcomes were in-hospital death, falls with injury and 30-day
# readmission", "22 adults consented to 1,430 hours of video"): no result, for all its
# figures and comparisons.
_SET_UP = re.compile(
    r"\b(?:was|were|is|are)\s+(?:defined|identified|recruited|enrolled|included|measured|"
    r"assessed|coded|collected|obtained|allocated|sampled|recorded|extracted|approached|"
    r"invited|screened|eligible)\b|\bconsented\b"
    r"|^(?:the\s+)?(?:primary\s+|secondary\s+)?(?:outcomes?|outcome\s+(?:variables|measures?)|"
    r"exposures?|covariates|participants|predictors)\s+(?:were|was|are|is|include[sd]?)\b"
    r"|\b(?:models?|regressions?)\b[^.;]*\badjusted\s+for\b",
    re.I)


def _set_up(clause: str) -> bool:
    """A clause of how the study was done (_SET_UP) that reports no statistic of a
    finding: "Cox models ... adjusted for patient risk", not "... was associated with a 4%
    increase in the hazard of death (HR 1.04, 95% CI 1.02-1.05)"."""
    return bool(_SET_UP.search(clause)) and not STATISTIC.search(clause)


# A clause that turns against what came before ("However, ..."): a qualification, not the
# paper's result (_stated_result).
_TURNS = re.compile(r"(?:however|but|yet|nevertheless|nonetheless|in contrast|by contrast|"
                    r"conversely|still)\b", re.I)
# A figure, not the number of a name ("mT6").
_FIGURE_IN = re.compile(r"(?<![\w-])\d")
# Verbs that report a finding of the work (stated_result's last resort).
# Told in the past too ("Prompts reduced the sharing of false headlines by 9%"), as the
# empirical sciences report; and "Only 14% of the accounts ..." is a finding in itself.
_FINDING_VERB = re.compile(r"\b(?:explain(?:s|ed)|saturate[sd]|follows|achieve[sd]|reache[sd]|"
                           r"double[sd]|halve[sd]|drop(?:s|ped)|falls|fell|rises|rose|"
                           r"reduce[sd]|improve[sd]|preserve[sd]|recover(?:s|ed)|exceed(?:s|ed)|"
                           r"match(?:es|ed)|remain(?:s|ed)|retain(?:s|ed)|generalises|"
                           r"generalizes|succeed(?:s|ed)|increase[sd]|decrease[sd]|"
                           r"agree[sd]? with|predict(?:s|ed)|account(?:s|ed) for|"
                           r"identified|detected|(?:had|has) no effect|did not \w+)\b|"
                           r"^Only\s+\d")
# An estimate with its uncertainty or its test is a finding, whatever its verb: "The
# pooled prevalence was 28.4% (95% CI 22.9-34.6%)", "... was not significant (p = 0.42)",
# "... (95 percent confidence interval 41 to 55)".
STATISTIC = re.compile(r"\d(?:%|\s(?:percent|per\s+cent))\s*(?:CI|confidence interval)\b|"
                        r"\bp\s*[<=\u2264]\s*0?\.\d|"
                        r"\b(?:hazard|odds|rate|risk) ratio\b|\brelative risk\b", re.I)
# "Our model outperforms ...", "the proposed method outperforms ...": in the paper's own row,
# "the model", "the method".
_OUR_SUBJECT = re.compile(r"^(?:our|the proposed)\s+"
                          # "In this model, retreat accounts for 54 percent": the paper's
                          # own model, which a row and a paragraph name "the model"
                          r"|^(?=in\s+(?:this|our)\s+(?:model|study|analysis|simulation|"
                          r"simulations|experiment|experiments|sample|cohort|trial|ensemble)"
                          r",)in\s+(?:this|our)\s+", re.I)
PRONOUN_START = re.compile(r"^(?:it|they|this|these|those|such)\b", re.I)
# A result said in words, against something: "outperforms", "surpasses", "better than".
_COMPARES = re.compile(r"\b(?:outperform\w*|surpass\w*|beats?|better than|(?:faster|smaller|"
                       r"larger|higher|lower|fewer|more \w+) than|compared (?:to|with))\b", re.I)


# An abstract's sentence that gives the reason its work was taken up: "..., which led us to
# examine the glacier's subglacial drainage system directly", "so we revisited that
# attribution", "Motivated by ...", "Following the loss of ..., we began in 2019 to study
# these meadows". Not "The association ... motivates BCI designs": what the work suggests
# others do next, no reason for the work itself.
_MOTIVE = re.compile(r"\b(?:(?:led|motivated)\s+(?:us|me)\s+to|prompted\s+(?:us|me|this)|"
                     r"motivated\s+by|"
                     r"(?:was|were|is|are)\s+motivated|so\s+(?:we|I)\s+(?:re)?\w+ed|"
                     r"which\s+is\s+why|we\s+(?:have\s+)?therefore\s+"
                     r"(?:asked|tested|examined|revisited|set\s+out|turned|extended|moved|"
                     r"shifted))\b"
                     r"|^(?:following|after|given|because\s+of)\b[^.]*,\s+(?:we|I)\s+"
                     r"(?:began|started|turned|decided|set\s+out)\b"
                     r"|\bthis\s+(?:paper|study|work|article)\s+(?:turns|shifts|moves|"
                     r"extends|begins|starts)\s+(?:our|my)\b", re.I)
# "..., and this paper turns our work from rent regulation to the platform market": the
# turn is told with what came before it, which says what "many" or "that response" are.
_TURNS_OUR_WORK = re.compile(r"\bthis\s+(?:paper|study|work|article)\s+\w+\s+(?:our|my)\b",
                             re.I)


# "We therefore turned from observational epidemiology to intervention research": the
# reason is the sentence before's.
_THEREFORE = re.compile(r"^(?:we|I)\s+(?:therefore|thus|hence|so)\b", re.I)


def reason_given(paper: Paper, about: str = "") -> str | None:
    """The abstract's sentence that says why its work was taken up (_MOTIVE), word for word,
    to quote; None when it gives none: the reason is the paper's to say.

    One that points back ("This prompted us to move from road pricing to ...", "We
    therefore turned to ...") comes with the sentence before it, which says what "this"
    is; one too long to quote, up to the comma after its reason ("Following the loss of
    ..., we began in 2019 to study these meadows"), when that much is short enough. "We
    therefore set out to ..." stands alone when the two are too long together.

    about: what the work turned to; a reason that names it ("... led us to shift our
    effort from modelling clouds to calibrating the data", for calibration) comes before
    one that does not ("..., which is why we observed a NIRSpec PRISM transit")."""
    sentences = abstract_sentences(paper.abstract)
    found = [said for i in range(len(sentences)) if (said := _reason_at(sentences, i))]
    wanted = {stem(w) for w in re.findall(r"[a-z]+", about.lower()) if len(w) > 3}
    return next((s for s in found
                 if wanted & {stem(w) for w in re.findall(r"[a-z]+", s.lower())}),
                next(iter(found), None))


def _reason_at(sentences: Sequence[str], i: int) -> str | None:
    """reason_given's reading of sentence i: the reason to quote, or None."""
    sentence = sentences[i]
    if not (motive := _MOTIVE.search(sentence)) or has_markup(sentence):
        return None
    before = sentences[i - 1] if i else ""
    points_back = bool(PRONOUN_START.match(sentence) or _THEREFORE.match(sentence)
                       or _TURNS_OUR_WORK.search(sentence))
    if points_back and not before:
        return None
    if len(f"{before if points_back else ''} {sentence}".split()) > MAX_QUOTED_WORDS:
        cut = sentence.find(", ", motive.end())
        sentence = sentence[:cut] if cut > 0 else sentence
    whole = f"{before} {sentence}" if points_back else sentence
    if len(whole.split()) <= MAX_QUOTED_WORDS:
        return whole
    if (_THEREFORE.match(sentence) or not PRONOUN_START.match(sentence)) \
            and len(sentence.split()) <= MAX_QUOTED_WORDS:
        # "We therefore set out to ...", "..., and this paper turns our work from rent
        # regulation to the platform market": what was taken up, said alone.
        return sentence
    return None


# --- what a paragraph may quote -------------------------------------------------------------

# What an abstract says before it argues with it: "that account", "that finding".
_SAID_NOUNS = ("account|assumption|view|claim|finding|question|promise|argument|conclusion|"
               "picture|narrative|orthodoxy|consensus|debate|literature|idea|notion|premise|"
               "hypothesis|expectation|intuition|result|problem|gap|concern|tradition|story|"
               "critique|proposal|position|belief|puzzle|paradox|trend|pattern|observation|"
               "interpretation|reading|verdict|diagnosis|prediction|work|research|effort|"
               "approach|method|study|line|annotation")
_SAID_PLURALS = ("accounts|assumptions|views|claims|findings|questions|arguments|conclusions|"
                 "hypotheses|ideas|results|proposals|predictions|interpretations|readings|"
                 "observations|explanations|positions")
# Verbs that act on what was said ("revisit that claim"), each a fixed-width look-behind.
_AFTER_ACTING = "|".join(
    rf"(?<=\b{verb}\s)" for verb in (
        "revisit revisits retest retests test tests replicate replicates question questions "
        "challenge challenges reexamine reexamines re-examine re-examines revise revises "
        "overturn overturns qualify qualifies dispute disputes").split())
# Words that point back to what an abstract said before them: "the two abilities", "these
# tasks", "this problem", "the above steps", "such a mechanism". Quoted alone in a paragraph,
# they point at nothing. "such as" lists and "those of" compares within its own sentence.
# "identifies four first-degree relationships among them": them, of the sentence before;
# no title says who they are either.
_THEM = r"\b(?:among|between|of|within)\s+them\b"
# "collecting 186 sediment cores ..., and dated 24 of them": things the statement itself
# counts before its "them", which it names.
_COUNTED = re.compile(r"\b\d[\d,.]*\s+(?:[a-z-]+\s+){0,3}[a-z-]+s\b", re.I)


def _them_points_back(text: str) -> bool:
    """Whether "of them", "among them" ... points to what the sentence before named: not
    when the text counts things before it (_COUNTED)."""
    return any(not _COUNTED.search(text, 0, match.start())
               for match in re.finditer(_THEM, text, re.I))
_POINTING = re.compile(
    r"\b(?:the\s+(?:two|three|four|five|above|aforementioned|former|latter|analogous)"
    r"|this|these|those(?!\s+(?:of|that|which|who|with)\b)|such(?!\s+as\b)"
    r"|above-mentioned|aforementioned"
    # "Most of the remainder arises from ...": the rest of what the sentence before counted.
    r"|the\s+(?:remainder|rest)(?!\s+of\b)"
    # "benefits from the same behavior": the behaviour is the sentence before's. Not "the
    # same X as Y", which says what it is the same as, nor "at the same time".
    r"|the\s+same(?!\s+(?:time|way)\b)(?!\s+[\w-]+\s+as\b)"
    # "questions that account", "revisits that finding": "that" before a noun of what was
    # said (a complementiser "that" is followed by a clause, not by one of these nouns).
    # Demonstrative "that" takes a singular noun ("that results differ" is a clause), and
    # no auxiliary after it ("argues that consensus is lacking" is one too).
    # "revisits both claims": "both" before a plural of what was said ("both arms" points
    # nowhere back).
    rf"|both(?=\s+(?:{_SAID_PLURALS})\b)"
    # A preposition after the noun makes it a clause's subject ("shows that work on X
    # matters").
    rf"|that(?=\s+(?:{_SAID_NOUNS})\b(?!\s+(?:is|was|has|had|can|could|may|might|will|"
    r"would|does|did|must|should|remains|seems|holds|lies|rests|exists|on|in|of|by|for|with|"
    r"from|at|into|to)\b))"
    # After a verb that acts on what was said ("revisit that claim with a preregistered
    # replication"), "that" is the demonstrative whatever follows the noun: no verb of
    # saying, whose "that" opens a clause.
    rf"|(?:{_AFTER_ACTING})that(?=\s+(?:{_SAID_NOUNS})\b))"
    r"\b(?:\s+(?:a\s+|an\s+)?([A-Za-z][\w-]*))?"
    # "Reads it instead as constitutional legislation", "tests them against ...": the
    # object is what the sentence before named.
    r"|^[a-z]+s\s+(?:it|them)\s+(?=(?:instead|again|further|as|into|to|against|with|"
    r"from|in|on)\b)"
    rf"|{_THEM}", re.I)
# Nouns of the pointer's phrase that name nothing ("this is", "these two").
_NOT_A_NOUN = frozenset("is are was were has have can could may will would two three four "
                        "a an the of in on to and or".split())


# An aside in brackets that gives figures ("(equilibrium temperature ≈ 1,480 K, 1.31 Jupiter
# radii)", "(0.29–1.03 μm)", "(n = 58)"): words and a digit, no negation, and no year or
# citation alone. A bracketed name ("(WFC3)", "(KW-Seq2Seq)") is one word, and stays.
# A bracket after a word ("R(C_5, K_t)") or before more of a formula ("(1/3 + c/K^2)|A|") is
# mathematics, no aside.
_ASIDE = re.compile(r"(?<=\s)\((?=[^()]*\d)(?=[^()]*\s)(?![^()]*\b(?:not|no|never|nor)\b)"
                    r"(?!\s*(?:[A-Z][\w'-]+(?: et al\.?| and [A-Z][\w'-]+)?,?\s*)?"
                    r"(?:1[89]|20)\d\d[a-z]?\s*\))[^()]*\)(?=[\s,.;:]|$)")


# A bio names a paper for what it is, in a clause: past this many words, a fact is cut
# at the first clause that elaborates it (_BRIEF_CUT), when enough is left to say
# something (BRIEF_LEAST words). Not at ", and" or ", with": there a list goes on ("three
# ways: A, B, and C") or a statement does ("for every d ≤ n^{1/2}, with probability ...").
# A participle only right after its noun ("TAVI-3b obtained during three transits"): after
# a comma it is an aside the sentence goes on after (", measured by MODIS, falls below").
BRIEF_WORDS = 20
BRIEF_LEAST = 6
_BRIEF_CUT = re.compile(
    r",\s+(?:which|where|in which|while|whereas|so that|thereby|by|covering|spanning|"
    r"using|from|including|yielding|resulting)\b|(?<![,\s])\s+(?:obtained|observed|"
    r"collected|recorded|taken)\s+(?:during|with|from|by|in|on|at|over|using)\b")


def _brief(fact: str) -> str:
    """A fact as a bio tells it: whole when short, else up to where it first elaborates
    ("presents ground-based transmission spectroscopy of the hot Jupiter TAVI-3b", not
    "... obtained during three transits with the KESTREL long-slit spectrograph, covering
    0.52–0.90 μm at a resolving power of about 1,100"). A result ("reports that ...") is
    left whole: its figures are what it says."""
    if len(fact.split()) <= BRIEF_WORDS or fact.startswith(RESULTS):
        return fact
    for cut in _BRIEF_CUT.finditer(fact):
        head = fact[:cut.start()].rstrip(" ,;:")
        if len(head.split()) >= BRIEF_LEAST and head.count("(") == head.count(")") \
                and head.split()[-1].lower() not in ENGLISH_STOP_WORDS:
            return head
    return fact


def for_prose(fact: str | None) -> str | None:
    """A paper's fact as a paragraph tells it: a statement of what it did without its
    asides of figures (without_asides); a result ("reports that ...") whole, since its
    figures are what it says; a quoted one ('says: "..."') as written."""
    return fact if fact is None or fact.startswith(RESULTS) else without_asides(fact)


def without_asides(statement: str) -> str:
    """A paper's statement for prose, its asides of figures left to its table row: "presents
    transmission spectroscopy of the hot Jupiter TAVI-3b obtained during three transits",
    not "... TAVI-3b (equilibrium temperature ≈ 1,480 K, 1.31 Jupiter radii) obtained
    ...". A reader of a paragraph follows what the paper did; the row keeps the figures."""
    return re.sub(r"\s+([,.;:]|$)", r"\1", re.sub(r"\s{2,}", " ", _ASIDE.sub("", statement)))


def dangling(text: str, before: str = "") -> str | None:
    """The words of a statement that point back to something it does not say ("the two
    abilities", "these tasks", "this problem"), or None when there are none. A pointer
    whose noun the statement or `before` (what the reader of the paragraph has read)
    names earlier has its antecedent, and is not dangling."""
    for match in _POINTING.finditer(text):
        if match[0].lower().startswith("the same") and re.search(
                r"\b(?:than|compared|versus|vs\.?)\b", text[:match.start()], re.I):
            continue  # "3.2× higher throughput than vLLM at the same latency": the same as it
        if re.fullmatch(_THEM, match[0], re.I) and not _them_points_back(text[:match.end()]):
            continue  # "collected 186 cores and dated 24 of them": its own cores
        noun = (match[1] or "").casefold()
        if noun and noun not in _NOT_A_NOUN:
            said = f"{before} {text[:match.start()]}".casefold()
            if re.search(rf"\b{re.escape(noun[:5])}", said):
                continue
        return match[0]
    return None


# Where a clause that can be cut begins: what comes after it elaborates the head.
_CLAUSE = re.compile(r",\s+(?:which|where|in which|while|so that|thereby|by|and)\b|\s+which\b"
                     r"|\s+(?:designed|intended|aimed|developed|tailored)\s+to\b")
_OURS = re.compile(r"\b(?:we|our|us|my|me)\b", re.I)
# A sole author's "I propose ..." ("type I diabetes" is no one speaking).
_I_SAY = re.compile(r"(?:^|[,;:]\s+|\band\s+)I\s+[a-z]")


def cut_pointing(statement: str, before: str = "") -> str | None:
    """A statement ("proposes X ...") a paragraph can carry: itself when it stands alone,
    else cut before the clause where it stops doing so (a pointer back, "we" or "our", or
    its length): "proposes meta-pretraining, which learns the two abilities in different
    phases" -> "proposes meta-pretraining". None when what is left says no more than a verb
    and a word or two."""
    _, _, rest = statement.partition(" ")
    if _stands_alone(rest) and not dangling(statement, before):
        return statement
    troubles = [m.start() for m in (_OURS.search(statement),) if m]
    if pointer := dangling(statement, before):
        troubles.append(statement.casefold().find(pointer.casefold()))
    if len(statement.split()) > MAX_CLAIM_WORDS:
        troubles.append(len(" ".join(statement.split()[:MAX_CLAIM_WORDS])))
    at = min(troubles) if troubles else len(statement)
    cuts = [m.start() for m in _CLAUSE.finditer(statement[:at])]
    if not cuts:
        return None
    head = statement[:cuts[-1]].rstrip(" ,")
    _, _, rest = head.partition(" ")
    if len(head.split()) < 3 or dangling(head, before) or not _stands_alone(rest):
        return None
    return head


# A sentence that states the problem a paper takes up: a contrast, a failure, a cost, a limit...
_PROBLEM = re.compile(
    r"\b(?:however|but|yet|although|though|challeng\w*|difficult\w*|hard to|impractical|"
    r"struggl\w*|fail\w*|lags? behind|suffer\w*|limit(?:s|ed|ation|ations)?|lacks?|lacking|"
    r"costly|expensive|prohibitive\w*|issues?|problems?|bottlenecks?|inefficien\w*|"
    r"trade-offs?|in isolation|no (?:hardware )?support|without any benefit|degrad\w*|"
    r"collaps\w*|unsolved|unclear|poorly|insufficient\w*|scarce|scarcity)\b", re.I)
# ... or a need the topic poses, which frames it less sharply.
_NEED = re.compile(r"\b(?:requires?|requiring|needs?|demands?|must|remains?|rel(?:y|ies) on|"
                   r"typically|most existing)\b", re.I)
# A contrast ties a sentence to the one before it ("However, ..."): said with it, or without it.
_CONTRAST = re.compile(r"^(?:however|but|yet|nevertheless|nonetheless|still|unfortunately),?\s+",
                       re.I)
_CONNECTIVE = re.compile(r"^(?:moreover|furthermore|in addition|additionally|in practice|"
                         r"in particular|notably|also|indeed),?\s+", re.I)
# A problem said with its context ("A has done X, but Y") stays this short.
MAX_PROBLEM_WORDS = 45


def problems(paper: Paper) -> list[tuple[str, int]]:
    """The abstract's own statements of the problem it takes up, from the sentences before
    it turns to its own work, each word for word (a leading "However," is joined to the
    sentence it contrasts with, or dropped), with their strength: 2 for a contrast, failure,
    cost or limit, 1 for a need ("requires", "typically"). Best first: with context, then
    by strength, then in the abstract's order."""
    sentences = [_PLAIN_MATH.sub(r"\1", s.strip()) for s in _sentences(paper.abstract)]
    found: list[tuple[int, int, int, str]] = []  # (alone, -strength, index, text): best first
    for i, raw in enumerate(sentences):
        if OWN_WORK.search(raw):
            break
        if "?" in raw or has_markup(raw):
            continue
        strength = 2 if _PROBLEM.search(raw) else 1 if _NEED.search(raw) else 0
        if not strength:
            continue
        contrast = _CONTRAST.match(raw)
        body = capitalized((raw[contrast.end():] if contrast else _CONNECTIVE.sub("", raw))
                           .rstrip(". "))
        previous = sentences[i - 1].rstrip(". ") if i else ""
        if contrast and _quotable(previous):
            joined = f"{previous}, but {_lower_first(body, paper)}"
            if len(joined.split()) <= MAX_PROBLEM_WORDS and not dangling(joined):
                found.append((0, -strength, i, f"{joined}."))
        if _quotable(body):
            found.append((1, -strength, i, f"{body}."))
    return [(text, -strength) for _, strength, _, text in sorted(found)]


def _quotable(sentence: str) -> bool:
    """A sentence a paragraph can quote as it stands: it starts nowhere else and is short."""
    return (bool(sentence) and not _DANGLING.match(sentence) and not dangling(sentence)
            and len(sentence.split()) <= MAX_CLAIM_WORDS
            and not has_markup(sentence))


def _lower_first(text: str, paper: Paper) -> str:
    """The first word in lower case when it is an ordinary word the paper writes so
    ("Due to ..." after ", but"); a name ("NVIDIA's", "English-centric") keeps its case."""
    word = text.split(" ", 1)[0]
    lower = word.casefold()
    ordinary = word[:1].isupper() and word[1:] == word[1:].lower() and word.isalpha()
    if ordinary and (lower in ENGLISH_STOP_WORDS or re.search(
            rf"\b{re.escape(lower)}\b", f"{paper.title} {paper.abstract}")):
        return lower + text[len(word):]
    return text


# A sentence that only says where the paper's code or data are ("Code is available at
# https://..."): a link, and this few words besides it.
_LINK = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w.-]+\.(?:com|org|io|ms)/\S*", re.I)
MAX_LINK_WORDS = 15


def own_account(paper: Paper) -> str:
    """The abstract from where it turns to its own work, without the sentences that only
    say where its code is: what a digest is asked for (contribution, method, result).

    Why: the sentences before the turn tell of the field and of earlier work, which a
    digest does not report, and a summary of the whole abstract can give them as the
    paper's own (SlideSparse opens with "Qwen3: 54% to 15%", the problem it takes up, not
    its result). On the example they are a quarter of the abstracts' tokens, sent once per
    paper. A sentence that names the paper (its short name) begins its own account as well
    as a "we"; an abstract that never turns is given whole."""
    sentences = [s.strip() for s in _sentences(paper.abstract) if s.strip()]
    name = short_name(paper)
    named = re.compile(rf"\b{re.escape(name)}\b") if name else OWN_WORK
    start = next((i for i, s in enumerate(sentences) if OWN_WORK.search(s) or named.search(s)),
                 0)
    if start and _points_back(sentences[start], paper):
        start -= 1  # "To tackle this problem, we propose ...": the problem it tackles stays
    kept = [s for s in sentences[start:] if not _only_link(s)]
    return " ".join(kept) or paper.abstract.strip()


# "We calibrate them with ...": a pronoun of the turn that stands for what came before.
_BACK = re.compile(r"\b(?:they|them|their)\b", re.I)
_THIS_PAPER = re.compile(r"\bthis (?:paper|work|study|report|article)\b", re.I)


def _points_back(sentence: str, paper: Paper) -> bool:
    """The sentence names what an earlier one said ("this problem", "them"), and the title
    does not say it."""
    sentence = _THIS_PAPER.sub("", sentence)
    return bool(dangling(sentence, paper.title) or _BACK.search(sentence))


def _only_link(sentence: str) -> bool:
    """A sentence that holds a link and little else: where the code is, not what it does."""
    return (_may_link(sentence) and bool(_LINK.search(sentence))
            and len(_LINK.sub("", sentence).split()) <= MAX_LINK_WORDS)


def _may_link(sentence: str) -> bool:
    """Whether _LINK can match at all: each of its forms has a "/" or a "www." in it. A
    plain test before the pattern, whose "[\\w.-]+\\.com/" form backtracks through every
    word of a sentence that has none (most of an abstract's)."""
    return "/" in sentence or "www." in sentence.lower()


# What a paper says its work makes possible or leaves open.
_OUTLOOK = re.compile(
    r"\b(?:promising (?:direction|path|avenue|approach)|future (?:work|research|directions?)|"
    r"open (?:questions?|problems?|challenges?)|paves? the way|practical path|"
    r"steps? towards?|may not be sufficient|remains? (?:an )?open|new avenues?)\b", re.I)
# "These results highlight that X": the finding, with the paper as its subject.
_FINDINGS_THAT = re.compile(
    r"^(?:these|our|the|such) (?:experimental )?(?:results|findings|experiments|analyses|"
    r"observations)\s+(?:further\s+|also\s+|thus\s+)?(highlight|suggest|indicate|show|"
    r"demonstrate|reveal|confirm|establish|imply)\s+that\s+(.+?)\.?$", re.I)
_WE_THINK = re.compile(r"^we (?:then |also |further |thus )?(posit|argue|conclude|suggest|"
                       r"hypothesi[sz]e)\s+that\s+(.+?)\.?$", re.I)
# ", establishing X as a practical path to Y": what a result makes possible.
_ESTABLISHING = re.compile(r",\s+(establishing|making|enabling|paving|opening|offering|"
                           r"suggesting|highlighting)\s+(.+?)\.?$", re.I)
_PARTICIPLE = {"establishing": "establishes", "making": "makes", "enabling": "enables",
               "paving": "paves", "opening": "opens", "offering": "offers",
               "suggesting": "suggests", "highlighting": "highlights",
               "providing": "provides", "showing": "shows", "demonstrating": "demonstrates"}
_AND_PARTICIPLE = re.compile(rf"\b(and\s+)({'|'.join(_PARTICIPLE)})\b")


def outlook(paper: Paper) -> str | None:
    """What the abstract says its work leaves open or makes possible, as a verb phrase
    with the paper as subject ("highlights that combining ... is a promising direction
    for efficient LLMs"), word for word; None when it says nothing of the kind."""
    for sentence in _sentences(paper.abstract):
        sentence = _PLAIN_MATH.sub(r"\1", sentence.strip())
        if match := _FINDINGS_THAT.match(sentence) or _WE_THINK.match(sentence):
            verb, rest = _third_person(match[1].lower()), match[2].strip()
            phrase = f"{verb} that {rest}"
        elif match := _ESTABLISHING.search(sentence):
            # "highlighting X and providing Y": both verbs take the paper as subject.
            rest = _AND_PARTICIPLE.sub(lambda m: f"{m[1]}{_PARTICIPLE[m[2]]}", match[2].strip())
            phrase = f"{_PARTICIPLE[match[1].lower()]} {rest}"
        else:
            continue
        if _OUTLOOK.search(rest) and _stands_alone(rest) and not dangling(rest):
            return phrase
    return None


# --- naming ---------------------------------------------------------------------------------


def cite_title(paper: Paper) -> str:
    year = f" ({paper.year})" if paper.year else ""
    return f'"{paper.title}"{year}'


def owner_surname(owner: str) -> str | None:
    """The owner's family name as written, when agent.names.surname finds it among the
    name's words, with its particles ("van den Heuvel" of "Marit van den Heuvel", not
    "Heuvel"); None for a name it cannot split (one CJK word)."""
    key = surname(owner)
    last = next((w for w in owner.split() if key and _ascii_word(w) == key), None)
    if last is None:
        return None
    family = family_name(owner)
    return family if family.endswith(last) else last


class Realizer:
    """Sentences about papers, with the mentions of one outline remembered."""

    def __init__(self, owner: str, figures: dict[str, list[str]],
                 alphabetical: bool = False) -> None:
        self.owner = owner
        # The places in an author list that make a paper the owner's own, told with its
        # role: first or sole; sole only where the lists follow the alphabet (FactSheet.
        # alphabetical_authors), where being first is the alphabet's doing.
        self.led_positions = (OwnerPosition.SOLE,) if alphabetical else LED
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
        # A paragraph (grant, intro) names a paper by its short name from the first mention:
        # its citation says which paper it is, and a full title would crowd the argument.
        self.short_first = False
        # In one document (a report: bio, trajectory, lines of work, read in that order) a
        # paper is named by its full title once, then by its short name (issue 16).
        self.one_document = False
        self.document_seen: set[str] = set()  # named by full title in earlier parts
        self.seen: set[str] = set()
        # Each paper's short name and contribution, found once: an outline asks them of
        # the same papers over and over (paper key -> value; a Realizer is one planner's).
        self._short_names: dict[str, str | None] = {}
        self._contributions: dict[str, str | None] = {}
        # Each paper's fact, in a bio (broad) and out of one: a bio's planning asks it of
        # every paper at every length it tries (paper key and broad -> fact()).
        self._facts: dict[tuple[str, bool], str | None] = {}
        self.reset()

    def _short_name(self, paper: Paper) -> str | None:
        if paper.key not in self._short_names:
            self._short_names[paper.key] = short_name(paper)
        return self._short_names[paper.key]

    def _contribution(self, paper: Paper) -> str | None:
        if paper.key not in self._contributions:
            self._contributions[paper.key] = contribution(paper)
        return self._contributions[paper.key]

    def reset(self, owner: bool = False) -> None:
        """A new outline: every paper is named by its full title again (unless it is a
        later part of one document), and with owner, the owner by full name (a bio stands
        alone; a report's later parts follow it)."""
        # An outline (or a bio's trial of one) starts from what the document's earlier
        # parts named, never from its own trials.
        self.seen = set(self.document_seen) if self.one_document else set()
        self.role_said = False  # a paragraph says the owner's first-author role once
        if owner:
            self.owner_named = False

    # --- names ----------------------------------------------------------------------------

    def told(self, claims: Sequence[Claim], papers: Iterable[Paper]) -> None:
        """In one document: the papers these claims (a finished part) name by full title."""
        if self.one_document:
            self.document_seen |= {p.key for p in papers
                                   if any(f'"{p.title}"' in c.text for c in claims)}

    def ref(self, paper: Paper) -> str:
        """The full title and year the first time, the short name and year after."""
        name = self._short_name(paper)
        if (paper.key in self.seen or self.short_first) and name:
            self.seen.add(paper.key)
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
        first = paper.key not in self.seen or not self._short_name(paper)
        ref = self.ref(paper)
        if not first or not paper.year or not ref.startswith('"'):
            return ref
        title = f'"{paper.title}"'
        frames = (ref, f"A {paper.year} paper, {title},", f"In {paper.year}, {title}",
                  f"The {paper.year} paper {title}")
        self.frame += 1
        return frames[(self.frame - 1) % len(frames)]

    def named(self, paper: Paper, fact: str, framed: bool = True) -> tuple[str, str]:
        """A paper as a sentence's subject (framed: in turn, as subject() does; else as
        ref()) and what it does. Once named by its short name, a fact that names it is said
        of the name ("IGap (2023) is a metric ...", not "IGap (2023) proposes IGap, a
        metric ..."), or, where it cannot be, the paper goes by its full title."""
        if self._short_name(paper) and paper.key in self.seen and not self.short_first:
            _, full, predicate = self.mention(paper, fact, short=True)
            return full, predicate
        return (self.subject(paper) if framed else self.ref(paper)), fact

    def whose(self) -> str:
        return f"{self.who()}'s"

    def edited(self, paper: Paper, fact: str) -> str:
        """A work the owner edited and did not write, said as that, alone in its sentence:
        '"Women of the Waterfront" (2022), edited by Achebe-Strand, brings together ...'."""
        return f"{self.ref(paper)}, edited by {self.who()}, {fact}"

    # --- what papers say ------------------------------------------------------------------

    def fact(self, paper: Paper) -> str | None:
        """The paper's contribution as a verb phrase ("presents X"), else (in a bio, broad,
        first) its own account in any verb ("trains X"), else its result clause; None when
        the abstract gives none. A statement that only says the title again ("Cross-Lingual
        Language Model Meta-Pretraining" "proposes cross-lingual language model
        meta-pretraining") tells a reader nothing the name did not: it is no fact."""
        key = (paper.key, self.broad)
        if key not in self._facts:
            fact = for_prose(self._fact(paper))
            self._facts[key] = _brief(fact) if self.broad and fact else fact
        return self._facts[key]

    def _fact(self, paper: Paper) -> str | None:
        if (action := self._contribution(paper)) and says_more(paper, action):
            return action
        if self.broad and (action := statement(paper)) and says_more(paper, action):
            return action
        if clause := result(paper, self.figures.get(paper.key, [])):
            return _reported(clause)
        # An abstract that says what the work does in other verbs ("We translate speech in
        # 40 languages without a tokenizer") is quoted rather than the paper left unsaid
        # (a bio, broad, has looked for it already).
        action = None if self.broad else statement(paper)
        if action and says_more(paper, action):
            return action
        # Last, the finding its table row states, whole: "We evaluate five such models on
        # 17 datasets" points back and no key figure is measured against anything, but
        # "Zero-shot accuracy drops by 18 percentage points on average under batch shift,
        # and simple baselines ... outperform the foundation models in 11 of the 17
        # datasets" stands alone; without it the paper went unsaid in every section.
        finding = stated_result(paper, None)
        return _reported(_sentence_case(finding.rstrip('.'))) if finding else None

    def notable(self, paper: Paper) -> Claim | None:
        """A paper's stated result, with what it measures and against what."""
        clause = result(paper, self.figures.get(paper.key, []))
        if not clause:
            return None
        return Claim(id="", text=f"{capitalized(self.ref(paper))} {_reported(clause)}.",
                     keys=[paper.key])

    def papers(self, papers: Sequence[Paper], other: bool = False) -> list[Claim]:
        """Sentences for a run of papers: the owner's own first, grouped under their role;
        then the others, two to a sentence when both are short; papers with nothing
        quotable are named in a sentence with content of its own, or left to the table."""
        facts = {p.key: self.fact(p) for p in papers}
        led = [p for p in papers if p.owner_position in self.led_positions]
        rest = [p for p in papers if p.owner_position not in self.led_positions and facts[p.key]]
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

    # --- paragraphs (grant, intro) ----------------------------------------------------------

    def standalone(self, paper: Paper, before: str = "") -> str | None:
        """What a paragraph says a paper does: the first of its contributions, its stated
        result and its "we" statements that points back to nothing the paragraph has not
        said (`before`: the paragraph so far: "the two abilities" of an abstract's earlier
        sentence are not there), else a contribution cut before the clause that does; None
        when the abstract gives neither."""
        figures = self.figures.get(paper.key, [])
        clause = result(paper, figures)
        # "We release X" says what the paper makes available, not what it does: it comes
        # after every other statement of the paper's own (as in contribution()).
        found = list(contributions(paper))
        released = [c for c in found if c.startswith("releases ")]
        said = [*(c for c in found if c not in released),
                *([_reported(clause)] if clause else []),
                *(c for c in statements(paper) if c not in released), *released]
        for fact in said:
            if not dangling(fact, before):
                return for_prose(fact)
        # No statement of what it does, but a result said with what it is measured against
        # (a benchmark's finding: "zero-shot accuracy drops by 18 percentage points ...").
        if (found := stated_result(paper, None)) is not None and found != clause:
            return _reported(_sentence_case(found))
        for fact in contributions(paper, stand_alone=False):
            if (cut := cut_pointing(fact, before)) is not None:
                return for_prose(cut)
        return None

    def mention(self, paper: Paper, fact: str, short: bool | None = None
                ) -> tuple[str, str, str]:
        """How a paragraph names a paper and says what it does: the name alone, the name with
        the year, and the verb phrase. By short name when it has one (short_first, or
        `short` when given: a report's later mention, see named()), and then
        a fact that names it ("presents XLM-T, which initializes ...") says it of the name
        ("XLM-T (2020) initializes ..."; "proposes Sparse-BitNet, a framework ..." ->
        "Sparse-BitNet (2026) is a framework ..."); by full title when it cannot."""
        name = self._short_name(paper) if (self.short_first if short is None else short) else None
        predicate = fact
        if name and (said := said_of(name, fact)) is not None:
            predicate = said
        else:
            name = None  # "presents XLM-T" said of XLM-T would say nothing
        self.seen.add(paper.key)
        bare = name or f'"{paper.title}"'
        return bare, f"{bare} ({paper.year})" if paper.year else bare, predicate

    def chronicle(self, papers: Sequence[Paper], facts: dict[str, str], role: bool = False,
                  lead: str = "", after: int | None = None) -> list[Claim]:
        """Papers in the order given (a paragraph's time order), each with what it does,
        named with its year; two to a sentence when both are short. With role, the owner's
        first-author role is said once, at the first of the owner's papers (two of them in
        a row share the sentence). `lead` opens the first sentence ("On X, "); `after` is
        the year of the paper told just before, so that "then" is said only of a later one.
        Openings turn between "X (2020) does", "In 2021, X does" and "X (2022) then does"."""
        claims: list[Claim] = []
        queue = list(papers)
        while queue:
            a = queue.pop(0)
            predicate: str | None = None
            if role and not self.role_said and a.owner_position in self.led_positions:
                text, keys = self._role_sentence(a, queue, facts)
            elif a.owner_position is OwnerPosition.EDITOR:
                text, predicate, keys = self.edited(a, facts[a.key]), facts[a.key], [a.key]
            else:
                text, predicate = self._told(a, facts[a.key], after, plain=bool(lead))
                keys = [a.key]
                if queue and not (role and not self.role_said
                                  and queue[0].owner_position in self.led_positions):
                    b = queue[0]
                    seen = set(self.seen)
                    _, full, predicate_b = self.mention(b, facts[b.key])
                    two = f"{text}, and {full} {predicate_b}"
                    if len(two.split()) <= MAX_JOINED_WORDS:
                        text, keys = two, [a.key, b.key]
                        queue.pop(0)
                        a = b
                    else:
                        self.seen = seen
            # One paper's sentence ends with what it does: the part a small model may reword.
            claims.append(Claim(id="", text=f"{capitalized(lead + text)}.", keys=keys,
                                predicate=predicate if len(keys) == 1 else None))
            lead = ""
            after = a.year or after
        return claims

    def _told(self, paper: Paper, fact: str, after: int | None, plain: bool = False
              ) -> tuple[str, str]:
        """One paper and what it does, in the next of the openings (plain: the first); and
        the predicate the text ends with."""
        bare, full, predicate = self.mention(paper, fact)
        self.frame += 1
        # "In 2024, FlashBack is a ..." and "FlashBack then is" do not read: "is" takes the first.
        frame = 0 if plain or not paper.year or predicate.startswith("is ") else self.frame % 3
        if frame == 1:
            return f"In {paper.year}, {bare} {predicate}", predicate
        if frame == 2 and after is not None and paper.year > after:
            return f"{full} then {predicate}", predicate
        return f"{full} {predicate}", predicate

    def _role_sentence(self, paper: Paper, queue: list[Paper], facts: dict[str, str]
                       ) -> tuple[str, list[str]]:
        """The owner's first first-author paper in a paragraph, with the role; the next paper
        too when it is also the owner's and the sentence stays short."""
        self.role_said = True
        seen = set(self.seen)
        _, full, predicate = self.mention(paper, facts[paper.key])
        if queue and queue[0].owner_position in self.led_positions:
            b = queue[0]
            _, full_b, predicate_b = self.mention(b, facts[b.key])
            whose = f"{self.owner if not self.owner_named else self.surname}'s"
            text = (f"{whose} first-author papers include {full}, which {predicate}, "
                    f"and {full_b}, which {predicate_b}")
            if (whichable(predicate) and whichable(predicate_b)
                    and len(text.split()) <= MAX_JOINED_WORDS):
                self.owner_named = True
                queue.pop(0)
                return text, [paper.key, b.key]
            self.seen = seen
            _, full, predicate = self.mention(paper, facts[paper.key])
        sole = paper.owner_position is OwnerPosition.SOLE
        if predicate != facts[paper.key]:  # said of its name: "XLM-T (2020) initializes ..."
            return (f"{full}, with {self.who()} as {'sole' if sole else 'first'} author, "
                    f"{predicate}"), [paper.key]
        return (f"{self.whose()} {'sole-authored' if sole else 'first-author'} paper {full} "
                f"{predicate}"), [paper.key]

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
            name_a, fact_a = self.named(a, facts[a.key], framed=False)
            name_b, fact_b = self.named(b, facts[b.key], framed=False)
            text = f"{head} {name_a}, which {fact_a}, and {name_b}, which {fact_b}."
            if len(text.split()) <= MAX_JOINED_WORDS:
                claims.append(Claim(id="", text=text, keys=[a.key, b.key]))
                return claims + self._others(others[1:], facts, False)
            # Too long for one sentence: the role goes with the first paper alone.
            self.seen, self.owner_named, self.turn = seen, named, turn
        text, predicate = self._led_one(first, facts[first.key])
        claims.append(Claim(id="", text=text, keys=[first.key], predicate=predicate))
        return claims + self._others(others, facts, False)

    def _led_one(self, paper: Paper, fact: str | None) -> tuple[str, str]:
        """One first-author paper and what it does, the role worded in turn; and the
        predicate the sentence ends with."""
        self.turn += 1
        name, fact = self.named(paper, fact or "", framed=False)
        # A paper written alone is told as that: "first author" of one is not what a
        # person would say of it.
        sole = paper.owner_position is OwnerPosition.SOLE
        if self.turn % 3 == 1 or not self.owner_named:
            role = "sole-authored" if sole else "first-author"
            return f"{self.whose()} {role} paper {name} {fact}.", fact
        if self.turn % 3 == 2 or sole:
            role = "sole" if sole else "first"
            return f"{capitalized(name)}, with {self.who()} as {role} author, {fact}.", fact
        return f"First-authored by {self.who()}, {name} {fact}.", fact

    def _led_names(self, papers: list[Paper], also: bool) -> list[Claim]:
        """First-author papers with nothing quotable: named together under the role."""
        papers = by_date(papers)[:MAX_KEYS_PER_CLAIM]
        keys = [p.key for p in papers]
        named = join_and([self.ref(p) for p in papers])
        self.turn += 1
        if all(p.owner_position is OwnerPosition.SOLE for p in papers):
            text = f"{self.who()} is {'also ' if also else ''}the sole author of {named}."
        elif self.turn % 2 and self.owner_named:
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
            if other and not claims:
                # The first of the papers that fit no line says so, and is said alone.
                name, fact = self.named(a, facts[a.key], framed=False)
                claims.append(Claim(id="", text=f"Other work includes {name}, which {fact}.",
                                    keys=[a.key], predicate=fact))
                continue
            if a.owner_position is OwnerPosition.EDITOR:
                claims.append(Claim(id="", text=f"{capitalized(self.edited(a, facts[a.key]))}.",
                                    keys=[a.key], predicate=facts[a.key]))
                continue
            subject, predicate = self.named(a, facts[a.key])
            one = f"{subject} {predicate}"
            if queue:
                b = queue[0]
                seen = set(self.seen)
                two = f"{one}, and {' '.join(self.named(b, facts[b.key], framed=False))}"
                if len(two.split()) <= MAX_JOINED_WORDS:
                    queue.pop(0)
                    claims.append(Claim(id="", text=f"{capitalized(two)}.", keys=[a.key, b.key]))
                    continue
                self.seen = seen
            claims.append(Claim(id="", text=f"{capitalized(one)}.", keys=[a.key],
                                predicate=predicate))
        return claims


def date_key(paper: Paper) -> str:
    """A paper's date as text that sorts; undated papers last."""
    return paper.date.isoformat() if paper.date else "9999"


def by_date(papers: Iterable[Paper]) -> list[Paper]:
    """Oldest first, undated last; the key settles ties, so the order never depends on input."""
    return sorted(papers, key=lambda p: (date_key(p), p.key))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# Two to ten in words, from the verifier's own table of number words: what the planner
# spells, the verifier reads.
_NUMBER_WORDS = {n: w.capitalize() for w, n in _WORD_NUMBERS.items() if 2 <= n <= 10}


def opening_count(text: str) -> str:
    """A count that opens a sentence, spelled out as prose spells one ("Three papers, from
    2020 to 2023, make up ...", "Ten of the 13 papers ..."); one and past ten, as it is:
    the verifier reads "One of" as no count ("one of the first ..."), so a wrong one
    would go unchecked."""
    number, _, rest = text.partition(" ")
    if number.isdigit() and int(number) in _NUMBER_WORDS:
        return f"{_NUMBER_WORDS[int(number)]} {rest}"
    return capitalized(text)


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
