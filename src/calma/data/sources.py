"""Readers: one small function per input format, each yielding plain dict records.

Every reader streams rows so that a large file never has to be held twice, and reports a
user's mistake (missing file, wrong encoding, truncated JSON) as a one-line `CalmaError`
naming the file and, where it helps, the line. Rows that are merely bad (one JSONL line
that is not JSON) are skipped and remembered with their line numbers instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from calma.errors import CalmaError

FILE_SUFFIXES = (".json", ".jsonl", ".csv", ".parquet")
DEMO_NAMES = {"demo", "calma-demo"}
OFFLINE_HINT = "use a local file with --dataset PATH, or `make demo` for the bundled demo data"
# Bytes that cp1252 leaves undefined: their presence means the file is in some other encoding.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass
class Source:
    """Where the rows come from, and what reading them taught us."""

    name: str  # what the user gave (path, hub id, "demo")
    kind: str  # json | jsonl | csv | parquet | disk | hub
    path: Path | None = None
    encoding: str | None = None
    bad_lines: list[int] = field(default_factory=list)  # 1-based line numbers skipped
    bad_reasons: dict[str, int] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)

    def skip(self, line: int, reason: str) -> None:
        self.bad_lines.append(line)
        self.bad_reasons[reason] = self.bad_reasons.get(reason, 0) + 1


def demo_path() -> Path:
    """The bundled demo file, wherever the package is installed."""
    return Path(str(resources.files("calma.data").joinpath("demo/counseling_demo.jsonl")))


def resolve_source(dataset: str) -> Source:
    """Decide whether `dataset` is a local file/folder, the demo, or a hub id."""
    text = str(dataset).strip()
    if not text:
        raise CalmaError("--dataset: empty value")
    if text.lower() in DEMO_NAMES:
        path = demo_path()
        if not path.is_file():
            raise CalmaError(f"{path}: bundled demo data missing; reinstall calma")
        return Source(name="demo", kind="jsonl", path=path)
    path = Path(text).expanduser()
    if path.is_dir():
        return Source(name=text, kind="disk", path=path)
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix not in FILE_SUFFIXES:
            raise CalmaError(f"{path}: unsupported file type '{suffix}'; use .json, .jsonl, .csv or .parquet")
        return Source(name=text, kind=suffix[1:], path=path)
    looks_local = text.startswith((".", "/", "~")) or path.suffix.lower() in FILE_SUFFIXES or text.count("/") > 1
    if looks_local:
        raise CalmaError(f"{path}: file or folder not found")
    return Source(name=text, kind="hub")


def file_digest(path: Path) -> str:
    """sha256 of a file, or of every file in a folder (names and bytes), read in chunks."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for item in files:
        if path.is_dir():
            h.update(str(item.relative_to(path)).encode())
        with open(item, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def source_fingerprint(source: Source, revision: str | None, hub_split: str) -> dict[str, Any]:
    """What identifies the input: content hash for local data, id + revision + split for the hub."""
    if source.kind == "hub":
        return {"hub": source.name, "revision": revision or "default", "split": hub_split}
    assert source.path is not None
    return {"kind": source.kind, "sha256": file_digest(source.path)}


# ---------------------------------------------------------------------------------- decoding
def _plausible_cp1252(raw: bytes) -> bool:
    """cp1252 is accepted only when every high byte decodes to a Western letter or punctuation."""
    if any(b in _CP1252_UNDEFINED for b in raw if b >= 0x80):
        return False
    if _UTF8_SEQUENCE.search(raw):  # UTF-8 with a few broken bytes: decoding it as cp1252 garbles it
        return False
    text = raw.decode("cp1252")
    for ch in set(text):
        if ord(ch) < 0x80:
            continue
        if not (ch.isalpha() or ch in "’‘“”–—…€•«»°±§©®™¢£¥¡¿·´¨ª º¹²³¼½¾×÷"):
            return False
    return True


def decode_bytes(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, or plausible cp1252; refuse anything else."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise CalmaError(f"{path}: not valid UTF-16 ({exc.reason} at byte {exc.start})") from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _plausible_cp1252(raw):
        return raw.decode("cp1252"), "cp1252"
    line = raw.count(b"\n", 0, first_bad) + 1
    raise CalmaError(
        f"{path}: line {line}: not UTF-8 (byte 0x{raw[first_bad]:02x}) and not a Windows-1252/Latin-1 text; re-save it as UTF-8"
    )


def _is_utf8(path: Path) -> bool:
    """Check the whole file incrementally (1 MiB at a time) so huge files stream afterwards."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _check_not_empty(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
        while head and not head.strip():
            head = fh.read(1 << 16)
    if not head.strip():
        raise CalmaError(f"{path}: file is empty")


def open_text(path: Path) -> tuple[io.TextIOBase, str]:
    """A text stream over the file: streamed when UTF-8, decoded in memory otherwise."""
    _check_not_empty(path)
    with open(path, "rb") as fh:
        bom16 = fh.read(2) in (b"\xff\xfe", b"\xfe\xff")
    if not bom16 and _is_utf8(path):
        return open(path, encoding="utf-8-sig", newline=""), "utf-8"
    text, encoding = decode_bytes(path.read_bytes(), path)
    return io.StringIO(text, newline=""), encoding


def _read_text(path: Path) -> tuple[str, str]:
    stream, encoding = open_text(path)
    with stream:
        return stream.read(), encoding


# ---------------------------------------------------------------------------------- readers
def read_jsonl(source: Source) -> Iterator[dict[str, Any]]:
    """One JSON object per line; bad lines are skipped with their line number, truncation is fatal."""
    assert source.path is not None
    stream, source.encoding = open_text(source.path)
    with stream:
        previous: str | None = None
        number = 0
        for line in stream:
            if previous is not None:
                yield from _jsonl_record(source, number, previous, last=False)
            number += 1
            previous = line
        if previous is not None:
            yield from _jsonl_record(source, number, previous, last=True)


def _jsonl_record(source: Source, number: int, line: str, last: bool) -> Iterator[dict[str, Any]]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        if last and not line.endswith(("\n", "\r")) and line.lstrip().startswith("{"):
            raise CalmaError(f"{source.path}: line {number}: truncated (the file ends inside a JSON record)") from None
        source.skip(number, "invalid_json")
        return
    if not isinstance(record, dict):
        source.skip(number, "not_an_object")
        return
    yield record


def read_json(source: Source) -> Iterator[dict[str, Any]]:
    """A JSON list of objects, or of [question, answer] pairs (also {"data": [...]} wrappers)."""
    assert source.path is not None
    text, source.encoding = _read_text(source.path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or text.rstrip()[-1:] not in ("]", "}"):
            raise CalmaError(f"{source.path}: truncated JSON (ends at line {exc.lineno})") from None
        raise CalmaError(f"{source.path}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise CalmaError(f"{source.path}: expected a JSON list of records (or an object holding one list)")
        data = lists[0]
    if not isinstance(data, list):
        raise CalmaError(f"{source.path}: expected a JSON list of records, got {type(data).__name__}")
    for number, item in enumerate(data, start=1):
        if isinstance(item, dict):
            yield item
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            yield {"question": item[0], "answer": item[1]}
        else:
            source.skip(number, "not_a_record")


def read_csv(source: Source) -> Iterator[dict[str, Any]]:
    """CSV with a header row; quoted fields may hold newlines; ragged rows are skipped."""
    assert source.path is not None
    stream, source.encoding = open_text(source.path)
    with stream:
        yield from _csv_rows(source, stream)


def _csv_rows(source: Source, stream: io.TextIOBase) -> Iterator[dict[str, Any]]:
    # The stdlib default (128 KiB) rejects a whole file over one huge cell; long rows are
    # skipped later by the length filter instead, with a count.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(stream, strict=True)  # strict: a file cut inside a quoted cell is an error
    try:
        header = next(reader)
    except StopIteration:
        raise CalmaError(f"{source.path}: file is empty") from None
    except csv.Error as exc:
        raise CalmaError(f"{source.path}: line 1: not valid CSV ({exc})") from None
    header = [h.strip() for h in header]
    if len(header) < 2:
        raise CalmaError(f"{source.path}: line 1: expected a header with at least two columns, got {header}")
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise CalmaError(f"{source.path}: line {line}: truncated (the file ends inside a quoted cell)") from None
            raise CalmaError(f"{source.path}: line {line}: not valid CSV ({exc})") from None
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            source.skip(line, "wrong_column_count")
            continue
        yield dict(zip(header, row))


def read_parquet(source: Source) -> Iterator[dict[str, Any]]:
    assert source.path is not None
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(source.path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise CalmaError(f"{source.path}: not a readable Parquet file ({str(exc).splitlines()[0]})") from None
    for batch in table.iter_batches(batch_size=4096):
        yield from batch.to_pylist()


def read_disk(source: Source, hub_split: str) -> Iterator[dict[str, Any]]:
    """A `save_to_disk` folder: a Dataset, or a DatasetDict from which `hub_split` is taken."""
    import datasets

    try:
        loaded = datasets.load_from_disk(str(source.path))
    except (FileNotFoundError, ValueError) as exc:
        raise CalmaError(f"{source.path}: not a dataset folder saved with save_to_disk ({str(exc).splitlines()[0]})") from None
    if isinstance(loaded, datasets.DatasetDict):
        if hub_split not in loaded:
            raise CalmaError(f"{source.path}: no split '{hub_split}' (found {', '.join(loaded)}); set data.hub_split")
        loaded = loaded[hub_split]
    yield from loaded


def _check_hub_reachable(name: str) -> None:
    """Fail in seconds, not after a minute of retries, when the Hub cannot be reached at all.

    With HF_HUB_OFFLINE=1 (a cached copy) nothing is probed."""
    import os
    import socket
    from urllib.parse import urlparse

    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"} or os.environ.get(
        "HF_DATASETS_OFFLINE", ""
    ).lower() in {"1", "true", "yes"}:
        return
    from huggingface_hub import constants

    endpoint = urlparse(constants.ENDPOINT)
    host, port = endpoint.hostname or "huggingface.co", endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as exc:
        raise CalmaError(
            f"cannot load dataset '{name}': {host} is unreachable ({exc.strerror or type(exc).__name__}); "
            f"{OFFLINE_HINT} (HF_HUB_OFFLINE=1 uses a cached copy)"
        ) from None


def read_hub(source: Source, hub_split: str, revision: str | None) -> Iterator[dict[str, Any]]:
    """A Hugging Face Hub dataset; HF_TOKEN or `hf auth login` cover gated ones."""
    import datasets

    _check_hub_reachable(source.name)
    try:
        loaded = datasets.load_dataset(source.name, split=hub_split, revision=revision)
    except Exception as exc:  # network, auth, missing repo: all become one line for the user
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if len(reason) > 160:
            reason = reason[:157] + "..."
        raise CalmaError(f"cannot load dataset '{source.name}' from the Hugging Face Hub ({reason}); {OFFLINE_HINT}") from None
    yield from loaded


def iter_records(source: Source, hub_split: str = "train", revision: str | None = None) -> Iterator[dict[str, Any]]:
    """Dispatch to the reader for `source.kind`."""
    if source.kind == "jsonl":
        yield from read_jsonl(source)
    elif source.kind == "json":
        yield from read_json(source)
    elif source.kind == "csv":
        yield from read_csv(source)
    elif source.kind == "parquet":
        yield from read_parquet(source)
    elif source.kind == "disk":
        yield from read_disk(source, hub_split)
    elif source.kind == "hub":
        yield from read_hub(source, hub_split, revision)
    else:  # pragma: no cover - resolve_source only makes the kinds above
        raise CalmaError(f"{source.name}: unknown source kind {source.kind}")
