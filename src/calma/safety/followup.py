"""Round 12: what the turns right after a crisis mean, and where the learned signal reads
them better than the rules (used by `calma.safety.policy`).

Three small decisions, each measured leave-one-writer-out on the conversations of
`resources/` (docs/safety.md, "Round 12"):

1. **A change of subject right after an unanswered crisis is no all-clear.** When a crisis was
   told two user turns back and the assistant answered with questions of its own instead of our
   crisis reply ("is anyone with you right now?"), the user's next turn ("anyway, what's on TV
   tonight?", "yea", "about to leave the office") was labelled a crisis in every such
   conversation of the older files (11 of 11): deflecting is a common way of not answering. In
   live use our crisis reply is always in such a history, so this reads only histories whose
   assistant was not Calma's router; the rule is an earlier-turn alarm, so
   `policy.lower_alarm` can still set it aside when that turn was a thin alarm.
2. **A confident learned crisis after the assistant's risk question.** The rules own the
   reading of an answer to "are you thinking of ending your life?" (rule 3), so the learned
   raise never applied there; but an answer with more in it than yes or no ("sí. tengo el coche
   y una manguera", "jk lol forget it" after a method) is what the n-gram model reads well:
   out of fold, crisis answers scored 0.97-1.00, support answers at most 0.21.
3. **Small talk the model is sure of, despite a noisy embedding score.** Round 11's small-talk
   tier stopped at an embedding crisis score of 0.25; on short fragments ("to the coast, leaving
   tomorrow", "thanks!! my calves are screaming") that score is noise, and the conversation
   model's casual probability of 0.90 or more with a crisis probability under 0.05 was right 8
   times in 9 where the score alone blocked it.
"""

from __future__ import annotations

DEFLECTION = "a change of subject right after a crisis the assistant has not answered with resources"
# How many user turns after the crisis turn a deflection still counts (1: the turn right after
# the assistant's first follow-up question). Wider was measured on one conversation only.
DEFLECTION_TURNS = 1
# Thresholds of the two learned tiers (conversation domain only); see the module docstring.
RAISE_AFTER_QUESTION = 0.90
SURE_CASUAL, SURE_CASUAL_MAX_CRISIS = 0.90, 0.05


def deflection(current, asks: frozenset, careful: bool, since: int, answered_by_us: bool, engaged: bool = False) -> str | None:
    """`DEFLECTION` when the latest turn follows, unresolved, a crisis told just before it.

    Not after any of our fixed replies (`answered_by_us`: a crisis reply, resources or the
    check-in was given, and careful mode's own rules apply), and not for a plain reassurance
    that answers the assistant's question ("no" to the suicide question, "yes" to "are you
    safe?"): that reading belongs to rule 3.

    Round 13: nor when the user turn in between answered the assistant at length, as small talk
    with no risk or distress in it (`engaged`, `policy._engaged`: "he ate my leftovers AGAIN,
    third time this week" after "what happened?"): that turn explained the alarm instead of
    leaving it, so the next one is no change of subject away from it. An evasive turn in between
    ("doesn't matter", "yea", "about to leave the office") still makes the next one a deflection."""
    if not careful or answered_by_us or since > DEFLECTION_TURNS or engaged:
        return None
    if ("suicide" in asks and current.deny) or ("safety" in asks and current.affirm):
        return None
    return DEFLECTION


def raises_after_question(route: str, crisis: float, asked: frozenset, domain: str) -> bool:
    """The learned signal may raise an answer to the assistant's risk question to crisis."""
    return domain == "conversation" and bool(asked) and route in ("therapeutic", "check_in") and crisis >= RAISE_AFTER_QUESTION


def sure_small_talk(casual: float, crisis: float, domain: str) -> bool:
    """The conversation model is sure enough of small talk to overrule a noisy embedding score."""
    return domain == "conversation" and casual >= SURE_CASUAL and crisis < SURE_CASUAL_MAX_CRISIS
