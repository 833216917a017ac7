"""An optional engine on llama.cpp (llama-cpp-python), for fast batch-1 decoding on a CPU.

The embedded model ships as a Q4_1 GGUF: llama.cpp reads those 4-bit weights directly with
its own AVX2 kernels, ~100 MB per token instead of the 540 MB of fp32 weights, and decodes
the embedded model ~100 tokens/s on 2 cores where transformers manages 17-33. The therapeutic
role is the same base with the LoRA adapter applied at run time (converted once to a GGUF
LoRA file by `calma.serve.gguf_lora`); the casual role runs with no adapter set. One copy of
the base weights, as in the transformers engine.

What it does not do: batch concurrent requests (llama-cpp-python's `Llama` decodes one
sequence), so requests are served one after another; throughput under load stays that of
one client. Install: `make llamacpp` (builds llama.cpp from source, ~10-25 min on 2 cores) or
`pip install 'calma[llamacpp]'`. Select it with `serve.engine: llamacpp`.
"""

from __future__ import annotations

import ctypes
import logging
import os
from concurrent.futures import Future
from pathlib import Path

from calma.errors import CalmaError
from calma.serve.decoding import Row, accept_token
from calma.serve.engine import Role, TransformersEngine, check_adapter_dir

log = logging.getLogger("calma.serve")
INSTALL_HINT = "run `make llamacpp` or `pip install 'calma[llamacpp]'`"


def llama_cpp_module():
    try:
        import llama_cpp
    except ImportError:
        raise CalmaError(f"serve.engine=llamacpp needs the llama-cpp-python package: {INSTALL_HINT}") from None
    return llama_cpp


def default_gguf(model_name: str) -> Path:
    from calma.models.resolve import EMBEDDED_ALIASES, embedded_gguf_path

    if model_name not in EMBEDDED_ALIASES:
        raise CalmaError(f"serve.gguf: the llama.cpp engine needs a GGUF file of {model_name} (set serve.gguf)")
    return embedded_gguf_path()


class LlamaCppEngine(TransformersEngine):
    """The engine interface of `TransformersEngine` on llama.cpp: one request at a time."""

    def __init__(self, model_name: str, adapter: Path | None = None, *, gguf: Path | None = None,
                 cache_dir: Path | None = None, adapter_version: str | None = None, num_threads: int | None = None,
                 context: int = 8192, **_ignored):
        self.gguf_path = Path(gguf) if gguf else default_gguf(model_name)
        if not self.gguf_path.is_file():
            raise CalmaError(f"{self.gguf_path}: GGUF file not found (serve.gguf)")
        self.threads = num_threads or min(os.cpu_count() or 1, 8)
        self.context = context
        self.llm = self._lora = None
        self._weights_role: str | None = None  # the role whose weights made the KV cache
        super().__init__(model_name, adapter, device="cpu", cache_dir=cache_dir, max_batch=1, batch_window_ms=0,
                         adapter_version=adapter_version)

    # ---- loading -------------------------------------------------------------------------
    def _load(self, adapter: Path | None, version: str | None) -> None:
        from calma.models import load_tokenizer

        llama_cpp = llama_cpp_module()
        self.tokenizer = load_tokenizer(self.name, self.cache_dir)
        self.llm = llama_cpp.Llama(str(self.gguf_path), n_ctx=self.context, n_threads=self.threads,
                                   n_threads_batch=self.threads, verbose=False)
        meta = self.llm.metadata
        arch = meta.get("general.architecture", "llama")
        self.heads = int(meta.get(f"{arch}.attention.head_count", 0))
        self.kv_heads = int(meta.get(f"{arch}.attention.head_count_kv", self.heads))
        self.eos_ids = {i for i in (self.tokenizer.eos_token_id, self.llm.token_eos()) if i is not None and i >= 0}
        self.torch_dtype, self.quantized = None, "gguf"
        self._warm_up()
        if adapter is not None:
            self._attach(adapter, version)

    def _warm_up(self) -> None:
        """llama.cpp repacks the weights for its kernels on the first decode (seconds): pay it
        at start-up, not in the first user's time to first token."""
        ids = self.tokenizer.encode("Hello")
        list(zip(range(2), self.llm.generate(ids, temp=0.0)))
        self.llm.reset()

    def _attach(self, path: Path, version: str | None) -> None:
        from calma.models.resolve import calma_home
        from calma.serve.gguf_lora import cached_gguf_lora

        llama_cpp = llama_cpp_module()
        path = check_adapter_dir(path)
        lora_file = cached_gguf_lora(path, calma_home() / "gguf-lora", self.heads, self.kv_heads)
        handle = llama_cpp.llama_adapter_lora_init(self.llm._model.model, str(lora_file).encode("utf-8"))
        if not handle:
            raise CalmaError(f"{path}: llama.cpp refused the adapter (is it for another base model?)")
        old, self._lora = self._lora, handle
        self._weights_role = None
        if old:
            self._set_adapters(None)
            llama_cpp.llama_adapter_lora_free(old)
        self.adapter_path, self.adapter_version = path, version or path.name

    def _detach(self) -> None:
        if self._lora:
            self._set_adapters(None)
            llama_cpp_module().llama_adapter_lora_free(self._lora)
        self._lora, self._weights_role = None, None
        self.adapter_path = self.adapter_version = None

    def _set_adapters(self, handle) -> None:
        llama_cpp = llama_cpp_module()
        if handle is None:
            status = llama_cpp.llama_set_adapters_lora(self.llm._ctx.ctx, None, 0, None)
        else:
            handles = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(handle)
            status = llama_cpp.llama_set_adapters_lora(self.llm._ctx.ctx, handles, 1, (ctypes.c_float * 1)(1.0))
        if status != 0:
            raise CalmaError(f"llama.cpp could not set the LoRA adapter (status {status})")

    def _use_role(self, role: Role) -> None:
        """Adapter on for therapeutic, off for casual; a cache made with other weights is dropped."""
        if role == self._weights_role:
            return
        self._set_adapters(self._lora if role == "therapeutic" else None)
        self.llm.reset()
        self._weights_role = role

    @property
    def context_tokens(self) -> int | None:
        return self.context

    # ---- generation ----------------------------------------------------------------------
    def _run_group(self, role: Role, jobs) -> None:
        for job in jobs:
            if job.cancel.is_set():
                continue
            try:
                self._use_role(role)
                row = self._row(job)
                self._decode(row)
            except BaseException as exc:  # one failed request must not kill the worker thread
                log.error("generation failed: %s", type(exc).__name__)
                if not job.future.done():
                    job.future.set_exception(exc)
                continue

    def _decode(self, row: Row) -> None:
        p = row.params
        if len(row.prompt_ids) + 1 > self.context:
            raise CalmaError(f"the conversation is {len(row.prompt_ids)} tokens; this engine's context is {self.context}")
        if p.seed is not None:
            self.llm.set_seed(p.seed)
        # The KV cache of the previous request is reused up to the longest common prefix (the
        # system prompt, earlier turns of the same conversation): prompt reading is this engine's
        # slow part (~3.5 ms a token here, 0.28 s for 80 tokens). The price: a reply may differ in
        # the last digits of its logits with what the cache held (a reused prefix is read by
        # other kernels than a whole prompt), so greedy replies can differ between a cold and a
        # warm cache. The cache never crosses roles (`_use_role` drops it).
        tokens = self.llm.generate(row.prompt_ids, temp=max(p.temperature, 0.0), top_p=p.top_p, top_k=0, min_p=0.0,
                                   repeat_penalty=p.repetition_penalty, reset=True)
        budget = min(p.max_new_tokens, self.context - len(row.prompt_ids))
        for token in tokens:
            if not accept_token(row, token, self.eos_ids, self.tokenizer, budget):
                break
        row.finish_reason = row.finish_reason or "length"
        row.on_done(row.completion())

    def last_logits(self, messages: list[dict], role: Role):
        """Next-token logits for a conversation in a role (tests: the adapter changes them)."""
        import numpy as np
        import torch

        done: Future = Future()

        def probe() -> None:  # on the worker thread, like every other use of the context
            self._use_role(role)
            self.llm.reset()
            self.llm.eval(self._prompt_ids(messages))
            pointer = llama_cpp_module().llama_get_logits_ith(self.llm._ctx.ctx, -1)
            done.set_result(torch.from_numpy(np.ctypeslib.as_array(pointer, shape=(self.llm.n_vocab(),)).copy()))
            self.llm.reset()

        self._jobs.put(("call", probe, done))
        return done.result()

    def describe(self) -> dict:
        return {
            "engine": "llama.cpp", "base_model": self.name, "gguf": str(self.gguf_path), "device": "cpu",
            "threads": self.threads, "adapter": str(self.adapter_path) if self.adapter_path else None,
            "adapter_version": self.adapter_version,
        }

    def close(self) -> None:
        super().close()
        if self.llm is not None:
            self._detach()
            self.llm.close()
            self.llm = None
