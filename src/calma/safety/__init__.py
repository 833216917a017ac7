"""Safety in front of every reply: crisis detection in five languages, the conversation-level
routing policy, fixed crisis and check-in replies, the output guard and the AI disclosure.

Everything here is importable without torch; the sentence-embedding classifier loads lazily
on the first `assess` call (and detection falls back to the lexicon when it cannot load).
"""

from calma.safety.detect import RiskAssessment, assess, warm_up
from calma.safety.guard import (
    Finding,
    GuardResult,
    GuardStats,
    disclose,
    guard_reply,
    scan_reply,
)
from calma.safety.disclosure import disclosure_due
from calma.safety.policy import RouteDecision, route
from calma.safety.replies import (
    AI_DISCLOSURE,
    SAFE_FALLBACK_REPLY,
    SAFE_HARM_REPLY,
    UNSUPPORTED_LANGUAGE_REPLY,
    available_locales,
    check_in_reply,
    crisis_reply,
    resources_line,
)

__all__ = [
    "AI_DISCLOSURE",
    "SAFE_FALLBACK_REPLY",
    "SAFE_HARM_REPLY",
    "UNSUPPORTED_LANGUAGE_REPLY",
    "Finding",
    "GuardResult",
    "GuardStats",
    "RiskAssessment",
    "RouteDecision",
    "assess",
    "available_locales",
    "check_in_reply",
    "crisis_reply",
    "disclosure_due",
    "disclose",
    "guard_reply",
    "resources_line",
    "route",
    "scan_reply",
    "warm_up",
]
