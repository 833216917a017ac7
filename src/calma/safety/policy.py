"""The routing policy: a pure function from a conversation to casual | therapeutic | crisis.

Rules, in order:
1. A crisis in the latest user message gets the fixed crisis reply (never generated text).
2. A conversation that had a crisis stays careful: later turns go to the therapeutic model,
   never the casual one, and the crisis threshold is lower.
3. A message that needs support goes to the therapeutic model.
4. Once a conversation has turned therapeutic, a short follow-up ("ok", "thanks") stays
   therapeutic; a longer message that is clearly small talk may go back to casual.
5. Otherwise (greetings, small talk, logistics) the casual model answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from calma.errors import CalmaError
from calma.safety.detect import RiskAssessment, assess
from calma.safety.replies import available_locales, crisis_reply

Route = Literal["crisis", "therapeutic", "casual"]


@dataclass
class RouteDecision:
    route: Route
    assessment: RiskAssessment
    careful: bool = False
    reply: str | None = None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        row = {"route": self.route, "careful": self.careful, **self.assessment.to_dict()}
        row["reasons"] = self.assessment.reasons + self.reasons
        return row


def _settings(config):
    if config is None:
        from calma.config import SafetySection

        config = SafetySection()
    return config


@lru_cache(maxsize=4096)
def _assess_cached(text: str, threshold: float, use_model: bool) -> RiskAssessment:
    """Earlier turns are re-read on every call; caching keeps `route` pure and cheap."""
    return assess(text, threshold=threshold, use_model=use_model)


def _user_texts(messages: list[dict]) -> list[str]:
    texts = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or "role" not in message or "content" not in message:
            raise CalmaError(f"messages[{i}]: expected an object with 'role' and 'content'")
        if message["role"] == "user":
            texts.append(str(message["content"]))
    if not texts:
        raise CalmaError("messages: the conversation has no user message to route")
    return texts


def _had_crisis_reply(messages: list[dict]) -> bool:
    """The fixed reply among the assistant turns (even with text around it) means a crisis happened."""
    replies = [crisis_reply(loc).strip() for loc in available_locales()]
    said = [str(m.get("content", "")) for m in messages if m.get("role") == "assistant"]
    return any(reply in text for reply in replies for text in said)


def is_therapeutic(assessment: RiskAssessment) -> bool:
    return assessment.therapeutic_score >= assessment.casual_score


def route(messages: list[dict], config=None) -> RouteDecision:
    """Route the latest user message of `messages` ([{role, content}, ...]) given the whole conversation.

    `config` is a `SafetySection` (defaults when None). Pure: same conversation, same decision.
    """
    cfg = _settings(config)
    texts = _user_texts(messages)
    earlier = [_assess_cached(t, cfg.crisis_threshold, cfg.use_classifier) for t in texts[:-1]]
    careful = _had_crisis_reply(messages) or any(a.crisis for a in earlier)
    threshold = min(cfg.careful_crisis_threshold, cfg.crisis_threshold) if careful else cfg.crisis_threshold
    current = _assess_cached(texts[-1], threshold, cfg.use_classifier)
    if current.crisis:
        return RouteDecision("crisis", current, careful, crisis_reply(cfg.locale), ["crisis in latest message"])
    if careful:
        return RouteDecision("therapeutic", current, True, None, ["careful: conversation had a crisis"])
    if is_therapeutic(current):
        return RouteDecision("therapeutic", current, False, None, ["needs support"])
    turned = any(is_therapeutic(a) for a in earlier)
    if turned and len(texts[-1].split()) <= cfg.short_followup_words:
        return RouteDecision("therapeutic", current, False, None, ["short follow-up in a therapeutic conversation"])
    return RouteDecision("casual", current, False, None, ["small talk"])
