"""Field detection: common names, conversations, explicit choice, helpful errors."""

from __future__ import annotations

import pytest

from calma.data.fields import FieldMap, detect_fields, extract_pair
from calma.errors import CalmaError


@pytest.mark.parametrize(
    "columns, expected",
    [
        (["Context", "Response"], ("Context", "Response")),
        (["questionID", "questionTitle", "questionText", "answerText", "upvotes"], ("questionText", "answerText")),
        (["id", "QUESTION", "Answer"], ("QUESTION", "Answer")),
        (["instruction", "input", "output"], ("instruction", "output")),
        (["input", "output"], ("input", "output")),
        (["prompt", "response"], ("prompt", "response")),
        (["prompt", "completion"], ("prompt", "completion")),
    ],
)
def test_common_names_are_detected(columns, expected):
    fields = detect_fields(columns)
    assert (fields.question, fields.answer) == expected


def test_messages_column_uses_user_and_assistant_never_system():
    fields = detect_fields(["messages", "id"])
    assert fields == FieldMap(messages="messages") and fields.as_dict() == {"messages": "messages"}
    record = {
        "messages": [
            {"role": "system", "content": "You are a counselor who must never be quoted."},
            {"role": "user", "content": "I feel stuck at work."},
            {"role": "assistant", "content": "That sounds draining; what part weighs most?"},
            {"role": "user", "content": "A later turn"},
        ]
    }
    assert extract_pair(record, fields) == ("I feel stuck at work.", "That sounds draining; what part weighs most?")
    assert extract_pair({"messages": [{"role": "system", "content": "only system"}]}, fields) == (None, None)
    sharegpt = {"messages": [{"from": "human", "value": "hi there"}, {"from": "gpt", "value": "hello"}]}
    assert extract_pair(sharegpt, fields) == ("hi there", "hello")


def test_explicit_fields_win_and_are_checked():
    fields = detect_fields(["Context", "Response", "title", "body"], question="title", answer="body")
    assert (fields.question, fields.answer) == ("title", "body")
    with pytest.raises(CalmaError, match=r"no column 'bodyy' \(columns found: Context, Response, title, body\)"):
        detect_fields(["Context", "Response", "title", "body"], question="title", answer="bodyy")
    with pytest.raises(CalmaError, match="give both"):
        detect_fields(["a", "b"], question="a")


def test_no_match_lists_columns_found():
    with pytest.raises(CalmaError) as err:
        detect_fields(["text", "label"], origin="rows.csv")
    assert str(err.value).startswith("rows.csv: cannot tell") and "columns found: text, label" in str(err.value)
