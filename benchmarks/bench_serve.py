"""Serving benchmark on the embedded model: latency and throughput at 1, 4 and 8 clients.

A real `create_app` service on 127.0.0.1 (uvicorn in a thread) with the built-in engine;
clients stream chat completions concurrently, each request decoding the same number of tokens
(end-of-turn is ignored so that runs are comparable). Measured in the same run:

- throughput (generated tokens / wall second) at 1 (sequential), 4 and 8 clients: what the
  micro-batcher buys;
- batch-1 decode rate and time to first token of the engine as served (fp32 with the int8
  weight-only base, `serve.quantize=auto`), plain fp32, bf16 and, when llama-cpp-python is
  installed, the llama.cpp engine on the Q4_1 GGUF, against transformers' own `generate`
  (fp32) as the baseline.

Requests that arrive while a batch runs join it between two decoding steps (continuous
batching); `mean_batch` is requests per batch run.

Routing uses the safety lexicon only (`safety.use_classifier=false`) so the figures are the
engine's and the service's, not the sentence-embedding classifier's.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

PROMPT = [
    {"role": "user", "content": "Hi, I wanted to talk about something."},
    {"role": "assistant", "content": "Of course. I'm listening: what is on your mind?"},
    {"role": "user", "content": "I've been anxious about work for weeks and I can't switch off at night."},
]

WARM_UP = [{"role": "user", "content": "Good morning! Quick question about the app."}]


def _log(message: str) -> None:
    print(f"bench_serve: {message}", file=sys.stderr, flush=True)


def _engine(dtype: str, quantize: str = "auto"):
    from calma.serve.engine import TransformersEngine

    engine = TransformersEngine("smollm2-135m-instruct", None, device="cpu", dtype=dtype, batch_window_ms=5, max_batch=8,
                                quantize=quantize)
    engine.eos_ids = set()  # every request decodes exactly max_new_tokens: comparable runs
    return engine


def engine_decode(engine, tokens: int) -> dict:
    """Batch-1 time to first token and decode rate (tokens after the first / their seconds)."""
    from calma.serve.decoding import SamplingParams

    stamps: list[float] = []
    params = SamplingParams(temperature=0.7, top_p=0.9, max_new_tokens=tokens, seed=0)
    engine.generate(WARM_UP, "therapeutic", SamplingParams(max_new_tokens=4, seed=0))  # warm-up
    start = time.perf_counter()  # a new conversation: only the template's system prompt is shared
    engine.submit(PROMPT, "therapeutic", params, on_text=lambda _: stamps.append(time.perf_counter())).result()
    end = time.perf_counter()
    ttft = stamps[0] - start
    return {"ttft_s": round(ttft, 3), "decode_tok_s": round((tokens - 1) / (end - stamps[0]), 1)}


def _llamacpp_decode(tokens: int) -> dict | None:
    """The optional llama.cpp engine (serve.engine=llamacpp) on the embedded Q4_1 GGUF, when
    llama-cpp-python is installed (`make llamacpp`); None otherwise."""
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        _log("llama.cpp engine not measured: llama-cpp-python is not installed (make llamacpp)")
        return None
    from calma.serve.llamacpp import LlamaCppEngine

    engine = LlamaCppEngine("smollm2-135m-instruct", None)
    engine.eos_ids = set()
    try:
        return engine_decode(engine, tokens)
    finally:
        engine.close()


def hf_generate_baseline(tokens: int) -> dict:
    """transformers `generate`, fp32, batch 1: the starting point before any Calma code."""
    import torch

    from calma.models import load_base_model, load_tokenizer

    tokenizer = load_tokenizer("smollm2-135m-instruct")
    model = load_base_model("smollm2-135m-instruct", dtype=torch.float32).eval()
    ids = tokenizer.apply_chat_template(PROMPT, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    kwargs = dict(do_sample=True, temperature=0.7, top_p=0.9, pad_token_id=tokenizer.pad_token_id)
    with torch.inference_mode():
        model.generate(**ids, max_new_tokens=4, **kwargs)  # warm-up
        start = time.perf_counter()
        model.generate(**ids, max_new_tokens=1, min_new_tokens=1, **kwargs)
        ttft = time.perf_counter() - start
        start = time.perf_counter()
        model.generate(**ids, max_new_tokens=tokens, min_new_tokens=tokens, **kwargs)
        total = time.perf_counter() - start
    return {"ttft_s": round(ttft, 3), "decode_tok_s": round((tokens - 1) / max(1e-6, total - ttft), 1)}


async def _client(url: str, rounds: int, tokens: int, out: list) -> None:
    import httpx

    body = {"model": "calma-therapeutic", "messages": PROMPT, "max_tokens": tokens, "stream": True, "temperature": 0.7}
    async with httpx.AsyncClient(base_url=url, timeout=600) as http:
        for _ in range(rounds):
            start, first = time.perf_counter(), None
            async with http.stream("POST", "/v1/chat/completions", json=body) as response:
                assert response.status_code == 200, response.status_code
                async for line in response.aiter_lines():
                    if line.startswith('data: {"error"'):
                        raise RuntimeError(f"the server reported an error: {line[6:200]}")
                    if first is None and '"content":"' in line and '"content":""' not in line:
                        first = time.perf_counter() - start
            out.append((first or 0.0, time.perf_counter() - start))


def service_load(url: str, engine, clients: int, rounds: int, tokens: int) -> dict:
    samples: list[tuple[float, float]] = []
    before, batches = engine.generated_tokens, engine.batches
    start = time.perf_counter()

    async def everyone():
        await asyncio.gather(*(_client(url, rounds, tokens, samples) for _ in range(clients)))

    asyncio.run(everyone())
    wall = time.perf_counter() - start
    generated = engine.generated_tokens - before
    return {
        "clients": clients, "requests": len(samples), "throughput_tok_s": round(generated / wall, 1),
        "ttft_visible_p50_s": round(statistics.median(s[0] for s in samples), 3),
        "latency_p50_s": round(statistics.median(s[1] for s in samples), 3),
        "latency_max_s": round(max(s[1] for s in samples), 3),
        "mean_batch": round((len(samples)) / max(1, engine.batches - batches), 2),
    }


def _serve(engine):
    import socket

    import uvicorn

    from calma.config import CalmaConfig
    from calma.serve.app import create_app

    config = CalmaConfig()
    config.safety.use_classifier = False
    config.serve.request_timeout = 3600  # a busy machine must give slow figures, not timeouts
    config.serve.events_db = Path(tempfile.mkdtemp(prefix="calma-bench-")) / "events.sqlite"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(engine, config), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the benchmark server did not start (see its log above)")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def run(quick: bool = False) -> list[dict]:
    tokens = 16 if quick else 48
    levels = {1: 2 if quick else 3, 4: 1 if quick else 2, 8: 1 if quick else 2}
    engine = _engine("fp32")
    server, url = _serve(engine)
    load = {}
    try:
        for clients, rounds in levels.items():
            load[clients] = service_load(url, engine, clients, rounds, tokens)
            _log(f"{clients} clients: {load[clients]}")
        served = engine_decode(engine, tokens * 2)
        served_as = engine.describe()["quantize"]
    finally:
        server.should_exit = True
        engine.close()
    decode = {f"fp32+{served_as}" if served_as != "none" else "fp32": served}
    for dtype, quantize in (("fp32", "none"), ("bf16", "none")):
        if dtype not in decode:
            other = _engine(dtype, quantize)
            try:
                decode[dtype] = engine_decode(other, tokens * 2)
            finally:
                other.close()
    llama = _llamacpp_decode(tokens * 2)
    if llama:
        decode["llama.cpp"] = llama
    hf = hf_generate_baseline(tokens * 2)
    _log(f"decode {decode}, transformers generate fp32 {hf}")
    return _entries(load, decode, hf, tokens)


def _entries(load: dict, decode: dict, hf: dict, tokens: int) -> list[dict]:
    seq, eight = load[1]["throughput_tok_s"], load[8]["throughput_tok_s"]
    best_name, best = max(decode.items(), key=lambda kv: kv[1]["decode_tok_s"])
    import torch

    details = {"tokens_per_request": tokens, "torch_threads": torch.get_num_threads(), "load": list(load.values()),
               "engine_decode": decode, "transformers_generate_fp32": hf,
               "note": "the load runs on the engine as served (first entry of engine_decode); "
                       "ttft_visible waits for the output guard to release the first checked sentence"}
    return [
        {"name": "serve_throughput_8_clients", "unit": "tok/s", "value": eight,
         "baseline": {"name": "1 client (sequential)", "value": seq}, "ratio": round(eight / seq, 2),
         "target": "≥ 3× sequential", "met": eight >= 3 * seq, "details": details},
        {"name": "engine_decode_batch1", "unit": "tok/s", "value": best["decode_tok_s"],
         "baseline": {"name": "transformers generate fp32", "value": hf["decode_tok_s"]},
         "ratio": round(best["decode_tok_s"] / hf["decode_tok_s"], 2), "target": "≥ 50 tok/s",
         "met": best["decode_tok_s"] >= 50, "details": {"engine": best_name, **decode}},
        {"name": "engine_ttft_batch1", "unit": "s", "value": best["ttft_s"],
         "baseline": {"name": "transformers generate fp32", "value": hf["ttft_s"]},
         "ratio": round(hf["ttft_s"] / best["ttft_s"], 2), "target": "≤ 0.3 s (ratio: baseline/value, higher is better)",
         "met": best["ttft_s"] <= 0.3, "details": {"engine": best_name}},
    ]
