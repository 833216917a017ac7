"""`prepare` end to end on small fixtures written here, the folder contract, and the CLI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calma.cli import main
from calma.config import load_config
from calma.data import expected_fingerprint, load_prepared, prepare, read_report
from calma.data.output import COLUMNS
from calma.errors import CalmaError
from calma.patterns import find_contacts

TOPICS = ["sleep", "exams", "my sister", "work deadlines", "moving abroad", "my breakup", "money", "loneliness",
          "panic in crowds", "my new baby", "grief for my dad", "social media"]
OPENERS = ["It makes sense that", "Many people find that", "You might notice that", "It can help to see that",
           "Please remember that", "One gentle idea is that"]
MIDDLES = ["small routines steady the mind", "naming a feeling softens it", "talking to a friend shares the load",
           "rest is not a reward but a need", "worry shrinks when written down", "a short walk resets the body",
           "boundaries protect what you value", "progress is rarely a straight line", "your body keeps score of stress",
           "asking for help is a strength"]
DETAILS = ("tired restless nervous angry numb hopeful lonely stuck overwhelmed ashamed jealous guilty "
           "confused scared bored sad tense distracted irritable drained").split()
CLOSERS = ["Take it one day at a time.", "Be patient with yourself.", "A counselor can walk with you.",
           "Notice what helps, and repeat it.", "You deserve support."]


def make_rows(n_questions: int = 12, answers_per: int = 4, seed: int = 0) -> list[dict[str, str]]:
    """Counseling-like rows with distinct answers, plus the dirt the real data has."""
    rng = random.Random(seed)
    rows = []
    for q in range(n_questions):
        topic = TOPICS[q % len(TOPICS)]
        detail = " ".join(rng.sample(DETAILS, 6))
        question = f"Lately {topic} weighs on me ({detail}). How do I cope with {topic}, case {q}?"
        for a in range(answers_per):
            parts = [f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)} when {topic} ({q}-{a}) feels heavy."]
            parts += [f"{rng.choice(OPENERS)} {m}." for m in rng.sample(MIDDLES, 4)] + [rng.choice(CLOSERS)]
            rows.append({"Context": question, "Response": " ".join(parts)})
    rows[0]["Response"] = "<p>" + rows[0]["Response"] + "</p>Visit my website at www.calma-example.com.Then breathe."
    rows[1]["Response"] += " You can contact me at 555-201-3344 or jane@calma-example.com."
    rows[2]["Response"] += " If you are in danger call 1-800-273-8255 today."
    rows.append(dict(rows[3]))  # exact duplicate
    rows.append({"Context": rows[5]["Context"], "Response": "  " + rows[5]["Response"].upper() + "  "})  # normalised dup
    rows.append({"Context": "Too short answer here, sadly?", "Response": "Ok."})
    rows.append({"Context": None, "Response": "An answer without a question is not usable at all."})
    return rows


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def config():
    return load_config(overrides={"data.max_length": 256})


def test_prepare_writes_the_contract(tmp_path, tokenizer, config):
    source = write_jsonl(tmp_path / "rows.jsonl", make_rows())
    report = prepare(config, str(source), str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    for key in ("source", "fields", "rows_in", "rows_out", "removed", "scrubbed", "splits", "leakage",
                "fingerprint", "tokenizer_fingerprint", "model", "max_length", "system_prompt", "settings"):
        assert key in report
    assert report["fields"] == {"question": "Context", "answer": "Response"}
    assert report["rows_in"] == 52 and report["rows_in"] - sum(report["removed"].values()) == report["rows_out"]
    assert report["removed"]["duplicate_exact"] == 2
    assert report["removed"]["answer_too_short"] == 1 and report["removed"]["missing_question"] == 1
    assert report["scrubbed"]["hotline"] == 1 and report["scrubbed"]["self_promotion"] >= 2
    assert report["leakage"]["shared_groups"] == 0
    assert report == read_report(tmp_path / "out") | {"timings": report["timings"]}

    data = load_prepared(tmp_path / "out", tokenizer=tokenizer)
    assert set(data) == {"train", "validation", "test"}
    groups = {name: set(split["group"]) for name, split in data.items()}
    assert not (groups["train"] & groups["validation"]) and not (groups["train"] & groups["test"])
    assert sum(len(split) for split in data.values()) == report["rows_out"]
    for name, split in data.items():
        assert tuple(split.column_names) == COLUMNS
        assert report["splits"][name]["rows"] == len(split)
        for row in split:
            assert row["length"] == len(row["input_ids"]) == len(row["labels"]) <= 256
            assert not any(find_contacts(row["question"] + " " + row["answer"]).values())
            assert "<p>" not in row["answer"] and "8255" not in row["answer"]


def test_same_inputs_same_output_and_fingerprint_tracks_settings(tmp_path, tokenizer, config):
    source = str(write_jsonl(tmp_path / "rows.jsonl", make_rows()))
    quiet = {"tokenizer": tokenizer, "progress": False, "echo": lambda m: None}
    first = prepare(config, source, str(tmp_path / "a"), **quiet)
    second = prepare(config, source, str(tmp_path / "b"), **quiet)
    assert first["fingerprint"] == second["fingerprint"] == expected_fingerprint(config, source, tokenizer)
    assert load_prepared(tmp_path / "a")["test"]["answer"] == load_prepared(tmp_path / "b")["test"]["answer"]
    other_seed = load_config(overrides={"data.max_length": 256, "data.seed": 7})
    assert expected_fingerprint(other_seed, source, tokenizer) != first["fingerprint"]
    write_jsonl(Path(source), make_rows(seed=1))
    assert expected_fingerprint(config, source, tokenizer) != first["fingerprint"]


def test_five_rows_still_prepare_with_a_warning(tmp_path, tokenizer, config):
    rows = make_rows(n_questions=5, answers_per=1)[:5]
    report = prepare(config, str(write_jsonl(tmp_path / "five.jsonl", rows)), str(tmp_path / "out"),
                     tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert report["rows_out"] == 5 and all(s["rows"] >= 1 for s in report["splits"].values())
    assert any("tiny" in w for w in report["warnings"])


def test_huge_row_is_skipped_promptly(tmp_path, tokenizer, config):
    rows = make_rows(n_questions=4, answers_per=2)
    rows.append({"Context": "A fine question about my long day?", "Response": "<b>word</b> " * 200_000})
    started = time.perf_counter()
    report = prepare(config, str(write_jsonl(tmp_path / "huge.jsonl", rows)), str(tmp_path / "out"),
                     tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert report["removed"]["too_long"] == 1
    assert time.perf_counter() - started < 20


def test_failure_leaves_no_folder_and_keeps_the_old_one(tmp_path, tokenizer, config):
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"Context": "only a question here?", "Response": ""}])
    with pytest.raises(CalmaError, match="no usable rows"):
        prepare(config, str(bad), str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.jsonl"]
    good = write_jsonl(tmp_path / "good.jsonl", make_rows(n_questions=4, answers_per=2))
    prepare(config, str(good), str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    before = read_report(tmp_path / "out")["fingerprint"]
    with pytest.raises(CalmaError):
        prepare(config, str(bad), str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert read_report(tmp_path / "out")["fingerprint"] == before
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("user data", encoding="utf-8")
    with pytest.raises(CalmaError, match="not a prepared-data folder"):
        prepare(config, str(good), str(tmp_path / "mine"), tokenizer=tokenizer, progress=False, echo=lambda m: None)


def test_load_prepared_refuses_bad_folders(tmp_path, tokenizer, config):
    with pytest.raises(CalmaError, match="prepared data not found"):
        load_prepared(tmp_path / "nothing")
    good = write_jsonl(tmp_path / "good.jsonl", make_rows(n_questions=4, answers_per=2))
    prepare(config, str(good), str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    report["tokenizer_fingerprint"] = "0" * 32
    (tmp_path / "out" / "report.json").write_text(json.dumps(report))
    load_prepared(tmp_path / "out")  # without a tokenizer there is nothing to compare
    with pytest.raises(CalmaError, match="prepared with another tokenizer"):
        load_prepared(tmp_path / "out", tokenizer=tokenizer)
    import shutil

    shutil.rmtree(tmp_path / "out" / "test")
    with pytest.raises(CalmaError, match="the 'test' split is missing"):
        load_prepared(tmp_path / "out")


def test_messages_and_explicit_fields(tmp_path, tokenizer, config):
    rows = [
        {"messages": [{"role": "system", "content": "SYSTEM TEXT MUST NOT APPEAR"},
                      {"role": "user", "content": r["Context"]}, {"role": "assistant", "content": r["Response"]}]}
        for r in make_rows(n_questions=6, answers_per=2)[:12]
    ]
    report = prepare(config, str(write_jsonl(tmp_path / "chat.jsonl", rows)), str(tmp_path / "out"),
                     tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert report["fields"] == {"messages": "messages"}
    data = load_prepared(tmp_path / "out")
    assert not any("SYSTEM TEXT" in q + a for split in data.values() for q, a in zip(split["question"], split["answer"]))


# ------------------------------------------------------------------------------------- CLI
def run_cli(args, capsys):
    code = main(["prepare", "--quiet", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["--dataset", "missing.jsonl"], "missing.jsonl: file or folder not found"),
        ("notes.txt", ["--dataset", "notes.txt"], "unsupported file type"),
        ("cut.jsonl", ["--dataset", "cut.jsonl"], "cut.jsonl: line 2: truncated"),
        ("cols.csv", ["--dataset", "cols.csv"], "columns found: text, label"),
        ("ok.jsonl", ["--dataset", "ok.jsonl", "--set", "data.nope=1"], "unknown config key 'data.nope'"),
        ("ok.jsonl", ["--dataset", "ok.jsonl", "--question-field", "title", "--answer-field", "Response"], "no column 'title'"),
        ("empty.jsonl", ["--dataset", "empty.jsonl"], "empty.jsonl: file is empty"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2_and_no_output(tmp_path, monkeypatch, capsys, setup, args, message):
    monkeypatch.chdir(tmp_path)
    files = {
        "notes.txt": "hello",
        "cut.jsonl": '{"Context": "a question?", "Response": "an answer here"}\n{"Context": "b',
        "cols.csv": "text,label\nhello,1\n",
        "ok.jsonl": json.dumps({"Context": "What now?", "Response": "Breathe, then decide."}) + "\n",
        "empty.jsonl": "",
    }
    if setup:
        Path(setup).write_text(files[setup], encoding="utf-8")
    code, out, err = run_cli([*args, "--output", "out"], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("calma prepare: error: ") and message in lines[0]
    assert "Traceback" not in err and not Path("out").exists()


def test_cli_prints_mapping_and_summary(tmp_path, capsys):
    source = write_jsonl(tmp_path / "rows.jsonl", make_rows())
    code, out, _ = run_cli(["--dataset", str(source), "--output", str(tmp_path / "out"), "--set", "data.max_length=256"], capsys)
    assert code == 0
    assert "fields: question <- 'Context', answer <- 'Response'" in out
    assert "prepared 48 of 52 rows" in out and "leakage: 0 question groups" in out


def test_cli_print_config_shows_overrides(capsys):
    code, out, _ = run_cli(["--print-config", "--seed", "9", "--no-scrub", "--max-samples", "10"], capsys)
    assert code == 0 and "seed: 9" in out and "max_samples: 10" in out and "enabled: false" in out


def test_real_process_exit_code_and_no_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "calma", "prepare", "--dataset", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"calma prepare: error: {tmp_path / 'nope.csv'}: file or folder not found"


def test_process_pool_gives_the_same_results_in_order(monkeypatch):
    import importlib

    prep = importlib.import_module("calma.data.prepare")  # the package exports a function of that name

    pairs = [(r["Context"], r["Response"]) for r in make_rows(n_questions=6, answers_per=3)]
    data = load_config(overrides={"data.workers": 2}).data
    inline = [row for chunk in prep.process_in_chunks(iter(pairs), data.model_copy(update={"workers": 1})) for row in chunk]
    monkeypatch.setattr(prep, "CHUNK_ROWS", 4)
    monkeypatch.setattr(prep, "PARALLEL_AFTER", 4)
    pooled = [row for chunk in prep.process_in_chunks(iter(pairs), data) for row in chunk]
    assert pooled == inline and len(pooled) == len(pairs)


def test_bundled_demo_exercises_every_step(tmp_path, tokenizer, config):
    from calma.data import demo_path

    if not demo_path().is_file():
        pytest.skip("bundled demo data not written yet")
    report = prepare(config, "demo", str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert report["source"] == "demo" and report["rows_in"] >= 150
    assert report["removed"].get("duplicate_exact", 0) > 0
    assert report["scrubbed"].get("url", 0) > 0 and report["scrubbed"].get("phone", 0) > 0
    assert report["leakage"]["shared_groups"] == 0 and all(s["rows"] > 0 for s in report["splits"].values())


def test_max_samples_keeps_a_seeded_subset(tmp_path, tokenizer):
    config = load_config(overrides={"data.max_length": 256, "data.max_samples": 10})
    source = str(write_jsonl(tmp_path / "rows.jsonl", make_rows()))
    report = prepare(config, source, str(tmp_path / "out"), tokenizer=tokenizer, progress=False, echo=lambda m: None)
    assert report["rows_out"] == 10 and report["removed"]["over_max_samples"] == 38
