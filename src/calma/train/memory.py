"""Training memory bounded by design: micro-batches under a token budget, measured peaks.

A training step's memory is the process's fixed part (weights, optimizer, libraries) plus
what autograd keeps per token until the backward pass, which grows with rows x padded length.
So the recipe never lets a batch decide its own size: `split_rows` cuts every Trainer batch
into micro-batches of at most ``budget`` tokens (rows x their own padded width), each run
forward and backward on its own. The loss of every micro-batch is divided by the answer
tokens of the whole accumulated batch (the Trainer's ``num_items_in_batch``), so the
gradient of a step is exactly the one of the unsplit batch and every optimizer step still
sees ``batch_size x gradient_accumulation_steps`` examples.

`plan_memory` picks the budget: the largest that the estimate says fits the memory limit,
capped at a throughput-sized default, and turns on gradient checkpointing only when even one
row of the longest length would not fit without it. The per-token figures below were
measured on the embedded model (SmolLM2-135M, 30 layers) with `/usr/bin/time -v` and
``ru_maxrss`` (docs/training.md, "Memory"); they scale with layers, widths and dtype.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import resource
import sys
from dataclasses import asdict, dataclass

GIB = 1024**3
# Saved activations per token and layer, in elements of the activation dtype, with the fused
# LoRA branch (calma.train.fused_lora): ~20 hidden-width and ~8 MLP-width tensors.
HIDDEN_TENSORS, MLP_TENSORS = 20, 8
# The output layer at answer positions: bf16/fp16 logits, their fp32 copy and the saved
# log-softmax (4 + 4 bytes) per vocabulary entry.
LOGIT_BYTES = 8
# Allocator slack and everything the formula leaves out.
MARGIN = 1.25
# Default micro-batch budget where memory is plentiful: on a CPU bigger micro-batches buy
# no speed (measured: docs/training.md); on a GPU they do.
CPU_BUDGET, GPU_BUDGET = 2048, 16384


@dataclass
class MemoryPlan:
    budget_tokens: int
    gradient_checkpointing: bool
    limit_bytes: int
    estimated_peak_bytes: int
    fixed_bytes: int
    per_token_bytes: int
    reason: str

    def describe(self) -> str:
        ckpt = "on" if self.gradient_checkpointing else "off"
        return (
            f"micro-batches of at most {self.budget_tokens} tokens, gradient checkpointing {ckpt}; "
            f"estimated peak {self.estimated_peak_bytes / GIB:.1f} GiB of a {self.limit_bytes / GIB:.1f} GiB limit ({self.reason})"
        )

    def as_dict(self) -> dict:
        return asdict(self)


def per_token_bytes(model_config, act_bytes: int, checkpointing: bool, answer_share: float = 1.0) -> int:
    """Estimated bytes that one training token keeps alive until the backward pass."""
    layers = int(getattr(model_config, "num_hidden_layers", 30))
    hidden = int(getattr(model_config, "hidden_size", 576))
    mlp = int(getattr(model_config, "intermediate_size", 4 * hidden))
    vocab = int(getattr(model_config, "vocab_size", 49152))
    layer = (HIDDEN_TENSORS * hidden + MLP_TENSORS * mlp) * act_bytes
    body = layers * hidden * act_bytes + layer if checkpointing else layers * layer
    return int(body + answer_share * vocab * LOGIT_BYTES)


def available_bytes(device: str) -> int:
    """Memory this process may still take: free GPU memory, or RAM (cgroup limit respected)."""
    if device == "cuda":
        import torch

        free, _ = torch.cuda.mem_get_info()
        return int(free)
    avail = _meminfo("MemAvailable") or 8 * GIB
    limit = _cgroup_limit()
    if limit is not None:
        avail = min(avail, max(limit - current_rss_bytes(), 0))
    return int(avail)


def plan_memory(model_config, device: str, act_bytes: int, max_length: int, fixed_bytes: int,
                limit_gb: float | None = None, budget: int | None = None, checkpointing: bool | None = None,
                answer_share: float = 0.9) -> MemoryPlan:
    """The micro-batch token budget and the checkpointing choice for this run."""
    if limit_gb is not None:
        limit, why = int(limit_gb * GIB), "train.memory_limit_gb"
    else:
        limit, why = int(fixed_bytes + 0.8 * available_bytes(device)), "80% of the memory available now"
    # An explicit budget is taken as it is (a longer row then runs alone); the default holds one longest row.
    default = budget or max(GPU_BUDGET if device == "cuda" else CPU_BUDGET, max_length)

    def fits(tokens: int, ckpt: bool) -> int:
        return int(MARGIN * (fixed_bytes + tokens * per_token_bytes(model_config, act_bytes, ckpt, answer_share)))

    ckpt = bool(checkpointing)
    if checkpointing is None:  # auto: only when one longest row would not fit without it
        ckpt = fits(max_length, False) > limit
    per_token = per_token_bytes(model_config, act_bytes, ckpt, answer_share)
    room = (limit / MARGIN - fixed_bytes) / per_token
    tokens = default if budget else int(min(default, max(room, max_length)))
    reason = why
    if fits(tokens, ckpt) > limit:
        reason = f"{why}; even one {max_length}-token row is estimated over it"
    return MemoryPlan(tokens, ckpt, limit, fits(tokens, ckpt), int(fixed_bytes), per_token, reason)


def split_rows(lengths: list[int], budget: int) -> list[list[int]]:
    """Row indices grouped, longest first, so that len(group) x its longest row <= budget.

    A row longer than the budget gets a group of its own (the caller sizes the budget to fit
    at least one row of the maximum length)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    groups: list[list[int]] = []
    current: list[int] = []
    width = 0
    for i in order:
        w = max(width, lengths[i]) if current else lengths[i]
        if current and w * (len(current) + 1) > budget:
            groups.append(current)
            current, w = [], lengths[i]
        current.append(i)
        width = w
    if current:
        groups.append(current)
    return groups


def take_rows(batch: dict, rows: list[int]) -> dict:
    """The given rows of a padded batch, cropped to their own longest row."""
    import torch

    index = torch.as_tensor(rows, dtype=torch.long)
    width = int(batch["attention_mask"][index].sum(dim=1).max())
    out = {}
    for key, value in batch.items():
        if isinstance(value, torch.Tensor) and value.dim() >= 2 and value.shape[0] == batch["attention_mask"].shape[0]:
            out[key] = value[index.to(value.device), :width]
        else:
            out[key] = value
    return out


# ---------------------------------------------------------------- measuring and returning memory


def current_rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def peak_rss_bytes() -> int:
    """This process's peak resident memory so far (what `/usr/bin/time -v` reports)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def peak_gpu_bytes() -> int | None:
    try:
        import torch

        if torch.cuda.is_available() and torch.cuda.is_initialized():
            return int(torch.cuda.max_memory_allocated())
    except Exception:  # noqa: BLE001 - a figure for the report, never a failure
        return None
    return None


_LIBC = None


def _libc():
    global _LIBC
    if _LIBC is None:
        name = ctypes.util.find_library("c")
        try:
            _LIBC = ctypes.CDLL(name) if name else False
        except OSError:
            _LIBC = False
    return _LIBC


# glibc mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MIB = 1 << 20
# name: (mmap threshold, trim threshold, malloc_trim after every how many steps)
ALLOCATOR_MODES = {
    "bounded": (1 * _MIB, None, 1),
    "balanced": (16 * _MIB, 256 * _MIB, 8),
}
DEFAULT_ALLOCATOR = "bounded"
_TRIM_EVERY = 1
_STEPS = 0


def allocator_mode() -> str:
    """The glibc setting in use: CALMA_MALLOC_TUNE=bounded|balanced|0 (0: glibc's own, to
    measure without); anything else (1, empty, auto, jemalloc, a typo) is the default, never no bound.
    (Where jemalloc serves the process, none of them applies: see `allocator_name`.)"""
    mode = os.environ.get("CALMA_MALLOC_TUNE", DEFAULT_ALLOCATOR)
    return mode if mode in ALLOCATOR_MODES or mode == "0" else DEFAULT_ALLOCATOR


# ---------------------------------------------------------------- jemalloc for the long jobs
#
# glibc cannot both keep a step's activations mapped for the next step and stop its heap from
# fragmenting: with a sliding or high mmap threshold RSS climbs step after step, with a low
# one every step faults its activations in again (docs/training.md, "Memory"). jemalloc
# keeps freed pages for reuse and returns them on a timer, so it gets both: measured on the
# real sample, the peak of "bounded" at ~1.1x its speed. It is not a Python package; where a
# system has it (Debian/Ubuntu: `apt install libjemalloc2`), `calma train` and `calma pipeline`
# start again under it (LD_PRELOAD) before torch loads. CALMA_MALLOC_TUNE=bounded|balanced|0
# keeps glibc; CALMA_JEMALLOC=/path/libjemalloc.so.2 names a library the search does not find.

JEMALLOC_PATHS = (
    "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
    "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
    "/usr/lib64/libjemalloc.so.2",
    "/usr/lib/libjemalloc.so.2",
    "/usr/local/lib/libjemalloc.so.2",
)
_REEXEC_GUARD = "CALMA_ALLOCATOR_REEXEC"


def find_jemalloc(environ=None) -> str | None:
    """Path of a jemalloc shared library on this system, or None."""
    environ = os.environ if environ is None else environ
    named = environ.get("CALMA_JEMALLOC")
    if named:
        if os.path.isfile(named):
            return named
        print(f"calma: CALMA_JEMALLOC={named} is not a file; running with glibc's allocator", file=sys.stderr)
        return None
    for path in JEMALLOC_PATHS:
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=1)
def jemalloc_loaded() -> bool:
    """Whether jemalloc is mapped into this process (however it got there; read once: a
    preloaded allocator cannot come or go while the process runs)."""
    try:
        with open("/proc/self/maps") as handle:
            return any("libjemalloc" in line for line in handle)
    except OSError:
        return False


def allocator_name() -> str:
    """What serves this process's allocations, as reported: "jemalloc" or "glibc (<mode>)"."""
    return "jemalloc" if jemalloc_loaded() else f"glibc ({allocator_mode()})"


def jemalloc_environment(environ=None, loaded: bool | None = None) -> dict | None:
    """The environment to start this command again under jemalloc, or None to run as it is.

    None where a glibc mode was asked for (CALMA_MALLOC_TUNE=bounded|balanced|0), off Linux,
    where jemalloc is already loaded, where no library is found, or after one try already
    (the guard stops a loop if the preload did not take). `loaded` says whether the process
    this environment is for already has it (default: this one)."""
    environ = dict(os.environ if environ is None else environ)
    if environ.get("CALMA_MALLOC_TUNE") in (*ALLOCATOR_MODES, "0") or not sys.platform.startswith("linux"):
        return None
    if environ.get(_REEXEC_GUARD) or (jemalloc_loaded() if loaded is None else loaded):
        return None
    library = find_jemalloc(environ)
    if library is None:
        return None
    preload = environ.get("LD_PRELOAD", "")
    environ["LD_PRELOAD"] = f"{library}:{preload}" if preload else library
    environ[_REEXEC_GUARD] = "1"
    return environ


def restart_under_jemalloc() -> None:
    """Replace this process with the same command under jemalloc, where `jemalloc_environment` says so.

    Call it from a command's entry point only, before the heavy imports (never from a library
    call: it replaces the running interpreter)."""
    environ = jemalloc_environment()
    if environ is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], environ)


def tune_allocator() -> bool:
    """glibc only: a fixed mmap threshold, so that glibc's sliding one does not grow RSS step by step.

    glibc raises its mmap threshold as large blocks are freed, after which the activations of
    each step are carved from the heap and stay there: RSS then grows from step to step
    (measured: docs/training.md). A fixed threshold turns that off. "bounded" sends every
    block >= 1 MiB to mmap and trims the heap after each step (lowest peak, every step
    faults its activations in again); "balanced" keeps blocks under 16 MiB on the heap
    and trims only what lies above 256 MiB of free heap top."""
    global _TRIM_EVERY
    mode = allocator_mode()
    libc = _libc()
    if jemalloc_loaded():  # glibc's malloc is not in use: nothing to set, nothing to trim
        _TRIM_EVERY = 0
        return False
    if mode == "0" or not libc or not hasattr(libc, "mallopt"):
        _TRIM_EVERY = 1  # 0 keeps the trim between steps: it measures the fixed threshold alone
        return False
    mmap_threshold, trim_threshold, _TRIM_EVERY = ALLOCATOR_MODES[mode]
    done = bool(libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold))
    if trim_threshold is not None:
        done = bool(libc.mallopt(_M_TRIM_THRESHOLD, trim_threshold)) and done
    return done


def release_memory(device: str | None = None) -> None:
    """Hand freed memory back to the system between steps (glibc malloc_trim, CUDA cache)."""
    global _STEPS
    _STEPS += 1
    libc = _libc()
    if _TRIM_EVERY and _STEPS % _TRIM_EVERY == 0 and libc and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
    if device == "cuda":
        import torch

        torch.cuda.empty_cache()


def _meminfo(key: str) -> int | None:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _cgroup_limit() -> int | None:
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = open(path).read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 1 << 60:
            return int(text)
    return None
