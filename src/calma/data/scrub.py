"""Scrubbing: what a counseling model must not learn to say.

Answers written for a public Q&A site carry the counselor's website, phone number and
e-mail, sentences selling their practice ("call my office", "I offer free consultations")
and hotline numbers that have since been retired. A fine-tuned model repeats them verbatim
to people in distress, so they are redacted or removed here, and counted by kind so the
report says what changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from calma.config import ScrubSection
from calma.data.clean import might_have_url
from calma.patterns import EMAIL, PHONE, URL, is_crisis_line

LINK_PLACEHOLDER = "[link removed]"
EMAIL_PLACEHOLDER = "[email removed]"
PHONE_PLACEHOLDER = "[phone removed]"

# US National Suicide Prevention Lifeline numbers replaced by 988 in 2022.
RETIRED_HOTLINE = re.compile(
    r"(?<![\w-])(?:1[\s.-]?)?\(?800\)?[\s.-]?(?:273[\s.-]?(?:8255|TALK)|SUICIDE|784[\s.-]?2433)(?![\w-])",
    re.IGNORECASE,
)
# Phone shapes the shared pattern misses but the real data has ("787466-5478").
EXTRA_PHONE = re.compile(r"(?<![\w/.-])\d{6}-\d{4}(?![\w-])")

# Matched against lower-cased text: a case-sensitive scan is 3x faster than re.IGNORECASE.
_PROMOTION = re.compile(
    r"""(?x)
    \b(?:call|contact|reach|e-?mail|text|message)\s+(?:me|us|my\s+office|our\s+office)\s+
        (?:at|via|by|through|on|today|anytime|directly|to\s+(?:schedule|set\s+up|book|make))\b
    | \b(?:feel\s+free|don'?t\s+hesitate|do\s+not\s+hesitate|you\s+(?:can|may)|welcome)\s+(?:to\s+)?
        (?:call|contact|reach\s+out\s+to|reach|e-?mail|text|visit)\s+(?:me|us|my|our)\b
    | \b(?:call|contact)\s+(?:my|our)\s+(?:office|practice)\b
    | \b(?:visit|see|check\s+out|read|go\s+to|on|at|through|via|from)\s+(?:my|our)\s+
        (?:web\s?site|web\s?page|site|blog|profile|podcast|youtube|facebook|instagram)\b
    | \bmy\s+(?:web\s?site|blog|practice|office)\s+(?:at|is|:)\s*(?:www|http|\[link)
    | \b(?:i|we)\s+(?:also\s+)?offer\b[^.!?]{0,80}\b(?:consultations?|sessions|counseling|therapy|coaching|services|workshops?)\b
    | \bfree\s+(?:\w+\s+)?consultation\b[^.!?]{0,60}\b(?:me|my|us|our)\b
    | \b(?:me|my|us|our)\b[^.!?]{0,60}\bfree\s+(?:\w+\s+)?consultation
    | \b(?:schedule|book|set\s+up|make)\s+(?:an?|your)\s+(?:appointment|session|consultation)\s+with\s+(?:me|us)\b
    | \bi(?:\s+am|'m)\s+(?:licensed|located|based|available)\s+(?:in|for)\s+\w
    """
)
_CREDENTIAL = re.compile(
    r"\b(?:LMFT|LPCC?|LCSW|LMSW|LMHC|NCC|MFT|LCPC|LICSW|LPC-S|LCADC|CADC|LMAC|LCMHC|LMHP|Psy\.?D|Ph\.?D)\b"
)
_ABBREVIATION_END = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Prof|e\.g|i\.e|etc|vs|Ph\.D|Inc)\.$")
_DIGITS = re.compile(r"\d{3}")
# "call 1-800-273-8255.I am" only shows its glued sentence once the number is a placeholder.
_GLUED_AFTER = re.compile(r"((?:\b988|removed\])[.!?]?)(?=[A-Z])")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass
class ScrubResult:
    text: str
    counts: Counter


def split_sentences(line: str) -> list[str]:
    """Sentence pieces of one line, not cut after "Dr." or "e.g."."""
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(line):
        if pieces and _ABBREVIATION_END.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _is_signature(sentence: str, is_last: bool) -> bool:
    return is_last and len(sentence) <= 120 and bool(_CREDENTIAL.search(sentence))


def remove_self_promotion(text: str, counts: Counter) -> str:
    """Drop sentences that sell the counselor's practice, and a closing credentials signature."""
    if not _PROMOTION.search(text.lower()) and not _CREDENTIAL.search(text[-200:]):
        return text  # the common case: nothing to split
    lines = text.split("\n")
    kept_lines: list[str] = []
    for index, line in enumerate(lines):
        sentences = split_sentences(line) if line else [""]
        kept = []
        for position, sentence in enumerate(sentences):
            last = index == len(lines) - 1 and position == len(sentences) - 1
            if _PROMOTION.search(sentence.lower()):
                counts["self_promotion"] += 1
            elif _is_signature(sentence, last):
                counts["signature"] += 1
            else:
                kept.append(sentence)
        if kept or not line:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines).strip()


def _redact(pattern: re.Pattern[str], placeholder: str, kind: str, text: str, counts: Counter, keep=None) -> str:
    def replace(match: re.Match[str]) -> str:
        if keep is not None and keep(match.group(0)):
            return match.group(0)
        counts[kind] += 1
        found = match.group(0)
        kept = found.rstrip(".,;:!?")  # a sentence's full stop is not part of the URL
        return placeholder + found[len(kept):]

    return pattern.sub(replace, text)


def redact_contacts(text: str, options: ScrubSection, counts: Counter) -> str:
    """Hotlines -> 988 first (they look like phones), then e-mails, URLs and phones."""
    if options.hotlines and RETIRED_HOTLINE.search(text):
        text = _redact(RETIRED_HOTLINE, "988", "hotline", text, counts)
    if options.emails and "@" in text:
        text = _redact(EMAIL, EMAIL_PLACEHOLDER, "email", text, counts)
    if options.urls and might_have_url(text):
        text = _redact(URL, LINK_PLACEHOLDER, "url", text, counts)
    if options.phones and _DIGITS.search(text):
        text = _redact(PHONE, PHONE_PLACEHOLDER, "phone", text, counts, keep=is_crisis_line)
        text = _redact(EXTRA_PHONE, PHONE_PLACEHOLDER, "phone", text, counts)
    return _GLUED_AFTER.sub(r"\1 ", text)


def scrub_answer(text: str, options: ScrubSection) -> ScrubResult:
    """Everything for an answer: promotion removed before redaction so whole sentences go."""
    counts: Counter = Counter()
    if not options.enabled:
        return ScrubResult(text, counts)
    if options.self_promotion:
        text = remove_self_promotion(text, counts)
    text = redact_contacts(text, options, counts)
    return ScrubResult(text, counts)


def scrub_question(text: str, options: ScrubSection) -> ScrubResult:
    """Questions keep every sentence; only contact details are redacted."""
    counts: Counter = Counter()
    if options.enabled:
        text = redact_contacts(text, options, counts)
    return ScrubResult(text, counts)
