"""Safety in front of every reply: crisis detection, the routing policy, fixed crisis replies,
the output guard and the AI disclosure.

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
from calma.safety.policy import RouteDecision, route
from calma.safety.replies import (
    AI_DISCLOSURE,
    SAFE_FALLBACK_REPLY,
    available_locales,
    crisis_reply,
)

__all__ = [
    "AI_DISCLOSURE",
    "SAFE_FALLBACK_REPLY",
    "Finding",
    "GuardResult",
    "GuardStats",
    "RiskAssessment",
    "RouteDecision",
    "assess",
    "available_locales",
    "crisis_reply",
    "disclose",
    "guard_reply",
    "route",
    "scan_reply",
    "warm_up",
]
