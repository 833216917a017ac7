"""Duplicate search: exact after normalisation, MinHash near-duplicates vs the exact pairwise answer."""

from __future__ import annotations

import random

import numpy as np

from calma.data.dedupe import (
    MinHasher,
    connected_components,
    exact_duplicates,
    near_duplicates,
    pairwise_near_duplicates,
)

WORDS = (
    "sleep worry breathe friend family anger rest walk talk listen feeling small step calm body mind "
    "morning evening journal notice kind gentle pattern habit trust boundary partner child work stress"
).split()


def paragraph(rng: random.Random, n: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    k = rng.randrange(len(words) - 1)
    words[k], words[k + 1] = words[k + 1], words[k]
    del words[rng.randrange(len(words))]
    return " ".join(words).upper() if rng.random() < 0.5 else "  ".join(words)


def test_exact_duplicates_ignore_case_punctuation_and_spacing():
    texts = ["You matter.", "you   matter", "YOU MATTER!!", "You matter a lot."]
    assert exact_duplicates(texts) == [1, 2]


def test_minhash_is_deterministic_and_estimates_jaccard():
    rng = random.Random(0)
    a = paragraph(rng, 200)
    b = perturb(a, rng)
    first = MinHasher().signatures([a, b], 2)
    second = MinHasher().signatures([a, b], 2)
    assert np.array_equal(first, second)
    assert (first[0] == first[1]).mean() > 0.85
    other = MinHasher().signatures([paragraph(rng, 200)], 1)
    assert (first[0] == other[0]).mean() < 0.3


def test_near_duplicates_agree_with_pairwise_reference():
    rng = random.Random(7)
    originals = [paragraph(rng) for _ in range(60)]
    texts = originals + [perturb(t, rng) for t in originals[:30]]
    rng.shuffle(texts)
    fast = near_duplicates(texts, 0.7)
    slow = pairwise_near_duplicates(texts, 0.7)
    assert len(slow) == 30
    assert len(set(fast) & set(slow)) >= 28 and len(set(fast) - set(slow)) <= 2


def test_connected_components_merge_chains_to_lowest_index():
    labels = connected_components(6, np.array([5, 3, 2]), np.array([3, 1, 4]))
    assert labels.tolist() == [0, 1, 2, 1, 2, 1]
