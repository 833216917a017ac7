"""Prometheus text metrics and the crisis event log.

Written by hand (a few counters and one histogram) rather than pulling in a client library.
The crisis log keeps what an annual referral count needs — when, which route/model — and
never a word of what the person wrote.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self):
        self._lock = threading.Lock()
        self.requests: Counter = Counter()  # (endpoint, status)
        self.routes: Counter = Counter()
        self.guard: Counter = Counter()
        self.crisis_events = 0
        self.tokens = 0
        self.latency_counts = {name: [0] * (len(LATENCY_BUCKETS) + 1) for name in ("total", "ttft")}
        self.latency_sums = {"total": 0.0, "ttft": 0.0}
        self.in_flight = 0

    def request(self, endpoint: str, status: int) -> None:
        with self._lock:
            self.requests[(endpoint, status)] += 1

    def observe(self, kind: str, seconds: float) -> None:
        with self._lock:
            counts = self.latency_counts[kind]
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            counts[-1] += 1
            self.latency_sums[kind] += seconds

    def turn(self, route: str, guard_action: str, tokens: int) -> None:
        with self._lock:
            self.routes[route] += 1
            if route == "crisis":
                self.crisis_events += 1
            if guard_action != "none":
                self.guard[guard_action] += 1
            self.tokens += tokens

    def render(self, extra: dict[str, float] | None = None) -> str:
        with self._lock:
            lines = [
                "# HELP calma_requests_total HTTP requests by endpoint and status.",
                "# TYPE calma_requests_total counter",
            ]
            lines += [f'calma_requests_total{{endpoint="{e}",status="{s}"}} {n}' for (e, s), n in sorted(self.requests.items())]
            lines += ["# HELP calma_routes_total Chat turns by safety route.", "# TYPE calma_routes_total counter"]
            lines += [f'calma_routes_total{{route="{r}"}} {self.routes.get(r, 0)}' for r in ("casual", "therapeutic", "check_in", "crisis", "unsupported_language")]
            lines += ["# HELP calma_crisis_events_total Crisis replies sent.", "# TYPE calma_crisis_events_total counter",
                      f"calma_crisis_events_total {self.crisis_events}"]
            lines += ["# HELP calma_check_ins_total Check-in replies sent (a direct question about suicidal thoughts, with resources).",
                      "# TYPE calma_check_ins_total counter", f"calma_check_ins_total {self.routes.get('check_in', 0)}"]
            lines += ["# HELP calma_guard_interventions_total Generated replies changed by the output guard.",
                      "# TYPE calma_guard_interventions_total counter"]
            lines += [f'calma_guard_interventions_total{{action="{a}"}} {self.guard.get(a, 0)}' for a in ("redacted", "replaced")]
            lines += ["# HELP calma_generated_tokens_total Tokens generated.", "# TYPE calma_generated_tokens_total counter",
                      f"calma_generated_tokens_total {self.tokens}"]
            lines += ["# HELP calma_in_flight Generations running or queued.", "# TYPE calma_in_flight gauge",
                      f"calma_in_flight {self.in_flight}"]
            for kind, help_text in (("total", "Chat completion latency"), ("ttft", "Time to first token (streaming)")):
                name = f"calma_{'request' if kind == 'total' else 'ttft'}_seconds"
                lines += [f"# HELP {name} {help_text}.", f"# TYPE {name} histogram"]
                counts = self.latency_counts[kind]
                lines += [f'{name}_bucket{{le="{b}"}} {c}' for b, c in zip(LATENCY_BUCKETS, counts)]
                lines += [f'{name}_bucket{{le="+Inf"}} {counts[-1]}', f"{name}_sum {self.latency_sums[kind]:.6f}",
                          f"{name}_count {counts[-1]}"]
            for key, value in (extra or {}).items():
                lines += [f"# TYPE {key} gauge", f"{key} {value}"]
        return "\n".join(lines) + "\n"


class CrisisLog:
    """Crisis events as rows of (unix time, route, model name) in SQLite; no message text."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._execute("CREATE TABLE IF NOT EXISTS crisis_events (ts REAL NOT NULL, route TEXT NOT NULL, model TEXT NOT NULL)")

    def _execute(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=5)
            try:
                with db:  # commits
                    return db.execute(sql, args).fetchall()
            finally:
                db.close()

    def record(self, route: str, model: str) -> None:
        if self.path is not None:
            self._execute("INSERT INTO crisis_events VALUES (?, ?, ?)", (time.time(), route, model))

    def count(self, since: float = 0.0) -> int:
        if self.path is None:
            return 0
        return self._execute("SELECT COUNT(*) FROM crisis_events WHERE ts >= ?", (since,))[0][0]
