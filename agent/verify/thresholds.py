"""The checker's named thresholds, in one place.

Every check reads them from this module when it runs (`thresholds.SUPPORT_THRESHOLD`),
never as a copied name, so a calibration (evals/calibrate.py), the held-out eval
(agent/evals.py's thresholds_set) and tests can set them with setattr on this module.
"""


# The thresholds below are calibrated on the labelled sentences in evals/ (evals/calibrate.py
# sweeps each; evals/README.md has the table): each value has the highest balanced accuracy
# among those that keep recall >= 0.90 on every error type and false flags <= 5%.
#
# Share of a sentence's content words that must appear in the best windows of the cited
# papers (tested on both sides in tests/verify/test_verify.py). 0.75 until stop 41; once
# the checks of antonyms, quantifiers, causes and invented terms caught what only the share
# had caught, the rule above picks 0.55 (recall 0.970, 0.022 of faithful sentences flagged,
# against 0.978 and 0.047 at 0.75). The sentences written blind (evals/checker_blind.jsonl)
# agree: the same recall at 0.55, two fewer true sentences flagged; and so does SciFact
# train (0.654 of supported claims passed, against 0.500).
SUPPORT_THRESHOLD = 0.55
# A run of this many adjacent words the cited papers do not use (said there in no other
# words either) is a term the sentence invents: "recurrent neural network", "item response
# theory". Two is too few: true paraphrases swap two-word phrases (SciFact train: 0.665 of
# SUPPORT pairs passed at SUPPORT_THRESHOLD 0.55 with no such check, 0.581 at two, 0.659 at
# three).
TERM_WORDS = 3
# A sentence its cited papers carry below WEAK_SUPPORT, and an uncited paper carries at
# WHOLE_SUPPORT or more, is that paper's (misattribution): with SUPPORT_THRESHOLD at 0.55 a
# generic sentence of one abstract ("our method outperforms strong baselines") passes
# against another paper of the same field.
WEAK_SUPPORT = 0.75
WHOLE_SUPPORT = 0.95
# One unmatched word is a paraphrase, not a claim, once a sentence has this many words.
ONE_MISS_MIN_WORDS = 4
# Each stretch between commas (or "while", "although") must find at least this share of
# its content words in the same windows: an added clause brings words of its own ("and it
# was later patented" is a clause of one telling word).
SEGMENT_THRESHOLD = 0.34
SEGMENT_MIN_WORDS = 1
# An uncited sentence with no figure, name, count or role states a fact when at least this
# many of its words are topical words of the profile ("summarises the record" is framing).
FACT_MIN_WORDS = 2
# Words a negation governs, for the check that a sentence negates what the papers state
# (or states what they negate): "never saw during training" negates "saw", not "training".
NEGATION_SCOPE = 1
# A window is the title plus this many abstract sentences; a sentence may draw on the
# WINDOWS_PER_PAPER best windows of each cited paper (a summary joins two findings).
WINDOW_SENTENCES = 1
WINDOWS_PER_PAPER = 3
# A content word the cited papers do not use is said there in other words when a word of
# the aligned windows is at least this near in meaning (cosine of wordllama's static
# embeddings, agent/similarity.py): "medications"/"drugs" 0.65, "tumor"/"cancer" 0.61,
# "important"/"essential" 0.50; "increased"/"decreased" 0.28, "binds"/"interacts" 0.16.
WORD_SIMILARITY = 0.45
# A sentence whose exact checks pass and whose support score is within this distance of
# SUPPORT_THRESHOLD is uncertain: a model judge, if one is configured, decides it.
UNCERTAIN_BAND = 0.15
