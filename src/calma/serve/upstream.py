"""An engine that generates with an OpenAI-compatible server (vLLM, llama.cpp, another Calma).

For scale, vLLM serves the base model with the adapter as a LoRA module; Calma stays in
front with the same auth, crisis gate, router and output guard, and only asks upstream for
text: the therapeutic role maps to the LoRA module's name, the casual role to the base.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import AsyncIterator

import httpx

from calma.serve.decoding import Completion, SamplingParams
from calma.serve.service import APIError


class UpstreamEngine:
    def __init__(self, url: str, config, client: httpx.AsyncClient | None = None):
        base = url.rstrip("/")
        self.url = base if base.endswith("/v1") else base + "/v1"
        self.name = f"upstream {self.url}"
        self.models = {
            "therapeutic": config.serve.upstream_therapeutic_model,
            "casual": config.serve.upstream_casual_model or config.model.name,
        }
        key = os.environ.get("CALMA_UPSTREAM_API_KEY", "")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.client = client or httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(config.serve.request_timeout))

    @property
    def ready(self) -> bool:
        return True

    def describe(self) -> dict:
        return {"engine": "upstream", "url": self.url, "base_model": self.models["casual"],
                "adapter": self.models["therapeutic"], "adapter_version": self.models["therapeutic"]}

    def use_adapter(self, path: Path | None, version: str | None = None) -> None:
        """Adapters live upstream (vLLM --lora-modules); nothing to swap here."""

    def close(self) -> None:
        pass

    def _body(self, messages, role, params: SamplingParams, stream: bool) -> dict:
        body = {"model": self.models[role], "messages": messages, "temperature": params.temperature,
                "top_p": params.top_p, "max_tokens": params.max_new_tokens, "stream": stream,
                "repetition_penalty": params.repetition_penalty}
        if params.stop:
            body["stop"] = list(params.stop)[:4]
        if params.seed is not None:
            body["seed"] = params.seed
        return body

    @staticmethod
    def _failed(status: int) -> APIError:
        return APIError(502, f"the upstream model server answered HTTP {status}", type="server_error",
                        code="upstream_error")

    async def complete(self, messages, role, params, cancel=None) -> Completion:
        try:
            response = await self.client.post(f"{self.url}/chat/completions", json=self._body(messages, role, params, False))
        except httpx.HTTPError as exc:
            raise APIError(502, f"the upstream model server is unreachable ({type(exc).__name__})",
                           type="server_error", code="upstream_unreachable") from None
        if response.status_code != 200:
            raise self._failed(response.status_code)
        data = response.json()
        choice, usage = data["choices"][0], data.get("usage") or {}
        return Completion(choice["message"].get("content") or "", usage.get("prompt_tokens", 0),
                          usage.get("completion_tokens", 0), choice.get("finish_reason") or "stop",
                          self.models[role] if role == "therapeutic" else None)

    async def stream(self, messages, role, params) -> AsyncIterator[str]:
        body = self._body(messages, role, params, True)
        try:
            async with self.client.stream("POST", f"{self.url}/chat/completions", json=body) as response:
                if response.status_code != 200:
                    raise self._failed(response.status_code)
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    payload = line[5:].strip()
                    if payload == "[DONE]":
                        break
                    for choice in json.loads(payload).get("choices", []):
                        piece = (choice.get("delta") or {}).get("content")
                        if piece:
                            yield piece
        except httpx.HTTPError as exc:
            raise APIError(502, f"the upstream model server failed ({type(exc).__name__})", type="server_error",
                           code="upstream_unreachable") from None
