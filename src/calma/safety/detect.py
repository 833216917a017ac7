"""Crisis and need detection for one message: lexicon rules plus an embedding classifier.

The lexicon catches explicit crisis language and knows when it does not count (negation,
past tense, idioms); the classifier catches paraphrases no list can foresee ("I've written
letters to everyone and I'm at peace with my decision"). Long messages are split into
sentences and the riskiest sentence decides, so one crisis sentence cannot be diluted by a
page of small talk. When the embedding model cannot load, the lexicon still routes and the
assessment says so (`model_used=False`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from calma.safety import classifier
from calma.safety.lexicon import FICTION_CONTEXT, RELAPSE_MARKERS, LexiconHit, idioms_in, is_past_clause, scan_sentence
from calma.safety.signals import expand_shorthand, harm_to_others, risk_level, suicide_combination
from calma.safety.textfold import fold

DEFAULT_CRISIS_THRESHOLD = 0.30
LEXICON_CRISIS_SCORE = 0.95
SUPPRESSED_DAMPING = 0.3  # the embedding cannot see "not"/"years ago"/an idiom; the lexicon did
JOKING_DAMPING = 0.6  # "I want to die lol" may still be meant: only a confident classifier routes it to crisis
# The classifier over-fires on short texts without risk language ("see you tomorrow", "this song
# slaps"), so the less risk language a message has, the more confident it must be. Margins are
# added to the crisis threshold per `signals.risk_level` (2 strong, 1 weak, 0 none). A lexicon
# crisis hit is never subject to them.
RISK_LEVEL_MARGIN = {2: 0.0, 1: 0.10, 0: 0.20}
# Below the crisis threshold but with some crisis probability, a message is never small talk: the
# worst error is a crisis answered by the casual model, so it goes therapeutic. With risk words
# 0.25 is enough; without any, the classifier must put more on crisis ("see you tomorrow" noise).
NOT_CASUAL_CRISIS_SCORE = 0.25
NOT_CASUAL_NO_RISK_WORDS = 0.40
# Weight of the nearest-neighbour margin (`classifier.neighbour_margins`, in [-1, 1]) added to
# the classifier's crisis probability of each unit.
NEIGHBOUR_WEIGHT = 0.5
CATEGORIES = classifier.CRISIS_CLASSES

THERAPEUTIC_CUES = re.compile(
    r"\b(?:anxious|anxiety|depress\w*|sad|sadness|lonely|loneliness|hopeless\w*|worthless|panic\w*|stress(?:ed|ful)?|overwhelm\w*"
    r"|i\s+(?:really\s+|still\s+|just\s+)?miss\s+(?:him|her|them|my\s+(?:mom|mum|dad|grandma|grandpa|nan|uncle|aunt|brother|sister|friend|wife|husband|partner|son|daughter))\s+(?:so\s+much|a\s+lot|every\s+day|terribly)|memories\s+of\s+losing"  # round 9: grief
    r"|cry|crying|cried|grief|griev\w*|therap\w*|counsel\w*|trauma\w*|nightmares?|insomnia|self[\s-]?esteem|hate\s+myself"
    r"|empty|numb|burn(?:ed|t)\s*out|exhausted|scared|afraid|worried|worry|worrying|angry|anger|ashamed|guilt\w*|shame"
    r"|mental\s+health|struggl\w*|cope|coping|heartbroken|broke\s+up|breakup|divorce|miscarriage|passed\s+away|funeral"
    r"|can'?t\s+sleep|no\s+motivation|feel(?:ing)?\s+(?:so\s+|really\s+|very\s+|kind\s+of\s+)?(?:down|low|bad|awful|terrible|lost|stuck|alone|useless|like\s+a\s+failure)"
    r"|failure|bullied|abuse\w*|addict\w*|relapse\w*|eating\s+disorder|binge\w*|purg\w*|insecure|jealous\w*|resent\w*)\b",
    re.I,
)
_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[.!?])(?=[A-Z])")
_CLAUSE = re.compile(r",?\s+(?:but|though|although|except)\s+|\s+-+\s+", re.I)


@dataclass
class RiskAssessment:
    """What detection found in one message; `reasons` explain every score for logs and tests."""

    crisis: bool
    crisis_score: float
    categories: dict[str, float]
    therapeutic_score: float
    casual_score: float
    reasons: list[str] = field(default_factory=list)
    model_used: bool = True
    riskiest_sentence: str = ""

    def to_dict(self) -> dict:
        return {
            "crisis": self.crisis,
            "crisis_score": round(self.crisis_score, 4),
            "categories": {k: round(v, 4) for k, v in self.categories.items()},
            "therapeutic_score": round(self.therapeutic_score, 4),
            "casual_score": round(self.casual_score, 4),
            "model_used": self.model_used,
            "reasons": self.reasons,
        }


def normalize(text: str) -> str:
    """Straight quotes, single spaces and texting shorthand spelled out ("gonna end it tn" ->
    "going to end it tonight"), so the lexicon and the embedding read the same words."""
    text = fold(text)  # fullwidth letters, zero-width characters, look-alike letters
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return expand_shorthand(re.sub(r"[ \t]+", " ", text).strip())


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    return parts or [text]


def split_clauses(sentence: str) -> list[str]:
    """The classifier reads "I'm not suicidal" and "but I have the pills ready" separately."""
    parts = [p.strip() for p in _CLAUSE.split(sentence) if p and p.strip()]
    return parts or [sentence]


def _reactivate_relapses(sentences: list[str], hits: list[list[LexiconHit]]) -> list[list[LexiconHit]]:
    """"I used to self harm years ago. I started again last night." is current, across sentences."""
    for i, sentence_hits in enumerate(hits):
        if any(RELAPSE_MARKERS.search(later) for later in sentences[i + 1 :]):
            hits[i] = [LexiconHit(h.category, h.phrase, "active") if h.status == "past-tense" else h for h in sentence_hits]
    return hits


def _combinations(text: str, sentences: list[str], hits: list[list[LexiconHit]]) -> list[list[LexiconHit]]:
    """Message-level cue combinations (euphemism + plan + despair; means + target + intent), as
    active hits on the sentence where their first cue appears."""
    for category, phrase in (("suicide", suicide_combination(text)), ("harm_others", harm_to_others(text))):
        if phrase:
            first = phrase.split(" + ")[0].lower()
            at = next((i for i, s in enumerate(sentences) if first in s.lower()), len(sentences) - 1)
            hits[at] = hits[at] + [LexiconHit(category, phrase, "active")]
    return hits


def _lexicon(sentences: list[str], text: str = "") -> tuple[list[list[LexiconHit]], list[str]]:
    hits = _reactivate_relapses(sentences, [scan_sentence(s) for s in sentences])
    hits = _combinations(text or " ".join(sentences), sentences, hits)
    reasons = []
    for sentence, sentence_hits in zip(sentences, hits):
        for hit in sentence_hits:
            tag = f"lexicon:{hit.category}" if hit.status == "active" else hit.status
            reasons.append(f"{tag}:{hit.phrase.lower()}")
        reasons += [f"idiom:{m.lower()}" for m in idioms_in(sentence)]
    return hits, list(dict.fromkeys(reasons))


def _damping(clause: str, sentence_active: bool) -> float:
    """Below 1 when the lexicon explained away the crisis words of this clause."""
    if sentence_active:
        return 1.0
    hits = scan_sentence(clause)
    if any(h.status == "active" for h in hits):
        return 1.0
    if hits and all(h.status == "joking" for h in hits) and not idioms_in(clause):
        return JOKING_DAMPING
    return SUPPRESSED_DAMPING if hits or idioms_in(clause) or is_past_clause(clause) else 1.0


def _classifier_units(text: str, sentences: list[str], hits: list[list[LexiconHit]]) -> tuple[list[str], list[float]]:
    units, damping = [], []
    for sentence, sentence_hits in zip(sentences, hits):
        active = any(h.status == "active" for h in sentence_hits)
        fiction = not active and FICTION_CONTEXT.search(sentence)  # the game's "I killed him" is in another clause
        for clause in split_clauses(sentence):
            units.append(clause)
            damping.append(SUPPRESSED_DAMPING if fiction else _damping(clause, active))
    if len(units) > 1:
        units.append(text)
        damping.append(min(damping))
    return units, damping


def _scores_with_model(units, damping, probs, margins=None) -> tuple[dict[str, float], float, float, str]:
    """Category, support and crisis scores; a unit's crisis score is the classifier's crisis
    probability plus `NEIGHBOUR_WEIGHT` times its nearest-neighbour margin, clipped to [0, 1]."""
    categories = {c: 0.0 for c in CATEGORIES}
    non_casual = 0.0
    for row, damp in zip(probs, damping):
        for i, name in enumerate(classifier.CLASSES):
            if name in categories:
                categories[name] = max(categories[name], float(row[i]) * damp)
        non_casual = max(non_casual, float(row[1]) + float(row[2:].sum()) * damp)
    margins = [0.0] * len(units) if margins is None else margins
    crisis_by_unit = [min(max(float(row[2:].sum()) + NEIGHBOUR_WEIGHT * float(m), 0.0), 1.0) * d for row, m, d in zip(probs, margins, damping)]
    best = max(range(len(units)), key=lambda i: crisis_by_unit[i])
    return categories, non_casual, crisis_by_unit[best], units[best]


def prepare(texts: list[str], progress: bool = False) -> bool:
    """Embed every sentence of many messages in batches ahead of `assess` (evaluation speed-up)."""
    if not classifier.load():
        return False
    units = []
    for text in texts:
        text = normalize(text)
        sentences = split_sentences(text)
        units += _classifier_units(text, sentences, [scan_sentence(s) for s in sentences])[0]
    with classifier._lock:
        classifier.embed(units, progress=progress)
    return True


def warm_up() -> bool:
    """Load the embedding model, the classifier and the language identifier now (a server calls
    this at startup); False when the embedding model is unavailable, in which case every English
    assessment is lexicon-only and says so."""
    from calma.safety import language, learned

    language.warm_up()
    learned.load()  # the learned n-gram signal: trained here on first use, else read from its cache
    return classifier.load()


def assess(text: str, threshold: float = DEFAULT_CRISIS_THRESHOLD, use_model: bool = True) -> RiskAssessment:
    """Score one message; crisis when the lexicon finds an active crisis phrase or the classifier
    puts at least `threshold` of its probability on a crisis class in any sentence."""
    text = normalize(text)
    sentences = split_sentences(text)
    hits, reasons = _lexicon(sentences, text)
    units, damping = _classifier_units(text, sentences, hits)
    probs = classifier.predict(units) if use_model and text else None
    categories = {c: 0.0 for c in CATEGORIES}
    non_casual, clf_crisis, riskiest = 0.0, 0.0, ""
    if probs is not None:
        margins = classifier.neighbour_margins(units)
        categories, non_casual, clf_crisis, riskiest = _scores_with_model(units, damping, probs, margins)
        reasons.append(f"classifier:crisis={clf_crisis:.2f}")
    elif use_model:
        reasons.append("lexicon-only:embedding model unavailable")
    lexicon_crisis = 0.0
    for sentence, sentence_hits in zip(sentences, hits):
        for hit in (h for h in sentence_hits if h.status == "active"):
            categories[hit.category] = max(categories[hit.category], LEXICON_CRISIS_SCORE)
            if clf_crisis < LEXICON_CRISIS_SCORE and lexicon_crisis == 0.0:
                riskiest = sentence
            lexicon_crisis = LEXICON_CRISIS_SCORE
    crisis_score = max(clf_crisis, lexicon_crisis)
    crisis = lexicon_crisis >= threshold or clf_crisis >= threshold
    level = _risk_level(text, hits)
    # Round 9: the margin the classifier needs is set by risk words outside idioms ("my legs are
    # dead though haha" has none); the support reading below keeps the plain level.
    margin_level = _risk_level(text, hits, idioms_count=False)
    if crisis and not lexicon_crisis and RISK_LEVEL_MARGIN[margin_level]:
        level = margin_level
        crisis = clf_crisis >= threshold + RISK_LEVEL_MARGIN[level]
        reasons.append(f"risk-words:{('none', 'weak')[level]}:classifier needs {threshold + RISK_LEVEL_MARGIN[level]:.2f}")
    if not crisis and level == 0 and probs is not None:
        non_casual = _support_without_crisis_mass(probs)
    therapeutic = _therapeutic_score(text, hits, non_casual, probs is not None)
    if not crisis and crisis_score >= (NOT_CASUAL_CRISIS_SCORE if level else NOT_CASUAL_NO_RISK_WORDS) and therapeutic < 0.6:
        therapeutic = 0.6
        reasons.append("possible-risk:not small talk")
    return RiskAssessment(
        crisis=crisis,
        crisis_score=crisis_score,
        categories=categories,
        therapeutic_score=therapeutic,
        casual_score=1.0 - therapeutic,
        reasons=reasons,
        model_used=probs is not None,
        riskiest_sentence=riskiest,
    )


def _support_without_crisis_mass(probs) -> float:
    """"see you tomorrow" can get crisis probability from the embedding; with no risk word at
    all that mass is noise, so casual versus support is decided between those two classes."""
    return max(float(row[1]) / max(float(row[0] + row[1]), 1e-9) for row in probs)


def _risk_level(text: str, hits: list[list[LexiconHit]], idioms_count: bool = True) -> int:
    """Explained-away crisis phrases ("not suicidal", an idiom) count as strong risk language;
    with `idioms_count` False an idiom's own words do not."""
    explained = [h for sentence_hits in hits for h in sentence_hits]
    if idioms_count:
        return 2 if explained else risk_level(text)
    if all(h.status == "idiom" for h in explained):
        # Round 9: an idiom's own words ("my legs are dead", "this traffic is killing me") are not
        # risk language; what is left of the message decides the level.
        rest = text
        for phrase in [h.phrase for h in explained] + idioms_in(text):
            rest = re.sub(re.escape(phrase), " ", rest, flags=re.I)
        return risk_level(rest)
    return 2


def _therapeutic_score(text: str, hits: list[list[LexiconHit]], non_casual: float, model_used: bool) -> float:
    """Share of 'needs support' versus small talk; explained-away crisis words still signal a need."""
    cue = bool(THERAPEUTIC_CUES.search(text)) or any(h.status in ("negated", "past-tense", "third-person", "intrusive-thought") for s in hits for h in s)
    if not model_used:
        return 0.7 if cue else 0.2
    return max(non_casual, 0.6 if cue else 0.0)
