"""Fixed texts the bot says in place of a model: crisis replies, AI disclosure, safe fallback.

A person in crisis must get the same checked resources every time, so these texts live in
``resources/replies.yaml`` and are never generated. Locales are checked when the config is
validated, so an unknown locale fails at startup instead of at the worst moment.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from calma.errors import CalmaError

DEFAULT_LOCALE = "en-US"


@lru_cache(maxsize=1)
def _texts() -> dict:
    raw = resources.files("calma.safety").joinpath("resources/replies.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def available_locales() -> list[str]:
    return sorted(_texts()["crisis"])


def crisis_reply(locale: str = DEFAULT_LOCALE) -> str:
    """The fixed crisis reply for `locale` (e.g. 'en-US'); CalmaError for an unknown one."""
    texts = _texts()["crisis"]
    if locale not in texts:
        raise CalmaError(f"safety.locale: no crisis reply for '{locale}' (available: {', '.join(sorted(texts))})")
    return texts[locale]


AI_DISCLOSURE: str = _texts()["disclosure"]
SAFE_FALLBACK_REPLY: str = _texts()["safe_fallback"]
