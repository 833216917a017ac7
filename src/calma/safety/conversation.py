"""What each turn of a conversation adds to the risk, read in the user's language.

People rarely say a crisis in one self-contained sentence: "I've been thinking about
ending it" ... "I have my mum's pills" ... "tonight". Each turn here is read for the
dimensions a counselor listens for (intent, plan, means, time, danger now, abuse), for the
short answers that only mean something after the assistant's question ("yes" to "are you
having thoughts of suicide?", "no" to "are you safe?") and for retractions ("jk", "forget I
said anything"). `calma.safety.policy.route` adds them up. All of it is regexes, cached per
message text, so re-reading a 20-turn conversation on every turn stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from calma.safety.detect import THERAPEUTIC_CUES, RiskAssessment, normalize, split_sentences
from calma.safety.harm import asks_for_ed_harm, asks_for_method
from calma.safety.intl import LANGUAGES, lexicon, passive_risk, plain, scan
from calma.safety.lexicon import _negated
from calma.safety.signals import EUPHEMISM, risk_level
from calma.safety.stems import spell_out
from calma.safety.replies import all_fixed

MINIMAL_WORDS = 6  # "tonight", "yes i do", "at 3 after work": an answer, not a new story
# Protective statements about means ("I threw the pills away") are not means at hand.
_MEANS_REMOVED = re.compile(
    r"\b(?:threw|throw|thrown|flushed|got\s+rid\s+of|gave|handed|locked)\s+(?:\w+\s+){0,3}(?:away|to\s+(?:my|a)\s+\w+|up)\b|\b(?:don'?t|do\s+not|no\s+longer)\s+have\s+(?:any\s+)?(?:the\s+)?\w+",
    re.I,
)
_INTENT_CATEGORIES = ("suicide", "self_harm")


@dataclass(frozen=True)
class TurnRisk:
    """One user message, read for what it adds to the conversation's risk."""

    language: str
    assessment: RiskAssessment
    intent: bool  # suicide or self-harm said now (a crisis of those categories)
    abuse: bool  # abuse or danger from someone, said now
    harm_others: bool
    passive: str | None  # "I don't see a future": ask directly
    plan: bool
    means: bool
    time: bool
    now: bool
    affirm: bool
    deny: bool
    unsure: bool
    retract: bool
    minimal: bool
    person_question: bool
    method_question: str | None  # 'method' ("how many would it take"), 'height' ("how high is the bridge")
    ed_question: bool  # "how do I make myself throw up", "lowest calories I can eat"
    distress: bool  # says it hurts ("hopeless", "triste", "ich kann nicht mehr")
    risk_words: bool  # names death, harm or means at all, even explained away ("cutting", "pills")
    euphemism: bool  # English "ending things", "not be here": intent without a crisis phrase
    act: bool  # a deed done: "i already took half", "ya lo hice"
    starts_no: bool  # "no he's in the next room": a no, with more after it
    practical: bool = False  # round 14: a how-to question about a thing (`practical`): its means add up to nothing

    @property
    def disclosed(self) -> bool:
        """Said something a retraction cannot take back."""
        return self.assessment.crisis or self.intent or bool(self.passive) or self.plan or self.risk_words

    @property
    def adds_risk(self) -> bool:
        """Brings a new dimension itself: intent, a plan, means, or a bare time or "now" answer."""
        return self.intent or self.plan or self.means or ((self.time or self.now) and self.minimal)


def _top_category(assessment: RiskAssessment) -> str | None:
    if not assessment.crisis:
        return None
    return max(assessment.categories, key=assessment.categories.get)


def _text_for(language: str, text: str) -> str:
    return normalize(text).lower() if language == "en" else spell_out(plain(text), language)


@lru_cache(maxsize=8192)
def _cues(text: str, language: str) -> tuple:
    lex = lexicon(language)
    lowered = _text_for(language, text)
    short = lowered.strip(" .!?¿¡,")
    means = bool(lex["means"].search(lowered)) and not (language == "en" and _MEANS_REMOVED.search(lowered))
    return (
        passive_risk(lowered, language),
        bool(lex["plan"].search(lowered)),
        means,
        bool(lex["time"].search(lowered)),
        bool(lex["now"].search(lowered)),
        bool(lex["affirm"].match(short)),
        bool(lex["deny"].match(short)),
        bool(lex["unsure"].match(short)),
        bool(lex["retract"].match(short)),
        len(short.split()) <= MINIMAL_WORDS,
        bool(lex["person_question"].search(lowered)),
        asks_for_method(lowered),
        asks_for_ed_harm(lowered),
        bool((THERAPEUTIC_CUES if language == "en" else lex["therapeutic"]).search(lowered)),
        risk_level(lowered) == 2 if language == "en" else any(scan(sentence, language) for sentence in split_sentences(lowered)),
        language == "en" and any(not _negated(lowered[: m.start()]) for m in EUPHEMISM.finditer(lowered)),
        bool(lex["act"].search(lowered)),
        bool(lex["starts_no"].match(short)),
    )


def read_turn(text: str, language: str, assessment: RiskAssessment) -> TurnRisk:
    """The conversation-level cues of one message; `assessment` is its single-message reading."""
    top = _top_category(assessment)
    return TurnRisk(language, assessment, top in _INTENT_CATEGORIES, top == "abuse_danger", top == "harm_others",
                    *_cues(text, language))


# "Do you mean that?" after something risky said as a joke: a yes makes it meant.
_ASK_SERIOUS = re.compile(
    r"\b(?:do\s+you\s+(?:really\s+)?mean\s+(?:that|it)|are\s+you\s+(?:being\s+)?serious|(?:for\s+)?real(?:ly)?\s*\?|seriously\s*\?"
    r"|lo\s+dices\s+en\s+serio|hablas\s+en\s+serio|en\s+serio\s*\?|(?:ta|esta)\s+falando\s+serio|e\s+serio\s*\?"
    r"|tu\s+es\s+serieu\w*|c'est\s+serieux|serieusement\s*\?|tu\s+le\s+penses|meinst\s+du\s+das\s+ernst|ist\s+das\s+dein\s+ernst|ernsthaft\s*\?)"
)


@lru_cache(maxsize=4096)
def assistant_asks(text: str) -> frozenset[str]:
    """What an assistant message asks about, in any supported language: 'suicide' (thoughts of
    suicide or self-harm), 'safety' ("are you safe?"), 'plan' (a plan or means), 'when'.
    Only questions count: the text must have a question mark, or be our own check-in."""
    if any(fixed in text for fixed in all_fixed("check_in")):
        return frozenset({"suicide"})
    asked = set()
    for sentence in re.findall(r"[^.!?]*\?", text):  # the questions only, not "if you have thoughts of suicide, call 988."
        for language in ("en",) + LANGUAGES:
            lex = lexicon(language)
            lowered = _text_for(language, sentence)
            for key in ("suicide", "safety", "plan"):
                if lex[f"ask_{key}"].search(lowered):
                    asked.add(key)
            if _ASK_SERIOUS.search(lowered):
                asked.add("serious")
            if re.search(r"\b(?:when|cuando|quando|quand|wann)\b", lowered):
                asked.add("when")
    # Round 13: "Some people in pain have thoughts of ending it. Have you had thoughts like that?":
    # the question points back at the suicide named in the sentence before it (English).
    if "suicide" not in asked and _BACK_REFERENCE.search(" ".join(re.findall(r"[^.!?]*\?", text)).lower()):
        statements = re.sub(r"[^.!?]*\?", " ", text)
        if lexicon("en")["ask_suicide"].search(_text_for("en", statements)):
            asked.add("suicide")
    return frozenset(asked)


# A question about "thoughts like that", "feeling that way", "anything like that": its referent is earlier.
_BACK_REFERENCE = re.compile(
    r"\b(?:(?:thoughts?|urges?|feelings?)\s+like\s+(?:that|this|those)|(?:those|these|such)\s+(?:thoughts?|urges?|feelings?)"
    r"|(?:felt|feel|feeling|been)\s+(?:that|this)\s+way|anything\s+like\s+(?:that|this)|(?:that|this)\s+(?:too|as\s+well))\b"
)


def had_fixed(messages: list[dict], kind: str) -> bool:
    """One of our fixed texts of `kind` ('crisis', 'check_in', 'resources') among the assistant turns."""
    texts = all_fixed(kind)
    return any(fixed in str(m.get("content", "")) for m in messages if m.get("role") == "assistant" for fixed in texts)
