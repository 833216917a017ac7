"""Question groups, the answer cap and the grouped split."""

from __future__ import annotations

import random

from calma.data.split import cap_per_group, question_groups, shared_groups, shared_questions, split_groups

FRACTIONS = {"train": 0.8, "validation": 0.1, "test": 0.1}


def test_near_identical_questions_share_a_group():
    questions = [
        "How do I stop panicking before exams when my mind goes blank and my hands shake?",
        "how do I stop panicking before exams when my mind goes blank and my hands shake",
        "How do I stop panicking before exams when my mind goes totally blank and my hands shake?",
        "My partner and I argue about money every single week and it never gets resolved.",
    ]
    groups = question_groups(questions, 0.8)
    assert groups[0] == groups[1] == groups[2] != groups[3]
    assert groups[0] == 0 and groups[3] == 1


def test_cap_keeps_at_most_n_per_group_deterministically():
    groups = [0] * 10 + [1] * 2 + [2]
    keep = cap_per_group(groups, 3, seed=1)
    assert [groups[k] for k in keep].count(0) == 3 and len(keep) == 6
    assert keep == cap_per_group(groups, 3, seed=1) and keep == sorted(keep)


def test_grouped_split_has_no_leakage_and_right_sizes():
    rng = random.Random(3)
    groups = [g for g in range(900) for _ in range(rng.randint(1, 5))]
    splits = split_groups(groups, FRACTIONS, seed=42)
    sizes = {name: len(rows) / len(groups) for name, rows in splits.items()}
    assert shared_groups(groups, splits) == 0
    assert abs(sizes["train"] - 0.8) < 0.02 and abs(sizes["validation"] - 0.1) < 0.02
    assert splits == split_groups(groups, FRACTIONS, seed=42)
    assert splits != split_groups(groups, FRACTIONS, seed=43)


def test_row_level_split_would_leak_and_measures_show_it():
    groups = [g for g in range(50) for _ in range(4)]
    rows = list(range(len(groups)))
    random.Random(0).shuffle(rows)
    naive = {"train": rows[:160], "validation": rows[160:180], "test": rows[180:]}
    assert shared_groups(groups, naive) > 0


def test_tiny_input_still_gets_three_splits():
    splits = split_groups([0, 1, 2, 3, 4], FRACTIONS, seed=0)
    assert all(splits[name] for name in splits) and sum(map(len, splits.values())) == 5


def test_shared_questions_counts_normalised_questions():
    questions = ["Why so sad?", "why so sad", "Another one here"]
    assert shared_questions(questions, {"train": [0], "validation": [1], "test": [2]}) == 1
