"""Live servers on 127.0.0.1: the official openai client (Python and Node), hot promotion under
load with 0 failed requests, and the upstream mode fronting a second Calma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from serve_fakes import FakeEngine

from calma.config import CalmaConfig
from calma.safety import crisis_reply
from calma.serve.app import create_app

REPO = Path(__file__).resolve().parents[2]
KEY = "test-key-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn in a thread, for apps built in the test process."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=30)


def config_for(tmp_path, **serve) -> CalmaConfig:
    config = CalmaConfig()
    config.safety.use_classifier = False
    config.serve.events_db = tmp_path / "events.sqlite"
    for key, value in serve.items():
        setattr(config.serve, key, value)
    return config


@pytest.fixture(scope="module")
def calma_serve(tiny_model_dir, tmp_path_factory):
    """The real `calma serve` command in a subprocess, on the tiny model, with an API key."""
    workdir = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {**os.environ, "CALMA_API_KEY": KEY}
    cmd = [sys.executable, "-m", "calma", "serve", "--port", str(port), "--set", f"model.name={tiny_model_dir}",
           "--set", "safety.use_classifier=false", "--set", "generation.max_new_tokens=16"]
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"calma serve did not start: {proc.stdout.read()[-2000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    output = proc.communicate(timeout=30)[0]
    assert "Traceback" not in output
    assert "no adapter" in output  # the newcomer's warning
    assert KEY not in output and "breakup" not in output  # no key, no message text in the logs


def test_openai_python_client(calma_serve):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=f"{calma_serve}/v1", api_key=KEY)
    reply = client.chat.completions.create(
        model="calma", messages=[{"role": "user", "content": "I feel lost since my breakup"}], max_tokens=8)
    assert reply.choices[0].message.role == "assistant" and reply.usage.completion_tokens <= 8
    assert reply.calma["route"] == "therapeutic"  # the extra field survives the client
    stream = client.chat.completions.create(
        model="calma-casual", messages=[{"role": "user", "content": "hi there"}], max_tokens=8, stream=True)
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason in ("stop", "length")
    crisis = client.chat.completions.create(
        model="calma-therapeutic", messages=[{"role": "user", "content": "I am going to kill myself tonight"}])
    assert crisis.choices[0].message.content == crisis_reply("en-US")
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{calma_serve}/v1", api_key="wrong").models.list()
    models = client.models.list()
    assert {m.id for m in models.data} == {"calma", "calma-casual", "calma-therapeutic"}


def test_node_client(calma_serve):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (REPO / "examples" / "node_modules" / "openai").is_dir():
        pytest.skip("run `npm install` in examples/ first (installs the official openai package)")
    env = {**os.environ, "CALMA_URL": f"{calma_serve}/v1", "CALMA_API_KEY": KEY, "CALMA_MAX_TOKENS": "8"}
    result = subprocess.run([node, "node-client.mjs"], cwd=REPO / "examples", env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "route: therapeutic" in result.stdout and "stream done" in result.stdout


def test_promotion_and_rollback_under_load_fail_no_request(tiny_model_dir, tmp_path, monkeypatch):
    from calma.serve.engine import TransformersEngine
    from calma.serve.registry import Registry

    adapters = _make_adapters(tiny_model_dir, tmp_path)
    registry = Registry(tmp_path / "registry", tmp_path / "calma-final")
    config = config_for(tmp_path, reload_interval=0.05)
    engine = TransformersEngine(str(tiny_model_dir), None, device="cpu")
    server = LiveServer(create_app(engine, config, registry=registry))
    failures, seen, stop = [], set(), threading.Event()

    def client_loop():
        with httpx.Client(base_url=server.url, timeout=60) as http:
            n = 0
            while not stop.is_set():
                n += 1
                response = http.post("/v1/chat/completions", json={
                    "model": "calma-therapeutic", "max_tokens": 4, "stream": n % 3 == 0,
                    "messages": [{"role": "user", "content": "I feel anxious about work"}]})
                # an error is a status, or an SSE error event; the word "error" may well be sampled text
                if response.status_code != 200 or 'data: {"error"' in response.text or (
                        not response.text.startswith("data:") and "error" in response.json()):
                    failures.append((response.status_code, response.text[:200]))
                elif not response.text.startswith("data:"):
                    seen.add(response.json()["calma"]["adapter"])

    def wait_for(version):
        seen.discard(version)
        deadline = time.monotonic() + 60
        while version not in seen:  # a request was answered by this version
            assert time.monotonic() < deadline, f"server never switched to {version}"
            time.sleep(0.02)

    threads = [threading.Thread(target=client_loop) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        wait_for(None)  # answered by the base model before any promotion
        registry.promote(adapters[0])
        wait_for("v1")
        registry.promote(adapters[1])
        wait_for("v2")
        registry.rollback()
        wait_for("v1")
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        server.stop()
        engine.close()
    assert failures == []
    assert {None, "v1", "v2"} <= seen  # requests were answered before, during and after each switch


def _make_adapters(tiny_model_dir, tmp_path):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    out = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        model = get_peft_model(AutoModelForCausalLM.from_pretrained(tiny_model_dir),
                               LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
        model.save_pretrained(tmp_path / f"adapter{seed}")
        out.append(tmp_path / f"adapter{seed}")
    return out


def test_upstream_mode_fronts_another_server(tmp_path, monkeypatch):
    from calma.serve.upstream import UpstreamEngine

    monkeypatch.setenv("CALMA_UPSTREAM_API_KEY", "upstream-key")
    from calma.safety import GuardResult
    from calma.serve.chat import ChatService

    upstream_engine = FakeEngine("Upstream says hello. Call 555-123-4567 to book.")
    up_config = config_for(tmp_path / "up", api_keys=["upstream-key"])
    no_guard = ChatService(up_config, guard=lambda text: GuardResult(text, [], "none"))  # so the front's guard shows
    upstream = LiveServer(create_app(upstream_engine, up_config, chat=no_guard))
    config = config_for(tmp_path, upstream_therapeutic_model="calma-therapeutic", upstream_casual_model="calma-casual")
    engine = UpstreamEngine(upstream.url, config)
    front = LiveServer(create_app(engine, config))
    try:
        with httpx.Client(base_url=front.url, timeout=30) as http:
            def ask(text, stream=False):
                return http.post("/v1/chat/completions", json={"model": "calma", "stream": stream,
                                                                "messages": [{"role": "user", "content": text}]})

            body = ask("I've been so sad and lonely lately").json()
            text = body["choices"][0]["message"]["content"]
            assert "Upstream says hello" in text and "555-123-4567" not in text  # the front guard ran
            assert body["calma"]["route"] == "therapeutic" and body["calma"]["guard"] == "redacted"
            assert upstream_engine.calls[-1][0] == "therapeutic"
            streamed = ask("hey, what's up?", stream=True)
            assert "Upstream says hello" in streamed.text and streamed.text.rstrip().endswith("data: [DONE]")
            assert upstream_engine.calls[-1][0] == "casual"
            calls = len(upstream_engine.calls)
            crisis = ask("I want to kill myself").json()
            assert crisis["choices"][0]["message"]["content"] == crisis_reply("en-US")
            assert len(upstream_engine.calls) == calls  # the front gate answered; upstream never asked
            assert http.get("/v1/models").json()["data"][0]["calma"]["engine"] == "upstream"
        monkeypatch.setenv("CALMA_UPSTREAM_API_KEY", "wrong")
        bad = LiveServer(create_app(UpstreamEngine(upstream.url, config), config))
        try:
            response = httpx.post(f"{bad.url}/v1/chat/completions", timeout=30,
                                  json={"model": "calma", "messages": [{"role": "user", "content": "I feel sad"}]})
            assert response.status_code == 502 and response.json()["error"]["code"] == "upstream_error"
        finally:
            bad.stop()
    finally:
        front.stop()
        upstream.stop()


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_a_chunked_body_is_limited_while_it_is_read_and_needs_a_key_first(tmp_path, monkeypatch):
    monkeypatch.setenv("CALMA_API_KEY", KEY)
    server = LiveServer(create_app(FakeEngine(), config_for(tmp_path)))
    sent = {"bytes": 0}

    def body(total: int = 64 * 2**20, chunk: int = 2**20):  # 64 MiB, no Content-Length: chunked
        piece = b'{"model": "calma", "messages": [{"role": "user", "content": "' + b"x" * chunk
        for _ in range(total // chunk):
            sent["bytes"] += len(piece)
            yield piece

    try:
        before = _rss()
        with httpx.Client(timeout=30) as client:
            for headers, status in (({}, 401), ({"Authorization": f"Bearer {KEY}"}, 413)):
                sent["bytes"] = 0
                try:
                    response = client.post(f"{server.url}/v1/chat/completions", content=body(),
                                           headers={"content-type": "application/json", **headers})
                    assert response.status_code == status, response.text
                    assert response.json()["error"]["code"] in ("invalid_api_key", "request_too_large")
                except httpx.TransportError:
                    pass  # the server may close the connection before the client has sent it all
        grown = _rss() - before
        assert grown < 48 * 2**20, f"server grew {grown / 2**20:.0f} MiB on a 64 MiB chunked body"
        ok = httpx.post(f"{server.url}/v1/chat/completions", headers={"Authorization": f"Bearer {KEY}"}, timeout=30,
                        json={"model": "calma", "messages": [{"role": "user", "content": "hello there"}]})
        assert ok.status_code == 200  # and the server still answers
    finally:
        server.stop()


def test_a_non_streaming_request_stops_generating_when_its_client_disconnects(tmp_path, monkeypatch):
    monkeypatch.delenv("CALMA_API_KEY", raising=False)
    engine = FakeEngine(delay=20.0)  # a 20-second generation unless cancelled
    server = LiveServer(create_app(engine, config_for(tmp_path)))
    try:
        body = {"model": "calma", "messages": [{"role": "user", "content": "I've been feeling anxious and alone lately"}]}
        with pytest.raises(httpx.TimeoutException):
            httpx.post(f"{server.url}/v1/chat/completions", json=body, timeout=1.0)  # the client gives up after 1 s
        deadline = time.monotonic() + 5
        while engine.cancelled == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert engine.cancelled == 1, "the generation went on after the client had gone"
    finally:
        server.stop()
