"""What a question asks: its kind, its subject, the years or works it names.

Rules, not a model: the kinds a reader asks about a research record are few and their
wording is regular ("did ... work on X", "what did ... do in 2025", "which papers are
about X", "how does A differ from B"), and a rule can be tested and says why it chose.
The answer plans in agent/answers.py are keyed by these kinds. Questions of fact (counts,
roles, co-authors, code) are answered before this, exactly, by agent/fact_questions.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from agent.names import normalize_name


class QuestionKind(StrEnum):
    FACT = "fact"              # counts, roles, co-authors, code: agent/fact_questions.py
    YES_NO = "yes_no"          # "Did she work on speech?"
    OVERVIEW = "overview"      # "What is his main research area?"
    TIME = "time"              # "What did they do in 2025?", "How did it change after 2023?"
    LIST = "list"              # "Which papers are about mixture of experts?"
    COMPARISON = "comparison"  # "How does InfoXLM differ from XLM-E?"
    WORK = "work"              # "What does XPR contribute?"
    OPEN = "open"              # anything else: the papers nearest the question


@dataclass(frozen=True)
class Question:
    """A question as the answer plans need it."""

    text: str
    kind: QuestionKind
    topic: str = ""                       # the subject in the asker's words ("speech")
    years: tuple[int, int] | None = None  # the window asked about, inclusive
    change: bool = False                  # asks how the work changed, not what it was
    works: tuple[str, ...] = ()           # keys of papers named by short name or title
    follow_up: bool = False               # "those", "them": about the previous answer's papers
    period: str = ""                      # "early" or "recent": the first or the last phase
    why: str = ""                         # the rule that chose the kind
    topics: tuple[str, ...] = field(default=())  # two subjects of a comparison
    # "limitations", "findings": what of a work is asked; "held_up": whether a claim stood;
    # "shows": what the work found of a claim ("Does her work show that X?");
    # "count": how many papers are on the topic
    aspect: str = ""


_YEAR = r"(?:19|20)\d\d"
_YES_NO = re.compile(r"^(?:so\s+|and\s+|but\s+)?(?:did|does|do|has|have|had|is|are|was|were|"
                     r"can|could|would|will)\b")
# "Did the cordon work?", "Does the early-warning model outperform the baseline?": a yes/no
# question whose subject is a thing the papers study, not the researcher or the record.
# After "the": a thing, not the papers, the work or the record ("Did the papers ...?").
_NOT_THE_RECORD = (r"(?!(?:papers?|work|works|research|publications?|record|author|"
                   r"researcher)\b)")
_THING_DID = re.compile(rf"^(?:did|does|do|was|were|is|are)\s+the\s+{_NOT_THE_RECORD}"
                        r"(?P<what>(?:[\w-]+\s+){0,6}?[\w-]+)\s+(?:work|succeed|help|fail|"
                        r"reduce|improve|increase|outperform|prevent|delay|change|matter)\w*\b")
# "Did the famine interpretation of the Norrösund mass grave hold up?": whether a claim
# stood asks for the papers on it in order (the one that made it, the one that withdrew
# it), not for a "Yes" that papers are on it.
# "his group's 2022 quantum-advantage claim": the claim of the group, lab or team too.
_GROUPS = r"(?:(?:group|lab|laboratory|team|consortium)'s\s+)?"
_HELD_UP = re.compile(r"^(?:did|does|do|has|have)\s+(?:the|her|his|their)\s+"
                      rf"{_GROUPS}"
                      r"(?P<what>(?:[\w'.%\"“”-]+\s+){0,11}?[\w'.%\"“”-]+)"
                      r"\s+(?:(?:hold|held)(?:\s+up)?|stand|stood|survived?|replicated?|"
                      r"last(?:ed)?|(?:turn|turned)\s+out\s+to\s+be\s+(?:robust|right|true|"
                      r"correct|general|durable|real)|prove[dn]?\s+(?:robust|right|true|"
                      r"correct|durable))\b")
# "Does her work show that more meltwater makes glaciers flow faster?": what the papers
# found of the claim's things, never a "Yes" that papers are on them.
_WORK_SHOWS = re.compile(r"^(?:does|did|do|has|have)\s+(?:her|his|their|the|this)\s+"
                         r"(?:work|research|papers?|studies|record|results?|findings?)\s+"
                         r"(?:show|shown|find|found|prove|proven|suggest|establish|"
                         r"demonstrate|support)\w*\s+that\s+(?P<what>.+?)\??$")
# The nouns a claim goes by: "the 2022 safety-filter result", "her impressment estimate".
_CLAIM_NOUN = r"(?:results?|findings?|claims?|estimates?|conclusions?)"
# "finding that more RN staffing means fewer falls": the claim's own words.
_CLAIM_THAT = re.compile(rf"^(?:(?:19|20)\d\d\s+)?(?:(?:early|earlier|first|original|initial|"
                         rf"main|key|central)\s+)?(?:{_CLAIM_NOUN}|argument)\s+that\s+"
                         r"(?P<that>.+)$")
# The words of a claim that say how its things relate, or how much, not what they are:
# "more RN staffing means fewer falls" is a claim on RN staffing and falls; "floods provide
# about a third of the aquifer's recharge", on floods and the aquifer's recharge.
_CLAIM_GLUE = frozenset("more fewer less higher lower greater smaller larger better worse "
                        "means mean meant leads lead led to reduces reduce reduced increases "
                        "increase increased causes cause caused predicts predict is are was "
                        "were the a an of that with in raise raises raised improve improves "
                        "improved act acts as from make makes made provide provides provided "
                        "supply supplies supplied contribute contributes contributed account "
                        "accounts accounted for about around nearly almost roughly "
                        "approximately half third quarter most much causing leading making "
                        "bigger start starts started begin begins began push pushes pushed "
                        "pushing drive drives drove driven up down out".split())
# "and" or "or" at either end of a run between glue words ("higher rents and push out
# tenants"): the runs are joined with "and" anew.
_EDGE_AND = re.compile(r"^(?:(?:and|or)\s+)+|(?:\s+(?:and|or))+$")
# A glue word stands alone: "follow-up visits" and "cost-of-living" are one thing each.
_CLAIM_GLUE_WORD = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(_CLAIM_GLUE))})(?![\w-])")
# "estimate of the impact of impressment": a claim named before what it is of, and what
# that measures. The papers on it are on "impressment estimate": the claim's noun tells
# them from the rest of the work on its subject ("pressure ulcer staffing estimate").
_CLAIM_OF = re.compile(rf"^(?P<noun>{_CLAIM_NOUN})\s+of\s+"
                       r"(?:the\s+)?(?:(?:impact|effects?|role|size|scale|extent)\s+of\s+"
                       r"(?:the\s+)?)?")
_CLAIM_NOUN_LAST = re.compile(rf"\s+{_CLAIM_NOUN}$")


def without_claim_noun(topic: str) -> str:
    """"impressment estimate" -> "impressment": the claim's subject, for a record whose papers
    do not name the claim so ("estimated that impressment ...")."""
    return _CLAIM_NOUN_LAST.sub("", topic) or topic


def _topic_of_claim(what: str) -> str:
    """"estimate of the impact of impressment" -> "impressment estimate"; "2012 finding that
    more RN staffing means fewer falls" -> "RN staffing and falls" (what the finding is of);
    else as asked."""
    if said := _CLAIM_THAT.match(what):
        # The things it relates, each as a run of the words between its glue words.
        runs = [run for part in _CLAIM_GLUE_WORD.split(said["that"])
                if (run := _EDGE_AND.sub("", " ".join(part.split())))]
        return " and ".join(runs) or said["that"]
    claim = _CLAIM_OF.match(what)
    return f"{what[claim.end():]} {claim['noun']}" if claim and what[claim.end():] else what


# "How many papers does she have on falls?", "How many of his papers are about X?", "How
# many papers on X has she written?": the papers on X, counted.
_HOW_MANY_ON = re.compile(
    r"^how many\s+(?:of\s+(?:her|his|their|the)\s+)?(?:papers|works|articles|publications|"
    r"studies)\b(?:.*?\s)?(?:on|about|concerning|regarding)\s+(?P<topic>.+?)"
    r"(?:\s+(?:has|have|did|does|do)\s+.*)?[?.!]*$")
# "How many trial protocols has she published?": the kind of work asked for is the topic.
_HOW_MANY_THINGS = re.compile(
    r"^how many\s+(?!(?:papers|works|articles|publications|studies|co-?authors?|"
    r"collaborators|citations|times|years)\b)(?P<topic>(?:[\w-]+\s+){0,3}?[\w-]+)\s+"
    r"(?:has|have|did|does|do)\s+\S+\s+(?:published|written|run|conducted|led|done|"
    r"reported|carried out)\b")
# "Did platform entry hurt taxi drivers' earnings?": a thing said to act, without "the",
# asks what a work found of it too ("Yes: 2 papers are on platform entry hurt ..." answered
# what no one asked). Not "Did she ...": the subject is no person.
# "Does simultaneous photometry of the host star fix stellar contamination?" too: a thing
# said to fix or correct another asks what a work found of it.
# "Can eDNA replace capture-mark-recapture ...?", "Does publishing election results make
# people trust ...?" too.
# A question's subject that is a person or the record, no thing the papers study.
_NOT_A_THING = (r"(?!(?:she|he|they|it|we|you|i|her|his|their|its|our|your|this|that|these|"
                r"those|any|anyone|someone|the|papers|works)\b)")
_THING_DID_BARE = re.compile(
    rf"^(?:did|does|do|can|could)\s+{_NOT_A_THING}(?P<what>(?:[\w'-]+\s+){{0,6}}?[\w'-]+)"
    r"\s+(?:hurt|harm|affect|cause|raise|lower|reduce|increase|improve|help|fail|prevent|"
    r"delay|change|matter|fix|correct|remove|eliminate|solve|explain|mitigate|outperform|"
    r"make|replace|substitute|restore|track|predict|protect|persuade|undermine|boost|"
    r"benefit|verify|detect|measure|map|estimate|identify|distinguish)\w*\b")
# "Is the congestion charge regressive?", "Are e-scooters more dangerous than bicycles?":
# what a work found of the thing, not a "Yes" that papers are on it. An adjective is told
# by its ending; a comparison by "more/less ... than".
_THING_IS = re.compile(
    rf"^(?:is|are|was|were)\s+(?:(?:the\s+{_NOT_THE_RECORD}"
    r"(?P<what>(?:[\w'-]+\s+){0,5}?[\w'-]+)\s+(?:[a-z]+(?:ive|ous|"
    r"ful|ible|able|ic|ent|ant|less))\??$)|(?P<than>(?:[\w'-]+\s+){0,4}?[\w'-]+)\s+(?:more|"
    r"less|safer|riskier|better|worse|cheaper|costlier)\b(?:\s+[a-z]+)?\s+than\b)")
_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*%(?!\w)")
# "Can infants synchronize their movements to a musical beat?": whether things of a kind
# can do something asks what a work found of them, whatever the verb (a plural subject).
_CAN_THINGS = re.compile(rf"^(?:can|could)\s+{_NOT_A_THING}(?P<what>(?:[\w'-]+\s+)?[\w'-]+s)"
                         r"\s+(?!(?:and|or|of|in|on)\b)[a-z]{3,}\b")
# ", according to her research": where to look, not what to look for.
_ACCORDING = re.compile(r",?\s*according\s+to\s+(?:her|his|their|the|this)\s+(?:research|work|"
                        r"papers|record|studies|findings)\s*,?")
# "Does it matter who issues a correction?": what a work found of who issues it.
_IT_MATTERS = re.compile(r"^(?:does|do|did)\s+it\s+matter\s+(?:who|whether|if|how|which|what)\s+"
                         r"(?:[\w'-]+\s+)(?P<what>[^,?;]+?)(?=\s*(?:[,?;]|$|\s+and\s))")
# "How good is their dengue early-warning model compared with a baseline?", "How well
# did the classifier perform?": what a work found of the thing it built.
# "How well does eDNA detect the frog ...?" too: the thing without "the", and what it does.
_HOW_GOOD = re.compile(r"^how (?:good|well|accurate|accurately|effective|effectively|fast|"
                       r"reliable|reliably|sensitive) (?:is|are|was|were|does|do|did|can) "
                       r"(?:(?:the|their|her|his|its)\s+)?"
                       # "her group's script-dating model": the model
                       rf"{_GROUPS}"
                       r"(?P<what>(?:[\w-]+\s+){0,5}?[\w-]+)(?=\s+(?:compared|against|"
                       r"relative|versus|vs|perform|work|do|detect|predict|track|measure|"
                       r"identify|classify|estimate|forecast)\w*\b|\s*\??$)")
_IS_THERE = re.compile(r"^(?:is|are)\s+there\b|^any\s+(?:papers?|work|publications?)\b")
_COMPARE = re.compile(r"\b(?:differ|differs|difference|differences|compare|compared|"
                      r"comparison|versus|vs\.?|contrast|relate to|relation between|"
                      r"relationship between|similar to)\b|\bmore\s+(?:on|about|in)\b.*\bor\b")
# "How did the work change", "how has it evolved", "the trajectory": not "climate change".
_CHANGE = re.compile(r"\bhow\b.*\b(?:change[sd]?|changing|evolve[sd]?|evolving|shift(?:ed|s)?|"
                     r"mov(?:e|ed)|develop(?:ed)?|turn(?:ed)?)\b|\b(?:changed|evolved|shifted|"
                     r"trajectory|evolution|over (?:the )?(?:years|time))\b")
# What the work that changed is on: "her work on downstep", "his research in tone".
# The topic runs to the last verb of change: "her work on range shifts change".
_CHANGE_TOPIC = re.compile(r"\b(?:work|research|papers|thinking|publications)\s+(?:on|in|about)\s+"
                           r"(?P<topic>.+)\s+(?:change[sd]?|changing|evolve[sd]?|evolving|"
                           r"shift(?:ed|s)?|develop(?:ed|s)?)\b")
_RECENT = re.compile(r"\b(?:recent(?:ly)?|lately|latest|nowadays|these days|current(?:ly)?|"
                     r"now|newest|most recent)\b")
_EARLY = re.compile(r"\b(?:early|earliest|at first|initially|first years|started out|"
                    r"began|beginning)\b")
# Which end of the record a question without years asks about ("early on", "lately"):
# _RECENT's end, or this one (broader than _EARLY: "when she started" names no window).
_PERIOD_EARLY = re.compile(r"\b(?:early|earliest|at first|initially|first years|started|began|"
                           r"beginning)\b")
_RANGE = re.compile(rf"\b(?:between|from)\s+({_YEAR})\s+(?:and|to|until|till|through|-)\s+"
                    rf"({_YEAR})\b|\b({_YEAR})\s*(?:-|–|to)\s*({_YEAR})\b")
_AFTER = re.compile(rf"\b(?:after|since|from|beyond|post)\s+({_YEAR})\b")
_BEFORE = re.compile(rf"\b(?:before|until|till|up to|prior to|pre)\s+({_YEAR})\b")
_IN_YEAR = re.compile(rf"\b({_YEAR})\b")
_OVERVIEW = re.compile(
    r"\b(?:main|primary|principal|core|central|overall|general|chief)\s+"
    r"(?:research\s+)?(?:area|areas|field|fields|topic|topics|focus|interest|interests|theme|"
    r"themes|line|lines|direction|directions|contribution|contributions)\b"
    r"|\bresearch\s+(?:area|areas|interests?|focus|agenda|profile|themes?|directions?)\b"
    r"|\bwhat\s+(?:kind|kinds|sort|type|types)\s+of\s+(?:research|work)\b"
    r"|\bwhat\s+(?:is|are|was)\s+(?:\w+\s+){0,3}(?:research|work)\s+(?:about|on)?\s*[?.!]*$"
    r"|\bwhat\s+(?:does|did|do)\s+(?:\w+\s+){0,4}(?:work|research|study|studies|focus)\s*"
    r"(?:on|in)?\s*\??$"
    r"|\bwhat\s+(?:is|are)\s+(?:\w+\s+){0,3}known\s+for\b"
    r"|\b(?:overview|summar(?:y|ise|ize))\s+of\s+(?:\w+\s+){0,3}(?:research|work)\b"
    r"|^(?:please\s+)?(?:summar(?:ise|ize)|describe|outline)\s+(?:\w+\s+){0,3}"
    r"(?:research|work|publications|papers|record)\b(?!\s+(?:on|about|regarding|concerning)\b)"
    r"|\bwho\s+is\b"
    r"|\bwhat\s+(?:topics|areas|fields)\b"
    r"|\bwhat\s+(?:has|have)\s+(?:\w+\s+){0,3}(?:worked|researched|published)\s+on\s*\??$")
_LIST = re.compile(r"^(?:which|what)\s+(?:\w+\s+){0,2}(?:papers?|publications?|articles?|works?)"
                   r"\b|^(?:list|name|show|give)\b")
_WORK_VERB = re.compile(r"\b(?:contribute|contributes|contribution|propose|proposes|proposed|"
                        r"introduce|introduces|introduced|present|presents|do|does|did|achieve|"
                        r"achieves|about|is|are|was|mean|means|show|shows|find|found|prove|"
                        r"proves|proved|establish|establishes|established)\b")
# "What are the limitations of BiDiff?": what the work cannot do, asked of a named work.
_LIMITS = re.compile(r"\b(?:limitations?|limits|weakness(?:es)?|drawbacks?|shortcomings?|"
                     r"downsides?|failure (?:cases|modes))\b")
# "the evapotranspiration paper", "the cGAN downscaling paper": one work, described.
# A word of it may hold a slash or a plus: "the Mg/Ti co-substitution paper".
# "his first paper" too.
_DESCRIBED_WORK = re.compile(r"\b(?:the|his|her|their)\s+(?P<what>(?:[\w/+–-]+\s+){1,5}?)"
                             r"(?:paper|study|article|preprint|report)\b")
# "What did the survey find?": a kind of work is the description ("the legged robots
# survey" too).
_DESCRIBED_KIND = re.compile(r"\bthe\s+(?P<what>(?:[\w-]+\s+){0,4}?(?:survey|review|experiment|"
                             r"trial|essay|interview study|pilot|field study|comparison|"
                             r"evaluation|meta-analysis|replication|inventory|"
                             r"intercomparison|ensemble|notice|correction)\b"
                             r"(?:\s+(?:with|on|of|in)(?:\s+[\w-]+){1,4})?)")
_FOUND = re.compile(r"\b(?:find|found|show|shows|showed|conclude|concluded|report|reported)\b")
_FOLLOW_UP = re.compile(r"\b(?:those|these|them|they|ones|the above|that list|of which)\b")
# Words around the subject of a question that are not the subject: "did", "work", "on" in
# "Did Zewen Chi work on speech?". Stripped from both ends only, so "mixture of experts"
# and "reinforcement learning for robotics" keep their inner words.
_FRAME_WORDS = frozenset("""
so and but did does do has have had is are was were can could would will there be been
being ever also any anything some something actually really much more all the a an
what which who whom whose how when where why of those these them they their its his her
she he it i me you we us our my your tell show give list name names please about on in
with into at regarding concerning for to by from
work works worked working research researched researches researching publish published
publishes publishing publication publications paper papers article articles write wrote
written writes study studied studies studying focus focused focuses focusing contribute
contributed contributes done doing touch touched address addressed deal dealt explore
explored explores investigate investigated look looked looking use uses used using apply
applies applied applying employ employs employed run ran conduct conducts conducted carry
carried perform performs performed checked rely relies relied relying depend depends
depended draw draws drew drawn
topic topics area areas field fields subject subjects line lines related dealing
record records profile dr prof professor
""".split())  # noqa: SIM905 - a word list reads best as words
# Verbs that open a subject but never end one: "introduce a new dataset" asks for
# "dataset", while "protein design" keeps its last word.
_LEADING_VERBS = frozenset("""
introduce introduces introduced propose proposes proposed present presents presented build
builds built release releases released develop develops developed design designs designed
create creates created produce produces produced make makes made provide provides provided
share shares shared maintain maintains maintained new novel find finds found say says said
show shows showed shown
learn learned discover discovered know known think start started starting begin began
examine examines examined investigate investigates investigated explore explores explored
detect detects detected measure measures measured observe observes observed
whether if
summarize summarise summarized summarised summary describe described explain explained
outline overview
""".split())  # noqa: SIM905 - a word list reads best as words
_WORD = re.compile(r"[\w][\w'-]*")
# Verbs that follow the subject of a "What X does she ...?" question.
_AUXILIARIES = frozenset("does did do has have had".split())
# "How large is ...", "how big were ...": the degree asked of the subject after the verb.
_HOW_DEGREE = re.compile(r"^how\s+(?:large|big|long|old|deep|wide|small|heavy|extensive)\s+"
                         r"(?:is|are|was|were)\b")
# Subjects that name no topic but the kind of thing all the work has: "What methods does
# she use?" asks for the research as a whole, told by what its works are.
_GENERIC_SUBJECTS = frozenset("""
method methods technique techniques approach approaches tool tools model models algorithm
algorithms idea ideas contribution contributions result results finding findings problem
problems question questions kind kinds main most important key
""".split())  # noqa: SIM905 - a word list reads best as words
_YEAR_PHRASE = re.compile(rf"\b(?:in|during|since|after|before|until|from|between|by|around)"
                          rf"\s+(?:the\s+year\s+)?{_YEAR}(?:\s+(?:and|to|-)\s+{_YEAR})?")


_EXAMPLES = re.compile(r"\s*\((?:e\.\s?g\.?|i\.\s?e\.?|eg|ie|such as|for example|for instance|"
                       r"say)[\s,][^)]*\)"
                       r"|,\s*(?:e\.\s?g\.?|for example|for instance|such as)\s[^,;]*?(?=\?*$)")


_TWO_DATED_WORKS = re.compile(
    r"\bthe\s+(?P<a>(?:19|20)\d\d)\s+(?P<an>[a-z][\w-]*(?:\s+(?!(?:and|differ|compare|relate)"
    r"\b)[a-z][\w-]*)?)\s+(?:(?:differ|compare|relate)\s+)?(?:and|from|with|to|versus|vs\.?)\s+"
    r"(?:the\s+|her\s+|his\s+|their\s+)?(?P<b>(?:19|20)\d\d)\s+"
    r"(?P<bn>[a-z][\w-]*(?:\s+(?!(?:differ|compare|relate|in|on|of)\b)[a-z][\w-]*)?)\b")
_TWO_YEAR_WORKS = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)\s+and\s+(?P<b>(?:19|20)\d\d)\s+(?:papers|studies|articles|works|"
    r"experiments|trials|surveys|analyses|books|reports|estimates|findings|results|"
    r"measurements)\b(?:\s+(?:of|on|about)\s+"
    r"(?P<topic>[^?,]+?))?(?=\s+(?:compare|differ|relate)\b|\s*[?,.]|$)")


def classify(question: str, owner: str, works: Mapping[str, str] | None = None,
             last_year: int | None = None) -> Question:
    """The kind of a question and what it is about.

    works maps a paper's short name or title, lower-cased, to its key, so "What does
    XPR contribute?" is about one paper; last_year closes "after 2023" at the record's end.
    """
    text = " ".join(question.replace("’", "'").split())
    # "(e.g. Bangladesh or India)": examples of the subject, not a part of its name (the
    # answer quoted "microfinance in South Asia e g Bangladesh or India").
    low = _ACCORDING.sub("", _EXAMPLES.sub("", text.lower())).strip()
    # The name as normalized ("brannstrom") and as written ("brännström"): a question
    # may spell it either way.
    owner_words = list(dict.fromkeys(
        w for w in [*normalize_name(owner).split(), *re.split(r"[\s-]+", owner.lower())]
        if len(w.strip(".")) > 1))
    named = _named_works(low, works or {})
    follow_up = bool(_FOLLOW_UP.search(low)) and not named
    years = _years(_without_edition_years(text, low), last_year)
    change = bool(_CHANGE.search(low))

    period = "early" if _PERIOD_EARLY.search(low) else \
        "recent" if _RECENT.search(low) else ""

    def made(kind: QuestionKind, why: str, topic: str = "", **extra: object) -> Question:
        return Question(text=text, kind=kind, topic=topic, years=years, change=change,
                        works=tuple(named), follow_up=follow_up, why=why, period=period,
                        **extra)  # type: ignore[arg-type]

    plain = _without_owner(low, owner_words)
    # "the 2.3% error reported for the estimator": the error, not its figure.
    if (held := _HELD_UP.match(plain)) and (what := _subject(_topic_of_claim(
            _FIGURE.sub(" ", held["what"])), [])):
        return made(QuestionKind.OPEN, "asks whether a claim stood: the papers on it, in "
                    "order", what, aspect="held_up")
    if (shows := _WORK_SHOWS.match(plain)) and (what := _subject(_topic_of_claim(
            f"finding that {shows['what']}"), [])):
        # Each paper on it, in order, in its own words, as whether a claim stood is
        # answered: one paper's finding alone would answer for the whole work.
        return made(QuestionKind.OPEN, "asks what the work found of a claim", what,
                    aspect="shows")
    if (thing := _THING_DID.match(plain) or _THING_DID_BARE.match(plain)
            or _THING_IS.match(plain) or _CAN_THINGS.match(plain)
            or _HOW_GOOD.match(plain) or _IT_MATTERS.match(plain)) and not named:
        # "Did the cholera cordon in Angola work?" asks what a paper found of the cordon,
        # not whether the researcher worked on it: a "Yes" would answer the wrong question;
        # "How good is the model compared with a baseline?" compares no two subjects.
        if what := _subject(thing["what"] or thing.groupdict().get("than") or "", []):
            return made(QuestionKind.WORK, "asks what a work found of a thing", what,
                        aspect="findings")
    if not years and (many := _HOW_MANY_ON.match(plain) or _HOW_MANY_THINGS.match(plain)) \
            and (what := _subject(many["topic"], [])):
        # "How many papers does she have on falls?", "How many trial protocols has she
        # published?": a count of the papers on it, which the answer leads with.
        return made(QuestionKind.OPEN, "asks how many papers are on a subject", what,
                    aspect="count")
    # "Did she ever examine if teenagers differ from grandparents ...?" asks whether she
    # studied a comparison, yes or no; it compares no two subjects of her work itself.
    asks_whether = bool(_YES_NO.match(low) and re.search(r"\b(?:if|whether)\b", low))
    # "What did the 2020 comparison of LSTMs and conceptual models find?" asks what one
    # work of that year found, not how two subjects of the record compare.
    described = _DESCRIBED_WORK.search(plain) or _DESCRIBED_KIND.search(plain)
    found_by_year = bool(years and _FOUND.search(low) and described)
    if _COMPARE.search(low) and (pair := _TWO_YEAR_WORKS.search(low)) is not None:
        # "How do his 2018 and 2023 studies of mobile money and shocks compare?": the two
        # works of those years on the subject, side by side.
        return made(QuestionKind.COMPARISON, "compares two works named by their years",
                    _subject(pair["topic"] or "", []), topics=(pair["a"], pair["b"]),
                    aspect="by_year")
    if _COMPARE.search(low) and (pair := _TWO_DATED_WORKS.search(low)) is not None:
        # "How did the 2022 ensemble and the 2023 intercomparison differ?": each side is the
        # work of its year that its own words describe.
        return made(QuestionKind.COMPARISON, "compares two works named by their years",
                    "", topics=(f"{pair['a']} {pair['an']}", f"{pair['b']} {pair['bn']}"),
                    aspect="by_year")
    if _COMPARE.search(low) and not asks_whether and not found_by_year:
        if len(named) >= 2:
            return made(QuestionKind.COMPARISON, "names two works and compares them")
        pair = _compared_topics(low, owner_words)
        if pair:
            return made(QuestionKind.COMPARISON, "compares two subjects", topics=pair)
    if _YES_NO.match(low) or _IS_THERE.match(low):
        topic = _subject(low, owner_words)
        if years and not topic:
            return made(QuestionKind.TIME, "asks whether there is work in a window")
        if named and not topic:
            return made(QuestionKind.WORK, "asks about a named work")
        return made(QuestionKind.YES_NO, "opens with an auxiliary verb", topic)
    # "What did the 2020 field experiment find?": a kind of work with its year, too.
    if years and not change and described and _WORK_VERB.search(low) \
            and (what := _subject(described["what"], [])):
        # "What did the 2025 Economic Journal paper find?": one work, named by its year;
        # "What are the limitations of the 2023 Cachapoal attribution study?": its limits.
        return made(QuestionKind.WORK, "describes one work by its year", what,
                    aspect="limitations" if _LIMITS.search(low) else "")
    if change or (years and not _LIST.match(low)):
        # "How did her work on downstep change?" asks of the work on downstep alone.
        on = _CHANGE_TOPIC.search(low) if change else None
        topic = (_subject(on["topic"], owner_words) if on else "") if change \
            else _subject(low, owner_words)
        return made(QuestionKind.TIME, "names years or asks how the work changed", topic)
    if named and _LIMITS.search(low):
        return made(QuestionKind.WORK, "asks the limits of a named work", aspect="limitations")
    if named and _WORK_VERB.search(low):
        return made(QuestionKind.WORK, "names a work of the record")
    if described and _WORK_VERB.search(low) and (what := _subject(described["what"], [])) \
            and what not in {"main", "most"}:
        return made(QuestionKind.WORK, "describes one work", what)
    if _RECENT.search(low) or (_EARLY.search(low) and not _LIST.match(low)):
        return made(QuestionKind.TIME, "asks about the recent or the early work")
    if _OVERVIEW.search(low) or _OVERVIEW.search(plain):
        return made(QuestionKind.OVERVIEW, "asks for the research as a whole")
    subject = _subject(low, owner_words)
    if subject and set(subject.split()) - {"of", "the", "a", "an"} <= _GENERIC_SUBJECTS:
        return made(QuestionKind.OVERVIEW, "asks what kind of work it is, of all of it")
    if _LIST.match(low):
        return made(QuestionKind.LIST, "asks which papers", subject)
    return made(QuestionKind.OPEN, "no rule matched: the papers nearest the question", subject)


def _named_works(low: str, works: Mapping[str, str]) -> list[str]:
    """Keys of the papers the question names, in the order it names them."""
    found: list[tuple[int, str]] = []
    for name, key in works.items():
        if len(name) < 2:
            continue
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low)
        if match and key not in {k for _, k in found}:
            found.append((match.start(), key))
    return [key for _, key in sorted(found)]


# "the TransVal 2018 challenge", "SemEval 2020", "CASP14 2020": a year that names an
# edition of a challenge, workshop or survey, after a name in capitals; no date of a paper
# (the TransVal 2018 paper appeared in 2019, and "no papers dated in 2018" was the answer).
# "the ICML 2021 paper" dates a paper by its venue's year, which stays.
_EDITION_YEAR = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}\w*)[\s-]+(?:19|20)\d\d\b"
                           r"(?!\s+(?:paper|article|study|work|version|publication|"
                           r"preprint)s?\b)")


def _without_edition_years(text: str, low: str) -> str:
    """The question (lower case) without the years that name an edition of something."""
    for match in _EDITION_YEAR.finditer(text):
        named = match.group(0).lower()
        low = low.replace(named, named[:-4].rstrip(" -"))
    return low


def _years(low: str, last_year: int | None) -> tuple[int, int] | None:
    """The inclusive window of years a question names, if any."""
    if match := _RANGE.search(low):
        a, b = (int(g) for g in match.groups() if g)
        return (min(a, b), max(a, b))
    if match := _AFTER.search(low):
        start = int(match[1]) + (0 if re.search(rf"\b(?:since|from)\s+{match[1]}", low) else 1)
        return (start, max(start, last_year or start))
    if match := _BEFORE.search(low):
        end = int(match[1]) - (0 if re.search(rf"\b(?:until|till|up to)\s+{match[1]}", low)
                               else 1)
        return (1900, end)
    found = sorted({int(y) for y in _IN_YEAR.findall(low)})
    if len(found) == 1:
        return (found[0], found[0])
    if len(found) > 1:
        return (found[0], found[-1])
    return None


def _subject(low: str, owner_words: list[str]) -> str:
    """The subject of the question in the asker's words: "speech" in "Did Zewen Chi work on
    speech?", "" when it names none."""
    text = _YEAR_PHRASE.sub(" ", low)
    # "How large is the borehole record at Aussivik?": the record is the subject.
    text = _HOW_DEGREE.sub(" ", text)
    text = _without_owner(text, owner_words)
    words = [w.strip("'") for w in _WORD.findall(text)]
    words = [w for w in words if w and not re.fullmatch(_YEAR, w)]
    while words and (words[0] in _FRAME_WORDS or words[0] in _LEADING_VERBS):
        words.pop(0)
    # "What methods does she use most?", "What datasets has the group built?": the
    # subject comes before the auxiliary; what follows it is the question's verb.
    cut = next((i for i, w in enumerate(words) if i and w in _AUXILIARIES), None)
    if cut is not None:
        words = words[:cut]
    while words and (words[-1] in _FRAME_WORDS or words[-1] in _TRAILING_VERBS):
        words.pop()
    return " ".join(words)


# Verbs that end a question after its subject, never the subject's last word: "What did
# the experiment with customer support agents find?"
_TRAILING_VERBS = frozenset("find found show showed shown conclude concluded say said report "
                            "reported argue argued claim claimed mean achieve achieved "
                            "propose proposed discover discovered change changed".split())


def _without_owner(text: str, owner_words: list[str]) -> str:
    """The question without the owner's name or its possessive."""
    for word in sorted(owner_words, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(word)}(?:'s|s')?\b-?\s*", "", text)
    return re.sub(r"\b(?:dr|prof|professor)\.?\s+", "", text)


_PAIR = re.compile(r"(?:between\s+)?(?P<a>[\w\s-]+?)\s+(?:and|or|versus|vs\.?|with|to|from)\s+"
                   r"(?P<b>[\w\s-]+?)\s*[?.!]*$")


# When a side of a comparison was worked on, not what it is: "her early flood research"
# is her research on floods, done early.
_WHEN_DONE = re.compile(r"^(?:early|earlier|later|recent|more\s+recent|latest|first|initial|"
                        r"original|current|newer|older)\s+(?=\S)")


_STUDY_OF = re.compile(r"^(?:study|studies|paper|papers|work|research|article|articles|"
                       r"analysis|analyses|evaluation|evaluations)\s+(?:of|on|about|into)\s+"
                       r"(?=\S)")


def _compared_topics(low: str, owner_words: list[str]) -> tuple[str, ...]:
    """The two subjects of "more on A or B", "compare A and B", "how does A compare with B"."""
    def side(words: str) -> str:
        # "the later study of registration requirements": what was studied, not the study.
        return _STUDY_OF.sub("", _WHEN_DONE.sub("", _subject(words, owner_words)))

    text = _YEAR_PHRASE.sub(" ", _without_owner(low, owner_words))
    verb = re.search(r"\b(?:compares?|compared|differs?|relates?)\s+(?:with|to|from|against)\s+",
                     text)
    if verb:  # "how does A compare with B"
        a, b = side(text[:verb.start()]), side(text[verb.end():])
        return (a, b) if a and b else ()
    text = re.sub(r"^.*?\b(?:compare|compared|comparison of|difference between|differ(?:s)?|"
                  r"versus|more\s+(?:on|about|in)|relation between|relationship between)\s+",
                  "", text, count=1)
    match = _PAIR.search(text)
    if not match:
        return ()
    a, b = side(match["a"]), side(match["b"])
    return (a, b) if a and b else ()


# --- the model's reading, where an endpoint is configured ------------------------------------


class QuestionReading(BaseModel):
    """What a model reads a question as (the schema of the read_question call)."""

    kind: Literal["yes_no", "overview", "time", "list", "work", "open"]
    subject: str = Field(max_length=120)
    first_year: int | None = None
    last_year: int | None = None


def read_by_model(asked: Question, reading: QuestionReading) -> Question:
    """The rules' reading of a question no rule recognised, corrected by a model's, kept
    only where it holds: the subject must be the question's own words and the years
    numbers it writes, so the model can route a question but never put words in it."""
    subject = " ".join(reading.subject.split())
    if subject and subject.lower() not in asked.text.lower():
        return asked
    written = {int(y) for y in re.findall(_YEAR, asked.text)}
    years = asked.years
    if reading.first_year in written or reading.last_year in written:
        first = reading.first_year if reading.first_year in written else 1900
        last = reading.last_year if reading.last_year in written else (
            reading.first_year if reading.first_year in written and reading.last_year is None
            else 2100)
        years = (min(first, last), max(first, last))
    kind = QuestionKind(reading.kind)
    if kind in (QuestionKind.YES_NO, QuestionKind.LIST) and not subject:
        return asked
    return replace(asked, kind=kind, topic=subject.lower() if subject else asked.topic,
                   years=years, why=f"read by the model as {kind.value}")
