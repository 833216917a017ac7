"""Generate answers to held-out questions and measure them: overlap, meaning, variety,
memorization and safety.

Questions come from the test split, one per question group (a group never spans two
splits, so none of them was seen in training), picked with a fixed seed so that two runs,
or the two sides of `calma compare`, answer exactly the same questions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from calma.evaluate.embed import best_similarity
from calma.evaluate.generate import generate_answers, use_adapter
from calma.evaluate.textmetrics import MemorizationIndex, text_metrics


@dataclass
class Questions:
    """Held-out questions and, for each, every reference answer of its group."""

    questions: list[str]
    references: list[list[str]]
    groups: list[int]

    def __len__(self) -> int:
        return len(self.questions)


def pick_questions(test_split, count: int, seed: int) -> Questions:
    """`count` test questions, one per group, the same on every run with this seed."""
    by_group: dict[int, list[int]] = defaultdict(list)
    for row, group in enumerate(test_split["group"]):
        by_group[int(group)].append(row)
    groups = sorted(by_group)
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(len(groups), size=min(count, len(groups)), replace=False).tolist()) if count else []
    questions, answers = test_split["question"], test_split["answer"]
    picked = Questions([], [], [])
    for g in (groups[i] for i in chosen):
        rows = by_group[g]
        picked.questions.append(questions[rows[0]])
        picked.references.append([answers[r] for r in rows])
        picked.groups.append(g)
    return picked


def safety_summary(answers: list[str]) -> dict:
    """Counts of unsafe spans in generated answers (contacts, doses, diagnoses), with examples."""
    from calma.safety.guard import scan_reply

    kinds: Counter = Counter()
    flagged, examples = 0, []
    for position, text in enumerate(answers):
        findings = scan_reply(text)
        if findings:
            flagged += 1
        for finding in findings:
            kinds[finding.kind] += 1
            if len(examples) < 10:
                examples.append({"sample": position, "kind": finding.kind, "text": finding.text})
    return {
        "answers": len(answers),
        "answers_flagged": flagged,
        "flagged_rate": flagged / len(answers) if answers else 0.0,
        "by_kind": dict(sorted(kinds.items())),
        "examples": examples,
    }


def measure(answers: list[str], questions: Questions, index: MemorizationIndex | None, device: str,
            embeddings: bool = True) -> tuple[dict, dict]:
    """Aggregate metrics for one model's answers, and per-answer scores."""
    metrics, rouge = text_metrics(answers, questions.references, index)
    similarity = best_similarity(answers, questions.references, device="cuda" if device == "cuda" else "cpu") if embeddings else []
    summary = metrics.to_dict()
    summary["embedding_similarity"] = float(np.mean(similarity)) if similarity else None
    summary["safety"] = safety_summary(answers)
    return summary, {"rouge_l": rouge, "embedding_similarity": similarity}


def decoding_of(config) -> tuple[str, dict | None]:
    """("greedy", None), ("served greedy", settings) or ("sampled", settings): the product's
    decoding (the generation section: temperature, top-p, repetition penalty). Temperature 0 is
    greedy with the repetition penalty, as `calma serve` answers it; evaluate.greedy asks for
    plain greedy answers (no penalty: what a tool without one gets)."""
    g = config.generation
    if config.evaluate.greedy or (g.temperature == 0 and g.repetition_penalty == 1.0):
        return "greedy", None
    settings = {"temperature": g.temperature, "top_p": g.top_p, "repetition_penalty": g.repetition_penalty,
                "seed": config.evaluate.seed}
    return ("served greedy" if g.temperature == 0 else "sampled"), settings


def describe_decoding(config) -> str:
    kind, sampling = decoding_of(config)
    if sampling is None:
        return "greedy"
    if kind == "served greedy":
        return f"greedy as served (repetition penalty {sampling['repetition_penalty']})"
    return (f"sampled as served (temperature {sampling['temperature']}, top-p {sampling['top_p']}, repetition penalty "
            f"{sampling['repetition_penalty']}), {config.evaluate.samples_per_question} seeded samples per question")


def generate_all(model, tokenizer, questions: Questions, targets: dict[str, str | None], system_prompt: str | None,
                 config, device, greedy: bool = False) -> tuple[dict[str, list[list[str]]], dict[str, list[list[bool]]]]:
    """Answers of every target (label -> adapter name, None for the base model) to the same questions.

    Returns label -> one list of answers per sample round (``samples_per_question`` rounds
    with the product's sampling, seeds seed, seed + 1, ...; one round when greedy), and the
    matching end-of-turn flags."""
    ev, (kind, sampling) = config.evaluate, decoding_of(config)
    if greedy or sampling is None:
        rounds = [None]
    elif kind == "served greedy":  # deterministic: one round
        rounds = [sampling]
    else:
        rounds = [dict(sampling, seed=sampling["seed"] + k) for k in range(ev.samples_per_question)]
    answers: dict[str, list[list[str]]] = {}
    finished: dict[str, list[list[bool]]] = {}
    for label, adapter in targets.items():
        answers[label], finished[label] = [], []
        for k, decoding in enumerate(rounds):
            ended: list[bool] = []
            name = "greedy" if decoding is None else ("greedy as served" if kind == "served greedy" else f"sample {k + 1}/{len(rounds)}")
            with use_adapter(model, adapter):
                answers[label].append(generate_answers(
                    model, tokenizer, questions.questions, system_prompt, max_new_tokens=ev.max_new_tokens,
                    batch_size=ev.batch_size, device=device, desc=f"generating ({label}, {name})", sampling=decoding,
                    finished=ended,
                ))
            finished[label].append(ended)
    return answers, finished


def repeated(questions: Questions, times: int) -> Questions:
    """The questions once per sample round, in round order (to score flattened rounds)."""
    return Questions(questions.questions * times, questions.references * times, questions.groups * times)


def per_question(scores: list[float], questions: int) -> list[float]:
    """Mean score per question over the sample rounds of a flattened list."""
    rounds = len(scores) // max(questions, 1)
    return [float(np.mean([scores[r * questions + q] for r in range(rounds)])) for q in range(questions)]


def samples_table(questions: Questions, answers: dict[str, list[str]], scores: dict[str, dict]) -> list[dict]:
    """One row per question: the question, a reference answer, each model's answer and scores."""
    rows = []
    for i, question in enumerate(questions.questions):
        row = {"question": question, "reference": questions.references[i][0], "references": len(questions.references[i])}
        for label, texts in answers.items():
            row[label] = texts[i]
            row[f"{label}_rouge_l"] = scores[label]["rouge_l"][i]
            similarity = scores[label]["embedding_similarity"]
            row[f"{label}_similarity"] = similarity[i] if similarity else None
        rows.append(row)
    return rows
