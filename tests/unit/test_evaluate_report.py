"""`calma evaluate` and `calma compare` end to end on the tiny random model and our own data."""

from __future__ import annotations

import json
import math

import pytest

from calma.cli import main
from calma.config import load_config
from calma.errors import CalmaError
from calma.evaluate import run_comparison, run_evaluation
from evaluate_helpers import TEST, VALIDATION, write_adapter, write_prepared


def tiny_config(model_dir):
    return load_config(overrides={
        "model.name": str(model_dir),
        "train.device": "cpu",
        "train.precision": "fp32",  # compared below with fp32 computations, whatever this CPU has
        "train.eval_batch_size": 3,
        "evaluate.generate_samples": 3,
        "evaluate.max_new_tokens": 6,
        "evaluate.bootstrap_samples": 200,
        "evaluate.train_sample_size": 4,
    })


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, tokenizer):
    return write_prepared(tmp_path_factory.mktemp("eval-data"), tokenizer)


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory, tiny_model_dir, tokenizer):
    return write_adapter(tmp_path_factory.mktemp("run") / "final", tiny_model_dir, tokenizer, seed=1)


@pytest.fixture(scope="module")
def report(adapter_dir, data_dir, tiny_model_dir):
    return run_evaluation(adapter_dir, data_dir, config=tiny_config(tiny_model_dir))


def manual_loss(model, tokenizer_rows) -> float:
    """Token-weighted answer loss, one example at a time through the model's own loss."""
    import torch

    total, tokens = 0.0, 0
    with torch.no_grad():
        for row in tokenizer_rows:
            ids, labels = torch.tensor([row["input_ids"]]), torch.tensor([row["labels"]])
            n = int((labels[0, 1:] != -100).sum())
            total += float(model(input_ids=ids, labels=labels).loss) * n
            tokens += n
    return total / tokens


def test_loss_and_perplexity_match_a_direct_computation(report, adapter_dir, data_dir, tiny_model_dir):
    from datasets import load_from_disk
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    validation = load_from_disk(str(data_dir / "validation"))
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    base_loss = manual_loss(base, validation)
    adapted = PeftModel.from_pretrained(base, str(adapter_dir)).eval()
    adapter_loss = manual_loss(adapted, validation)
    losses = report["losses"]
    assert losses["adapter"]["validation"]["mean"] == pytest.approx(adapter_loss, rel=1e-4)
    assert losses["base"]["validation"]["mean"] == pytest.approx(base_loss, rel=1e-4)
    assert adapter_loss != pytest.approx(base_loss, rel=1e-3)  # the adapter really was switched off for the base
    block = losses["adapter"]["validation"]
    assert block["perplexity"] == pytest.approx(math.exp(block["mean"]))
    assert block["low"] <= block["mean"] <= block["high"] and block["examples"] == len(VALIDATION)
    assert report["difference"]["value"] == pytest.approx(losses["adapter"]["test"]["mean"] - block["mean"])
    assert report["generalization_gap"]["value"] == pytest.approx(block["mean"] - losses["adapter"]["train_sample"]["mean"])
    assert losses["adapter"]["train_sample"]["examples"] == 4
    gain = report["improvement_over_base"]["validation"]["value"]
    assert gain == pytest.approx(base_loss - adapter_loss, rel=1e-3)


def test_report_has_verdict_warnings_history_and_generation(report):
    assert report["verdict"]["key"] in {"good", "acceptable", "overfitting", "noisy"}
    assert report["history"]["best_step"] == 20 and report["history"]["stopped_early"] is True
    rising = [w for w in report["warnings"] if w["kind"] == "rising_validation"]
    assert rising and rising[0]["step"] == 30
    generation = report["generation"]
    assert generation["questions"] == 3
    assert generation["decoding"].startswith("sampled as served")
    for label in ("adapter", "base"):
        assert generation[label]["count"] == 3 * 2  # two seeded samples per question
        assert 0.0 <= generation[label]["rouge_l"] <= 1.0
        assert -1.0 <= generation[label]["embedding_similarity"] <= 1.0
        assert generation[label]["safety"]["answers"] == 6
        assert generation[label]["degeneration"]["answers"] == 6
        assert generation["greedy"][label]["count"] == 3  # greedy, the second column
    assert set(generation["versus_base"]) == {"rouge_l", "embedding_similarity"}
    assert report["readiness"]["ready"] in (True, False) and report["readiness"]["text"]
    sample = next(s for s in report["samples"] if s["question"] == TEST[0][1])
    assert sample["references"] == 3  # every answer of the question's group is a reference


def test_report_files_exist_and_the_plots_open(report):
    from PIL import Image

    folder = report["adapter"].rsplit("/", 1)[0] + "/evaluation"
    assert report["output"] == folder
    from pathlib import Path

    folder = Path(folder)
    saved = json.loads((folder / "report.json").read_text())
    assert saved["losses"]["adapter"]["test"]["mean"] == report["losses"]["adapter"]["test"]["mean"]
    for name in ("loss_curves.png", "loss_distribution.png"):
        with Image.open(folder / name) as image:
            image.verify()
            assert image.format == "PNG" and image.size[0] > 400
    markdown = (folder / "report.md").read_text()
    assert markdown.index("## Verdict:") < markdown.index("## Losses") < markdown.index("## Sample answers")
    assert "Validation Loss:" in markdown and "--epochs 2" in markdown and "![loss_curves.png](loss_curves.png)" in markdown
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".evaluation")]  # no staging left behind


def test_compare_uses_paired_losses_on_the_same_questions(report, adapter_dir, data_dir, tiny_model_dir, tmp_path, tokenizer):
    other = write_adapter(tmp_path / "other", tiny_model_dir, tokenizer, seed=2)
    config = tiny_config(tiny_model_dir)
    vs_base = run_comparison("base", str(adapter_dir), data_dir, output=tmp_path / "cmp-base", config=config)
    # new - old = adapter - base on test, the negative of the evaluation's gain over base
    assert vs_base["difference"]["value"] == pytest.approx(-report["improvement_over_base"]["test"]["value"], rel=1e-4)
    pair = run_comparison(str(adapter_dir), str(other), data_dir, output=tmp_path / "cmp", config=config)
    assert pair["losses"]["old"]["test"]["mean"] == pytest.approx(report["losses"]["adapter"]["test"]["mean"], rel=1e-4)
    assert pair["losses"]["new"]["test"]["mean"] != pytest.approx(pair["losses"]["old"]["test"]["mean"], rel=1e-4)
    assert [s["question"] for s in pair["samples"]] == [s["question"] for s in report["samples"]]
    markdown = (tmp_path / "cmp" / "compare.md").read_text()
    assert "## Outcome:" in markdown and "| old |" in markdown
    assert json.loads((tmp_path / "cmp" / "compare.json").read_text())["outcome"] == pair["outcome"]


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_prints_the_guide_summary(adapter_dir, data_dir, tiny_model_dir, tmp_path, capsys):
    code, out, _ = run_cli(capsys, "evaluate", "--adapter", str(adapter_dir), "--data", str(data_dir), "--output",
                           str(tmp_path / "rep"), "--samples", "0", "--set", f"model.name={tiny_model_dir}",
                           "--set", "evaluate.bootstrap_samples=100", "--set", "train.device=cpu")
    assert code == 0
    assert "Validation Loss:" in out and "Loss Difference:" in out and "Verdict:" in out
    assert "Warning: validation loss rose" in out
    assert (tmp_path / "rep" / "report.md").is_file()
    code, out, _ = run_cli(capsys, "compare", "base", str(adapter_dir), "--data", str(data_dir), "--output", str(tmp_path / "cmp"),
                           "--samples", "0", "--set", "evaluate.bootstrap_samples=100", "--set", "train.device=cpu")
    assert code == 0 and "New - old:" in out and (tmp_path / "cmp" / "compare.md").is_file()


def test_user_mistakes_are_one_line_errors(adapter_dir, data_dir, tmp_path, capsys):
    code, _, err = run_cli(capsys, "evaluate", "--adapter", str(tmp_path / "missing"), "--data", str(data_dir))
    assert code == 2 and "adapter folder not found" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "not-adapter").mkdir()
    code, _, err = run_cli(capsys, "evaluate", "--adapter", str(tmp_path / "not-adapter"), "--data", str(data_dir))
    assert code == 2 and "no adapter_config.json" in err
    code, _, err = run_cli(capsys, "evaluate", "--adapter", str(adapter_dir), "--data", str(tmp_path / "nodata"))
    assert code == 2 and "prepared data folder not found" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "evaluate", "--adapter", str(adapter_dir), "--data", str(data_dir), "--model", "smollm2-135m-instruct")
    assert code == 2 and "trained on base model" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "compare", "base", "base", "--data", str(data_dir))
    assert code == 2 and "both 'base'" in err
    with pytest.raises(CalmaError, match="--adapter is required"):
        main(["--verbose", "evaluate", "--data", str(data_dir)])
    assert not (tmp_path / "missing-evaluation").exists()


def test_batched_left_padded_generation_matches_one_question_at_a_time(adapter_dir, tiny_model_dir, tokenizer):
    from calma.evaluate.generate import generate_answers, use_adapter
    from calma.evaluate.loading import load_model, read_adapter_info

    model = load_model(str(tiny_model_dir), {"adapter": read_adapter_info(adapter_dir)}, "cpu")
    side = tokenizer.padding_side
    questions = ["Hi.", "I have been feeling low for weeks and I do not know who to talk to about it.", "Why?"]
    batched = generate_answers(model, tokenizer, questions, "You help.", max_new_tokens=5, batch_size=3)
    single = [generate_answers(model, tokenizer, [q], "You help.", max_new_tokens=5, batch_size=1)[0] for q in questions]
    assert batched == single and any(batched)
    assert tokenizer.padding_side == side  # restored for whoever uses the tokenizer next
    with use_adapter(model, None):
        base = generate_answers(model, tokenizer, questions, "You help.", max_new_tokens=5, batch_size=3)
    assert base != batched  # disable_adapter() really answers as the base model


def test_temperature_zero_is_greedy_with_the_repetition_penalty(adapter_dir, tiny_model_dir, tokenizer):
    import torch

    from calma.evaluate.generate import chat_prompts, generate_answers
    from calma.evaluate.loading import load_model, read_adapter_info

    model = load_model(str(tiny_model_dir), {"adapter": read_adapter_info(adapter_dir)}, "cpu")
    question = ["I have been feeling low for weeks and I do not know who to talk to about it."]
    served = {"temperature": 0, "top_p": 1.0, "repetition_penalty": 1.5}
    answers = [generate_answers(model, tokenizer, question, "You help.", max_new_tokens=12, sampling=served)[0] for _ in "ab"]
    assert answers[0] == answers[1]  # deterministic: no sampling
    ids = tokenizer(chat_prompts(tokenizer, question, "You help."), return_tensors="pt", add_special_tokens=False)
    with torch.inference_mode():
        out = model.generate(**ids, do_sample=False, repetition_penalty=1.5, max_new_tokens=12,
                             pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
    assert answers[0] == tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()


def test_the_report_judges_temperature_zero_as_served_and_evaluate_greedy_as_plain_greedy():
    from calma.config import load_config
    from calma.evaluate.answers import decoding_of, describe_decoding

    served = load_config(overrides={"generation.temperature": 0})  # repetition penalty 1.1 by default
    kind, settings = decoding_of(served)
    assert kind == "served greedy" and settings["repetition_penalty"] == 1.1  # what `calma serve` answers
    assert describe_decoding(served) == "greedy as served (repetition penalty 1.1)"
    assert decoding_of(load_config(overrides={"generation.temperature": 0, "generation.repetition_penalty": 1.0})) == ("greedy", None)
    assert decoding_of(load_config(overrides={"evaluate.greedy": True})) == ("greedy", None)
    kind, settings = decoding_of(load_config())
    assert kind == "sampled" and settings["temperature"] == 0.5


def test_a_failed_write_leaves_the_previous_report_untouched(tmp_path, monkeypatch):
    import calma.evaluate.render as render
    from calma.evaluate.losses import LossResult
    from calma.evaluate.report import write_outputs

    output = tmp_path / "evaluation"
    output.mkdir()
    (output / "report.md").write_text("previous report")
    results = {"adapter": {s: LossResult(2.0, [1.5, 2.5], [10, 10]) for s in ("validation", "test")}}

    def broken(report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(render, "render_report", broken)
    with pytest.raises(RuntimeError):
        write_outputs(output, {}, None, results)
    assert (output / "report.md").read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["evaluation"]  # no staging folder left behind


def test_the_report_names_the_unlikelihood_phase_and_where_the_first_adapter_is():
    from calma.evaluate.render import history_lines

    history = {"best_validation_loss": 2.88, "best_step": 489, "last_step": 489, "stopped_early": False, "source": "history.json"}
    phase = {"steps": 40, "weight": 1.0, "validation_loss_before": 2.8773, "validation_loss_after": 3.0547,
             "likelihood_adapter": "final-likelihood", "stats": {"continuations": 80, "repeating": 31}}
    text = "\n".join(history_lines({"history": history, "sequence_unlikelihood_phase": phase}))
    assert "40 steps of sequence-level unlikelihood" in text and "2.8773 → 3.0547" in text
    assert "31 of 80 greedy answers" in text and "`final-likelihood`" in text
    assert "unlikelihood" not in "\n".join(history_lines({"history": history}))
