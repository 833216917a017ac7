"""`calma chat` end to end on the tiny model: routes shown, crisis text fixed, /reset and /quit."""

from __future__ import annotations

import io

from calma.cli import main
from calma.safety import AI_DISCLOSURE, crisis_reply


def run_chat(monkeypatch, capsys, tmp_path, lines, *extra):
    monkeypatch.chdir(tmp_path)  # no promoted adapter here
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["chat", *extra, "--set", "safety.use_classifier=false", "--set", "generation.max_new_tokens=6"])
    return code, capsys.readouterr()


def test_chat_walks_the_routes(monkeypatch, capsys, tmp_path, tiny_model_dir):
    lines = ["hello there!", "I feel so anxious and alone since the breakup", "I want to kill myself tonight",
             "/reset", "hi again", "/quit", "never read"]
    code, out = run_chat(monkeypatch, capsys, tmp_path, lines, "--model", str(tiny_model_dir))
    assert code == 0
    assert "no adapter" in out.err  # base model in both roles, said plainly
    routes = [line.split("]>")[0].split("[")[-1] for line in out.out.splitlines() if line.startswith("calma [")]
    assert routes == ["casual", "therapeutic", "crisis", "casual"]
    assert crisis_reply("en-US") in out.out
    assert out.out.count(AI_DISCLOSURE) == 2  # first reply, and first reply again after /reset
    assert "(conversation reset)" in out.out


def test_chat_rejects_a_missing_adapter(monkeypatch, capsys, tmp_path, tiny_model_dir):
    code, out = run_chat(monkeypatch, capsys, tmp_path, ["hi"], "--model", str(tiny_model_dir), "--adapter", "nope")
    assert code == 2 and "nope: adapter folder not found" in out.err


def test_chat_shows_the_check_in_its_answer_the_language_and_keeps_the_resources(monkeypatch, capsys, tmp_path, tiny_model_dir):
    from calma.safety.replies import check_in_reply, resources_line

    lines = ["I don't see a future anymore", "yes", "ok, I'll call them", "/reset", "me quiero morir", "/quit"]
    code, out = run_chat(monkeypatch, capsys, tmp_path, lines, "--model", str(tiny_model_dir))
    assert code == 0
    routes = [line.split("]>")[0].split("[")[-1] for line in out.out.splitlines() if line.startswith("calma [")]
    assert routes == ["check_in", "crisis", "therapeutic careful", "crisis es"]
    assert check_in_reply("en-US") in out.out and crisis_reply("es-US") in out.out
    assert resources_line("en-US") in out.out  # the generated reply after the crisis ends with it
