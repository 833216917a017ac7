"""One typed configuration for every Calma command.

A YAML file and command-line overrides merge into the same pydantic model, so a
typo in either is caught before any data is read or any model is loaded. Every
section rejects unknown keys and names the offending key in the error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from calma.errors import CalmaError

DEFAULT_DATASET = "Amod/mental_health_counseling_conversations"
EMBEDDED_MODEL = "smollm2-135m-instruct"

THERAPEUTIC_SYSTEM_PROMPT = (
    "You are Calma, a warm and careful counseling assistant. Listen closely, reflect what the "
    "person feels, ask gentle open questions and suggest small, practical next steps. You are an "
    "AI, not a therapist: do not diagnose, do not name medications or doses, and encourage "
    "professional help when problems are serious or lasting."
)
CASUAL_SYSTEM_PROMPT = (
    "You are Calma, a friendly assistant in a wellbeing app. Keep small talk short, kind and "
    "natural. You are an AI, not a therapist."
)


class Section(BaseModel):
    """Base for every config section: unknown keys are errors, values are validated on set."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ModelSection(Section):
    name: str = Field(
        EMBEDDED_MODEL,
        description="Base model: 'smollm2-135m-instruct' (embedded, offline), a hub id, or a local folder.",
    )
    revision: str | None = Field(None, description="Hub revision (branch, tag or commit) for hub ids.")
    cache_dir: Path | None = Field(
        None, description="Where converted models live; default $CALMA_HOME/models (~/.cache/calma)."
    )
    system_prompt: str = Field(THERAPEUTIC_SYSTEM_PROMPT, description="System prompt of the therapeutic role.")
    casual_system_prompt: str = Field(CASUAL_SYSTEM_PROMPT, description="System prompt of the casual role.")


class ScrubSection(Section):
    enabled: bool = Field(True, description="Master switch for all scrubbing below.")
    urls: bool = Field(True, description="Redact URLs.")
    emails: bool = Field(True, description="Redact e-mail addresses.")
    phones: bool = Field(True, description="Redact phone numbers (crisis lines are kept).")
    self_promotion: bool = Field(True, description="Remove counselors' self-promotion sentences.")
    hotlines: bool = Field(True, description="Replace retired US crisis numbers with 988.")


class SplitSection(Section):
    train: float = Field(0.8, gt=0, lt=1)
    validation: float = Field(0.1, gt=0, lt=1)
    test: float = Field(0.1, gt=0, lt=1)

    @model_validator(mode="after")
    def _sums_to_one(self) -> "SplitSection":
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"split fractions must add up to 1.0, got {total:g}")
        return self


class DataSection(Section):
    dataset: str = Field(DEFAULT_DATASET, description="Hub dataset id, save_to_disk folder, or .json/.jsonl/.csv/.parquet file.")
    hub_split: str = Field("train", description="Which split of a hub dataset to read.")
    revision: str | None = Field(None, description="Hub dataset revision (branch, tag or commit); recorded in the fingerprint.")
    question_field: str | None = Field(None, description="Question column; detected when unset.")
    answer_field: str | None = Field(None, description="Answer column; detected when unset.")
    max_samples: int | None = Field(None, ge=1, description="Keep at most this many usable rows (after filtering).")
    seed: int = Field(42, description="Seed for sampling and splitting.")
    splits: SplitSection = Field(default_factory=SplitSection)
    scrub: ScrubSection = Field(default_factory=ScrubSection)
    min_answer_chars: int = Field(20, ge=0, description="Shorter answers are dropped as too short.")
    min_question_chars: int = Field(10, ge=0, description="Shorter questions are dropped as too short.")
    max_row_chars: int = Field(20_000, ge=100, description="Rows longer than this are skipped (not cut).")
    near_duplicate_threshold: float = Field(
        0.85, gt=0, le=1, description="Jaccard similarity of word shingles above which two answers are near-duplicates."
    )
    question_group_threshold: float = Field(
        0.8, gt=0, le=1, description="Similarity above which two questions form one split group."
    )
    max_answers_per_question: int = Field(5, ge=1, description="Cap on answers kept per question group.")
    max_length: int = Field(1024, ge=16, description="Token limit per example; longer ones are truncated and counted.")
    workers: int | None = Field(
        None, ge=1, description="Processes that clean and scrub large inputs (>20k rows); default: all CPU cores, at most 8."
    )


class LoraSection(Section):
    r: int = Field(16, ge=1, description="LoRA rank.")
    alpha: int = Field(32, ge=1, description="LoRA alpha (scaled by sqrt(r) with rsLoRA).")
    dropout: float = Field(0.15, ge=0, lt=1, description="LoRA dropout (guide: 0.15).")
    use_rslora: bool = Field(True, description="Rank-stabilised LoRA.")
    target_modules: list[str] = Field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        description="Modules that get adapters: all attention and MLP projections by default.",
    )


class TrainSection(Section):
    epochs: float = Field(3, gt=0, description="Training epochs (guide: 3).")
    max_steps: int | None = Field(None, ge=1, description="Stop after this many optimizer steps (overrides epochs).")
    learning_rate: float = Field(1e-4, gt=0, description="Peak learning rate (guide: 1e-4).")
    weight_decay: float = Field(0.01, ge=0, description="AdamW weight decay (guide: 0.01).")
    max_grad_norm: float = Field(1.0, gt=0, description="Gradient clipping norm (guide: 1.0).")
    lr_scheduler: str = Field("cosine", description="Learning-rate schedule after warmup.")
    warmup_ratio: float = Field(0.05, ge=0, lt=1, description="Share of steps spent warming up.")
    batch_size: int = Field(8, ge=1, description="Examples per device per step.")
    eval_batch_size: int = Field(16, ge=1)
    gradient_accumulation_steps: int = Field(1, ge=1)
    eval_steps: int | None = Field(None, ge=1, description="Evaluate every N steps; default about 4 times per epoch.")
    early_stopping_patience: int = Field(3, ge=1, description="Evaluations without improvement before stopping.")
    early_stopping_threshold: float = Field(0.0, ge=0, description="Minimum improvement that counts.")
    save_total_limit: int = Field(2, ge=1)
    seed: int = Field(42)
    device: Literal["auto", "cpu", "cuda", "mps"] = Field("auto", description="auto: CUDA, then MPS, then CPU.")
    precision: Literal["auto", "fp32", "bf16", "fp16"] = Field("auto", description="auto: the fastest measured for the device.")
    report_to: list[str] = Field(default_factory=lambda: ["tensorboard"], description="Trackers, as in transformers' report_to.")
    num_threads: int | None = Field(None, ge=1, description="CPU threads for torch; default all cores.")
    micro_batch_tokens: int | None = Field(
        None, ge=1, description="Most tokens (rows x padded length) in one forward/backward; batches are split to fit. Default: sized to the memory limit (2048 on CPU, 16384 on GPU at most)."
    )
    memory_limit_gb: float | None = Field(None, gt=0, description="Memory the training step may use; default 80% of what is available at start.")
    gradient_checkpointing: bool | None = Field(None, description="Recompute activations in the backward pass; default: only when one longest row would not fit the memory limit.")
    fused_lora: bool = Field(True, description="Fused LoRA branch (bool dropout mask, matmuls in the base's dtype): less memory, faster; false uses peft's modules as they are.")
    unlikelihood: float = Field(
        0.0, ge=0, description="Weight of a token-level unlikelihood term against repeating the answer's earlier tokens (0: off; docs/results-real-run.md measures it against loops)."
    )
    kl_to_base: float = Field(
        0.0, ge=0, description="Weight of KL(base || adapter) on answer positions while training: the base model's next-token distribution as a soft second target (0: off; one more forward per step)."
    )
    sequence_unlikelihood: float = Field(
        0.0, ge=0, description="Weight of sequence-level unlikelihood: each step the model answers some of the batch's questions greedily and is penalised for the tokens of every n-gram it repeated (0: off; docs/results-real-run.md measures it against loops)."
    )
    init_adapter: str | None = Field(
        None, description="Start the LoRA weights from this adapter folder (e.g. OUT/final of a finished run) instead of LoRA's zero init; its rank and target modules must match lora.*."
    )
    sequence_unlikelihood_phase_steps: int = Field(
        40, ge=0, description="After maximum-likelihood training, this many more optimizer steps from its best adapter with sequence-level unlikelihood (weight sequence_unlikelihood_phase_weight), against greedy repetition loops; OUT/final is the phase's adapter, OUT/final-likelihood the first one (0: off; docs/results-real-run.md measures it)."
    )
    sequence_unlikelihood_phase_weight: float = Field(1.0, gt=0, description="Weight of sequence-level unlikelihood in the phase after maximum-likelihood training.")
    sequence_unlikelihood_phase_learning_rate: float | None = Field(
        None, gt=0, description="Peak learning rate of the phase after maximum-likelihood training (default: train.learning_rate)."
    )
    sequence_unlikelihood_rows: int = Field(2, ge=1, description="Questions of each batch answered greedily for sequence-level unlikelihood.")
    sequence_unlikelihood_tokens: int = Field(128, ge=8, description="Longest greedy continuation generated for sequence-level unlikelihood.")
    sequence_unlikelihood_every: int = Field(1, ge=1, description="Generate for sequence-level unlikelihood every N optimizer steps.")
    neftune_alpha: float | None = Field(None, gt=0, description="NEFTune noise on the input embeddings while training (transformers' neftune_noise_alpha); off by default.")


class EvalSection(Section):
    generate_samples: int = Field(24, ge=0, description="Held-out test questions to answer with generation.")
    samples_per_question: int = Field(2, ge=1, description="Sampled answers per question with the product's decoding (generation.*), seeded.")
    greedy_column: bool = Field(True, description="Also answer every question greedily, reported as a second column.")
    max_new_tokens: int = Field(160, ge=1, description="Longest generated answer, in tokens.")
    batch_size: int = Field(8, ge=1, description="Questions answered per generation batch (losses use train.eval_batch_size).")
    bootstrap_samples: int = Field(1000, ge=100, description="Resamples for the bootstrap confidence intervals.")
    train_sample_size: int = Field(200, ge=1, description="Training examples scored in eval mode for the real gap.")
    memorization_words: int = Field(12, ge=4, description="A generated run this long copied from a training answer counts as memorized.")
    noisy_interval_width: float = Field(
        0.1, gt=0, description="Verdict says 'too noisy to tell' when the interval of |test - validation| crosses a band boundary and is wider than this."
    )
    embedding_similarity: bool = Field(True, description="Score generated answers with all-MiniLM-L6-v2 (offline) besides ROUGE-L.")
    greedy: bool = Field(False, description="Judge greedy answers instead of the product's sampling (generation.temperature/top_p/repetition_penalty).")
    seed: int = Field(42, description="Seed for the training sample, the chosen questions and the bootstrap.")


class GenerationSection(Section):
    temperature: float = Field(
        0.5, ge=0, description="Sampling temperature of both roles (0: greedy). 0.5 since 2026-12-02: the retrained adapter's answers beat the base model's there and not at 0.7 (docs/results-real-run.md, decoding study)."
    )
    top_p: float = Field(0.9, gt=0, le=1)
    max_new_tokens: int = Field(256, ge=1)
    repetition_penalty: float = Field(1.1, gt=0)
    stop: list[str] = Field(default_factory=list)


class SafetySection(Section):
    locale: str = Field("en-US", description="Which crisis resources the fixed crisis reply names.")
    crisis_threshold: float = Field(0.30, ge=0, le=1, description="Classifier score above which a message with risk words is a crisis (low: recall first); messages with only everyday words or none need 0.10 or 0.20 more.")
    disclose_ai: bool = Field(True, description="First reply says the user is talking to an AI, not a therapist.")
    careful_crisis_threshold: float = Field(
        0.25, ge=0, le=1, description="Lower crisis threshold once a conversation has had a crisis (careful mode)."
    )
    use_classifier: bool = Field(True, description="Use the sentence-embedding classifier; false routes on the lexicon alone.")
    use_learned: bool = Field(True, description="Use the learned n-gram crisis signal (all five languages) on top of the rules: it can raise a message to crisis, to the check-in or out of small talk; it lowers a crisis only when the decision rests on an earlier turn's weak alarm alone and none of our fixed replies is in the conversation, never one in the latest message, an answer to a risk question, a retraction or risk adding up (off with use_classifier: false); false routes on the rules alone.")
    short_followup_words: int = Field(
        6, ge=0, description="After a therapeutic turn, messages this short ('ok', 'thanks') stay therapeutic."
    )
    check_in: bool = Field(True, description="Passive or ambiguous risk ('I don't see a future') gets the fixed check-in: resources and a direct question about suicidal thoughts.")
    language_locales: dict[str, str] = Field(
        default_factory=lambda: {"es": "es-US", "pt": "pt-BR", "fr": "fr-FR", "de": "de-DE"},
        description="Locale of the crisis and check-in replies per user language, when safety.locale's country has none for it (en-US -> es-US).",
    )
    disclosure_interval_hours: float = Field(
        3.0, ge=0, description="Repeat the AI disclosure after this many hours in one conversation (0: only the first reply and when asked); needs message timestamps.",
    )

    @model_validator(mode="after")
    def _known_locale(self) -> "SafetySection":
        from calma.safety.replies import available_locales  # lazy: the texts live with the safety package

        if self.locale not in available_locales():
            raise ValueError(f"no crisis reply for locale '{self.locale}' (available: {', '.join(available_locales())})")
        for language, locale in self.language_locales.items():
            if locale not in available_locales() or not locale.startswith(f"{language}-"):
                raise ValueError(f"language_locales.{language}: no crisis reply for locale '{locale}' in that language (available: {', '.join(available_locales())})")
        return self


class ServeSection(Section):
    host: str = Field("127.0.0.1")
    port: int = Field(8000, ge=1, le=65535)
    api_keys: list[str] = Field(default_factory=list, description="Bearer keys; CALMA_API_KEY adds more (comma-separated).")
    adapter: Path | None = Field(None, description="Adapter to serve; default the promoted production adapter.")
    registry: Path = Field(Path("models/registry"), description="Where promoted versions are kept.")
    production_dir: Path = Field(Path("models/calma-final"), description="The production adapter location.")
    engine: Literal["transformers", "llamacpp"] = Field("transformers", description="Built-in engine: transformers (batches concurrent requests, CPU or GPU) or llamacpp (llama.cpp on a GGUF: fastest one-at-a-time decoding on CPU; needs `make llamacpp`).")
    gguf: Path | None = Field(None, description="GGUF file of the base model for engine=llamacpp; default the embedded model's.")
    device: Literal["auto", "cpu", "cuda", "mps"] = Field("auto", description="Where the built-in engine runs.")
    dtype: Literal["auto", "fp32", "bf16", "fp16"] = Field("auto", description="Engine weights; auto: bf16 on GPU, fp32 on CPU (measured faster there).")
    quantize: Literal["auto", "none", "int8"] = Field("auto", description="Base weights for CPU decoding; auto: int8 weight-only on CPU with fp32 weights (measured ~2x faster decode), none elsewhere.")
    max_batch: int = Field(8, ge=1, description="Requests decoded together in one batch.")
    num_threads: int | None = Field(None, ge=1, description="CPU threads for the engine; default all cores (1 helps on a busy shared machine).")
    batch_window_ms: float = Field(5.0, ge=0, description="How long the batcher waits to collect concurrent requests.")
    max_queue: int = Field(32, ge=1, description="Generations running or waiting; beyond this requests get 429 + Retry-After.")
    request_timeout: float = Field(120.0, gt=0, description="Seconds before a generation is stopped and the request fails (504).")
    max_messages: int = Field(64, ge=1, description="Most messages accepted in one request.")
    max_chars: int = Field(32_000, ge=100, description="Most characters of message content accepted in one request.")
    max_tokens: int = Field(1024, ge=1, description="Highest max_tokens a client may ask for.")
    max_prompt_tokens: int = Field(4096, ge=16, description="Most prompt tokens (chat template and system prompt included); also kept under the model's context minus the reply's max_tokens.")
    events_db: Path = Field(Path("models/crisis-events.sqlite"), description="SQLite file of crisis event counts (time, route; never text).")
    reload_interval: float = Field(2.0, gt=0, description="Seconds between checks of the registry for a new promotion.")
    upstream_url: str | None = Field(None, description="OpenAI-compatible server (vLLM, llama.cpp) to generate with instead of the built-in engine.")
    upstream_therapeutic_model: str = Field("calma", description="Upstream model name of the base + adapter (vLLM --lora-modules name).")
    upstream_casual_model: str | None = Field(None, description="Upstream model name of the plain base; default model.name.")


class CalmaConfig(Section):
    model: ModelSection = Field(default_factory=ModelSection)
    data: DataSection = Field(default_factory=DataSection)
    lora: LoraSection = Field(default_factory=LoraSection)
    train: TrainSection = Field(default_factory=TrainSection)
    evaluate: EvalSection = Field(default_factory=EvalSection)
    generation: GenerationSection = Field(default_factory=GenerationSection)
    safety: SafetySection = Field(default_factory=SafetySection)
    serve: ServeSection = Field(default_factory=ServeSection)


def _set_dotted(tree: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = tree
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise CalmaError(f"config override {dotted}: '{key}' is not a section")
        node = child
    node[keys[-1]] = value


def _describe(err: ValidationError, origin: str) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        return f"{origin}: unknown config key '{where}'"
    return f"{origin}: {where}: {first['msg']}"


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> CalmaConfig:
    """Read YAML (optional), apply dotted overrides like {"train.epochs": 2}, validate once."""
    tree: dict[str, Any] = {}
    origin = "config"
    if path is not None:
        path = Path(path)
        origin = str(path)
        if not path.is_file():
            raise CalmaError(f"{path}: config file not found")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}" if mark is not None else ""
            raise CalmaError(f"{path}:{line} not valid YAML") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise CalmaError(f"{path}: expected a mapping of sections at the top level")
        tree = loaded
    for dotted, value in (overrides or {}).items():
        if value is not None:
            _set_dotted(tree, dotted, value)
    try:
        return CalmaConfig.model_validate(tree)
    except ValidationError as err:
        raise CalmaError(_describe(err, origin)) from None


def parse_set_options(items: list[str] | None) -> dict[str, Any]:
    """Turn repeated `--set section.key=value` options into overrides (values parsed as YAML)."""
    overrides: dict[str, Any] = {}
    for item in items or []:
        if "=" not in item:
            raise CalmaError(f"--set {item}: expected section.key=value")
        key, raw = item.split("=", 1)
        overrides[key.strip()] = yaml.safe_load(raw) if raw.strip() else ""
    return overrides


def dump_config(config: CalmaConfig) -> str:
    return yaml.safe_dump(config.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
