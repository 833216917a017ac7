"""Which columns hold the question and the answer.

Public counseling datasets disagree on names (`Context`/`Response`, `questionText`/`answerText`,
`instruction`/`output`, OpenAI `messages`...). We try the common pairs in order, accept an
explicit mapping, and when nothing fits, the error lists the columns we did find so the user
can pass `--question-field/--answer-field` at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calma.errors import CalmaError

# Checked in this order; names compare case-insensitively.
KNOWN_PAIRS: list[tuple[str, str]] = [
    ("Context", "Response"),
    ("questionText", "answerText"),
    ("question", "answer"),
    ("instruction", "output"),
    ("input", "output"),
    ("prompt", "response"),
    ("prompt", "completion"),
    ("query", "response"),
    ("user", "assistant"),
    ("patient", "doctor"),
    ("question", "response"),
]
MESSAGES_FIELDS = ("messages", "conversations", "conversation")
ROLE_KEYS = ("role", "from")
CONTENT_KEYS = ("content", "value", "text")
USER_ROLES = {"user", "human"}
ASSISTANT_ROLES = {"assistant", "gpt", "bot", "model"}


@dataclass(frozen=True)
class FieldMap:
    """The chosen mapping; `messages` set means question/answer come from a conversation."""

    question: str | None = None
    answer: str | None = None
    messages: str | None = None

    def as_dict(self) -> dict[str, str]:
        if self.messages:
            return {"messages": self.messages}
        return {"question": self.question or "", "answer": self.answer or ""}

    def describe(self) -> str:
        if self.messages:
            return f"conversation column '{self.messages}' (first user turn -> question, next assistant turn -> answer)"
        return f"question <- '{self.question}', answer <- '{self.answer}'"


def detect_fields(columns: list[str], question: str | None = None, answer: str | None = None, origin: str = "dataset") -> FieldMap:
    """Pick the question/answer columns among `columns` (explicit names win)."""
    lookup = {c.lower(): c for c in columns}
    found = ", ".join(columns) if columns else "(none)"
    if question or answer:
        if not (question and answer):
            raise CalmaError(f"{origin}: give both --question-field and --answer-field (columns found: {found})")
        missing = [name for name in (question, answer) if name not in columns and name.lower() not in lookup]
        if missing:
            raise CalmaError(f"{origin}: no column '{missing[0]}' (columns found: {found})")
        if question.lower() in MESSAGES_FIELDS and question == answer:
            return FieldMap(messages=lookup.get(question.lower(), question))
        return FieldMap(lookup.get(question.lower(), question), lookup.get(answer.lower(), answer))
    for q, a in KNOWN_PAIRS:
        if q.lower() in lookup and a.lower() in lookup:
            return FieldMap(lookup[q.lower()], lookup[a.lower()])
    for name in MESSAGES_FIELDS:
        if name in lookup:
            return FieldMap(messages=lookup[name])
    raise CalmaError(
        f"{origin}: cannot tell which columns hold the question and the answer (columns found: {found}); "
        "pass --question-field and --answer-field"
    )


def _turn(message: Any) -> tuple[str, Any] | None:
    if not isinstance(message, dict):
        return None
    role = next((message[k] for k in ROLE_KEYS if k in message), None)
    content = next((message[k] for k in CONTENT_KEYS if k in message), None)
    if not isinstance(role, str):
        return None
    return role.strip().lower(), content


def pair_from_messages(messages: Any) -> tuple[Any, Any]:
    """First user turn and the assistant turn that follows it; system turns are never used."""
    if not isinstance(messages, list):
        return None, None
    question = None
    for message in messages:
        turn = _turn(message)
        if turn is None:
            continue
        role, content = turn
        if role in USER_ROLES and question is None:
            question = content
        elif role in ASSISTANT_ROLES and question is not None:
            return question, content
    return question, None


def extract_pair(record: dict[str, Any], fields: FieldMap) -> tuple[Any, Any]:
    """(question, answer) from one record, values untouched (filters judge their type)."""
    if fields.messages:
        return pair_from_messages(record.get(fields.messages))
    return record.get(fields.question), record.get(fields.answer)  # type: ignore[arg-type]
