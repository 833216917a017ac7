"""Fixed texts the bot says in place of a model: crisis and check-in replies, the resources
kept in later replies, AI disclosures, the unsupported-language reply and the safe fallback.

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


def _by_locale(kind: str, locale: str) -> str:
    texts = _texts()[kind]
    if locale not in texts:
        raise CalmaError(f"safety.locale: no {kind.replace('_', '-')} reply for '{locale}' (available: {', '.join(sorted(texts))})")
    return texts[locale]


def crisis_reply(locale: str = DEFAULT_LOCALE) -> str:
    """The fixed crisis reply for `locale` (e.g. 'en-US', 'es-US'); CalmaError for an unknown one."""
    return _by_locale("crisis", locale)


def check_in_reply(locale: str = DEFAULT_LOCALE) -> str:
    """The fixed middle-tier reply: resources, then a direct question about suicidal thoughts."""
    return _by_locale("check_in", locale)


def resources_line(locale: str = DEFAULT_LOCALE) -> str:
    """One sentence of resources, added to every generated reply after a crisis."""
    return _by_locale("resources", locale)


def disclosure(language: str = "en") -> str:
    """The AI disclosure in `language` (an ISO 639-1 code); English for any other."""
    return _texts()["disclosure_by_language"].get(language, AI_DISCLOSURE)


def all_fixed(kind: str) -> list[str]:
    """Every locale's text of one kind ('crisis', 'check_in', 'resources'), to recognise them in a history."""
    return [text.strip() for text in _texts()[kind].values()]


def locale_language(locale: str) -> str:
    return locale.split("-")[0]


AI_DISCLOSURE: str = _texts()["disclosure"]
SAFE_FALLBACK_REPLY: str = _texts()["safe_fallback"]
SAFE_HARM_REPLY: str = _texts()["safe_fallback_harm"]
UNSUPPORTED_LANGUAGE_REPLY: str = _texts()["unsupported_language"]
