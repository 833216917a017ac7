"""When a reply must say that the user is talking to an AI.

Three times: on the first reply of a conversation; whenever the user asks whether they are
talking to a person (in any supported language); and again once `interval_hours` have passed
since it was last said in the conversation (New York's companion-bot law asks for at least
every three hours). The clock comes from the messages: an optional `timestamp` on each
(unix seconds or ISO 8601), which `calma chat` sets and an app's backend can send. Without
timestamps only the first two apply. Pure: `now` is passed in.
"""

from __future__ import annotations

import datetime as dt

from calma.safety.intl import LANGUAGES, lexicon, plain
from calma.safety.replies import AI_DISCLOSURE, _texts, all_fixed


def timestamp(message: dict) -> float | None:
    """A message's `timestamp` as unix seconds, or None when absent or unreadable."""
    value = message.get("timestamp")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def _says_ai(text: str) -> bool:
    """The reply carries a disclosure: one of ours, or a fixed reply (each says it is an AI)."""
    disclosures = [AI_DISCLOSURE.strip()] + [t.strip() for t in _texts()["disclosure_by_language"].values()]
    fixed = all_fixed("crisis") + all_fixed("check_in") + [_texts()["unsupported_language"].strip()]
    return any(d in text for d in disclosures + fixed)


def asks_if_human(text: str) -> bool:
    """ "are you a real person?", "¿eres una persona?", "bist du ein Mensch?" """
    lowered = plain(text)
    return any(lexicon(lang)["person_question"].search(lowered) for lang in ("en",) + LANGUAGES)


def _last_disclosed_at(messages: list[dict]) -> float | None:
    """When the AI was last disclosed: that reply's timestamp (or the message before it), else
    the conversation's first timestamp."""
    for i in range(len(messages) - 1, -1, -1):
        if messages[i].get("role") == "assistant" and _says_ai(str(messages[i].get("content", ""))):
            for j in range(i, -1, -1):
                if timestamp(messages[j]) is not None:
                    return timestamp(messages[j])
    return next((timestamp(m) for m in messages if timestamp(m) is not None), None)


def disclosure_due(messages: list[dict], interval_hours: float = 3.0, now: float | None = None) -> str | None:
    """Why the next reply must disclose the AI ("first reply", "asked", "3.0 h since ..."), or None."""
    conversation = [m for m in messages if m.get("role") in ("user", "assistant")]
    if not any(m["role"] == "assistant" for m in conversation):
        return "first reply"
    users = [m for m in conversation if m["role"] == "user"]
    if users and asks_if_human(str(users[-1].get("content", ""))):
        return "the user asked whether they are talking to a person"
    if interval_hours <= 0:
        return None
    now = now if now is not None else (timestamp(conversation[-1]) if conversation else None)
    since = _last_disclosed_at(conversation)
    if now is not None and since is not None and now - since >= interval_hours * 3600:
        return f"{(now - since) / 3600:.1f} h since the AI was last disclosed (every {interval_hours:g} h)"
    return None
