"""Round 13: whether an earlier turn's alarm is still live (used by `calma.safety.policy`).

An earlier user turn the rules read as a crisis makes the rest of the conversation careful:
the next turn is a crisis when the assistant did not answer it with resources (rule 3b), a
change of subject right after it is one (round 12's deflection), and every later message is
read at the lower careful threshold. On the round-13 writer's conversations, read before any
change (docs/safety.md, "Round 13"), these history-driven raises sent a casual or support last
message to crisis in 19 of 48 false alarms, after an earlier turn whose risk was not the user's
or no longer stood:

1. **A risk topic in a frame** (`framed`): self-harm in a novel or a show, a lit review on
   suicide, a training on spotting self-harm, a singer's overdose in the news, "shoot everyone"
   in a game, a roommate's attempt "last month". English, a lexicon phrase with no first person
   in it ("self-harms", "suicide", "kill herself", never "kill myself"), or an embedding score
   alone, said in a frame of fiction, games, study, work or someone else's past; never with
   passive risk, a euphemism, a plan, a deed, a method question or method words, never abuse.
2. **A "no" with an explanation** (`settled_answer`): the turn after the alarm answers the
   assistant's question about suicide or self-harm with a no and more ("omg no lol, i mean the
   construction next door"), carrying no risk of its own.
3. **A classifier-only crisis that is such a "no" itself** (`denies_asked_risk`): "no, zero
   urges. i just feel overwhelmed" to "are you having urges to hurt yourself?" read by the
   embedding alone as a crisis. Not a crisis in the latest message either (it goes to support,
   "answered the assistant's question about suicide: no"); the learned raise after a risk
   question (`followup.RAISE_AFTER_QUESTION`) still applies to it.

Such a turn is set aside as history only: its own crisis route, when it was the latest message,
is unchanged, and risk told in the latest message is read as always.
"""

from __future__ import annotations

import re

# Fiction, games, media, study, work and news: a risk word there is a topic, not the user's risk.
_FRAME = re.compile(
    r"\b(?:novels?|stor(?:y|ies)|books?|chapters?|characters?|plot|script|screenplay|fanfic\w*|campaign|d&d|dnd|rpg|games?|gaming|fortnite|minecraft"
    r"|shows?|series|movies?|films?|episodes?|documentar\w+|podcasts?|true\s+crime|songs?|lyrics|news|articles?|headlines?"
    r"|lit(?:erature)?\s+review|research\w*|papers?|essays?|thesis|dissertation|class|course|lectures?|training|workshop|seminar|major"
    r"|students?|patients?|clients?|teacher|nurse|pharmacist|cop|officer|firefighter|paramedic|bouncer|halloween|costume|zombie)\b",
    re.I,
)
# Someone else's risk, told as past ("my roommate tried to kill herself last month").
_OTHERS_PAST = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?(?:friend|roommate|flatmate|brother|sister|cousin|mom|mum|mother|dad|father|aunt|uncle|grandma|grandpa|son|daughter|partner|ex|coworker|colleague|neighbou?r|classmate)\b"
    r".*\b(?:(?:\w+\s+)?(?:years?|months?|weeks?)\s+ago|last\s+(?:year|month|spring|summer|fall|autumn|winter)|back\s+in)\b",
    re.I,
)
# Words of a method or a dose: never a mere topic ("researching suicide methods").
_METHOD = re.compile(r"\b(?:methods?|how\s+to|ways?\s+to|painless|lethal|dose|dosage|how\s+many|how\s+much)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|i'll|i'd|me|my|myself|mine)\b", re.I)
# A clear no standing as the answer at the start of a turn ("no, zero urges", "none, i promise",
# "omg no lol sorry, i meant..."), never a "no" that begins a sentence ("no one would miss me",
# "no puedo más", "não aguento"): the no must be followed by punctuation, the end, or a few words
# that keep it an answer.
_STARTS_NO = re.compile(
    r"^(?:(?:omg|oh\s+god|god|lol|haha|honestly|um+|uh+|jaja\w*|kkk+|mdr|ach)[\s,.!]+)*"
    r"(?:no+|nope|nah|none|never|not\s+really|not\s+at\s+all|not\s+like\s+that|no\s+way|nao|non|nein|nee|ne|para\s+nada|pas\s+du\s+tout"
    r"|gar\s+nicht|de\s+jeito\s+nenhum|claro\s+que\s+no|claro\s+que\s+nao)(?:[\s,]+(?:no+|nao|non|nein|nee))*"
    r"(?=\s*(?:[,.!;:]|$)|\s+(?:lol|haha|lmao|sorry|honestly|i\s+promise|not\s+like\s+that|nothing\s+like\s+that|i\s+mean|i\s+meant)\b)",
    re.I,
)


def _risk_flags(turn) -> bool:
    return bool(turn.passive or turn.euphemism or turn.plan or turn.act or turn.method_question or turn.ed_question or turn.retract)


def framed(turn, text: str) -> bool:
    """An English earlier crisis turn whose risk is a topic in a frame, not the user's own."""
    if turn.language != "en" or not turn.assessment.crisis or turn.abuse or _risk_flags(turn):
        return False
    if _METHOD.search(text):
        return False
    reasons = turn.assessment.reasons
    phrases = [r.split(":", 2)[2] for r in reasons if r.startswith("lexicon:") and r.count(":") >= 2]
    if any(r.startswith("combination:") for r in reasons) or any(_FIRST_PERSON.search(p) for p in phrases):
        return False
    return bool(_FRAME.search(text) or _OTHERS_PAST.search(text) or (phrases and any(r.startswith("idiom:") for r in reasons)))


def starts_no(turn, text: str) -> bool:
    """A clear no: the whole turn a denial (the lexicon's `deny`), or a no standing at its start."""
    from calma.safety.intl import plain

    return bool(turn.deny or _STARTS_NO.match(plain(text).strip().lower()))


def denies_asked_risk(turn, text: str, asks: frozenset, classifier_only: bool) -> bool:
    """A classifier-only crisis reading of a clear "no" to the assistant's question about suicide
    or self-harm, with no risk cue of its own (no means, plan, time, deed, euphemism)."""
    return ("suicide" in asks and classifier_only and starts_no(turn, text)
            and not (_risk_flags(turn) or turn.means or turn.time or turn.now))


def settled_answer(turn, text: str, asks: frozenset) -> bool:
    """A no with an explanation to the assistant's question about suicide or self-harm, no risk in it."""
    return ("suicide" in asks and starts_no(turn, text) and len(text.split()) >= 4
            and not (turn.assessment.crisis or turn.intent or turn.means or turn.distress or _risk_flags(turn)))
