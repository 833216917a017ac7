"""Metrics on generated answers: overlap with references, variety, length, memorization.

A counseling question has many good answers, so overlap is measured against every
reference answer to the question and the best match counts. Memorization is what the
guide's users fear most: an overfitted model recites a counselor's answer from the
training set word for word. It is checked with a hash set of every long word run in the
training answers, so a generated answer is tested in time proportional to its own length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words without punctuation: formatting must not hide a copy or a match."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if token == other else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 on words (longest common subsequence)."""
    cand, ref = words(candidate), words(reference)
    if not cand or not ref:
        return 0.0
    lcs = _lcs_length(cand, ref)
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(cand), lcs / len(ref)
    return 2 * precision * recall / (precision + recall)


def best_rouge_l(candidate: str, references: Iterable[str]) -> float:
    """ROUGE-L against the closest of several references (any good answer is a good answer)."""
    return max((rouge_l(candidate, ref) for ref in references), default=0.0)


def distinct_n(texts: Iterable[str], n: int) -> float:
    """Unique n-grams / all n-grams over all texts: low values mean repetitive, generic output."""
    total, unique = 0, set()
    for text in texts:
        tokens = words(text)
        grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        total += len(grams)
        unique.update(grams)
    return len(unique) / total if total else 0.0


def _runs(tokens: Sequence[str], n: int) -> Iterable[int]:
    for i in range(len(tokens) - n + 1):
        yield hash(tuple(tokens[i : i + n]))


class MemorizationIndex:
    """Every run of `n` consecutive words in the training answers, as a set of hashes."""

    def __init__(self, answers: Iterable[str], n: int = 12):
        self.n = n
        self._runs: set[int] = set()
        self._sources: dict[int, int] = {}
        for position, answer in enumerate(answers):
            for key in _runs(words(answer), n):
                self._runs.add(key)
                self._sources.setdefault(key, position)

    def __len__(self) -> int:
        return len(self._runs)

    def find(self, text: str) -> tuple[str, int] | None:
        """The first copied run in `text` and the index of a training answer holding it."""
        tokens = words(text)
        for i, key in enumerate(_runs(tokens, self.n)):
            if key in self._runs:
                return " ".join(tokens[i : i + self.n]), self._sources[key]
        return None


@dataclass
class TextMetrics:
    """Aggregate metrics over one model's generated answers."""

    count: int
    rouge_l: float
    distinct_1: float
    distinct_2: float
    mean_words: float
    reference_mean_words: float
    memorized: int
    memorization_rate: float
    memorized_examples: list[dict]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def text_metrics(generated: Sequence[str], references: Sequence[Sequence[str]], index: MemorizationIndex | None) -> tuple[TextMetrics, list[float]]:
    """Aggregate metrics and each answer's best ROUGE-L."""
    scores = [best_rouge_l(text, refs) for text, refs in zip(generated, references, strict=True)]
    copies = []
    for position, text in enumerate(generated):
        hit = index.find(text) if index is not None else None
        if hit is not None:
            copies.append({"sample": position, "run": hit[0], "training_answer": hit[1]})
    ref_lengths = [len(words(r)) for refs in references for r in refs]
    count = len(generated)
    metrics = TextMetrics(
        count=count,
        rouge_l=sum(scores) / count if count else 0.0,
        distinct_1=distinct_n(generated, 1),
        distinct_2=distinct_n(generated, 2),
        mean_words=sum(len(words(t)) for t in generated) / count if count else 0.0,
        reference_mean_words=sum(ref_lengths) / len(ref_lengths) if ref_lengths else 0.0,
        memorized=len(copies),
        memorization_rate=len(copies) / count if count else 0.0,
        memorized_examples=copies[:5],
    )
    return metrics, scores
