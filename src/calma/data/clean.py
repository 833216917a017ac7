"""Text cleaning: what scraping did to counseling answers, undone.

Scraped answers carry HTML, entities, non-breaking spaces, curly quotes and sentences glued
together where a line break was lost ("with.Seriously"). A model trained on them learns to
write the same way, so we repair them. Every rule is conservative: "e.g.", "3.5", "Dr. Smith",
initials and URLs must survive untouched.
"""

from __future__ import annotations

import html
import re
import unicodedata

from calma.patterns import EMAIL, URL

_URL_HINT = re.compile(
    r"://|www\.|\.(?:com|org|net|edu|gov|info|biz|io|co|us|uk|ca|au|me|health|life|care|online|site)\b", re.IGNORECASE
)

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(r"<\s*(br|/p|p|/div|div|/li|li|/h[1-6]|tr|/tr)\b[^<>]{0,500}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,2000})?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
    }
)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lower-case word of 2+ letters (or a closing quote/bracket), then . ! or ?, then a capitalised
# word: the signature of two sentences glued together. Single letters ("J.R.") and digits
# ("3.5") never match; "e.g." is followed by lower case.
_GLUED = re.compile(r"([a-z][a-z)\"'])([.!?]+)(?=[A-Z][a-z]|[A-Z]\s|I')")
_GLUED_WWW = re.compile(r"(?<=[a-z]{2})(?=www\.[A-Za-z0-9-]+\.[A-Za-z]{2,})")
# "www.site.org.Then" : a domain with no path, then a glued sentence.
_GLUED_AFTER_DOMAIN = re.compile(
    r"((?:https?://|www\.)[\w-]+(?:\.[\w-]+)*?\.(?:com|org|net|edu|gov|info|biz|io|co|us|uk|ca|au|me|health|life|care|online|site))"
    r"\.(?=[A-Z][a-z])"
)
_MANY_NEWLINES = re.compile(r"\n{3,}")


def strip_html(text: str) -> str:
    """Drop tags (and script/style bodies), keep line structure, decode entities."""
    if "<" in text:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _COMMENT.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return text


def normalize_unicode(text: str) -> str:
    """NFKC (nbsp -> space, ligatures, full-width), straight quotes, no invisible/control chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in URL.finditer(text)] if might_have_url(text) else []
    if "@" in text:
        spans += [m.span() for m in EMAIL.finditer(text)]
    return sorted(spans)


def might_have_url(text: str) -> bool:
    """Cheap pre-check: the full URL pattern is slow to scan over long prose."""
    return _URL_HINT.search(text) is not None


def repair_glued_sentences(text: str) -> str:
    """"with.Seriously" -> "with. Seriously", leaving URLs and e-mail addresses alone."""
    if "www." in text or "://" in text:
        text = _GLUED_WWW.sub(" ", text)
        text = _GLUED_AFTER_DOMAIN.sub(r"\1. ", text)
    if not _GLUED.search(text):
        return text
    spans = _protected_spans(text)

    def fix(match: re.Match[str]) -> str:
        start = match.start(2)
        if any(a <= start < b for a, b in spans):
            return match.group(0)
        return match.group(1) + match.group(2) + " "

    return _GLUED.sub(fix, text)


def tidy_whitespace(text: str) -> str:
    """Single spaces inside lines, at most one blank line between paragraphs."""
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def clean_text(text: str) -> str:
    """The full cleaning chain for one question or answer (callers bound the length first)."""
    text = strip_html(text)
    text = normalize_unicode(text)
    text = repair_glued_sentences(text)
    return tidy_whitespace(text)
