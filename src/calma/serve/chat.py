"""One turn of a conversation: safety route first, then the model, then the output guard.

The order is the product: a crisis, a check-in or a language Calma does not support gets a
fixed reply and no model runs; otherwise the router picks the role (casual: base model;
therapeutic: base + adapter), the reply is checked by the output guard, a conversation that
had a crisis keeps the resources line at the end of every reply, and the AI disclosure (in the
user's language) comes first on the first reply, when the user asks whether they talk to a
person, and every `safety.disclosure_interval_hours`. The terminal chat and the HTTP service both go through `ChatService`, so they
cannot drift apart. The safety functions are injected so that routes can be tested with a
fake router; by default they come from `calma.safety`.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from calma.config import CalmaConfig
from calma.serve.decoding import SamplingParams

if TYPE_CHECKING:  # the engine module loads torch: `calma --help` and the safety commands need none of it
    from calma.serve.engine import Role

_SENTENCE_END = re.compile(r"[.!?\n](?=\s)")


@dataclass
class TurnPlan:
    """What to do with a request before any model runs."""

    route: str  # crisis | check_in | unsupported_language | therapeutic | casual
    role: Role | None  # None for a fixed reply: nothing is generated
    messages: list[dict]  # the prompt, system message of the role first
    fixed_reply: str | None
    careful: bool
    reasons: list[str]
    first_turn: bool
    disclose: bool = False  # the generated reply starts with the AI disclosure
    disclosure: str = ""  # its text, in the user's language
    resources: str | None = None  # appended to the generated reply (after a crisis)
    language: str = "en"


@dataclass
class GuardedText:
    text: str
    action: str = "none"  # none | redacted | replaced
    kinds: list[str] = field(default_factory=list)


def _default_safety():
    from calma.safety.guard import disclose, guard_reply
    from calma.safety.policy import route

    return route, guard_reply, disclose


def _disclosure_for(conversation: list[dict], language: str, config) -> tuple[bool, str]:
    from calma.safety.disclosure import disclosure_due
    from calma.safety.replies import disclosure

    if not config.safety.disclose_ai:
        return False, ""
    due = disclosure_due(conversation, config.safety.disclosure_interval_hours, now=time.time())
    return due is not None, disclosure(language)


class ChatService:
    """Applies route → engine role → guard → disclosure; counts what it did."""

    def __init__(self, config: CalmaConfig, router: Callable | None = None, guard: Callable | None = None,
                 disclose: Callable | None = None):
        if router is None or guard is None or disclose is None:
            default_route, default_guard, default_disclose = _default_safety()
            router, guard, disclose = router or default_route, guard or default_guard, disclose or default_disclose
        self.config = config
        self.router, self.guard, self._disclose = router, guard, disclose
        self.counts: Counter = Counter()

    def warm_up(self) -> None:
        """Load the router's classifier now, not on the first person's message."""
        self.router([{"role": "user", "content": "hello"}], self.config.safety)

    def params(self, **overrides) -> SamplingParams:
        return SamplingParams.from_config(self.config.generation, **overrides)

    def plan(self, messages: list[dict], force_role: Role | None = None) -> TurnPlan:
        """Route the conversation; `force_role` (calma-casual/-therapeutic) never skips the crisis gate."""
        conversation = [m for m in messages if m.get("role") in ("user", "assistant")]
        decision = self.router(conversation, self.config.safety)
        first_turn = not any(m["role"] == "assistant" for m in conversation)
        route = decision.route
        self.counts[f"route_{route}"] += 1
        reasons = list(getattr(decision, "reasons", []) or [])
        careful = bool(getattr(decision, "careful", False))
        language = getattr(decision, "language", "en")
        if decision.reply is not None:  # crisis, check_in, unsupported_language
            if route == "crisis":
                self.counts["crisis"] += 1
            # Sent exactly as written: each says it comes from an AI, and the policy recognises
            # it in later turns (careful mode; the check-in's answer).
            return TurnPlan(route, None, [], decision.reply, careful, reasons, first_turn, language=language)
        role: Role = force_role or ("therapeutic" if route == "therapeutic" else "casual")
        system = self.config.model.system_prompt if role == "therapeutic" else self.config.model.casual_system_prompt
        prompt = [{"role": "system", "content": system}] + [{"role": m["role"], "content": m["content"]} for m in conversation]
        disclose, text = _disclosure_for(conversation, language, self.config)
        return TurnPlan(route, role, prompt, None, careful, reasons, first_turn, disclose, text,
                        getattr(decision, "resources", None), language)

    def _disclosed(self, reply: str, plan: TurnPlan) -> str:
        if not plan.disclose:
            return reply
        return self._disclose(reply, True, plan.disclosure) if plan.disclosure else self._disclose(reply, True)

    def disclosure_prefix(self, plan: TurnPlan) -> str:
        """What the disclosure puts before a reply (streamed before the model's text)."""
        marker = "\x00"
        return self._disclosed(marker, plan).split(marker)[0]

    def resources_suffix(self, plan: TurnPlan) -> str:
        """What follows a generated reply once the conversation had a crisis (streamed last)."""
        return f"\n\n{plan.resources}" if plan.resources else ""

    def finish(self, plan: TurnPlan, text: str) -> GuardedText:
        """Guard a whole generated reply, add the disclosure when due and the resources after a crisis."""
        checked = self._check(text)
        checked.text = self._disclosed(checked.text, plan) + self.resources_suffix(plan)
        return checked

    def _check(self, text: str) -> GuardedText:
        result = self.guard(text)
        kinds = [f.kind for f in result.findings]
        if result.action != "none":
            self.counts[f"guard_{result.action}"] += 1
        return GuardedText(result.text, result.action, kinds)

    def stream_guard(self) -> "StreamGuard":
        return StreamGuard(self._check)


class StreamGuard:
    """Guards a streamed reply sentence by sentence: a sentence is released only once checked.

    A redaction cleans the sentence; a replacement (a dose, a diagnosis) sends the safe reply
    instead of that sentence and asks the caller to stop generating.
    """

    def __init__(self, check: Callable[[str], GuardedText]):
        self._check = check
        self._buffer = ""
        self.action = "none"
        self.kinds: list[str] = []
        self.stopped = False

    def _release(self, chunk: str) -> str:
        result = self._check(chunk)
        self.kinds += result.kinds
        if result.action == "replaced":
            self.action, self.stopped = "replaced", True
            return ("\n\n" if chunk.strip() else "") + result.text
        if result.action == "redacted":
            self.action = "redacted"
        return result.text

    def feed(self, piece: str) -> str:
        if self.stopped:
            return ""
        self._buffer += piece
        ends = list(_SENTENCE_END.finditer(self._buffer))
        if not ends:
            return ""
        cut = ends[-1].end()
        chunk, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self._release(chunk)

    def close(self) -> str:
        if self.stopped or not self._buffer:
            return ""
        chunk, self._buffer = self._buffer, ""
        return self._release(chunk)


@dataclass
class Turn:
    route: str
    role: Role | None
    text: str
    guard_action: str
    careful: bool


class Conversation:
    """The terminal chat's memory: messages so far, streamed through a `ChatService`."""

    def __init__(self, service: ChatService, engine):
        self.service, self.engine = service, engine
        self.messages: list[dict] = []

    def reset(self) -> None:
        self.messages = []

    def send(self, text: str, on_route: Callable[[TurnPlan], None] | None = None,
             params: SamplingParams | None = None) -> Iterator[str]:
        """Yield the reply piece by piece; `self.last` holds the finished turn afterwards."""
        self.messages.append({"role": "user", "content": text, "timestamp": time.time()})
        plan = self.service.plan(self.messages)
        if on_route:
            on_route(plan)
        if plan.fixed_reply is not None:
            reply, action = plan.fixed_reply, "none"
            yield reply
        else:
            guard = self.service.stream_guard()
            prefix = self.service.disclosure_prefix(plan)
            parts = [prefix]
            if prefix:
                yield prefix
            pieces = self.engine.stream_sync(plan.messages, plan.role, params or self.service.params())
            try:
                for piece in pieces:
                    out = guard.feed(piece)
                    if out:
                        parts.append(out)
                        yield out
                    if guard.stopped:
                        break
            finally:
                pieces.close()
            tail = guard.close() + self.service.resources_suffix(plan)
            if tail:
                parts.append(tail)
                yield tail
            reply, action = "".join(parts), guard.action
        self.messages.append({"role": "assistant", "content": reply, "timestamp": time.time()})
        self.last = Turn(plan.route, plan.role, reply, action, plan.careful)
