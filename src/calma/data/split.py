"""Question groups, the per-question answer cap, and the leakage-free split.

The real data has up to 94 answers to one question and many questions asked twice with small
differences. A row-level random split then scores the model on questions it trained on
(about 92% of test rows in the real data). Here every row carries the id of its question
group, near-identical questions share one group, and whole groups go to one split.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Sequence

import numpy as np

from calma.data.dedupe import exact_key, similar_clusters

SPLIT_NAMES = ("train", "validation", "test")


def question_groups(questions: Sequence[str], threshold: float, progress=None) -> list[int]:
    """Group id per row: equal questions (after normalisation) and near-identical ones unite.

    Ids are numbered in order of first appearance so they do not depend on hashing.
    """
    first_of_key: dict[bytes, int] = {}
    unique_texts: list[str] = []
    row_to_unique = []
    for question in questions:
        key = exact_key(question)
        if key not in first_of_key:
            first_of_key[key] = len(unique_texts)
            unique_texts.append(question)
        row_to_unique.append(first_of_key[key])
    # Word sets (not n-grams): an inserted or swapped word barely moves a short question.
    labels = similar_clusters(unique_texts, len(unique_texts), threshold, shingle=1, progress=progress)
    renumber: dict[int, int] = {}
    groups = []
    for unique in row_to_unique:
        label = int(labels[unique])
        groups.append(renumber.setdefault(label, len(renumber)))
    return groups


def cap_per_group(groups: Sequence[int], cap: int, seed: int) -> list[int]:
    """Indices to keep so that no group has more than `cap` rows (a seeded random choice)."""
    order = np.random.default_rng(seed).permutation(len(groups))
    taken: dict[int, int] = defaultdict(int)
    keep = []
    for index in order:
        group = groups[index]
        if taken[group] < cap:
            taken[group] += 1
            keep.append(int(index))
    return sorted(keep)


def _group_order(group_ids: list[int], seed: int) -> list[int]:
    """Seeded shuffle of groups that does not depend on how they were numbered."""
    def rank(group: int) -> bytes:
        return hashlib.blake2b(f"{seed}:{group}".encode(), digest_size=8).digest()

    return sorted(group_ids, key=rank)


def split_groups(groups: Sequence[int], fractions: dict[str, float], seed: int) -> dict[str, list[int]]:
    """Row indices per split; whole groups only, sizes as close to `fractions` as groups allow.

    Validation and test each get at least one group when there are three or more, so a tiny
    input still yields three usable splits.
    """
    sizes: dict[int, int] = defaultdict(int)
    for group in groups:
        sizes[group] += 1
    assignment: dict[int, str] = {}
    rows = {name: 0 for name in SPLIT_NAMES}
    total = 0
    for group in _group_order(sorted(sizes), seed):
        total += sizes[group]
        # Fill the split furthest below its share of the rows placed so far.
        name = max(SPLIT_NAMES, key=lambda s: fractions[s] * total - rows[s])
        assignment[group] = name
        rows[name] += sizes[group]
    for name in ("validation", "test"):  # tiny inputs: lend the smallest train group
        train_groups = sorted((g for g, s in assignment.items() if s == "train"), key=lambda g: (sizes[g], g))
        if rows[name] == 0 and len(train_groups) >= 2:
            assignment[train_groups[0]] = name
            rows[name] += sizes[train_groups[0]]
            rows["train"] -= sizes[train_groups[0]]
    out: dict[str, list[int]] = {name: [] for name in SPLIT_NAMES}
    for index, group in enumerate(groups):
        out[assignment[group]].append(index)
    return out


def shared_groups(groups: Sequence[int], splits: dict[str, list[int]]) -> int:
    """How many groups appear in more than one split (must be 0): measured, not assumed."""
    seen: dict[int, set[str]] = defaultdict(set)
    for name, indices in splits.items():
        for index in indices:
            seen[groups[index]].add(name)
    return sum(1 for names in seen.values() if len(names) > 1)


def shared_questions(questions: Sequence[str], splits: dict[str, list[int]]) -> int:
    """Distinct questions (after normalisation) found in more than one split."""
    seen: dict[bytes, set[str]] = defaultdict(set)
    for name, indices in splits.items():
        for index in indices:
            seen[exact_key(questions[index])].add(name)
    return sum(1 for names in seen.values() if len(names) > 1)
