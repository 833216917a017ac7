"""Serving logic of the OpenAI-compatible endpoints, kept apart from HTTP (routes.py).

Checks limits, admits the request into the bounded generation queue, asks `ChatService`
for the route (the crisis gate runs for every model name), runs the engine with a timeout
and a cancel on client disconnect, guards the reply, and shapes OpenAI responses and
server-sent-event chunks. Errors are `APIError`s that the app turns into OpenAI error bodies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from typing import AsyncIterator, Awaitable, Callable

from calma.config import CalmaConfig
from calma.serve.chat import ChatService, TurnPlan
from calma.serve.decoding import Completion, SamplingParams
from calma.serve.metrics import CrisisLog, Metrics
from calma.serve.protocol import (
    MODEL_NAMES, AssistantMessage, CalmaInfo, ChatCompletion, ChatCompletionChunk, ChatCompletionRequest,
    Choice, ChunkChoice, Delta, ModelCard, ModelList, Usage, new_id,
)

FORCED_ROLES = {"calma": None, "calma-casual": "casual", "calma-therapeutic": "therapeutic"}


log = logging.getLogger("calma.serve")


KEEPALIVE_SECONDS = 10.0  # an SSE comment after this long without a token (a request waiting in the queue)
STREAM_START_GRACE = 30.0  # seconds an admitted stream may take to start before its slot is given back


class _Reservation:
    """A queue slot counted at admission, handed to the stream when it starts (exactly once)."""

    def __init__(self, metrics):
        self.metrics, self.state = metrics, "held"

    def take(self) -> bool:
        if self.state == "held":
            self.state = "taken"
            return True
        return False

    def release(self) -> None:
        if self.state == "held":  # the stream never started (client gone before the response)
            self.state = "released"
            self.metrics.in_flight -= 1


def _wants_usage(req) -> bool:
    return bool((req.stream_options or {}).get("include_usage"))


async def _with_keepalive(pieces, seconds: float):
    """The pieces of `pieces`, with None whenever `seconds` pass without one (never cancels
    the pending read: the generation goes on while the comment is sent)."""
    pending = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(pieces.__anext__())
            done, _ = await asyncio.wait({pending}, timeout=seconds)
            if not done:
                yield None
                continue
            task, pending = pending, None
            try:
                piece = task.result()
            except StopAsyncIteration:
                return
            yield piece
    finally:
        if pending is not None and not pending.done():  # closed while waiting: stop the read (and the generation)
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await pending


def _sse_error(message: str, code: str | None) -> str:
    return f"data: {json.dumps({'error': {'message': message, 'type': 'server_error', 'code': code}})}\n\n"


class APIError(Exception):
    """An error the client should see, as an OpenAI error body with this HTTP status."""

    def __init__(self, status: int, message: str, type: str = "invalid_request_error", code: str | None = None,
                 param: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.code, self.param = status, message, type, code, param
        self.headers = headers or {}


class CompletionService:
    def __init__(self, engine, chat: ChatService, config: CalmaConfig, metrics: Metrics | None = None,
                 crisis_log: CrisisLog | None = None):
        self.engine, self.chat, self.config = engine, chat, config
        self.metrics = metrics or Metrics()
        self.crisis_log = crisis_log or CrisisLog(None)

    # ---- checks ------------------------------------------------------------------------
    def _check(self, req: ChatCompletionRequest) -> tuple[list[dict], SamplingParams]:
        limits = self.config.serve
        if req.model not in FORCED_ROLES:
            raise APIError(404, f"The model '{req.model}' does not exist; use one of {', '.join(MODEL_NAMES)}",
                           code="model_not_found", param="model")
        if len(req.messages) > limits.max_messages:
            raise APIError(400, f"messages: at most {limits.max_messages} messages per request", param="messages",
                           code="too_many_messages")
        for i, m in enumerate(req.messages):
            if m.content is None and m.role in ("user", "system", "developer"):
                raise APIError(400, f"messages[{i}].content: a {m.role} message needs content (null given)",
                               param=f"messages.{i}.content")
        messages = [{"role": m.role, "content": m.text(), **({"timestamp": m.timestamp} if m.timestamp is not None else {})}
                    for m in req.messages if m.role in ("user", "assistant")]
        if not messages or messages[-1]["role"] != "user":
            raise APIError(400, "messages: the last message must come from the user", param="messages")
        chars = sum(len(m["content"]) for m in messages)
        if chars > limits.max_chars:
            raise APIError(400, f"messages: {chars} characters, more than the limit of {limits.max_chars}",
                           param="messages", code="context_length_exceeded")
        max_tokens = req.max_completion_tokens or req.max_tokens
        if max_tokens is not None and max_tokens > limits.max_tokens:
            raise APIError(400, f"max_tokens: at most {limits.max_tokens}", param="max_tokens")
        stops = tuple(self.config.generation.stop) + tuple(req.stop or ())
        params = self.chat.params(temperature=req.temperature, top_p=req.top_p, max_new_tokens=max_tokens,
                                  stop=stops, seed=req.seed)
        return messages, params

    def _admit(self) -> None:
        """Refuse with 503/429 + Retry-After when the model is not ready or the queue is full."""
        if not self.engine.ready:
            raise APIError(503, "the model is loading; retry shortly", type="server_error", code="not_ready",
                           headers={"Retry-After": "5"})
        if self.metrics.in_flight >= self.config.serve.max_queue:
            raise APIError(429, "too many requests in progress; retry shortly", type="rate_limit_error",
                           code="queue_full", headers={"Retry-After": "1"})

    @contextlib.contextmanager
    def _slot(self, check: bool = True):
        """A place in the bounded generation queue for as long as the generation runs."""
        if check:
            self._admit()
        self.metrics.in_flight += 1
        try:
            yield
        finally:
            self.metrics.in_flight -= 1

    def _info(self, plan: TurnPlan, action: str = "none", kinds=(), result: Completion | None = None) -> CalmaInfo:
        adapter = None
        if result is not None:
            adapter = result.adapter
        elif plan.role == "therapeutic":
            adapter = self.engine.describe().get("adapter_version")
        return CalmaInfo(route=plan.route, role=plan.role, careful=plan.careful, crisis=plan.route == "crisis",
                         check_in=plan.route == "check_in", language=plan.language, resources=bool(plan.resources),
                         guard=action, guard_findings=list(kinds), disclosure=plan.disclose, adapter=adapter)

    def _record(self, plan: TurnPlan, model: str, action: str, tokens: int) -> None:
        self.metrics.turn(plan.route, action, tokens)
        if plan.route == "crisis":
            self.crisis_log.record(plan.route, model)

    def model(self, name: str) -> ModelCard:
        """One model card (`GET /v1/models/{id}`, the official client's `models.retrieve`)."""
        for card in self.models().data:
            if card.id == name:
                return card
        raise APIError(404, f"The model '{name}' does not exist; use one of {', '.join(MODEL_NAMES)}",
                       code="model_not_found", param="model")

    def public_info(self) -> dict:
        """What the engine says about itself, without file-system paths (the adapter's path
        stays in the server's log; clients see its version)."""
        info = dict(self.engine.describe())
        adapter = info.pop("adapter", None)
        info["adapter_loaded"] = bool(adapter)
        return info

    def models(self) -> ModelList:
        info = self.public_info()
        note = "adapter %s" % info.get("adapter_version") if info.get("adapter_loaded") else (
            "no adapter promoted: the base model serves both roles")
        cards = [ModelCard(id=name, calma={**info, "role": FORCED_ROLES[name] or "routed", "note": note})
                 for name in MODEL_NAMES]
        return ModelList(data=cards)

    async def _plan(self, messages: list[dict], model: str) -> TurnPlan:
        # The router may run a sentence-embedding classifier: off the event loop.
        return await asyncio.to_thread(self.chat.plan, messages, FORCED_ROLES[model])

    async def _check_prompt(self, plan: TurnPlan, params: SamplingParams) -> None:
        """Refuse (400, with the counts) a prompt over serve.max_prompt_tokens or over the model's
        context minus the reply's max tokens, before it can take a batch slot: characters are
        no measure of tokens (3,200 CJK characters were 8,580 tokens)."""
        count = getattr(self.engine, "prompt_tokens", None)
        if count is None:
            return  # an upstream server applies its own limit
        tokens = await asyncio.to_thread(count, plan.messages)
        limit, why = self.config.serve.max_prompt_tokens, "serve.max_prompt_tokens"
        context = getattr(self.engine, "context_tokens", None)
        if context and context - params.max_new_tokens < limit:
            limit, why = context - params.max_new_tokens, f"the model's context {context} minus max_tokens {params.max_new_tokens}"
        if tokens > limit:
            raise APIError(400, f"messages: {tokens} prompt tokens, more than the limit of {limit} ({why})",
                           param="messages", code="context_length_exceeded")

    # ---- non-streaming -----------------------------------------------------------------
    async def complete(self, req: ChatCompletionRequest,
                       disconnected: Callable[[], Awaitable[bool]] | None = None) -> ChatCompletion:
        messages, params = self._check(req)
        plan = await self._plan(messages, req.model)
        if plan.fixed_reply is not None:
            self._record(plan, req.model, "none", 0)
            return self._completion(req.model, plan, plan.fixed_reply, "stop", Usage(prompt_tokens=0, completion_tokens=0, total_tokens=0))
        await self._check_prompt(plan, params)
        with self._slot():
            result = await self._generate(plan, params, disconnected)
        checked = self.chat.finish(plan, result.text)
        self._record(plan, req.model, checked.action, result.completion_tokens)
        usage = Usage(prompt_tokens=result.prompt_tokens, completion_tokens=result.completion_tokens,
                      total_tokens=result.prompt_tokens + result.completion_tokens)
        return self._completion(req.model, plan, checked.text, result.finish_reason, usage, checked.action,
                                checked.kinds, result)

    def _completion(self, model, plan, text, finish, usage, action="none", kinds=(), result=None) -> ChatCompletion:
        return ChatCompletion(model=model, usage=usage, calma=self._info(plan, action, kinds, result),
                              choices=[Choice(message=AssistantMessage(content=text), finish_reason=finish)])

    async def _generate(self, plan: TurnPlan, params: SamplingParams, disconnected) -> Completion:
        cancel = threading.Event()
        task = asyncio.ensure_future(self.engine.complete(plan.messages, plan.role, params, cancel))
        deadline = time.monotonic() + self.config.serve.request_timeout
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=0.25)
                if done:
                    return task.result()
                if time.monotonic() > deadline:
                    raise APIError(504, "generation took longer than the request timeout", type="server_error",
                                   code="timeout")
                if disconnected is not None and await disconnected():
                    raise APIError(499, "client closed the request", code="client_closed")
        finally:
            if not task.done():
                cancel.set()  # frees the batch slot; the engine finishes the row as "cancelled"
                task.cancel()

    # ---- streaming ---------------------------------------------------------------------
    async def open_stream(self, req: ChatCompletionRequest) -> AsyncIterator[str]:
        """Check and admit now (so errors are real HTTP statuses), then stream SSE lines."""
        messages, params = self._check(req)
        plan = await self._plan(messages, req.model)
        if plan.fixed_reply is not None:
            self._record(plan, req.model, "none", 0)
            return self._sse_fixed(req.model, plan, _wants_usage(req))
        await self._check_prompt(plan, params)
        self._admit()  # refused now, as an HTTP status
        # The slot is counted from admission (a burst cannot overshoot max_queue while streams
        # start); the stream takes it over, or it is given back if the stream never starts.
        self.metrics.in_flight += 1
        reservation = _Reservation(self.metrics)
        asyncio.get_running_loop().call_later(STREAM_START_GRACE, reservation.release)
        return self._sse_generated(req.model, plan, params, reservation, _wants_usage(req))

    def _chunk(self, cid, created, model, delta: Delta, finish=None, info=None) -> str:
        chunk = ChatCompletionChunk(id=cid, created=created, model=model,
                                    choices=[ChunkChoice(delta=delta, finish_reason=finish)], calma=info)
        return f"data: {chunk.model_dump_json(exclude_none=True)}\n\n"

    async def _sse_fixed(self, model: str, plan: TurnPlan, include_usage: bool = False) -> AsyncIterator[str]:
        cid, created = new_id(), int(time.time())
        yield self._chunk(cid, created, model, Delta(role="assistant", content=""), info=self._info(plan))
        yield self._chunk(cid, created, model, Delta(content=plan.fixed_reply))
        yield self._chunk(cid, created, model, Delta(), finish="stop", info=self._info(plan))
        if include_usage:
            yield await self._usage_chunk(cid, created, model, plan, 0)
        yield "data: [DONE]\n\n"

    async def _sse_generated(self, model, plan, params, reservation: "_Reservation",
                             include_usage: bool = False) -> AsyncIterator[str]:
        if not reservation.take():  # started after the grace period: its slot was given back
            self.metrics.in_flight += 1
        try:
            async with contextlib.aclosing(self._sse_body(model, plan, params, include_usage)) as body:
                async for line in body:
                    yield line
        finally:
            self.metrics.in_flight -= 1

    async def _usage_chunk(self, cid, created, model, plan, completion_tokens: int) -> str:
        """`stream_options.include_usage`: a last chunk with no choices and the token counts."""
        count = getattr(self.engine, "prompt_tokens", None)
        prompt = await asyncio.to_thread(count, plan.messages) if count is not None and plan.fixed_reply is None else 0
        usage = Usage(prompt_tokens=prompt, completion_tokens=completion_tokens, total_tokens=prompt + completion_tokens)
        chunk = ChatCompletionChunk(id=cid, created=created, model=model, choices=[], usage=usage)
        return f"data: {chunk.model_dump_json(exclude_none=True)}\n\n"

    async def _sse_body(self, model, plan, params, include_usage: bool = False) -> AsyncIterator[str]:
        cid, created, start = new_id(), int(time.time()), time.monotonic()
        guard, first, tokens, finish = self.chat.stream_guard(), True, 0, "stop"
        pieces = self.engine.stream(plan.messages, plan.role, params)
        with_keepalive = _with_keepalive(pieces, KEEPALIVE_SECONDS)
        try:
            yield self._chunk(cid, created, model, Delta(role="assistant", content=""), info=self._info(plan))
            prefix = self.chat.disclosure_prefix(plan)
            if prefix:
                yield self._chunk(cid, created, model, Delta(content=prefix))
            async with asyncio.timeout(self.config.serve.request_timeout):
                async for piece in with_keepalive:
                    if piece is None:  # nothing decoded for a while (queued): an SSE comment keeps proxies open
                        yield ": keep-alive\n\n"
                        continue
                    tokens += 1
                    if first:
                        self.metrics.observe("ttft", time.monotonic() - start)
                        first = False
                    out = guard.feed(piece)
                    if out:
                        yield self._chunk(cid, created, model, Delta(content=out))
                    if guard.stopped:
                        break
            tail = guard.close() + self.chat.resources_suffix(plan)
            if tail:
                yield self._chunk(cid, created, model, Delta(content=tail))
            if tokens >= params.max_new_tokens:
                finish = "length"
            yield self._chunk(cid, created, model, Delta(), finish=finish, info=self._info(plan, guard.action, guard.kinds))
            if include_usage:
                yield await self._usage_chunk(cid, created, model, plan, tokens)
            yield "data: [DONE]\n\n"
        except TimeoutError:
            yield _sse_error("generation took longer than the request timeout", "timeout")
        except APIError as exc:  # e.g. the upstream server failed after the stream started
            yield _sse_error(exc.message, exc.code)
        except Exception as exc:  # headers are sent: report in-band, like OpenAI does
            log.error("generation failed during a stream: %s", type(exc).__name__)
            yield _sse_error("internal error during generation", "internal_error")
        finally:
            await with_keepalive.aclose()
            await pieces.aclose()  # stops generation when the client disconnected
            self._record(plan, model, guard.action, tokens)
            self.metrics.observe("total", time.monotonic() - start)
