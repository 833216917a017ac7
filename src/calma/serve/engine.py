"""The built-in engine: one base model in memory serving both roles, with continuous batching.

The therapeutic role is the base model with the LoRA adapter enabled; the casual role is the
same weights with the adapter disabled (peft's ``disable_adapter()``), so there is never a
second copy of the model. Every forward pass runs on one worker thread: it collects requests
for a few milliseconds, groups them by role and decodes each group as one padded batch that
later requests of the same role join between decoding steps, so an asyncio server never
blocks and concurrent clients share the matrix multiplications. Swapping the adapter (a
promotion) is queued on the same thread, so it happens between batches and no request ever
sees half an adapter. On CPU the frozen base is int8 weight-only (`calma.serve.quant`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Iterator, Literal, Protocol

from calma.errors import CalmaError
from calma.models import pick_device
from calma.serve.decoding import Completion, Row, SamplingParams, generate_batch
from calma.serve.quant import quantize_int8, resolve_quantize

log = logging.getLogger("calma.serve")
Role = Literal["therapeutic", "casual"]
ROLES: tuple[Role, ...] = ("therapeutic", "casual")


class Engine(Protocol):
    """What the chat service needs from a backend (built-in model, upstream server, test fake)."""

    name: str

    @property
    def ready(self) -> bool: ...

    def describe(self) -> dict: ...

    async def complete(self, messages: list[dict], role: Role, params: SamplingParams,
                       cancel: threading.Event | None = None) -> Completion: ...

    def stream(self, messages: list[dict], role: Role, params: SamplingParams) -> AsyncIterator[str]: ...

    def use_adapter(self, path: Path | None, version: str | None = None) -> None: ...

    def close(self) -> None: ...


def adapter_base_model(path: Path) -> str | None:
    """The base model an adapter was trained on: calma.json first, then peft's adapter_config."""
    for name, keys in (("calma.json", ("base_model", "model", "base")), ("adapter_config.json", ("base_model_name_or_path",))):
        file = Path(path) / name
        if file.is_file():
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                raise CalmaError(f"{file}: not valid JSON") from None
            for key in keys:
                value = data.get(key)
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str) and value:
                    return value
    return None


def check_adapter_dir(path: Path) -> Path:
    path = Path(path)
    if not path.is_dir():
        raise CalmaError(f"{path}: adapter folder not found")
    if not (path / "adapter_config.json").is_file():
        raise CalmaError(f"{path}: not a LoRA adapter folder (no adapter_config.json)")
    return path


def pick_dtype(name: str, device: str):
    """bf16 where it is measured faster (GPUs); on CPU without bf16 units fp32 batches better."""
    import torch

    table = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
    if name != "auto":
        return table[name]
    return torch.bfloat16 if device == "cuda" else torch.float32


@dataclass
class _Job:
    messages: list[dict]
    role: Role
    params: SamplingParams
    on_text: object = None
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future = field(default_factory=Future)


class TransformersEngine:
    """One base model (+ optional LoRA adapter) on CPU or GPU, batched on a worker thread."""

    def __init__(self, model_name: str, adapter: Path | None = None, *, device: str = "auto",
                 dtype: str = "auto", cache_dir: Path | None = None, batch_window_ms: float = 5.0,
                 max_batch: int = 8, adapter_version: str | None = None, num_threads: int | None = None,
                 quantize: str = "auto"):
        self.name = model_name
        self.device = pick_device(device, "serve.device")
        self.dtype_name = dtype
        self.quantize_setting = quantize
        self.quantized = "none"
        self.cache_dir = cache_dir
        self.batch_window = batch_window_ms / 1000
        self.max_batch = max_batch
        self.adapter_path: Path | None = None
        self.adapter_version: str | None = None
        self.batches = 0
        self.batched_requests = 0
        self.generated_tokens = 0
        self._jobs: queue.Queue = queue.Queue()
        self._deferred: collections.deque = collections.deque()  # only the worker thread touches it
        self._closed = False
        if num_threads:
            import torch

            torch.set_num_threads(num_threads)  # process-wide: the engine is the process's main work
        self._load(adapter, adapter_version)
        self._thread = threading.Thread(target=self._worker, name="calma-engine", daemon=True)
        self._thread.start()

    # ---- loading -------------------------------------------------------------------------
    def _load(self, adapter: Path | None, version: str | None) -> None:
        from calma.models import load_base_model, load_tokenizer

        self.torch_dtype = pick_dtype(self.dtype_name, self.device)
        self.tokenizer = load_tokenizer(self.name, self.cache_dir)
        base = load_base_model(self.name, self.cache_dir, dtype=self.torch_dtype, device=self.device)
        base.eval()
        self.quantized = resolve_quantize(self.quantize_setting, self.device, self.torch_dtype)
        if self.quantized == "int8":
            log.info("int8 weight-only base: %d linear layers", quantize_int8(base))
        self.model = base
        self.eos_ids = self._eos_ids(base)
        if adapter is not None:
            self._attach(adapter, version)

    def _eos_ids(self, model) -> set[int]:
        ids = {self.tokenizer.eos_token_id}
        configured = getattr(model.generation_config, "eos_token_id", None)
        ids.update(configured if isinstance(configured, list) else [configured])
        return {i for i in ids if i is not None}

    def _attach(self, path: Path, version: str | None) -> None:
        """Load an adapter as a new named peft adapter, switch to it, then drop the old one."""
        from peft import PeftModel

        path = check_adapter_dir(path)
        name = f"v{int(time.time() * 1000)}"
        if hasattr(self.model, "peft_config"):
            old = self.model.active_adapter
            self.model.load_adapter(str(path), adapter_name=name)
            self.model.set_adapter(name)
            self.model.delete_adapter(old)
        else:
            self.model = PeftModel.from_pretrained(self.model, str(path), adapter_name=name)
        self.model.eval()
        self.adapter_path, self.adapter_version = path, version or path.name

    def _detach(self) -> None:
        if hasattr(self.model, "peft_config"):
            self.model = self.model.unload()  # the base weights, untouched (LoRA was never merged)
        self.adapter_path = self.adapter_version = None

    # ---- public API ----------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return not self._closed

    @property
    def has_adapter(self) -> bool:
        return self.adapter_path is not None

    def describe(self) -> dict:
        return {
            "engine": "transformers", "base_model": self.name, "device": self.device,
            "dtype": str(self.torch_dtype).replace("torch.", ""), "quantize": self.quantized,
            "adapter": str(self.adapter_path) if self.adapter_path else None,
            "adapter_version": self.adapter_version,
        }

    def use_adapter(self, path: Path | None, version: str | None = None) -> None:
        """Swap (or remove) the adapter between batches; blocks until done, raises on failure."""
        future: Future = Future()
        self._jobs.put(("swap", path, version, future))
        future.result()

    def submit(self, messages: list[dict], role: Role, params: SamplingParams, on_text=None,
               cancel: threading.Event | None = None) -> Future:
        if self._closed:
            raise CalmaError("the engine is closed")
        job = _Job(messages, role, params, on_text, cancel or threading.Event())
        self._jobs.put(("job", job))
        return job.future

    def generate(self, messages: list[dict], role: Role, params: SamplingParams) -> Completion:
        return self.submit(messages, role, params).result()

    def stream_sync(self, messages: list[dict], role: Role, params: SamplingParams) -> Iterator[str]:
        """Text pieces as they are decoded, for the terminal chat; closing it stops generation."""
        pieces: queue.Queue = queue.Queue()
        cancel = threading.Event()
        future = self.submit(messages, role, params, pieces.put, cancel)
        future.add_done_callback(lambda _: pieces.put(None))
        try:
            while (piece := pieces.get()) is not None:
                yield piece
            future.result()
        finally:
            cancel.set()

    async def complete(self, messages, role, params, cancel=None) -> Completion:
        return await asyncio.wrap_future(self.submit(messages, role, params, None, cancel))

    async def stream(self, messages, role, params) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        pieces: asyncio.Queue = asyncio.Queue()
        cancel = threading.Event()

        def on_text(piece: str) -> None:
            loop.call_soon_threadsafe(pieces.put_nowait, piece)

        future = self.submit(messages, role, params, on_text, cancel)
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(pieces.put_nowait, None))
        try:
            while (piece := await pieces.get()) is not None:
                yield piece
            future.result()
        finally:
            cancel.set()  # the client went away or the consumer stopped: free the batch slot

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._jobs.put(("stop",))
            self._thread.join(timeout=30)

    # ---- worker thread -------------------------------------------------------------------
    def _next(self, timeout: float | None = None):
        """The next queue item, items set aside while a batch of the other role ran first."""
        if self._deferred:
            return self._deferred.popleft()
        return self._jobs.get(timeout=timeout)

    def _worker(self) -> None:
        while True:
            item = self._next()
            if item[0] == "stop":
                return
            if item[0] == "swap":
                self._swap(*item[1:])
                continue
            if item[0] == "call":
                self._call(*item[1:])
                continue
            jobs = [item[1]]
            deadline = time.monotonic() + self.batch_window
            while len(jobs) < self.max_batch:
                try:
                    nxt = self._next(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if nxt[0] != "job":
                    self._deferred.appendleft(nxt)
                    break
                jobs.append(nxt[1])
            self._run(jobs)

    @staticmethod
    def _call(fn, future: Future) -> None:
        """Run `fn` on the worker thread, between batches (the model is never shared)."""
        try:
            fn()
        except BaseException as exc:
            if not future.done():
                future.set_exception(exc)

    def _swap(self, path, version, future: Future) -> None:
        try:
            if path is None:
                self._detach()
            else:
                self._attach(Path(path), version)
            future.set_result(None)
        except BaseException as exc:  # keep serving the old adapter; the caller sees why
            future.set_exception(exc)

    def _run(self, jobs: list[_Job]) -> None:
        for role in ROLES:
            group = [j for j in jobs if j.role == role and not j.cancel.is_set()]
            if group:
                self._run_group(role, group)
        for job in jobs:
            if job.cancel.is_set() and not job.future.done():
                job.future.set_result(Completion("", 0, 0, "cancelled"))

    def _admit(self, role: Role, free: int, running: list[_Job]) -> list[Row]:
        """Requests that arrived while a batch of `role` runs join it (continuous batching).
        Anything else waiting (the other role, a swap, stop) ends admission, so the batch
        drains and nothing waits behind an endless stream of one role."""
        if self._deferred:
            return []
        rows = []
        while len(rows) < free:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item[0] != "job" or item[1].role != role:
                self._deferred.append(item)
                break
            job = item[1]
            if job.cancel.is_set():
                job.future.set_result(Completion("", 0, 0, "cancelled"))
                continue
            row = self._row_or_fail(job)
            if row is None:
                continue
            running.append(job)
            rows.append(row)
        if rows:
            self.batched_requests += len(rows)
        return rows

    def _row_or_fail(self, job: _Job) -> Row | None:
        """The job's row, or None after failing that job alone (its prompt or settings are
        unusable): one bad request must never end the others of its batch."""
        try:
            return self._row(job)
        except Exception as exc:  # noqa: BLE001 - reported to that request's caller only
            log.error("request refused by the engine: %s", type(exc).__name__)
            if not job.future.done():
                job.future.set_exception(exc)
            return None

    def _row(self, job: _Job) -> Row:
        role = job.role
        if job.params.seed is not None:  # fails here, for this request, not inside the batch
            import torch

            torch.Generator(device=self.device).manual_seed(job.params.seed)

        def done(result: Completion) -> None:
            result.adapter = self.adapter_version if role == "therapeutic" else None
            self.generated_tokens += result.completion_tokens
            if not job.future.done():
                job.future.set_result(result)

        return Row(self._prompt_ids(job.messages), job.params, job.on_text, job.cancel, on_done=done)

    def _run_group(self, role: Role, jobs: list[_Job]) -> None:
        running = list(jobs)
        self.batches += 1  # counted before any row can finish: a caller woken by its result sees it
        self.batched_requests += len(jobs)
        try:
            rows = [row for row in (self._row_or_fail(j) for j in jobs) if row is not None]
            running = [j for j in running if not j.future.done()]
            if not rows:
                return
            with self._role(role):
                generate_batch(self.model, self.tokenizer, rows, self.eos_ids, max_rows=self.max_batch,
                               admit=lambda free: self._admit(role, free, running))
        except BaseException as exc:  # one bad batch must not kill the worker thread
            log.error("generation failed: %s", type(exc).__name__)
            for job in running:
                if not job.future.done():
                    job.future.set_exception(exc)
            return
        for job in running:  # a row always ends through on_done; this only guards the contract
            if not job.future.done():
                job.future.set_result(Completion("", 0, 0, "cancelled"))

    def _role(self, role: Role):
        if role == "casual" and hasattr(self.model, "disable_adapter"):
            return self.model.disable_adapter()
        return contextlib.nullcontext()

    def _prompt_ids(self, messages: list[dict]) -> list[int]:
        ids = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
        if isinstance(ids, dict) or hasattr(ids, "keys"):
            ids = ids["input_ids"]
        return list(ids)

    def prompt_tokens(self, messages: list[dict]) -> int:
        """Tokens of the prompt these messages make (the service limits them before admission)."""
        return len(self._prompt_ids(messages))

    @property
    def context_tokens(self) -> int | None:
        return getattr(getattr(self.model, "config", None), "max_position_embeddings", None)

    def last_logits(self, messages: list[dict], role: Role):
        """Next-token logits for a conversation in a role (tests: the adapter changes them)."""
        import torch

        ids = torch.tensor([self._prompt_ids(messages)], device=self.device)
        with torch.inference_mode(), self._role(role):
            return self.model(input_ids=ids).logits[0, -1].float().cpu()
