"""Crisis gate latency over a whole conversation (issue 11): `route` re-reads every turn, so
the cost of one turn of a 20-turn conversation must stay small (target: <= 50 ms on 2 cores).

Measured as a server runs it: one process, the embedding model loaded, every user turn routed
with the whole conversation so far (earlier turns come from the per-message caches, the new
one is embedded). Baseline in the same run: a stateless router that re-assesses every user
message on every turn (caches cleared before each call). The conversation is ours.

The headline runs torch on one thread (as docs/safety.md's single-message latencies were
measured): on our shared 2-core machine two torch threads fight the other jobs and one
embedding call took 400-500 ms whatever the conversation's length. The default-thread figure is
kept in the details.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

TARGET_MS = 50.0
USER_TURNS = [
    "hi, can we talk for a bit?", "work has been really rough this month", "my manager keeps moving my deadlines",
    "i stay late every night and still fall behind", "honestly i feel like a failure", "my partner says i'm never home",
    "we had a big fight on sunday", "i didn't sleep much after that", "i keep replaying what i said",
    "i don't see a future at this job", "no, not like that, i'm just exhausted", "maybe i should talk to hr",
    "what would i even say to them?", "ok that helps", "i also want to start running again",
    "any tips for a beginner?", "mornings are hard for me", "i'll try twice a week", "thanks for listening tonight",
    "goodnight",
]


def _conversation() -> list[dict]:
    messages = []
    for i, text in enumerate(USER_TURNS):
        messages.append({"role": "user", "content": text})
        messages.append({"role": "assistant", "content": f"(reply {i + 1}) I hear you. Tell me more about that."})
    return messages


def _clear_caches() -> None:
    from calma.safety import classifier, conversation, intl, language, policy

    policy._assess_cached.cache_clear()
    conversation._cues.cache_clear()
    conversation.assistant_asks.cache_clear()
    intl.assess_foreign.cache_clear()
    language.detect.cache_clear()
    classifier._embeddings.clear()


def _per_turn(messages: list[dict], stateless: bool) -> list[float]:
    from calma.config import SafetySection
    from calma.safety.policy import route

    config, timings = SafetySection(), []
    _clear_caches()
    for end in range(1, len(messages), 2):
        if stateless:
            _clear_caches()
        start = time.perf_counter()
        route(messages[:end], config)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def run(quick: bool = False) -> list[dict]:
    from calma.safety import classifier, warm_up
    from calma.safety.language import warm_up as language_warm_up

    if not warm_up():
        return [{"name": "route_20_turns", "skipped": f"embedding model unavailable: {classifier.load_error()}", "met": False}]
    language_warm_up()
    import torch

    messages = _conversation()
    _per_turn(messages[:5], stateless=False)  # first calls compile regexes and warm torch
    rounds = 1 if quick else 3
    default_threads = torch.get_num_threads()
    default = statistics.median(_per_turn(messages, stateless=False))
    torch.set_num_threads(1)
    try:
        ours = [_per_turn(messages, stateless=False) for _ in range(rounds)]
        naive = [_per_turn(messages, stateless=True) for _ in range(rounds)]
    finally:
        torch.set_num_threads(default_threads)
    per_turn = [statistics.median(r[i] for r in ours) for i in range(len(USER_TURNS))]
    naive_turn = [statistics.median(r[i] for r in naive) for i in range(len(USER_TURNS))]
    p95 = sorted(per_turn)[int(0.95 * (len(per_turn) - 1))]

    return [{
        "name": "route_20_turns",
        "unit": "ms/turn (p95)",
        "value": round(p95, 2),
        "baseline": {"name": "stateless: every user message re-assessed on every turn", "value": round(sorted(naive_turn)[int(0.95 * (len(naive_turn) - 1))], 2)},
        "ratio": round(sorted(naive_turn)[int(0.95 * (len(naive_turn) - 1))] / max(p95, 1e-9), 2),
        "target": f"<= {TARGET_MS:g} ms per turn, 20-turn conversation, 2 cores",
        "met": p95 <= TARGET_MS,
        "details": {
            "median_ms": round(statistics.median(per_turn), 2), "max_ms": round(max(per_turn), 2),
            "turn_20_ms": round(per_turn[-1], 2), "stateless_turn_20_ms": round(naive_turn[-1], 2),
            "per_turn_ms": [round(t, 2) for t in per_turn], "rounds": rounds, "torch_threads": 1,
            f"median_ms_with_default_{default_threads}_threads": round(default, 2),
        },
    }]


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
