"""The retraining guide's whole pipeline: prepare → train → validation/test loss → summary.

`python train_with_hf_dataset.py` and `calma pipeline` both run `run_pipeline`. After
training it prints the guide's three summary lines (validation loss, test loss, their
difference), both perplexities and the generalization verdict, then answers a few held-out
test questions with the new adapter and with the base model (the same weights with the
adapter switched off), so a user sees what changed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from calma.config import DEFAULT_DATASET, CalmaConfig
from calma.errors import CalmaError


# The guide's reading of |test - validation|; the thresholds live in calma.evaluate.stats.
VERDICTS = {
    "good": "good generalization (difference < 0.1)",
    "acceptable": "acceptable generalization, monitor in production (difference 0.1-0.2)",
    "overfitting": "likely overfitting: retrain with more regularization (difference > 0.2)",
}


@dataclass
class Summary:
    validation_loss: float
    test_loss: float

    @property
    def difference(self) -> float:
        return abs(self.test_loss - self.validation_loss)

    @property
    def verdict(self) -> str:
        from calma.evaluate.stats import band

        return VERDICTS[band(self.difference)]

    def lines(self) -> list[str]:
        from calma.evaluate.losses import perplexity

        return [
            f"Validation Loss: {self.validation_loss:.4f}",
            f"Test Loss: {self.test_loss:.4f}",
            f"Loss Difference: {self.difference:.4f}",
            f"Validation Perplexity: {perplexity(self.validation_loss):.4f}",
            f"Test Perplexity: {perplexity(self.test_loss):.4f}",
            f"Verdict: {self.verdict}",
        ]


def say(message: str) -> None:
    print(f"calma pipeline: {message}", file=sys.stderr, flush=True)


def prepare_data(config: CalmaConfig, data_dir: Path, tokenizer, skip: bool) -> None:
    """Prepare the data into `data_dir`, or (skip) check that it was prepared from these inputs."""
    try:
        from calma import data as calma_data

        prepare, expected = calma_data.prepare, getattr(calma_data, "expected_fingerprint", None)
    except (ImportError, AttributeError):
        raise CalmaError("data preparation (calma.data.prepare) is not installed; prepare the data elsewhere and pass --skip-data-prep") from None
    dataset = config.data.dataset
    if skip:
        from calma.train.recipe import load_data, read_report

        load_data(data_dir, tokenizer)  # missing / incomplete / other tokenizer
        found = read_report(data_dir).get("fingerprint")
        if expected is not None and found != expected(config, dataset, tokenizer):
            raise CalmaError(
                f"{data_dir}: prepared from other data or settings than {dataset} with this config; run without --skip-data-prep"
            )
        say(f"using the prepared data in {data_dir} (fingerprint matches)")
        return
    say(f"preparing {dataset} into {data_dir}")
    try:
        report = prepare(config, dataset, data_dir, tokenizer)
    except CalmaError as exc:
        if dataset == DEFAULT_DATASET and "--dataset" not in str(exc):
            raise CalmaError(
                f"cannot load the hub dataset {dataset} ({exc}); without network use a local copy with --dataset PATH, or try `make demo`"
            ) from None
        raise
    if isinstance(report, dict) and hasattr(calma_data, "format_summary"):
        print(calma_data.format_summary(report, data_dir), file=sys.stderr, flush=True)


def answer_samples(model, tokenizer, test_split, config: CalmaConfig, system_prompt: str) -> tuple[list[tuple[str, str, str]], dict]:
    """(question, adapter answer, base answer) for the questions `calma evaluate` uses, with its
    decoding (the product's sampling, first seed), answered by one model copy with the adapter
    switched on, then off; and each side's loop / ending / opener figures."""
    from calma.evaluate.answers import decoding_of, pick_questions
    from calma.evaluate.generate import generate_answers
    from calma.evaluate.readiness import degeneration

    ev = config.evaluate
    questions = pick_questions(test_split, ev.generate_samples, ev.seed).questions
    sampling = decoding_of(config)[1]
    figures = {}

    def answer(label: str) -> list[str]:
        ended: list[bool] = []
        texts = generate_answers(model, tokenizer, questions, system_prompt, max_new_tokens=ev.max_new_tokens,
                                 batch_size=ev.batch_size, desc=f"generating ({label})", sampling=sampling, finished=ended)
        figures[label] = degeneration(texts, ended)
        return [" ".join(text.split()) for text in texts]  # one line per answer in the summary

    tuned = answer("adapter")
    with model.disable_adapter():
        base = answer("base")
    return list(zip(questions, tuned, base)), figures


def answers_line(figures: dict) -> str:
    """One line on what the answers do, for the summary without --report."""
    a, b = figures["adapter"], figures["base"]
    line = (f"Answers: adapter {a['looping']}/{a['answers']} caught in a repetition loop, {a['unfinished']}/{a['answers']} "
            f"never ended (base model: {b['looping']}/{b['answers']}, {b['unfinished']}/{b['answers']})")
    from calma.evaluate.readiness import LOOP_RATE

    if a["loop_rate"] > LOOP_RATE:
        return line + ": not ready to promote; `calma evaluate` (or --report) gives the evidence and what to try"
    return line + "; `calma evaluate` (or --report) says whether it is ready to promote"


def load_trained(config: CalmaConfig, final: Path, device: str):
    from peft import PeftModel

    from calma.models import load_base_model

    base = load_base_model(config.model.name, cache_dir=config.model.cache_dir, revision=config.model.revision)
    return PeftModel.from_pretrained(base, str(final)).to(device).eval()


def evaluate_and_print(config: CalmaConfig, final: Path, data_dir: Path, tokenizer, device: str) -> Summary:
    from calma.evaluate.losses import dataset_loss
    from calma.train.recipe import load_data, read_report

    splits = load_data(data_dir, tokenizer)
    if "test" not in splits or len(splits["test"]) == 0:
        raise CalmaError(f"{data_dir}: split 'test' is missing or empty; rerun `calma prepare`")
    model = load_trained(config, final, device)
    batch = config.train.eval_batch_size
    val = dataset_loss(model, splits["validation"], batch_size=batch, desc="validation loss")
    test = dataset_loss(model, splits["test"], batch_size=batch, desc="test loss")
    summary = Summary(val.mean, test.mean)
    print("\n".join(["", *summary.lines()]), flush=True)
    count = config.evaluate.generate_samples
    if count:
        system = read_report(data_dir).get("system_prompt") or config.model.system_prompt
        samples, figures = answer_samples(model, tokenizer, splits["test"], config, system)
        print("\nHeld-out test questions (answers as served):", flush=True)
        for question, tuned, base in samples:
            print(f"\nQ: {question}\n  adapter: {tuned}\n  base:    {base}", flush=True)
        print("\n" + answers_line(figures), flush=True)
    return summary


def run_pipeline(
    config: CalmaConfig,
    output_dir: Path,
    data_dir: Path,
    skip_data_prep: bool = False,
    resume: bool = False,
    full_report: bool = False,
) -> Summary | None:
    """Prepare, train, then print the guide's summary; returns it (None on non-zero ranks)."""
    from calma.models import load_tokenizer
    from calma.train.recipe import LIKELIHOOD_FINAL, pick_device, train

    tokenizer = load_tokenizer(config.model.name, cache_dir=config.model.cache_dir, revision=config.model.revision)
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not skip_data_prep:
        raise CalmaError("under torchrun/accelerate run `calma prepare` first and pass --skip-data-prep (or use `calma train`)")
    prepare_data(config, data_dir, tokenizer, skip=skip_data_prep)
    result = train(config, data_dir, output_dir, resume=resume, overwrite=not resume,
                   after_training=lambda rate: evaluation_seconds(config, data_dir, rate, full_report))
    if int(os.environ.get("RANK", "0")) != 0:
        return None
    stop = "stopped early" if result.stopped_early else "ran all steps"
    if result.restored:
        say(f"restored the finished run in {output_dir} ({result.global_step}/{result.max_steps} steps, {stop}); best "
            f"validation loss {result.best_metric:.4f} at step {result.best_step}; nothing trained again")
    else:
        say(f"trained {result.global_step}/{result.max_steps} steps ({stop}) in {result.seconds - result.phase_seconds:.0f} s on {result.device}/{result.precision}; "
            f"best validation loss {result.best_metric:.4f} at step {result.best_step}; peak memory {result.peak_rss_gib:.2f} GiB RSS, "
            f"{result.real_tokens_per_second} real tokens/s; adapter in {result.final_dir}")
    if result.phase_steps:
        price = "the price of fewer repetition loops; " if result.phase_validation_loss > result.best_metric else ""
        say(f"then {result.phase_steps} steps of sequence-level unlikelihood in {result.phase_seconds:.0f} s: validation loss "
            f"{result.best_metric:.4f} -> {result.phase_validation_loss:.4f} ({price}"
            f"the first adapter is kept in {result.final_dir.parent / LIKELIHOOD_FINAL})")
    if full_report:
        return run_full_report(config, result.final_dir, data_dir)
    return evaluate_and_print(config, result.final_dir, data_dir, tokenizer, pick_device(config.train.device))


# Generated tokens per second of batched `generate` on the embedded model, measured on 2 CPU
# cores (docs/results-real-run.md); a GPU is far faster, and the estimate says "~".
GENERATE_TOKENS_PER_SECOND = {"cpu": 40.0, "cuda": 400.0, "mps": 100.0}


def evaluation_seconds(config: CalmaConfig, data_dir: Path, eval_rate: float | None, full_report: bool) -> float:
    """Rough seconds of the pipeline's work after training, for the whole-job ETA."""
    from calma.train.recipe import pick_device, read_report

    if not eval_rate:
        return 0.0
    splits = read_report(data_dir).get("splits", {})
    tokens = sum(int(splits.get(name, {}).get("tokens", 0) or 0) for name in ("validation", "test"))
    ev = config.evaluate
    rounds = 1
    if full_report:  # adapter and base on both splits plus the training sample; sampled rounds plus greedy
        tokens = 2 * tokens * 1.2
        rounds = ev.samples_per_question + (1 if ev.greedy_column else 0)
    generated = 2 * ev.generate_samples * rounds * ev.max_new_tokens
    rate = GENERATE_TOKENS_PER_SECOND.get(pick_device(config.train.device), 40.0)
    return tokens / eval_rate + generated / rate


def run_full_report(config: CalmaConfig, final: Path, data_dir: Path) -> Summary:
    """`calma evaluate` on the new adapter: it scores validation and test and answers held-out
    questions itself, so its numbers are printed instead of computing them a second time."""
    from calma.evaluate.commands import summary as report_summary
    from calma.evaluate.report import run_evaluation

    report = run_evaluation(final, data_dir, config=config)
    print("\n" + report_summary(report), flush=True)
    if report.get("samples"):
        print("\nHeld-out test questions (adapter vs base model):", flush=True)
        for row in report["samples"]:
            print(f"\nQ: {row['question']}\n  adapter: {row.get('adapter', '')}\n  base:    {row.get('base', '')}", flush=True)
    adapter = report["losses"]["adapter"]
    return Summary(adapter["validation"]["mean"], adapter["test"]["mean"])
