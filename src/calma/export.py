"""`calma export`: an adapter (or the base model) in the form another runtime loads.

- ``merged``: the adapter merged into the base weights (peft ``merge_and_unload``), saved as
  safetensors with the tokenizer and its chat template: plain transformers (or vLLM) load it,
  no peft needed;
- ``gguf-lora``: the adapter alone as a GGUF LoRA file (``adapter.gguf``) for
  ``llama-server --lora`` / ``llama-cli --lora``, with the rsLoRA scale written so that llama.cpp
  applies what peft applies (the converter of the llama.cpp engine, `calma.serve.gguf_lora`; it
  knows Llama-style projection names: q/k/v/o, gate/up/down).

Every export has a model card (README.md: base model, data fingerprint, training settings, the
evaluation's headline numbers, and the note that the model must run behind Calma's crisis
gate). Output is written into a hidden sibling folder and renamed into place at the end, so a
failure never leaves half an export. ``--push-to-hub REPO`` uploads the folder with
huggingface_hub and the usual login.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from calma.atomic import staged_folder
from calma.errors import CalmaError

FORMATS = ("merged", "gguf-lora")
SAFETY_NOTE = (
    "This model is one half of a counseling app built with Calma. It is not a therapist and it is not "
    "safe on its own: every user message must go through Calma's crisis gate (`calma serve`), which "
    "answers people in crisis with fixed, pre-written resources instead of generated text, and every "
    "reply through its output guard. Do not expose it to users without them."
)


def say(message: str) -> None:
    print(f"calma export: {message}", file=sys.stderr, flush=True)


def _evaluation(adapter: Path) -> dict:
    """report.json of `calma evaluate` next to OUT/final, when there is one."""
    for folder in (adapter.parent / "evaluation", adapter.with_name(f"{adapter.name}-evaluation")):
        try:
            return json.loads((folder / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return {}


def model_card(base: str, adapter_info, fmt: str, files: list[str]) -> str:
    """README.md for an export: what it is, where it came from, how good it is, how to run it."""
    meta = adapter_info.meta if adapter_info else {}
    lines = ["---", "library_name: " + ("transformers" if fmt == "merged" else "gguf"), "tags: [calma, counseling, lora]", "---", "",
             f"# Calma export ({fmt})", "",
             f"- base model: `{base}`",
             f"- adapter: `{adapter_info.path}`" if adapter_info else "- adapter: none (the base model as it is)"]
    if adapter_info:
        lines.append(f"- training data fingerprint: `{adapter_info.data_fingerprint}`")
        train, lora = meta.get("train") or {}, meta.get("lora") or {}
        keys = ("epochs", "learning_rate", "weight_decay", "max_grad_norm", "lr_scheduler", "warmup_ratio", "batch_size",
                "early_stopping_patience")
        if train:
            lines.append("- training: " + ", ".join(f"{k} {train[k]}" for k in keys if k in train))
        if lora:
            lines.append("- LoRA: " + ", ".join(f"{k} {lora[k]}" for k in ("r", "alpha", "dropout", "use_rslora") if k in lora))
        if meta.get("global_step") is not None:
            stop = (meta.get("early_stopping") or {})
            lines.append(f"- steps: {meta['global_step']} of {meta.get('max_steps')}; best step {stop.get('best_step')}; "
                         f"stopped early: {meta.get('stopped_early')}")
        report = _evaluation(adapter_info.path)
        if report:
            losses = report["losses"]["adapter"]
            lines += ["", "## Evaluation (`calma evaluate`)", "",
                      f"- validation loss {losses['validation']['mean']:.4f}, test loss {losses['test']['mean']:.4f}; "
                      f"verdict: {report['verdict']['text']}"]
            gain = (report.get("improvement_over_base") or {}).get("test")
            if gain:
                lines.append(f"- test loss gain over the base model: {gain['value']:+.4f} [{gain['low']:+.4f}, {gain['high']:+.4f}]")
            ready = report.get("readiness")
            if ready:
                lines.append(f"- ready to promote: {'yes' if ready['ready'] else 'no'}"
                             + ("" if ready["ready"] else " (" + "; ".join(ready["reasons"]) + ")"))
        else:
            lines += ["", "No `calma evaluate` report was found next to the adapter."]
    lines += ["", "## Safety", "", SAFETY_NOTE, "", "## Files", ""] + [f"- `{name}`" for name in files]
    if fmt == "merged":
        lines += ["", "```python", "from transformers import AutoModelForCausalLM, AutoTokenizer",
                  "model = AutoModelForCausalLM.from_pretrained(PATH); tokenizer = AutoTokenizer.from_pretrained(PATH)", "```"]
    else:
        lines += ["", "```bash", f"llama-server -m BASE.gguf --lora adapter.gguf   # BASE.gguf: `{base}` as GGUF", "```"]
    return "\n".join(lines) + "\n"


def export(adapter: str, fmt: str, output: str | Path, config, push_to_hub: str | None = None, private: bool = False) -> Path:
    """Write `adapter` (a peft folder, or "base") as `fmt` into `output`; returns the folder."""
    from calma.evaluate.loading import BASE, read_adapter_info

    if fmt not in FORMATS:
        raise CalmaError(f"--format {fmt}: unknown; use one of {', '.join(FORMATS)}")
    info = None if adapter == BASE else read_adapter_info(adapter)
    if info is None and fmt == "gguf-lora":
        raise CalmaError("--format gguf-lora needs an adapter folder ('base' has no adapter to convert)")
    base = (info.base_model if info else None) or config.model.name
    output = Path(output).expanduser()
    with staged_folder(output) as staging:
        if fmt == "merged":
            files = _merged(base, info, staging, config)
        else:
            files = _gguf_lora(base, info, staging, config)
        (staging / "README.md").write_text(model_card(base, info, fmt, files), encoding="utf-8")
    say(f"{fmt} export written to {output}")
    if push_to_hub:
        _push(output, push_to_hub, private)
    return output


def _merged(base: str, info, folder: Path, config) -> list[str]:
    from calma.models import load_base_model, load_tokenizer

    say(f"loading {base}" + (f" with {info.path}" if info else ""))
    model = load_base_model(base, cache_dir=config.model.cache_dir)
    if info is not None:
        from peft import PeftModel

        try:
            model = PeftModel.from_pretrained(model, str(info.path))
        except (RuntimeError, ValueError) as exc:
            raise CalmaError(f"{info.path}: cannot load on '{base}' ({str(exc).splitlines()[0][:200]})") from None
        model = model.merge_and_unload()
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer = load_tokenizer(base, cache_dir=config.model.cache_dir)
    if not getattr(tokenizer, "chat_template", None):
        raise CalmaError(f"{base}: its tokenizer has no chat template to export")
    tokenizer.save_pretrained(folder)
    return sorted(p.name for p in folder.iterdir())


def _gguf_lora(base: str, info, folder: Path, config) -> list[str]:
    from transformers import AutoConfig

    from calma.models import resolve_model
    from calma.serve.gguf_lora import convert

    model_config = AutoConfig.from_pretrained(resolve_model(base, config.model.cache_dir))
    heads = model_config.num_attention_heads
    convert(info.path, folder / "adapter.gguf", heads, getattr(model_config, "num_key_value_heads", heads))
    return ["adapter.gguf"]


def _push(folder: Path, repo: str, private: bool) -> None:
    try:
        from huggingface_hub import HfApi

        api = HfApi()
        api.create_repo(repo, private=private, exist_ok=True)
        api.upload_folder(folder_path=str(folder), repo_id=repo)
    except Exception as exc:  # noqa: BLE001 - no network, no login, no rights: one line
        raise CalmaError(f"--push-to-hub {repo}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''} "
                         f"(the export itself is in {folder})") from None
    say(f"pushed {folder} to https://huggingface.co/{repo}")


# ---------------------------------------------------------------- command


def register(subparsers) -> None:
    from calma.cli_options import add_config_options

    parser = subparsers.add_parser("export", help="write an adapter as a merged model or a GGUF LoRA for other runtimes",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("adapter", help="adapter folder (OUT/final), or 'base' for the base model alone")
    parser.add_argument("--format", required=True, choices=FORMATS, help="merged (safetensors) or gguf-lora")
    parser.add_argument("--output", required=True, type=Path, help="folder to write (replaced atomically)")
    parser.add_argument("--push-to-hub", metavar="REPO", help="upload the export to this Hugging Face repository")
    parser.add_argument("--private", action="store_true", help="with --push-to-hub: create the repository private")
    add_config_options(parser, example="model.cache_dir=/models")
    parser.set_defaults(handler=run_export)


def run_export(args) -> int:
    from calma.cli_options import config_from_args, print_config

    config = config_from_args(args, {})
    if args.print_config:
        print_config(config)
        return 0
    export(args.adapter, args.format, args.output, config, push_to_hub=args.push_to_hub, private=args.private)
    return 0
