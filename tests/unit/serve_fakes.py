"""A scripted engine for the service tests: no model, same interface as the real engines."""

from __future__ import annotations

import asyncio
import threading
import time

from calma.serve.decoding import Completion


class FakeEngine:
    name = "fake"

    def __init__(self, reply: str = "That sounds hard. What helps you most on days like this?", delay: float = 0.0):
        self.reply, self.delay = reply, delay
        self.calls: list[tuple[str, list[dict]]] = []
        self.is_ready = True
        self.adapter_version: str | None = None
        self.cancelled = 0
        self.closed_streams = 0

    @property
    def ready(self) -> bool:
        return self.is_ready

    def describe(self) -> dict:
        return {"engine": "fake", "base_model": "fake-base", "adapter": self.adapter_version,
                "adapter_version": self.adapter_version}

    def use_adapter(self, path, version=None) -> None:
        self.adapter_version = version

    def close(self) -> None:
        pass

    def _text(self, params) -> str:
        words = self.reply.split(" ")
        return " ".join(words[: params.max_new_tokens])

    async def complete(self, messages, role, params, cancel=None) -> Completion:
        self.calls.append((role, messages))
        self.last_cancel = cancel
        start = time.monotonic()
        try:
            while time.monotonic() - start < self.delay:
                if cancel is not None and cancel.is_set():
                    self.cancelled += 1
                    return Completion("", 1, 0, "cancelled")
                await asyncio.sleep(0.01)
        except asyncio.CancelledError:  # the service cancels the task after setting `cancel`
            if cancel is not None and cancel.is_set():
                self.cancelled += 1
            raise
        text = self._text(params)
        return Completion(text, 7, len(text.split(" ")), "stop")

    async def stream(self, messages, role, params):
        self.calls.append((role, messages))
        try:
            words = self._text(params).split(" ")
            for i, word in enumerate(words):
                await asyncio.sleep(self.delay / max(1, len(words)))
                yield word if i == 0 else " " + word
        finally:
            self.closed_streams += 1


class BlockingEngine(FakeEngine):
    """Holds every generation until `release` is set (to fill the queue)."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    async def complete(self, messages, role, params, cancel=None) -> Completion:
        self.calls.append((role, messages))
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return Completion("ok", 1, 1, "stop")
