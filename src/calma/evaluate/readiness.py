"""Is the new adapter worth promoting? What its answers do, not only what its loss says.

A lower test loss says the adapter predicts the reference answers' tokens better; it does
not say that its own answers are any good. A small model tuned too hard can lower the loss
and still answer every question with the same sentence repeated to the token limit. So the
report measures, on the answers users would get:

- **repetition loops**: an answer caught in a loop, i.e. whose word 4-grams are mostly
  repeats (``loop_share``) or that repeats one sentence three times or more;
- **answers that never end**: no end-of-turn token within ``max_new_tokens``;
- **opener collapse**: the share of answers that start with the same three words;
- **worse than the base model**: ROUGE-L or embedding similarity lower than the base
  model's on the same questions, with a paired bootstrap interval over questions.

Each is a `WarningSign` with its evidence and the advice that fits it, and `readiness`
combines them with the guide's loss verdict and the gain over the base model into one
headline: ready to promote, or not, and why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from calma.evaluate.history import ADVICE, WarningSign
from calma.evaluate.textmetrics import words

LOOP_SHARE = 0.3  # share of repeated word 4-grams from which an answer counts as looping
LOOP_RATE = 0.1  # share of looping answers from which the model gets a warning sign
UNFINISHED_RATE = 0.25  # answers cut at max_new_tokens; reference answers are often longer, so be lenient
OPENER_SHARE = 0.5  # answers opening with the same three words
GEN_ADVICE = {
    "loops": "decode with a repetition penalty (`generation.repetition_penalty`, 1.1 by default: `calma serve` and "
             "every export use it); loops under plain greedy are rarely cured by a lower learning rate or fewer steps "
             "(docs/results-real-run.md, 'Why it loops'); loops with the penalty point at the data or the recipe",
    "unfinished": "raise `--set evaluate.max_new_tokens=` if answers are merely long; if they ramble, "
                  "train on shorter answers (`--set data.max_length=512`)",
    "openers": "more varied data or fewer steps: the adapter learned one way to start every answer",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def repeated_share(text: str, n: int = 4) -> float:
    """Share of the answer's word n-grams that repeat an earlier one (0 for short answers)."""
    tokens = [w.lower() for w in words(text)]
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    if len(grams) < 8:
        return 0.0
    return 1.0 - len(set(grams)) / len(grams)


def is_looping(text: str) -> bool:
    """An answer caught in a loop: mostly repeated 4-grams, or one sentence three or more times."""
    if repeated_share(text) >= LOOP_SHARE:
        return True
    sentences = [s.strip().lower() for s in _SENTENCE.split(text) if len(s.split()) >= 3]
    return bool(sentences) and Counter(sentences).most_common(1)[0][1] >= 3


def opener(text: str, n: int = 3) -> str:
    return " ".join(w.lower() for w in words(text)[:n])


def degeneration(answers: Sequence[str], finished: Sequence[bool] | None) -> dict:
    """Loop, unfinished and opener figures for one model's answers."""
    count = len(answers)
    loops = [i for i, text in enumerate(answers) if is_looping(text)]
    openers = Counter(opener(t) for t in answers if words(t))
    top, top_count = openers.most_common(1)[0] if openers else ("", 0)
    unfinished = [i for i, done in enumerate(finished or []) if not done]
    return {
        "answers": count,
        "looping": len(loops),
        "loop_rate": len(loops) / count if count else 0.0,
        "mean_repeated_4gram_share": float(np.mean([repeated_share(t) for t in answers])) if count else 0.0,
        "loop_examples": [answers[i][:200] for i in loops[:3]],
        "unfinished": len(unfinished) if finished is not None else None,
        "unfinished_rate": len(unfinished) / count if finished is not None and count else None,
        "top_opener": top,
        "top_opener_share": top_count / count if count else 0.0,
    }


def paired_difference(adapter: Sequence[float], base: Sequence[float], samples: int = 1000, seed: int = 0,
                      level: float = 0.95) -> dict:
    """Mean of adapter - base over questions, with a paired bootstrap interval."""
    diff = np.asarray(adapter, dtype=float) - np.asarray(base, dtype=float)
    if diff.size == 0:
        return {"value": 0.0, "low": 0.0, "high": 0.0, "level": level, "questions": 0}
    rng = np.random.default_rng(seed)
    draws = diff[rng.integers(0, diff.size, size=(samples, diff.size))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    return {"value": float(diff.mean()), "low": float(np.percentile(draws, tail)),
            "high": float(np.percentile(draws, 100 - tail)), "level": level, "questions": int(diff.size)}


def generation_warnings(generation: dict, subject: str = "adapter", reference: str = "base") -> list[WarningSign]:
    """Warning signs in the subject's generated answers (product decoding; greedy as evidence),
    measured against the reference model's answers to the same questions."""
    found: list[WarningSign] = []
    adapter, base = generation.get(subject), generation.get(reference)
    if not adapter or "degeneration" not in adapter:
        return found
    deg = adapter["degeneration"]
    greedy = (generation.get("greedy") or {}).get(subject, {}).get("degeneration")
    base_greedy = (generation.get("greedy") or {}).get(reference, {}).get("degeneration")
    greedy_loops = greedy is not None and greedy["loop_rate"] > max(2 * LOOP_RATE, (base_greedy or {}).get("loop_rate", 0) + LOOP_RATE)
    if deg["loop_rate"] > LOOP_RATE or greedy_loops:
        evidence = f"{deg['looping']}/{deg['answers']} answers with the product's decoding"
        if greedy is not None:
            evidence += f", {greedy['looping']}/{greedy['answers']} greedy answers"
        example = (deg["loop_examples"] or (greedy or {}).get("loop_examples") or [""])[0]
        found.append(WarningSign(
            "repetition_loops",
            f"answers caught in a repetition loop: {evidence}" + (f" (e.g. “{example[:120]}…”)" if example else ""),
            None, [GEN_ADVICE["loops"]],
        ))
    rate = deg.get("unfinished_rate")
    if rate is not None and rate > UNFINISHED_RATE and rate > ((base or {}).get("degeneration", {}).get("unfinished_rate") or 0) + 0.1:
        found.append(WarningSign(
            "never_ends",
            f"{deg['unfinished']}/{deg['answers']} answers reached {generation.get('max_new_tokens')} new tokens without "
            "ending their turn" + (f" (base model: {base['degeneration']['unfinished']})" if base and "degeneration" in base else ""),
            None, [GEN_ADVICE["unfinished"]],
        ))
    if deg["top_opener_share"] > OPENER_SHARE and deg["answers"] >= 4:
        found.append(WarningSign(
            "opener_collapse",
            f"{deg['top_opener_share']:.0%} of answers start with “{deg['top_opener']}”",
            None, [GEN_ADVICE["openers"], ADVICE["epochs"]],
        ))
    for key, name in (("rouge_l", "ROUGE-L"), ("embedding_similarity", "embedding similarity")):
        diff = (generation.get("versus_base") or {}).get(key)
        if diff and diff["high"] < 0:
            found.append(WarningSign(
                f"worse_than_base_{key}",
                f"{name} of the {subject}'s answers is below the {reference}'s: {subject} − {reference} {diff['value']:+.3f} "
                f"[{diff['low']:+.3f}, {diff['high']:+.3f}] over {diff['questions']} questions",
                None, [ADVICE["learning_rate"], ADVICE["epochs"]],
            ))
    return found


MIN_QUESTIONS = 10  # fewer held-out questions than this cannot show how the answers behave


def _too_few(report: dict) -> list[str]:
    questions = (report.get("generation") or {}).get("questions") or 0
    if not questions:
        return ["no answers were generated to check (evaluate.generate_samples is 0)"]
    if questions < MIN_QUESTIONS:
        return [f"only {questions} held-out questions were answered: too few to judge the answers "
                f"(`--set evaluate.generate_samples={MIN_QUESTIONS * 2}` or more)"]
    return []


GENERATION_KINDS = ("repetition_loops", "never_ends", "opener_collapse", "worse_than_base_rouge_l", "worse_than_base_embedding_similarity")


def readiness(report: dict) -> dict:
    """The headline: {"ready": bool, "text": ..., "reasons": [...]} from losses and answers."""
    reasons = []
    verdict = report.get("verdict", {})
    if verdict.get("key") == "overfitting":
        reasons.append("the loss verdict is likely overfitting")
    elif verdict.get("key") == "noisy" and verdict.get("point_key") == "overfitting":
        reasons.append("the loss verdict is too noisy to tell and leans to overfitting")
    gain = (report.get("improvement_over_base") or {}).get("test")
    if gain is not None and gain["low"] <= 0:
        reasons.append(f"the test loss does not clearly beat the base model's (base − adapter {gain['value']:+.4f} "
                       f"[{gain['low']:+.4f}, {gain['high']:+.4f}])")
    for warning in report.get("warnings", []):
        if warning["kind"] in GENERATION_KINDS:
            reasons.append(warning["message"])
    reasons += _too_few(report)
    ready = not reasons
    text = "ready to promote" if ready else "not ready to promote"
    return {"ready": ready, "text": text, "reasons": reasons, "notes": answer_notes(report.get("generation") or {})}


def answer_notes(generation: dict, subject: str = "adapter", reference: str = "base model") -> list[str]:
    """What "ready" does not claim: the answers tie the reference's where an interval spans zero.

    Ready means no warning sign, not better answers: with a few dozen questions a tie is the
    usual outcome, and a user should read it as one rather than as a win.
    """
    notes = []
    for key, name in (("rouge_l", "ROUGE-L"), ("embedding_similarity", "embedding similarity")):
        diff = (generation.get("versus_base") or {}).get(key)
        if diff and diff["low"] <= 0 <= diff["high"]:
            notes.append(f"its answers are not shown better than the {reference}'s on {name}: {diff['value']:+.4f} "
                         f"[{diff['low']:+.4f}, {diff['high']:+.4f}] over {diff['questions']} questions")
    return notes


def headline(ready: dict) -> str:
    """The one-line "Ready to promote?" answer, with its reasons or what it does not claim."""
    if not ready["ready"]:
        detail = ready["reasons"]
    elif ready.get("notes"):
        detail = ["but " + "; ".join(ready["notes"])]
    else:
        detail = []
    return f"{'yes' if ready['ready'] else 'no'}: {ready['text']}" + (f" ({'; '.join(detail)})" if detail else "")


def comparison_readiness(report: dict, warnings: list[WarningSign]) -> dict:
    """`calma compare OLD NEW`: is NEW worth promoting over OLD? The same evidence as `readiness`."""
    reasons = []
    diff = report.get("difference") or {}
    if diff.get("low", -1) > 0:
        reasons.append(f"new's test loss is higher than old's (new − old {diff['value']:+.4f} [{diff['low']:+.4f}, {diff['high']:+.4f}])")
    reasons += [w.message for w in warnings if w.kind in GENERATION_KINDS]
    reasons += _too_few(report)
    ready = not reasons
    return {"ready": ready, "text": "new is ready to promote" if ready else "new is not ready to promote", "reasons": reasons,
            "notes": answer_notes(report.get("generation") or {}, reference="old adapter")}
