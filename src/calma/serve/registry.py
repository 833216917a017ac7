"""Adapter versions: promote, roll back, list — with an atomic switch.

Layout under `serve.registry` (default models/registry)::

    versions/v1/ ...        a full copy of each promoted adapter, never modified afterwards
    index.json              versions (id, time, source, content hash, metrics) and history
    CURRENT                 the production version id (what a running server watches)

`serve.production_dir` (default models/calma-final) is a symlink to the current version's
folder. A version folder is copied completely (into a temporary name, then renamed) before
anything points at it, and the pointer file and the symlink are each replaced with one
`os.replace`, so a reader sees the old adapter or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from calma.errors import CalmaError

WEIGHT_FILES = ("adapter_model.safetensors", "adapter_model.bin")


@dataclass
class Version:
    id: str
    created: float
    source: str
    sha256: str
    base_model: str | None = None
    metrics: dict = field(default_factory=dict)


def content_hash(folder: Path) -> str:
    """sha256 over every file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for file in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _dig(tree: dict, *keys):
    for key in keys:
        tree = tree.get(key) if isinstance(tree, dict) else None
    return tree


def read_metrics(adapter: Path) -> dict:
    """What `calma train` (calma.json) and `calma evaluate` (OUT/evaluation/report.json) measured."""
    adapter = Path(adapter)
    metrics = {}
    meta = _read_json(adapter / "calma.json")
    best = _dig(meta, "early_stopping", "best_metric")
    if isinstance(best, (int, float)):
        metrics["best_eval_loss"] = round(float(best), 4)
    if isinstance(meta.get("global_step"), int):
        metrics["steps"] = meta["global_step"]
    report = _read_json(adapter.parent / "evaluation" / "report.json") or _read_json(adapter / "report.json")
    for split in ("validation", "test"):
        for field, name in (("mean", "loss"), ("perplexity", "perplexity")):
            value = _dig(report, "losses", "adapter", split, field)
            if isinstance(value, (int, float)):
                metrics[f"{split}_{name}"] = round(float(value), 4)
    verdict = _dig(report, "verdict", "key")
    if isinstance(verdict, str):
        metrics["verdict"] = verdict
    return metrics


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Registry:
    def __init__(self, root: Path, production: Path):
        self.root, self.production = Path(root), Path(production)

    # ---- reading -----------------------------------------------------------------------
    def _index(self) -> dict:
        path = self.root / "index.json"
        if not path.is_file():
            return {"versions": [], "history": []}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise CalmaError(f"{path}: registry index is not valid JSON") from None

    def versions(self) -> list[Version]:
        return [Version(**v) for v in self._index()["versions"]]

    def current_id(self) -> str | None:
        pointer = self.root / "CURRENT"
        return pointer.read_text(encoding="utf-8").strip() or None if pointer.is_file() else None

    def path_of(self, version_id: str) -> Path:
        return self.root / "versions" / version_id

    def current(self) -> tuple[str, Path] | None:
        """(id, folder) of the production adapter, or None when nothing was promoted."""
        vid = self.current_id()
        return (vid, self.path_of(vid)) if vid else None

    # ---- writing -----------------------------------------------------------------------
    def _lock(self):
        from filelock import FileLock

        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.root / ".lock"))

    def _switch(self, index: dict, version_id: str) -> None:
        """Point production at `version_id`: index, CURRENT and the symlink, each replaced atomically."""
        _atomic_write(self.root / "index.json", json.dumps(index, indent=2))
        _atomic_write(self.root / "CURRENT", version_id + "\n")
        prod = self.production
        if prod.exists() and not prod.is_symlink():
            raise CalmaError(f"{prod}: is a plain folder, not managed by the registry; move it away "
                             f"(you can promote it: calma promote {prod}) and try again")
        prod.parent.mkdir(parents=True, exist_ok=True)
        target = os.path.relpath(self.path_of(version_id).resolve(), prod.parent.resolve())
        tmp = prod.with_name(f".{prod.name}.{os.getpid()}.tmp")
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(target, tmp, target_is_directory=True)
        os.replace(tmp, prod)

    def promote(self, source: Path) -> Version:
        source = Path(source).expanduser()
        if not (source / "adapter_config.json").is_file() or not any((source / w).is_file() for w in WEIGHT_FILES):
            raise CalmaError(f"{source}: not a LoRA adapter folder (needs adapter_config.json and adapter_model.safetensors)")
        if self.production.is_symlink() and source.resolve() == self.production.resolve():
            raise CalmaError(f"{source}: is already the production adapter")
        from calma.serve.engine import adapter_base_model

        digest = content_hash(source)
        with self._lock():
            index = self._index()
            current = self.current_id()
            same = [v for v in index["versions"] if v["id"] == current and v["sha256"] == digest]
            if same:
                raise CalmaError(f"{source}: same content as the production version {current}; nothing to promote")
            number = 1 + max((int(v["id"][1:]) for v in index["versions"]), default=0)
            version = Version(f"v{number}", time.time(), str(source.resolve()), digest,
                              adapter_base_model(source), read_metrics(source))
            staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.root))
            try:
                shutil.copytree(source, staging, dirs_exist_ok=True)
                (self.root / "versions").mkdir(exist_ok=True)
                os.replace(staging, self.path_of(version.id))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            index["versions"].append(asdict(version))
            index["history"].append(version.id)
            self._switch(index, version.id)
        return version

    def rollback(self) -> Version:
        """Back to the version that was in production before the current one."""
        with self._lock():
            index = self._index()
            if len(index["history"]) < 2:
                raise CalmaError(f"{self.root}: no earlier version to roll back to")
            index["history"].pop()
            previous = index["history"][-1]
            self._switch(index, previous)
        return next(v for v in self.versions() if v.id == previous)
