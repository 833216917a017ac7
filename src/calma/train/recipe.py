"""The Calma training recipe, in one file: setup → train → save.

Read top to bottom, `train()` is the whole story:

1. set-up: pick the device (CUDA, then Apple MPS, then CPU) and the precision that is
   really faster there (bf16 only where the hardware has bf16 matmuls: on a CPU without
   avx512_bf16/AMX it is emulated and ~100x slower than fp32, so we probe), load the
   prepared splits (refusing a stale or foreign-tokenizer folder), and wrap the frozen base
   model with rank-stabilised LoRA on every attention and MLP projection;
2. train with a plain `transformers.Trainer`: AdamW with weight decay, gradient clipping,
   cosine schedule with warmup, batches of similar lengths padded per batch, loss and
   logits on answer tokens only, evaluation every N steps with early stopping on the
   validation loss, checkpoints that carry the early-stopping state for ``--resume``;
3. save: the best checkpoint (restored by the Trainer) becomes ``OUT/final`` — the peft
   adapter, the tokenizer, the training history and ``calma.json`` — written to a temporary
   folder first and renamed into place, so a crash never leaves a half-written ``final``.

The same code runs under ``torchrun``/``accelerate launch`` (DDP; FSDP or DeepSpeed via an
accelerate config): the Trainer handles the process group and only rank 0 writes ``final``.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from calma.config import CalmaConfig
from calma.errors import CalmaError
from calma.models import pick_device

CHECKPOINT_RE = re.compile(r"^checkpoint-(\d+)$")
REQUIRED_COLUMNS = {"input_ids", "labels", "length"}


@dataclass
class TrainResult:
    """What a finished run produced: where the adapter is and how training ended."""

    final_dir: Path
    global_step: int
    max_steps: int
    stopped_early: bool
    best_metric: float | None
    best_step: int | None
    patience_counter: int | None
    device: str
    precision: str
    seconds: float
    peak_rss_gib: float | None = None
    peak_gpu_gib: float | None = None
    real_tokens_per_second: float | None = None
    history: list[dict] = field(default_factory=list, repr=False)
    restored: bool = False  # a finished run's end, restored by --resume (no step trained now)
    phase_steps: int = 0
    phase_seconds: float = 0.0
    phase_validation_loss: float | None = None


# ---------------------------------------------------------------- set-up


def cpu_bf16_speedup(size: int = 384, seconds: float = 0.15) -> float:
    """How many times faster a bf16 matmul is than fp32 on this CPU (quick probe).

    CPUs with avx512_bf16 or AMX run bf16 natively; others emulate it far slower than fp32.
    """
    import torch

    def rate(dtype) -> float:
        a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
        a @ b
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            a @ b
            count += 1
        return count / (time.perf_counter() - start)

    return rate(torch.bfloat16) / rate(torch.float32)


def pick_precision(requested: str, device: str) -> str:
    """'auto' → bf16 on GPUs that support it (fp16 on older ones); on CPU whichever is faster."""
    import torch

    if requested != "auto":
        if requested == "fp16" and device != "cuda":
            raise CalmaError("train.precision: fp16 needs a CUDA GPU (use auto, fp32 or bf16)")
        return requested
    if device == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    if device == "cpu":
        return "bf16" if cpu_bf16_speedup() > 1.3 else "fp32"
    return "fp32"


def load_data(data_dir: Path, tokenizer):
    """The prepared splits; a missing, incomplete or other-tokenizer folder is refused in one line."""
    from calma.data import load_prepared

    splits = load_prepared(data_dir, tokenizer)
    for name in ("train", "validation"):
        if name not in splits or len(splits[name]) == 0:
            raise CalmaError(f"{data_dir}: split '{name}' is missing or empty; rerun `calma prepare`")
        missing = REQUIRED_COLUMNS - set(splits[name].column_names)
        if missing:
            raise CalmaError(f"{data_dir}/{name}: columns {sorted(missing)} missing; rerun `calma prepare`")
    return splits


def read_report(data_dir: Path) -> dict:
    path = Path(data_dir) / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build_model(config: CalmaConfig, precision: str):
    """Frozen base (in bf16/fp16 when chosen) with fp32 LoRA adapters on it."""
    import torch
    from peft import LoraConfig, get_peft_model

    from calma.models import load_base_model
    from calma.train.dropout import use_fast_lora_dropout

    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[precision]
    base = load_base_model(config.model.name, cache_dir=config.model.cache_dir, revision=config.model.revision, dtype=dtype)
    base.config.use_cache = False
    lora = config.lora
    present = {name.rsplit(".", 1)[-1] for name, _ in base.named_modules()}
    targets = [m for m in lora.target_modules if m in present]
    if not targets:
        raise CalmaError(f"lora.target_modules: none of {lora.target_modules} exist in {config.model.name}")
    peft_config = LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        use_rslora=lora.use_rslora,
        target_modules=targets,
        bias="none",
        task_type="CAUSAL_LM",
    )
    # autocast_adapter_dtype keeps the LoRA weights in fp32 even on a bf16 base.
    model = get_peft_model(base, peft_config, autocast_adapter_dtype=True)
    if config.train.init_adapter:
        load_adapter_weights(model, Path(config.train.init_adapter))
    use_fast_lora_dropout(model)
    if config.train.fused_lora:
        from calma.train.fused_lora import use_fused_lora

        use_fused_lora(model)
    return model


def load_adapter_weights(model, folder: Path) -> None:
    """Copy a saved adapter's LoRA weights into `model` (same rank and targets), for train.init_adapter."""
    from peft.utils import set_peft_model_state_dict
    from safetensors.torch import load_file

    weights = folder / "adapter_model.safetensors"
    if not weights.is_file():
        raise CalmaError(f"train.init_adapter: {weights} not found (expected an adapter folder such as OUT/final)")
    state = load_file(str(weights))
    own = {k: v.shape for k, v in model.state_dict().items() if "lora_" in k}
    try:
        result = set_peft_model_state_dict(model, state)
    except RuntimeError as exc:  # size mismatch: another rank
        raise CalmaError(f"train.init_adapter: {folder} does not fit lora.* (rank or target modules differ): {str(exc).splitlines()[-1].strip()}") from None
    missing = [k for k in result.missing_keys if "lora_" in k]
    if missing or not state or len(own) != len(state):
        raise CalmaError(f"train.init_adapter: {folder} has {len(state)} LoRA tensors, the model {len(own)}; "
                         "the adapter's target modules differ from lora.target_modules")


def default_eval_steps(config: CalmaConfig, n_train: int, world_size: int) -> int:
    """About four evaluations per epoch unless train.eval_steps says otherwise."""
    t = config.train
    if t.eval_steps:
        return t.eval_steps
    per_step = t.batch_size * t.gradient_accumulation_steps * max(world_size, 1)
    return max(1, round(math.ceil(n_train / per_step) / 4))


def training_arguments(config: CalmaConfig, output_dir: Path, eval_steps: int, device: str, precision: str):
    from transformers import TrainingArguments

    t = config.train
    return TrainingArguments(
        output_dir=str(output_dir),
        num_train_epochs=t.epochs,
        max_steps=t.max_steps or -1,
        per_device_train_batch_size=t.batch_size,
        per_device_eval_batch_size=t.eval_batch_size,
        gradient_accumulation_steps=t.gradient_accumulation_steps,
        learning_rate=t.learning_rate,
        weight_decay=t.weight_decay,
        max_grad_norm=t.max_grad_norm,
        lr_scheduler_type=t.lr_scheduler,
        warmup_steps=float(t.warmup_ratio),  # a float < 1 is a share of the total steps
        eval_strategy="steps",
        eval_steps=eval_steps,
        save_strategy="steps",
        save_steps=eval_steps,
        save_total_limit=t.save_total_limit,
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        restore_callback_states_from_checkpoint=True,
        logging_steps=max(1, min(eval_steps, 10)),
        report_to=t.report_to or "none",
        train_sampling_strategy="group_by_length",
        length_column_name="length",
        remove_unused_columns=False,
        prediction_loss_only=True,
        label_names=["labels"],
        seed=t.seed,
        data_seed=t.seed,
        use_cpu=device == "cpu",
        bf16=precision == "bf16" and device == "cuda",
        fp16=precision == "fp16",
        dataloader_num_workers=0,
        ddp_find_unused_parameters=False,
        disable_tqdm=True,
        neftune_noise_alpha=t.neftune_alpha,
    )


def checkpoints(output_dir: Path) -> list[Path]:
    """Complete checkpoint folders in OUT, oldest first.

    The Trainer writes trainer_state.json last, so a checkpoint whose state file is missing
    or cut short was interrupted mid-save (kill -9) and is skipped.
    """
    found = []
    if Path(output_dir).is_dir():
        for child in Path(output_dir).iterdir():
            match = CHECKPOINT_RE.match(child.name)
            if match and _readable_json(child / "trainer_state.json"):
                found.append((int(match.group(1)), child))
    return [path for _, path in sorted(found)]


def _readable_json(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
        return True
    except (OSError, ValueError):
        return False


def clean_interrupted_saves(output_dir: Path) -> list[str]:
    """Folders a kill during `save_final` left behind: a staging `.final-*` is removed; a
    `.final-old-*` whose replacement never arrived becomes `final` again."""
    cleaned = []
    if not Path(output_dir).is_dir():
        return cleaned
    final = Path(output_dir) / "final"
    for child in sorted(Path(output_dir).glob(".final-*")):
        if not child.is_dir():
            continue
        if child.name.startswith(".final-old-") and not final.exists():
            os.replace(child, final)
            cleaned.append(f"{child.name} -> final")
        else:
            shutil.rmtree(child, ignore_errors=True)
            cleaned.append(f"{child.name} removed")
    return cleaned


def stop_already_decided(checkpoint: Path | None) -> int | None:
    """The step at which the run in `checkpoint` had already decided to stop (early stopping
    fired, then the process died before `final` was written), else None."""
    if checkpoint is None:
        return None
    try:
        state = json.loads((checkpoint / "trainer_state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    control = (state.get("stateful_callbacks") or {}).get("TrainerControl") or {}
    if (control.get("args") or {}).get("should_training_stop"):
        return int(state.get("global_step") or 0) or None
    return None


def prepare_output(output_dir: Path, resume: bool, overwrite: bool, quiet: bool = False) -> Path | None:
    """The checkpoint to resume from; refuses to mix a new run into an old run's checkpoints."""
    for line in clean_interrupted_saves(output_dir):
        print(f"calma train: interrupted save in {output_dir}: {line}", flush=True)
    existing = checkpoints(output_dir)
    if resume:
        if not existing:
            if not quiet:
                print(f"calma train: no checkpoint in {output_dir} to resume from; starting from scratch")
            return None
        return existing[-1]
    if existing:
        if not overwrite:
            raise CalmaError(
                f"{output_dir}: holds checkpoints of an earlier run; pass --resume to continue it or --overwrite to start over"
            )
        for path in existing:
            shutil.rmtree(path)
    return None


# ---------------------------------------------------------------- bounded micro-batches


def _is_oom(exc: BaseException) -> bool:
    import torch

    return isinstance(exc, torch.OutOfMemoryError) or (isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


def make_trainer_class():
    """A `transformers.Trainer` that runs every batch as micro-batches under a token budget.

    (Built on demand so that importing the recipe does not import transformers.)"""
    import torch
    from transformers import Trainer

    from calma.train.memory import release_memory, split_rows, take_rows

    class BudgetTrainer(Trainer):
        """Splits each batch (train and eval) into micro-batches of at most `plan.budget_tokens`.

        Training: each micro-batch's loss is already divided by the accumulated batch's answer
        tokens (``num_items_in_batch``), so their gradients add up to the unsplit batch's.
        On a GPU, a micro-batch that runs out of memory rolls the step's gradients back,
        halves the budget (then turns on gradient checkpointing) and runs the step again."""

        def __init__(self, *args, memory_plan=None, device: str = "cpu", kl_to_base: float = 0.0,
                     sequence_unlikelihood: dict | None = None, **kwargs):
            super().__init__(*args, **kwargs)
            self.kl_to_base = kl_to_base
            self.sequence_ul = sequence_unlikelihood  # {"weight", "rows", "tokens", "every", "pad", "eos"} or None
            self.sequence_ul_stats = {"continuations": 0, "repeating": 0, "repeated_tokens": 0, "generated_tokens": 0, "seconds": 0.0}
            self.memory_plan = memory_plan
            self.calma_device = device
            self.oom_retries = 0
            self.real_tokens = 0  # non-padding tokens trained on, and the seconds spent in steps
            self.step_seconds = 0.0

        @property
        def budget(self) -> int:
            return self.memory_plan.budget_tokens

        def _lengths(self, inputs) -> list[int]:
            return [int(n) for n in inputs["attention_mask"].sum(dim=1).tolist()]

        def training_step(self, model, inputs, num_items_in_batch=None):
            if num_items_in_batch is None:  # keep the normalisation exact across micro-batches
                num_items_in_batch = (inputs["labels"][:, 1:] != -100).sum()
            retry = self.calma_device in ("cuda", "mps")
            started = time.perf_counter()
            while True:
                saved = self._grads() if retry else None
                try:
                    total = None
                    for rows in split_rows(self._lengths(inputs), self.budget):
                        loss = super().training_step(model, take_rows(inputs, rows), num_items_in_batch)
                        total = loss if total is None else total + loss
                    if self.sequence_ul and self.state.global_step % self.sequence_ul["every"] == 0:
                        total = total + self._sequence_unlikelihood_step(model, inputs)
                    break
                except (torch.OutOfMemoryError, RuntimeError) as exc:
                    if not retry or not _is_oom(exc):
                        raise
                    self._restore(saved)
                    self._shrink(max(self._lengths(inputs)))
            release_memory(self.calma_device)
            self.real_tokens += int(inputs["attention_mask"].sum())
            self.step_seconds += time.perf_counter() - started
            return total

        def _sequence_unlikelihood_step(self, model, inputs) -> torch.Tensor:
            """Sequence-level unlikelihood (Welleck et al., 2019) on the model's own greedy answers:
            answer a few of the batch's questions greedily as the model now stands (dropout off),
            then push down the probability of every token that belongs to an n-gram the answer
            already produced. The term's gradient is added to the step's, weighted by `weight`
            and averaged over the penalised tokens."""
            from calma.train.collator import left_padded, prompt_rows, repetition_batch, unlikelihood_sum

            cfg, stats = self.sequence_ul, self.sequence_ul_stats
            started = time.perf_counter()
            prompts = prompt_rows(inputs, cfg["rows"])
            if not prompts:
                return torch.zeros((), device=self.args.device)
            plain = self.accelerator.unwrap_model(model)
            plain.eval()
            try:
                enc = {k: v.to(self.args.device) for k, v in left_padded(prompts, cfg["pad"]).items()}
                with torch.no_grad():
                    out = plain.generate(**enc, do_sample=False, max_new_tokens=cfg["tokens"], use_cache=True,
                                         repetition_penalty=1.0, pad_token_id=cfg["pad"], eos_token_id=cfg["eos"])
            finally:
                plain.train()
            continuations = []
            for row in out[:, enc["input_ids"].shape[1] :].tolist():
                cut = row.index(cfg["eos"]) + 1 if cfg["eos"] in row else len(row)
                continuations.append(row[:cut])
            stats["continuations"] += len(continuations)
            stats["generated_tokens"] += sum(len(c) for c in continuations)
            built = repetition_batch(prompts, continuations, cfg["pad"])
            if built is None:
                stats["seconds"] += time.perf_counter() - started
                return torch.zeros((), device=self.args.device)
            batch, targets = built
            stats["repeating"] += batch["input_ids"].shape[0]
            stats["repeated_tokens"] += targets.numel()
            batch = {k: v.to(self.args.device) for k, v in batch.items()}
            with self.compute_loss_context_manager():
                logits = model(**batch).logits
                rows = torch.arange(targets.numel(), device=logits.device)
                loss = cfg["weight"] * unlikelihood_sum(logits, rows, targets.to(logits.device)) / targets.numel()
            loss = loss / self.args.gradient_accumulation_steps
            self.accelerator.backward(loss)
            stats["seconds"] += time.perf_counter() - started
            return loss.detach()

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            if not self.kl_to_base or not model.training or not torch.is_grad_enabled():
                return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
            from calma.train.collator import answer_targets, kl_to_base_sum, per_answer_token

            labels = inputs["labels"]  # the Trainer pops them from inputs
            with torch.no_grad(), self.accelerator.unwrap_model(model).disable_adapter():
                base_logits = model(**{k: v for k, v in inputs.items() if k != "labels"}).logits
            loss, outputs = super().compute_loss(model, inputs, True, num_items_in_batch)
            kl = kl_to_base_sum(outputs.logits, base_logits, labels)
            loss = loss + self.kl_to_base * per_answer_token(kl, answer_targets(labels).numel(), num_items_in_batch)
            return (loss, outputs) if return_outputs else loss

        def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):
            groups = split_rows(self._lengths(inputs), 2 * self.budget)
            if not prediction_loss_only or len(groups) == 1:
                return super().prediction_step(model, inputs, prediction_loss_only, ignore_keys)
            total, tokens = 0.0, 0
            for rows in groups:
                part = take_rows(inputs, rows)
                loss, _, _ = super().prediction_step(model, part, True, ignore_keys)
                count = int((part["labels"][:, 1:] != -100).sum())
                total, tokens = total + float(loss) * count, tokens + count
            return torch.tensor(total / max(tokens, 1), device=self.args.device), None, None

        def _grads(self) -> dict:
            return {p: (p.grad.detach().clone() if p.grad is not None else None) for p in self.model.parameters() if p.requires_grad}

        def _restore(self, saved: dict) -> None:
            for param, grad in saved.items():
                param.grad = grad
            release_memory(self.calma_device)

        def _shrink(self, longest: int) -> None:
            plan = self.memory_plan
            if plan.budget_tokens > longest:
                plan.budget_tokens = max(longest, plan.budget_tokens // 2)
                what = f"micro-batch budget lowered to {plan.budget_tokens} tokens"
            elif not plan.gradient_checkpointing:
                self.model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
                plan.gradient_checkpointing = True
                what = "gradient checkpointing turned on"
            else:
                raise CalmaError(
                    f"out of {self.calma_device} memory even for one {longest}-token row with gradient checkpointing; "
                    "lower data.max_length or use a smaller --model"
                )
            self.oom_retries += 1
            print(f"calma train: out of {self.calma_device} memory at step {self.state.global_step + 1}; {what}; retrying the step", flush=True)

    return BudgetTrainer


def sequence_unlikelihood_settings(config: CalmaConfig, tokenizer) -> dict | None:
    t = config.train
    if not t.sequence_unlikelihood:
        return None
    return {"weight": t.sequence_unlikelihood, "rows": t.sequence_unlikelihood_rows, "tokens": t.sequence_unlikelihood_tokens,
            "every": t.sequence_unlikelihood_every, "pad": tokenizer.pad_token_id, "eos": tokenizer.eos_token_id}


def memory_plan_for(config: CalmaConfig, model, device: str, precision: str):
    from calma.train.memory import current_rss_bytes, plan_memory

    t = config.train
    if device == "cuda":
        import torch

        fixed = int(torch.cuda.memory_allocated())
    else:
        fixed = current_rss_bytes()
    act_bytes = 4 if precision == "fp32" else 2
    return plan_memory(model.config, device, act_bytes, config.data.max_length, fixed, limit_gb=t.memory_limit_gb,
                       budget=t.micro_batch_tokens, checkpointing=t.gradient_checkpointing)


# ---------------------------------------------------------------- save


def save_final(trainer, tokenizer, output_dir: Path, meta: dict) -> Path:
    """Write OUT/final atomically: adapter + tokenizer + history + calma.json."""
    from calma.train.callbacks import write_history

    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / "final"
    staging = Path(tempfile.mkdtemp(prefix=".final-", dir=output_dir))
    try:
        trainer.model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        write_history(trainer.state.log_history, staging)
        (staging / "calma.json").write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace_folder(staging, final, move=True)
    return final


# ---------------------------------------------------------------- the recipe


# Seconds per generated position of the phase's greedy answers (2 rows, the model in eval mode
# inside training) for the embedded 135M-parameter model, measured on 2 CPU cores
# (docs/results-real-run.md); GPU figures are rough. Scaled by parameter count for the ETA.
PHASE_SECONDS_PER_TOKEN = {"cpu": 0.23, "cuda": 0.03, "mps": 0.1}
PHASE_REFERENCE_PARAMETERS = 135e6
PHASE_DIR = "sequence-unlikelihood-phase"
LIKELIHOOD_FINAL = "final-likelihood"


def train(
    config: CalmaConfig,
    data_dir: str | Path,
    output_dir: str | Path,
    resume: bool = False,
    overwrite: bool = False,
    callbacks: list | tuple = (),
    after_training=None,
) -> TrainResult:
    """Train a LoRA adapter on the prepared data in `data_dir`; the best one lands in OUT/final.

    Maximum-likelihood training with early stopping comes first. Then, unless
    ``train.sequence_unlikelihood_phase_steps`` is 0, a short phase starts from its best
    adapter with sequence-level unlikelihood against greedy repetition loops
    (docs/results-real-run.md); the phase's adapter becomes OUT/final and the first one is
    kept in OUT/final-likelihood.

    `after_training(eval_tokens_per_second)` estimates the seconds of work the caller does
    after training, for the progress bar's whole-job ETA."""
    t = config.train
    phase = t.sequence_unlikelihood_phase_steps if not t.sequence_unlikelihood else 0
    if not phase:
        return _train_stage(config, data_dir, output_dir, resume, overwrite, callbacks, after_training)
    first = _train_stage(config, data_dir, output_dir, resume, overwrite, callbacks, after_training, then_steps=phase)
    return _unlikelihood_phase(config, data_dir, Path(output_dir), first, resume, after_training)


def phase_learning_rate(t) -> float:
    """The phase's peak learning rate: its own setting, else the first stage's."""
    return t.sequence_unlikelihood_phase_learning_rate or t.learning_rate


def _unlikelihood_phase(config: CalmaConfig, data_dir, output_dir: Path, first: TrainResult, resume: bool,
                        after_training) -> TrainResult:
    """The phase after maximum-likelihood training: `steps` more optimizer steps from OUT/final
    with sequence-level unlikelihood, in OUT/sequence-unlikelihood-phase (its own checkpoints,
    so --resume continues it); its adapter replaces OUT/final. The caller's callbacks watch
    the first stage only (`calma tune` prunes on its validation losses)."""
    t = config.train
    steps = t.sequence_unlikelihood_phase_steps
    if int(os.environ.get("RANK", "0")) == 0:
        _replace_folder(first.final_dir, output_dir / LIKELIHOOD_FINAL)
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        import torch.distributed as dist

        if dist.is_available() and dist.is_initialized():
            dist.barrier()
    phase_train = t.model_copy(update={
        "init_adapter": str(output_dir / LIKELIHOOD_FINAL), "max_steps": steps, "eval_steps": steps,
        "sequence_unlikelihood": t.sequence_unlikelihood_phase_weight, "sequence_unlikelihood_phase_steps": 0,
        "learning_rate": phase_learning_rate(t),
    })
    phase_config = config.model_copy(update={"train": phase_train})
    print(f"calma train: sequence-level unlikelihood phase: {steps} steps from the best adapter "
          f"(step {first.best_step}, validation loss {first.best_metric:.4f}), weight {t.sequence_unlikelihood_phase_weight}, "
          f"learning rate {phase_learning_rate(t):g}", flush=True)
    phase = _train_stage(phase_config, data_dir, output_dir / PHASE_DIR, resume=resume, overwrite=not resume,
                         after_training=after_training, quiet_resume=True)
    final = output_dir / "final"
    if int(os.environ.get("RANK", "0")) == 0:
        meta = json.loads((first.final_dir / "calma.json").read_text(encoding="utf-8"))
        phase_meta = json.loads((phase.final_dir / "calma.json").read_text(encoding="utf-8"))
        meta["sequence_unlikelihood_phase"] = {
            "steps": phase.global_step,
            "weight": t.sequence_unlikelihood_phase_weight,
            "learning_rate": phase_learning_rate(t),
            "validation_loss_before": first.best_metric,
            "validation_loss_after": phase.best_metric,
            "train_seconds": round(phase.seconds, 1),
            "peak_rss_gib": phase.peak_rss_gib,
            "real_tokens_per_second": phase.real_tokens_per_second,
            "likelihood_adapter": LIKELIHOOD_FINAL,
            "stats": phase_meta.get("sequence_unlikelihood"),
        }
        meta["peak_rss_gib"] = max(meta.get("peak_rss_gib") or 0, phase.peak_rss_gib or 0)
        if phase.peak_gpu_gib:
            meta["peak_gpu_gib"] = max(meta.get("peak_gpu_gib") or 0, phase.peak_gpu_gib)
        staging = Path(tempfile.mkdtemp(prefix=".final-", dir=output_dir))
        try:
            for item in phase.final_dir.iterdir():  # the phase's weights; the first stage's history
                if item.name not in ("calma.json", "history.json", "history.csv"):
                    shutil.copy2(item, staging / item.name)
            for name in ("history.json", "history.csv"):
                if (first.final_dir / name).is_file():
                    shutil.copy2(first.final_dir / name, staging / name)
            (staging / "calma.json").write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _replace_folder(staging, final, move=True)
    return replace(first, final_dir=final, seconds=first.seconds + phase.seconds,
                   peak_rss_gib=max(first.peak_rss_gib or 0, phase.peak_rss_gib or 0),
                   peak_gpu_gib=max(first.peak_gpu_gib or 0, phase.peak_gpu_gib or 0) or None,
                   phase_steps=phase.global_step, phase_seconds=phase.seconds, phase_validation_loss=phase.best_metric)


def _replace_folder(source: Path, target: Path, move: bool = False) -> None:
    """Put a copy of `source` (or `source` itself, `move`) at `target`, atomically replacing it."""
    staging = source if move else Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        if not move:
            shutil.rmtree(staging)
            shutil.copytree(source, staging)
        old = None
        if target.exists():
            old = target.parent / f".{target.name}-old-{os.getpid()}"
            os.replace(target, old)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _train_stage(
    config: CalmaConfig,
    data_dir: str | Path,
    output_dir: str | Path,
    resume: bool = False,
    overwrite: bool = False,
    callbacks: list | tuple = (),
    after_training=None,
    then_steps: int = 0,
    quiet_resume: bool = False,
) -> TrainResult:
    """One Trainer run (maximum likelihood, or the unlikelihood phase) into OUT/final."""
    import torch
    from transformers import EarlyStoppingCallback, PrinterCallback, set_seed

    from calma.models import load_tokenizer
    from calma.train.callbacks import LossProgressCallback, early_stopping_state
    from calma.train.collator import AnswerCollator, answer_loss, unlikelihood_loss
    from calma.train.memory import GIB, allocator_name, peak_gpu_bytes, peak_rss_bytes, tune_allocator

    t = config.train
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    if t.num_threads:
        torch.set_num_threads(t.num_threads)
    device = pick_device(t.device)
    precision = pick_precision(t.precision, device)
    tokenizer = load_tokenizer(config.model.name, cache_dir=config.model.cache_dir, revision=config.model.revision)
    splits = load_data(data_dir, tokenizer)
    checkpoint = prepare_output(output_dir, resume, overwrite, quiet=quiet_resume)
    set_seed(t.seed)
    model = build_model(config, precision)
    if device != "cpu":
        model.to(device)
    tune_allocator()
    plan = memory_plan_for(config, model, device, precision)
    if plan.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    print(f"calma train: {device}/{precision}, {allocator_name()} allocator; {plan.describe()}", flush=True)
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    eval_steps = default_eval_steps(config, len(splits["train"]), world_size)
    decided = stop_already_decided(checkpoint)
    args = training_arguments(config, output_dir, eval_steps, device, precision)
    if decided is not None:  # resume to the end that was decided: no further steps, best checkpoint restored
        how = "finished" if decided >= (_planned_steps(checkpoint) or decided + 1) else "stopped early"
        print(f"calma train: the run in {output_dir} had already {how} at step {decided}; "
              "restoring its best checkpoint instead of training on", flush=True)
    trainer = make_trainer_class()(
        memory_plan=plan,
        device=device,
        kl_to_base=config.train.kl_to_base,
        sequence_unlikelihood=sequence_unlikelihood_settings(config, tokenizer),
        model=model,
        args=args,
        train_dataset=splits["train"],
        eval_dataset=splits["validation"],
        data_collator=AnswerCollator(pad_token_id=tokenizer.pad_token_id),
        compute_loss_func=unlikelihood_loss(config.train.unlikelihood) if config.train.unlikelihood else answer_loss,
        callbacks=[EarlyStoppingCallback(t.early_stopping_patience, t.early_stopping_threshold), *callbacks],
    )
    trainer.remove_callback(PrinterCallback)
    extra = 0.0
    if then_steps:  # the phase's generation per step, for the whole-job ETA
        parameters = sum(p.numel() for p in model.parameters())
        extra = PHASE_SECONDS_PER_TOKEN.get(device, 0.23) * t.sequence_unlikelihood_tokens * parameters / PHASE_REFERENCE_PARAMETERS
    trainer.add_callback(LossProgressCallback(after_training, then_steps=then_steps, then_step_extra=extra,
                                              desc="unlikelihood phase" if t.sequence_unlikelihood else "train"))
    started = time.perf_counter()
    if decided is not None:
        restore_decided(trainer, checkpoint, output_dir)
    else:
        trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    seconds = time.perf_counter() - started
    stop = early_stopping_state(trainer)
    state = trainer.state  # restored: the checkpoint's own state, with the schedule the run was started with
    stopped_early = state.global_step < state.max_steps
    report = read_report(data_dir)
    meta = {
        "base_model": config.model.name,
        "data_dir": str(data_dir),
        "data_fingerprint": report.get("fingerprint"),
        "tokenizer_fingerprint": report.get("tokenizer_fingerprint"),
        "global_step": state.global_step,
        "max_steps": state.max_steps,
        "stopped_early": stopped_early,
        "early_stopping": stop,
        "device": device,
        "precision": precision,
        "world_size": trainer.args.world_size,
        "train_seconds": round(seconds, 1),
        "peak_rss_gib": round(peak_rss_bytes() / GIB, 2),
        "peak_gpu_gib": round(peak_gpu_bytes() / GIB, 2) if peak_gpu_bytes() else None,
        "memory_plan": plan.as_dict(),
        "allocator": allocator_name(),
        "oom_retries": trainer.oom_retries,
        "sequence_unlikelihood": ({**trainer.sequence_ul_stats, "seconds": round(trainer.sequence_ul_stats["seconds"], 1)}
                                  if trainer.sequence_ul else None),
        "real_tokens": trainer.real_tokens,
        "step_seconds": round(trainer.step_seconds, 1),
        "real_tokens_per_second": round(trainer.real_tokens / trainer.step_seconds, 1) if trainer.step_seconds else None,
        "lora": config.lora.model_dump(mode="json"),
        "train": t.model_dump(mode="json"),
    }
    final = output_dir / "final"
    if trainer.is_world_process_zero():
        final = save_final(trainer, tokenizer, output_dir, meta)
    return TrainResult(
        final_dir=final,
        global_step=state.global_step,
        max_steps=state.max_steps,
        stopped_early=stopped_early,
        best_metric=stop["best_metric"],
        best_step=stop["best_step"],
        patience_counter=stop["patience_counter"],
        device=device,
        precision=precision,
        seconds=seconds,
        peak_rss_gib=meta["peak_rss_gib"],
        peak_gpu_gib=meta["peak_gpu_gib"],
        real_tokens_per_second=meta["real_tokens_per_second"],
        history=list(state.log_history),
        restored=decided is not None,
    )


def restore_decided(trainer, checkpoint: Path, output_dir: Path) -> None:
    """The end of a run whose last checkpoint had already decided to stop: its state and
    callbacks, and the best checkpoint's weights, without a training loop (transformers,
    resumed mid-epoch at its last step, would train one step more)."""
    from transformers import TrainerState

    trainer.state = TrainerState.load_from_json(str(checkpoint / "trainer_state.json"))
    trainer._load_callback_state()
    best = Path(trainer.state.best_model_checkpoint) if trainer.state.best_model_checkpoint else checkpoint
    for path in (best, output_dir / best.name, checkpoint):  # the folder may have moved since
        if path.is_dir():
            trainer._load_from_checkpoint(str(path))
            return


def _planned_steps(checkpoint: Path) -> int | None:
    try:
        return int(json.loads((checkpoint / "trainer_state.json").read_text(encoding="utf-8")).get("max_steps") or 0) or None
    except (OSError, ValueError):
        return None


def result_summary(result: TrainResult) -> dict:
    data = asdict(result)
    data.pop("history")
    data["final_dir"] = str(result.final_dir)
    return data
