"""`prepare` on the real counseling data (../shared/datasets; skipped with a reason elsewhere)."""

from __future__ import annotations

import pytest

from calma.config import load_config
from calma.data import load_prepared, prepare
from calma.patterns import find_contacts

pytestmark = pytest.mark.integration

CASES = {
    "counseling_conversations.jsonl": {"question": "Context", "answer": "Response"},
    "counsel-chat/20200325_counsel_chat.csv": {"question": "questionText", "answer": "answerText"},
    "counsel-chat/counselchat-data.csv": {"question": "questionText", "answer": "answerText"},
}


@pytest.fixture(scope="module", params=sorted(CASES))
def prepared(request, tmp_path_factory, tokenizer):
    from conftest import shared_dataset

    path = shared_dataset(request.param)
    out = tmp_path_factory.mktemp("prepared") / "out"
    report = prepare(load_config(), str(path), str(out), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    return request.param, report, load_prepared(out, tokenizer=tokenizer)


def test_fields_detected(prepared):
    name, report, _ = prepared
    assert report["fields"] == CASES[name]


def test_no_question_group_spans_two_splits(prepared):
    _, report, data = prepared
    groups = {name: set(split["group"]) for name, split in data.items()}
    assert not groups["train"] & groups["validation"]
    assert not groups["train"] & groups["test"]
    assert not groups["validation"] & groups["test"]
    assert report["leakage"] == {"shared_groups": 0, "shared_questions": 0}
    questions = {name: set(q.lower() for q in split["question"]) for name, split in data.items()}
    assert not questions["train"] & (questions["validation"] | questions["test"])


def test_split_sizes_within_two_points_of_80_10_10(prepared):
    _, report, data = prepared
    total = sum(len(split) for split in data.values())
    assert total == report["rows_out"] > 1000
    for name, share in (("train", 0.8), ("validation", 0.1), ("test", 0.1)):
        assert abs(len(data[name]) / total - share) <= 0.02, name


def test_no_contact_details_left(prepared):
    _, report, data = prepared
    for split in data.values():
        for question, answer in zip(split["question"], split["answer"]):
            found = find_contacts(question + "\n" + answer)
            assert not any(found.values()), found
    assert report["scrubbed"]["url"] > 100 and report["scrubbed"]["phone"] > 10


def test_duplicates_and_dirt_were_removed(prepared):
    name, report, data = prepared
    answers = [a for split in data.values() for a in split["answer"]]
    assert len(set(answers)) == len(answers)
    assert not any("<p>" in a or "&nbsp;" in a or "\u00a0" in a for a in answers)
    assert report["rows_in"] - sum(report["removed"].values()) == report["rows_out"]
    if name.endswith(".jsonl"):
        assert report["removed"]["duplicate_exact"] > 1000
