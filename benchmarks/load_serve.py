"""Load test of the real `calma serve` (embedded model, a real HTTP server in a subprocess).

Two phases against one server, as a heavy app backend would hit it:

- **sustained**: N clients (default 32) for S seconds (default 30), each sending requests one
  after another (a mix of non-streaming and streaming chat completions, small talk, counseling
  questions and crisis messages), retrying after a 429 only as long as its Retry-After says;
- **burst**: M clients (default 48) sending one request each at the same instant.

It reports, per phase: requests, successes, 429s (and how many carried Retry-After), other 4xx,
5xx and transport errors, and the p50/p95 latency of the successful requests (end of the
answer for both kinds). The pass line is the service's promise: every request either succeeds
or is told to come back (429 with Retry-After), with no 5xx.

    python -m benchmarks.load_serve [--adapter models/full-run/final] [--clients 32] [--seconds 30]
                                    [--burst 48] [--max-tokens 48] [--output benchmarks/results/load-serve.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEY = "load-test-key"

MESSAGES = [
    [{"role": "user", "content": "Hey! How is your day going?"}],
    [{"role": "user", "content": "I keep lying awake going over everything I said at work. How do I stop replaying it?"}],
    [{"role": "user", "content": "My sister and I argue every time we talk about our parents. I don't know how to fix it."}],
    [{"role": "user", "content": "I have the pills counted out and I'm going to take them all tonight."}],
    [{"role": "user", "content": "Any tips for a rainy weekend?"}],
    [{"role": "user", "content": "Since the move I feel lonely most evenings and I'm not sure who to reach out to."}],
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.retry_after = 0
        self.errors: list[str] = []

    def add(self, status: int | str, seconds: float, retry_after: str | None = None) -> None:
        key = str(status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if status == 200:
            self.latencies.append(seconds)
        if status == 429 and retry_after:
            self.retry_after += 1

    def summary(self) -> dict:
        total = sum(self.statuses.values())
        five = sum(n for s, n in self.statuses.items() if s.isdigit() and s.startswith("5"))
        other4 = sum(n for s, n in self.statuses.items() if s.isdigit() and s.startswith("4") and s != "429")
        transport = sum(n for s, n in self.statuses.items() if not s.isdigit())
        return {
            "requests": total, "succeeded": self.statuses.get("200", 0), "status_429": self.statuses.get("429", 0),
            "status_429_with_retry_after": self.retry_after, "other_4xx": other4, "status_5xx": five,
            "transport_errors": transport, "statuses": dict(sorted(self.statuses.items())),
            "p50_s": _round(percentile(self.latencies, 0.50)), "p95_s": _round(percentile(self.latencies, 0.95)),
            "errors": self.errors[:5],
        }


async def one_request(client, url: str, number: int, max_tokens: int, tally: Tally) -> float | None:
    """Send one request; returns the Retry-After seconds of a 429 (None otherwise)."""
    import httpx

    body = {"model": "calma", "messages": MESSAGES[number % len(MESSAGES)], "max_tokens": max_tokens, "seed": number}
    stream = number % 2 == 1
    started = time.perf_counter()
    try:
        if stream:
            async with client.stream("POST", f"{url}/v1/chat/completions", json={**body, "stream": True}) as response:
                if response.status_code != 200:
                    await response.aread()
                    tally.add(response.status_code, 0.0, response.headers.get("retry-after"))
                    return _retry(response)
                done = False
                async for line in response.aiter_lines():
                    if line.strip() == "data: [DONE]":
                        done = True
                tally.add(200 if done else "stream_cut", time.perf_counter() - started)
                return None
        response = await client.post(f"{url}/v1/chat/completions", json=body)
        tally.add(response.status_code, time.perf_counter() - started, response.headers.get("retry-after"))
        if response.status_code >= 500:
            tally.errors.append(response.text[:200])
        return _retry(response)
    except httpx.HTTPError as err:
        tally.add(type(err).__name__, time.perf_counter() - started)
        tally.errors.append(repr(err)[:200])
        return 1.0


def _retry(response) -> float | None:
    if response.status_code != 429:
        return None
    try:
        return float(response.headers.get("retry-after", "1"))
    except ValueError:
        return 1.0


async def sustained(url: str, clients: int, seconds: float, max_tokens: int) -> dict:
    import httpx

    tally, deadline = Tally(), time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {KEY}"}

    async def client_loop(index: int):
        async with httpx.AsyncClient(headers=headers, timeout=300) as client:
            number = index
            while time.monotonic() < deadline:
                wait = await one_request(client, url, number, max_tokens, tally)
                number += clients
                if wait:
                    await asyncio.sleep(min(wait, max(0.0, deadline - time.monotonic())))

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(i) for i in range(clients)))
    return {"clients": clients, "seconds": seconds, "wall_s": round(time.perf_counter() - started, 1), **tally.summary()}


async def burst(url: str, clients: int, max_tokens: int) -> dict:
    import httpx

    tally = Tally()
    headers = {"Authorization": f"Bearer {KEY}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(headers=headers, timeout=300, limits=limits) as client:
        gate = asyncio.Event()

        async def fire(number: int):
            await gate.wait()
            await one_request(client, url, number, max_tokens, tally)

        tasks = [asyncio.create_task(fire(i)) for i in range(clients)]
        await asyncio.sleep(0.2)
        started = time.perf_counter()
        gate.set()
        await asyncio.gather(*tasks)
    return {"clients": clients, "wall_s": round(time.perf_counter() - started, 1), **tally.summary()}


def start_server(adapter: Path | None, workdir: Path, extra: list[str]) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    cmd = [sys.executable, "-m", "calma", "serve", "--port", str(port), *extra]
    if adapter is not None:
        cmd += ["--adapter", str(adapter.resolve())]
    log = open(workdir / "serve.log", "w")
    proc = subprocess.Popen(cmd, cwd=workdir, env={**os.environ, "CALMA_API_KEY": KEY}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"load_serve: calma serve did not become ready; see {workdir / 'serve.log'}")
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", type=Path, help="serve this adapter (default: the base model for both roles)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--burst", type=int, default=48)
    parser.add_argument("--max-tokens", type=int, default=48)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/load-serve.json"))
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE", help="passed to calma serve")
    args = parser.parse_args(argv)
    if args.adapter is not None and not (args.adapter / "adapter_config.json").is_file():
        raise SystemExit(f"load_serve: {args.adapter}: not an adapter folder (no adapter_config.json)")
    import httpx

    extra = [item for pair in (("--set", s) for s in args.set) for item in pair]
    with tempfile.TemporaryDirectory(prefix="calma-load-") as tmp:
        proc, url = start_server(args.adapter, Path(tmp), extra)
        try:
            config = httpx.get(f"{url}/ready", timeout=5).json()
            one = asyncio.run(sustained(url, 1, 5, args.max_tokens))  # warm-up, not reported
            result = {
                "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count()},
                "adapter": str(args.adapter) if args.adapter else None, "max_tokens": args.max_tokens,
                "ready": config, "warm_up_requests": one["requests"],
                "sustained": asyncio.run(sustained(url, args.clients, args.seconds, args.max_tokens)),
                "burst": asyncio.run(burst(url, args.burst, args.max_tokens)),
            }
            result["alive_after"] = httpx.get(f"{url}/ready", timeout=5).status_code == 200
            metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {KEY}"}, timeout=5)
            result["metrics_excerpt"] = [line for line in metrics.text.splitlines()
                                         if line.startswith(("calma_requests_total", "calma_routes_total", "calma_crisis_events_total"))][:30]
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    ok = all(result[p]["status_5xx"] == 0 and result[p]["transport_errors"] == 0
             and result[p]["status_429"] == result[p]["status_429_with_retry_after"] for p in ("sustained", "burst"))
    result["pass"] = ok and result["alive_after"]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for phase in ("sustained", "burst"):
        r = result[phase]
        print(f"{phase}: {r['clients']} clients: {r['requests']} requests, {r['succeeded']} succeeded, "
              f"{r['status_429']} x 429 ({r['status_429_with_retry_after']} with Retry-After), {r['other_4xx']} other 4xx, "
              f"{r['status_5xx']} x 5xx, {r['transport_errors']} transport errors; p50 {r['p50_s']} s, p95 {r['p95_s']} s")
    print(f"{'PASS' if result['pass'] else 'FAIL'}: written to {args.output}")
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
