"""`calma export`: an adapter (or the base model) in the form another runtime loads.

- ``merged``: the adapter merged into the base weights (peft ``merge_and_unload``), saved as
  safetensors with the tokenizer and its chat template: plain transformers (or vLLM) load it,
  no peft needed;
- ``gguf``: the merged model as one GGUF file (``model.gguf``; ``--quant q8_0`` by default,
  ``f16``, or the 4-bit ``q4_0`` / ``q4_1``) for llama.cpp and Ollama, written with the maintained
  ``gguf`` library (the one llama.cpp's own converter is built on). For the embedded model the
  tokenizer, chat template and every other metadata key come from its own GGUF; for another
  base, export ``merged`` and run llama.cpp's ``convert_hf_to_gguf.py`` on it;
- ``ollama``: that GGUF plus a ``Modelfile`` (ChatML template, the therapeutic system prompt,
  the end-of-turn stop token, the serving sampling settings); ``ollama create`` is printed;
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

FORMATS = ("merged", "gguf", "gguf-lora", "ollama")
GGUF_TYPES = ("q8_0", "f16", "q4_0", "q4_1")
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
                from calma.evaluate.readiness import headline

                lines.append(f"- ready to promote: {headline(ready)}")
        else:
            lines += ["", "No `calma evaluate` report was found next to the adapter."]
    lines += ["", "## Safety", "", SAFETY_NOTE, "", "## Files", ""] + [f"- `{name}`" for name in files]
    if fmt == "merged":
        lines += ["", "```python", "from transformers import AutoModelForCausalLM, AutoTokenizer",
                  "model = AutoModelForCausalLM.from_pretrained(PATH); tokenizer = AutoTokenizer.from_pretrained(PATH)", "```"]
    elif fmt == "gguf-lora":
        lines += ["", "```bash", f"llama-server -m BASE.gguf --lora adapter.gguf   # BASE.gguf: `{base}` as GGUF", "```"]
    else:
        lines += ["", "```bash", "llama-server -m model.gguf" if fmt == "gguf" else "ollama create calma-counselor -f Modelfile", "```"]
    return "\n".join(lines) + "\n"


def export(adapter: str, fmt: str, output: str | Path, config, push_to_hub: str | None = None, private: bool = False,
           quant: str = "q8_0") -> Path:
    """Write `adapter` (a peft folder, or "base") as `fmt` into `output`; returns the folder."""
    from calma.evaluate.loading import BASE, read_adapter_info

    if fmt not in FORMATS:
        raise CalmaError(f"--format {fmt}: unknown; use one of {', '.join(FORMATS)}")
    if quant not in GGUF_TYPES:
        raise CalmaError(f"--quant {quant}: unknown; use one of {', '.join(GGUF_TYPES)}")
    info = None if adapter == BASE else read_adapter_info(adapter)
    if info is None and fmt == "gguf-lora":
        raise CalmaError("--format gguf-lora needs an adapter folder ('base' has no adapter to convert)")
    base = (info.base_model if info else None) or config.model.name
    output = Path(output).expanduser()
    with staged_folder(output) as staging:
        if fmt == "merged":
            files = _merged(base, info, staging, config)
        elif fmt in ("gguf", "ollama"):
            files = _gguf(base, info, staging, config, quant)
            if fmt == "ollama":
                files.append(_modelfile(staging, config))
        else:
            files = _gguf_lora(base, info, staging, config)
        (staging / "README.md").write_text(model_card(base, info, fmt, files), encoding="utf-8")
    say(f"{fmt} export written to {output}")
    if fmt == "ollama":
        print(f"ollama create calma-counselor -f {output / 'Modelfile'}")
    if push_to_hub:
        _push(output, push_to_hub, private)
    return output


def _merged_model(base: str, info, config):
    from calma.models import load_base_model

    say(f"loading {base}" + (f" with {info.path}" if info else ""))
    model = load_base_model(base, cache_dir=config.model.cache_dir)
    if info is not None:
        from peft import PeftModel

        try:
            model = PeftModel.from_pretrained(model, str(info.path))
        except (RuntimeError, ValueError) as exc:
            raise CalmaError(f"{info.path}: cannot load on '{base}' ({str(exc).splitlines()[0][:200]})") from None
        model = model.merge_and_unload()
    return model


def served_decoding(generation_config, g) -> None:
    """Make plain `generate()` decode as `calma serve` does: sampling with its temperature and top-p,
    and always the repetition penalty (without it this adapter's greedy answers loop: docs/results-real-run.md)."""
    generation_config.do_sample = g.temperature > 0
    if g.temperature > 0:
        generation_config.temperature, generation_config.top_p = g.temperature, g.top_p
    generation_config.repetition_penalty = g.repetition_penalty
    generation_config.max_new_tokens = g.max_new_tokens


def _merged(base: str, info, folder: Path, config) -> list[str]:
    from calma.models import load_tokenizer

    model = _merged_model(base, info, config)
    served_decoding(model.generation_config, config.generation)
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer = load_tokenizer(base, cache_dir=config.model.cache_dir)
    if not getattr(tokenizer, "chat_template", None):
        raise CalmaError(f"{base}: its tokenizer has no chat template to export")
    tokenizer.save_pretrained(folder)
    return sorted(p.name for p in folder.iterdir())


def _gguf(base: str, info, folder: Path, config, quant: str) -> list[str]:
    """The merged weights in a GGUF that keeps every metadata key of the embedded model's own GGUF."""
    import gguf
    import numpy as np

    from calma.models.resolve import embedded_gguf_path, is_embedded
    from calma.serve.gguf_lora import rope_rows

    if not is_embedded(base):
        raise CalmaError(f"--format gguf: Calma writes GGUF for the embedded model; for '{base}' export --format merged "
                         "and convert it with llama.cpp's convert_hf_to_gguf.py")
    source = gguf.GGUFReader(str(embedded_gguf_path()))
    model = _merged_model(base, info, config)
    cfg = model.config
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, cfg.num_hidden_layers)
    weights = {}
    for key, value in model.state_dict().items():
        name = names.get_name(key, try_suffixes=(".weight", ".bias"))
        if name is None:
            continue
        data = value.detach().float().cpu().numpy()
        if ".attn_q." in name:  # llama.cpp's rotary layout, as in the GGUF the weights came from
            data = rope_rows(data, cfg.num_attention_heads)
        elif ".attn_k." in name:
            data = rope_rows(data, cfg.num_key_value_heads)
        weights[name] = data
    qtype = {"q8_0": gguf.GGMLQuantizationType.Q8_0, "q4_0": gguf.GGMLQuantizationType.Q4_0,
             "q4_1": gguf.GGMLQuantizationType.Q4_1}.get(quant)
    file_type = {"f16": gguf.LlamaFileType.MOSTLY_F16, "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0,
                 "q4_0": gguf.LlamaFileType.MOSTLY_Q4_0, "q4_1": gguf.LlamaFileType.MOSTLY_Q4_1}[quant]
    writer = gguf.GGUFWriter(str(folder / "model.gguf"), "llama")
    for field in source.fields.values():
        if field.name.startswith("GGUF.") or field.name in ("general.architecture", "general.file_type"):
            continue
        sub = field.types[1] if len(field.types) > 1 else None
        writer.add_key_value(field.name, field.contents(), field.types[0], sub)
    writer.add_file_type(int(file_type))
    say(f"writing {len(source.tensors)} tensors as {quant}")
    for tensor in source.tensors:
        if tensor.name not in weights:
            raise CalmaError(f"{tensor.name}: no such weight in the merged model; cannot write the GGUF")
        data = weights[tensor.name]
        if data.ndim == 1:
            writer.add_tensor(tensor.name, data.astype(np.float32))
        elif qtype is None:
            writer.add_tensor(tensor.name, data.astype(np.float16))
        else:
            # the 4-bit types keep the embedding at 8 bits, as the embedded model's own GGUF does
            kind = gguf.GGMLQuantizationType.Q8_0 if tensor.name == "token_embd.weight" else qtype
            writer.add_tensor(tensor.name, gguf.quants.quantize(data, kind), raw_dtype=kind)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return ["model.gguf"]


def _modelfile(folder: Path, config) -> str:
    """An Ollama Modelfile for model.gguf: ChatML template, system prompt, stop tokens, sampling."""
    g = config.generation
    quotes = '"' * 3
    system = config.model.system_prompt.replace(quotes, "'" * 3)
    text = "\n".join([
        "# Calma: the therapeutic model. Run it behind Calma's crisis gate (calma serve --upstream), never alone.",
        "FROM ./model.gguf",
        f"TEMPLATE {quotes}{{{{- if .System }}}}<|im_start|>system",
        "{{ .System }}<|im_end|>",
        "{{ end }}{{- range .Messages }}<|im_start|>{{ .Role }}",
        "{{ .Content }}<|im_end|>",
        "{{ end }}<|im_start|>assistant",
        quotes,
        f"SYSTEM {quotes}{system}{quotes}",
        'PARAMETER stop "<|im_end|>"',
        'PARAMETER stop "<|im_start|>"',
        f"PARAMETER temperature {g.temperature}",
        f"PARAMETER top_p {g.top_p}",
        f"PARAMETER repeat_penalty {g.repetition_penalty}",
        f"PARAMETER num_predict {g.max_new_tokens}",
        "PARAMETER num_ctx 4096",
        "",
    ])
    (folder / "Modelfile").write_text(text, encoding="utf-8")
    return "Modelfile"


def _gguf_lora(base: str, info, folder: Path, config) -> list[str]:
    from transformers import AutoConfig

    from calma.models import resolve_model
    from calma.serve.gguf_lora import convert

    model_config = AutoConfig.from_pretrained(resolve_model(base, config.model.cache_dir))
    heads = model_config.num_attention_heads
    convert(info.path, folder / "adapter.gguf", heads, getattr(model_config, "num_key_value_heads", heads),
            model_config.model_type)
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
    parser.add_argument("--format", required=True, choices=FORMATS, help="merged (safetensors), gguf, gguf-lora or ollama")
    parser.add_argument("--quant", choices=GGUF_TYPES, default="q8_0", help="gguf/ollama weight type (default q8_0)")
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
    export(args.adapter, args.format, args.output, config, push_to_hub=args.push_to_hub, private=args.private, quant=args.quant)
    return 0
