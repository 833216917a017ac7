"""Safety in front of every reply: crisis detection, the routing policy, fixed crisis replies,
the output guard and the AI disclosure.

Everything here is importable without torch; the sentence-embedding classifier loads lazily
on the first `assess` call (and detection falls back to the lexicon when it cannot load).
"""

from calma.safety.guard import (
    Finding,
    GuardResult,
    GuardStats,
    disclose,
    guard_reply,
    scan_reply,
)
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
    "available_locales",
    "crisis_reply",
    "disclose",
    "guard_reply",
    "scan_reply",
]
