"""Quality filters: each returns the reason a row is dropped, or None to keep it.

The cheap checks (type, raw length) run before any regular expression touches the text, so
a 2-million-character answer is skipped in microseconds instead of being cleaned first.
Rows are skipped, never cut: a truncated answer would teach the model to stop mid-thought.
"""

from __future__ import annotations

import re
from typing import Any

from calma.config import DataSection

# Raw text may shrink a lot when HTML is stripped; allow this much slack before cleaning.
RAW_SLACK = 4
_WORD = re.compile(r"\w+")


def check_raw(question: Any, answer: Any, data: DataSection) -> str | None:
    """Type and size checks on untouched values (O(1) apart from len)."""
    if question is None:
        return "missing_question"
    if answer is None:
        return "missing_answer"
    if not isinstance(question, str):
        return "non_text_question"
    if not isinstance(answer, str):
        return "non_text_answer"
    if len(question) + len(answer) > RAW_SLACK * data.max_row_chars:
        return "too_long"
    return None


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_repetitive(text: str, min_words: int = 12, tokens: list[str] | None = None) -> bool:
    """An answer that says the same thing over and over (few distinct word trigrams)."""
    tokens = words(text) if tokens is None else tokens
    if len(tokens) < min_words:
        return len(tokens) >= 6 and len(set(tokens)) <= len(tokens) // 3
    trigrams = list(zip(tokens, tokens[1:], tokens[2:]))
    return len(set(trigrams)) < 0.5 * len(trigrams)


def copies_question(question: str, answer: str, a_tokens: list[str] | None = None) -> bool:
    """The answer is (nearly) the question pasted back: 80% of its trigrams come from it."""
    a_tokens = words(answer) if a_tokens is None else a_tokens
    if not a_tokens:
        return False
    if len(a_tokens) > 1.5 * question.count(" ") + 10:
        return False  # far longer than the question: it cannot be mostly the question
    q_tokens = words(question)
    if a_tokens == q_tokens:
        return True
    if len(a_tokens) < 3:
        return False
    a_grams = set(zip(a_tokens, a_tokens[1:], a_tokens[2:]))
    q_grams = set(zip(q_tokens, q_tokens[1:], q_tokens[2:]))
    return len(a_grams & q_grams) >= 0.8 * len(a_grams)


def check_clean(question: str, answer: str, data: DataSection) -> str | None:
    """Checks on cleaned (and scrubbed) text, cheapest first."""
    if not question:
        return "empty_question"
    if not answer:
        return "empty_answer"
    if len(question) < data.min_question_chars:
        return "question_too_short"
    if len(answer) < data.min_answer_chars:
        return "answer_too_short"
    if len(question) + len(answer) > data.max_row_chars:
        return "too_long"
    tokens = words(answer)
    if is_repetitive(answer, tokens=tokens):
        return "repetitive_answer"
    if copies_question(question, answer, a_tokens=tokens):
        return "answer_copies_question"
    return None
