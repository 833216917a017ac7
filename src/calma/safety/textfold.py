"""One canonical form of text for every safety check, input and output.

A lexicon and a classifier read letters; people (and people testing the gate) also write
fullwidth forms (ｐｉｌｌｓ), put zero-width characters inside words (ki\u200bll) or swap in
look-alike letters from other scripts (Cyrillic і for Latin i). `fold` undoes all three, so the
crisis gate and the output guard see the words a reader sees:

- Unicode NFKC: fullwidth and other compatibility forms become their plain letters and digits;
- invisible format characters (zero-width space/joiners, word joiner, BOM, soft hyphen,
  bidirectional marks) are removed;
- single Cyrillic and Greek letters that look like Latin ones are mapped to them when they
  stand inside a word that also has Latin letters (a whole Cyrillic or Greek word is left as it is).
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "υ": "u", "τ": "t", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
})
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")


def _latinize(match: re.Match) -> str:
    word = match.group(0)
    if not _LATIN.search(word):
        return word  # a real Cyrillic or Greek word
    return word.translate(_LOOKALIKES)


def fold(text: str) -> str:
    """NFKC, without invisible characters, look-alike letters inside Latin words made Latin."""
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _WORD.sub(_latinize, text)
