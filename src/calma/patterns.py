"""Patterns for contact details, shared by data scrubbing and the reply guard.

Training data must not teach the model to hand out a counselor's phone number, and a
generated reply must not contain one either: both places use these same patterns.
Crisis lines (988, 741741, 911, ...) are not "contact details" to remove; `is_crisis_line`
tells them apart.
"""

from __future__ import annotations

import re

URL = re.compile(
    r"""(?xi)
    \b(?:https?://|ftp://|www\.)[^\s<>"')\]]+            # scheme or www.
    | \b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*     # bare domain ...
      \.(?-i:com|org|net|edu|gov|info|biz|io|co|us|uk|ca|au|me|health|life|care|online|site)
      # ... whose TLD is lower case: "health.Life is hard" is two glued sentences, not a site
      (?:/[^\s<>"')\]]*)?\b
    """
)
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(
    r"""(?x)
    (?<![\w/.-])
    (?:\+?1[\s.-]?)?                      # country code
    (?:\(\d{3}\)\s?|\d{3}[\s.-])          # area code
    (?:\d{3}|[A-Z]{3})[\s.-](?:\d{4}|[A-Z]{4})  # number, also vanity letters (1-800-273-TALK)
    (?![\w-])
    """
)
CRISIS_NUMBERS = {"988", "741741", "911", "112", "999", "18002738255", "8002738255"}


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_crisis_line(number: str) -> bool:
    """True for short crisis/emergency numbers that a reply may name."""
    return digits(number) in {"988", "741741", "911", "112", "999"}


def find_contacts(text: str) -> dict[str, list[str]]:
    """All URLs, e-mail addresses and phone numbers in `text` (crisis lines excluded)."""
    emails = EMAIL.findall(text)
    without_emails = EMAIL.sub(" ", text)
    return {
        "url": URL.findall(without_emails),
        "email": emails,
        "phone": [m for m in PHONE.findall(text) if not is_crisis_line(m)],
    }
