"""`prepare`: raw rows in, leakage-free tokenized splits out, with a report of every change.

The recipe reads top to bottom: read → pick fields → clean → scrub → filter → dedupe →
group questions → cap answers per question → sample → tokenize → split → write. Every row
that does not reach the output is counted under a reason, so `rows_in - sum(removed) ==
rows_out` always holds and the report can be audited.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from itertools import chain, islice
from typing import Any, Callable, Iterator

import numpy as np

from calma.config import CalmaConfig, DataSection
from calma.data.clean import clean_text
from calma.data.dedupe import exact_duplicates, exact_key, near_duplicates
from calma.data.fields import FieldMap, detect_fields, extract_pair
from calma.data.filters import check_clean, check_raw
from calma.data.output import check_output_dir, fingerprint_of, write_prepared
from calma.data.scrub import scrub_answer, scrub_question
from calma.data.sources import Source, iter_records, resolve_source, source_fingerprint
from calma.data.split import cap_per_group, question_groups, shared_groups, shared_questions, split_groups
from calma.data.tokenize import encode_rows, tokenizer_fingerprint
from calma.errors import CalmaError

PEEK_ROWS = 200
CHUNK_ROWS = 1000
PARALLEL_AFTER = 20_000
TINY_SPLIT_ROWS = 10


def _bar(progress: bool, desc: str, total: int | None = None, unit: str = "rows"):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not progress, file=sys.stderr, mininterval=0.5, leave=False)


def _columns(records: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(str(key), None)
    return list(seen)


def _load_tokenizer(config: CalmaConfig):
    from calma.models import load_tokenizer

    return load_tokenizer(config.model.name, config.model.cache_dir, config.model.revision)


def process_pair(question: Any, answer: Any, data: DataSection) -> tuple:
    """Check, clean, scrub and check again one row.

    Returns (question, answer, reason or None, scrub counts, answer's exact-match key); the
    key is computed here so that large inputs hash in the worker processes too."""
    reason = check_raw(question, answer, data)
    if reason is not None:
        return None, None, reason, Counter(), None
    q = scrub_question(clean_text(question), data.scrub)
    a = scrub_answer(clean_text(answer), data.scrub)
    counts = q.counts + a.counts
    reason = check_clean(q.text, a.text, data)
    if reason is not None:
        return None, None, reason, counts, None
    return q.text, a.text, None, counts, exact_key(a.text)


def process_chunk(pairs: list[tuple[Any, Any]], data: DataSection) -> list:
    return [process_pair(q, a, data) for q, a in pairs]


def _chunks(pairs: Iterator[tuple[Any, Any]], size: int) -> Iterator[list[tuple[Any, Any]]]:
    while chunk := list(islice(pairs, size)):
        yield chunk


def process_in_chunks(pairs: Iterator[tuple[Any, Any]], data: DataSection) -> Iterator[list]:
    """Results in input order. Small inputs run inline; past PARALLEL_AFTER rows the work moves
    to a process pool (regexes hold the GIL) with a bounded window, so memory stays flat."""
    chunks = _chunks(pairs, CHUNK_ROWS)
    workers = data.workers or min(os.cpu_count() or 1, 8)
    for done, chunk in enumerate(chunks, start=1):
        yield process_chunk(chunk, data)
        if workers > 1 and done * CHUNK_ROWS >= PARALLEL_AFTER:
            break
    else:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold tokenizer threads that a fork would copy mid-state.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append(pool.submit(process_chunk, chunk, data))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


class Preparation:
    """State of one run: kept rows and counters; each step is one method."""

    def __init__(self, config: CalmaConfig, source: Source, progress: bool, echo: Callable[[str], None]):
        self.config, self.data, self.source = config, config.data, source
        self.progress, self.echo = progress, echo
        self.questions: list[str] = []
        self.answers: list[str] = []
        self.keys: list[bytes] = []  # exact-match key of each answer
        self.removed: Counter = Counter()
        self.scrubbed: Counter = Counter()
        self.rows_in = 0
        self.warnings: list[str] = []
        self.timings: dict[str, float] = {}
        self.fields: FieldMap | None = None
        self.near_stats: dict[str, int] = {}

    def _timed(self, name: str, started: float) -> None:
        self.timings[name] = round(time.perf_counter() - started, 3)

    def read_and_clean(self) -> None:
        """Stream records; check cheap things first, then clean, scrub and filter each row."""
        started = time.perf_counter()
        records = iter_records(self.source, self.data.hub_split, self.data.revision)
        head = list(islice(records, PEEK_ROWS))
        if not head:
            self._raise_no_rows()
        self.fields = detect_fields(_columns(head), self.data.question_field, self.data.answer_field, self.source.name)
        self.echo(f"fields: {self.fields.describe()}")
        pairs = (extract_pair(record, self.fields) for record in chain(head, records))
        with _bar(self.progress, "clean+scrub+filter") as bar:
            for chunk_results in process_in_chunks(pairs, self.data):
                for question, answer, reason, counts, key in chunk_results:
                    self.rows_in += 1
                    self.scrubbed.update(counts)
                    if reason is None:
                        self.questions.append(question)
                        self.answers.append(answer)
                        self.keys.append(key)
                    else:
                        self.removed[reason] += 1
                bar.update(len(chunk_results))
        for reason, count in self.source.bad_reasons.items():
            self.removed[reason] += count
            self.rows_in += count
        if self.source.bad_lines:
            lines = ", ".join(str(n) for n in self.source.bad_lines[:10])
            more = "" if len(self.source.bad_lines) <= 10 else f" (+{len(self.source.bad_lines) - 10} more)"
            self.warnings.append(f"{self.source.name}: skipped bad lines {lines}{more}")
        if not self.questions:
            self._raise_no_rows()
        self._timed("read_clean_scrub_filter", started)

    def _raise_no_rows(self) -> None:
        details = dict(self.removed + Counter(self.source.bad_reasons))
        why = f" (removed: {', '.join(f'{k}={v}' for k, v in sorted(details.items()))})" if details else ""
        raise CalmaError(f"{self.source.name}: no usable rows{why}")

    def _drop(self, indices: list[int], reason: str) -> None:
        if not indices:
            return
        self.removed[reason] += len(indices)
        gone = set(indices)
        self.questions = [q for k, q in enumerate(self.questions) if k not in gone]
        self.answers = [a for k, a in enumerate(self.answers) if k not in gone]
        self.keys = [a for k, a in enumerate(self.keys) if k not in gone]

    def dedupe(self) -> None:
        started = time.perf_counter()
        self._drop(exact_duplicates(self.answers, keys=self.keys), "duplicate_exact")
        with _bar(self.progress, "near-duplicate search", total=len(self.answers)) as bar:
            dropped = near_duplicates(self.answers, self.data.near_duplicate_threshold, progress=bar, stats=self.near_stats)
        self._drop(dropped, "duplicate_near")
        self.keys = []  # only dedupe needs them
        self._timed("dedupe", started)

    def group_and_cap(self) -> list[int]:
        started = time.perf_counter()
        groups = question_groups(self.questions, self.data.question_group_threshold)
        keep = cap_per_group(groups, self.data.max_answers_per_question, self.data.seed)
        groups = self._keep(keep, groups, "over_answer_cap")
        limit = self.data.max_samples
        if limit is not None and len(groups) > limit:
            chosen = np.random.default_rng(self.data.seed).choice(len(groups), size=limit, replace=False)
            groups = self._keep(sorted(int(k) for k in chosen), groups, "over_max_samples")
        self._timed("group_and_cap", started)
        return groups

    def _keep(self, keep: list[int], groups: list[int], reason: str) -> list[int]:
        if len(keep) == len(groups):
            return groups
        self.removed[reason] += len(groups) - len(keep)
        self.questions = [self.questions[k] for k in keep]
        self.answers = [self.answers[k] for k in keep]
        return [groups[k] for k in keep]

    def tokenize(self, tokenizer, groups: list[int]):
        started = time.perf_counter()
        with _bar(self.progress, "tokenize", total=len(self.questions)) as bar:
            encoded = encode_rows(
                tokenizer, self.config.model.system_prompt, self.questions, self.answers, self.data.max_length, progress=bar
            )
        self.removed["prompt_too_long"] += encoded.prompt_too_long
        groups = [groups[k] for k in encoded.kept]
        self.questions = [self.questions[k] for k in encoded.kept]
        self.answers = [self.answers[k] for k in encoded.kept]
        self._timed("tokenize", started)
        return encoded, groups

    def split(self, groups: list[int]) -> dict[str, list[int]]:
        distinct = len(set(groups))
        if distinct < 3:
            raise CalmaError(
                f"{self.source.name}: only {distinct} distinct question(s) left after filtering; "
                "leakage-free train/validation/test splits need at least 3"
            )
        fractions = self.data.splits.model_dump()
        splits = split_groups(groups, fractions, self.data.seed)
        for name in ("validation", "test"):
            if len(splits[name]) < TINY_SPLIT_ROWS:
                self.warnings.append(f"{name} split is tiny ({len(splits[name])} rows): its losses will be noisy")
        return splits


def settings_of(config: CalmaConfig) -> dict[str, Any]:
    """Every setting that changes the output (the dataset itself is fingerprinted separately)."""
    settings = config.data.model_dump(mode="json")
    settings.pop("dataset", None)
    settings.pop("workers", None)  # how fast, not what
    settings["model"] = config.model.name
    return settings


def expected_fingerprint(config: CalmaConfig, dataset: str | None = None, tokenizer=None) -> str:
    """The fingerprint `prepare` would record for these inputs: compare it with a folder's
    report.json before reusing the folder (`--skip-data-prep`)."""
    source = resolve_source(dataset or config.data.dataset)
    tokenizer = tokenizer if tokenizer is not None else _load_tokenizer(config)
    tok_fp = tokenizer_fingerprint(tokenizer, config.model.system_prompt, config.data.max_length)
    return fingerprint_of(source_fingerprint(source, config.data.revision, config.data.hub_split), settings_of(config), tok_fp)


def prepare(
    config: CalmaConfig,
    dataset: str | None = None,
    output: str | None = None,
    tokenizer=None,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the whole preparation and write `output` atomically; returns the report."""
    from pathlib import Path

    dataset = dataset or config.data.dataset
    out_dir = Path(output or "data/prepared")
    source = resolve_source(dataset)
    check_output_dir(out_dir)
    if tokenizer is None:
        tokenizer = _load_tokenizer(config)
    started = time.perf_counter()
    run = Preparation(config, source, progress, echo)
    run.read_and_clean()
    input_fp = source_fingerprint(source, config.data.revision, config.data.hub_split)
    run.dedupe()
    groups = run.group_and_cap()
    encoded, groups = run.tokenize(tokenizer, groups)
    splits = run.split(groups)
    leak = shared_groups(groups, splits)
    if leak:  # a bug, not a user error: never write a leaking split
        raise RuntimeError(f"{leak} question groups span two splits")
    report = _report(config, source, run, tokenizer, input_fp, encoded, splits, groups, leak)
    report["timings"]["total"] = round(time.perf_counter() - started, 3)
    write_prepared(out_dir, report, splits, groups, run.questions, run.answers, encoded)
    return report


def _report(config, source, run, tokenizer, input_fp, encoded, splits, groups, leak) -> dict[str, Any]:
    """report.json's content; `splits` figures are filled in while writing."""
    tok_fp = tokenizer_fingerprint(tokenizer, config.model.system_prompt, config.data.max_length)
    return {
        "source": source.name if source.kind == "hub" or source.name == "demo" else str(source.path),
        "source_kind": source.kind,
        "encoding": source.encoding,
        "fields": run.fields.as_dict() if run.fields else {},
        "rows_in": run.rows_in,
        "rows_out": len(groups),
        "removed": dict(sorted((k, v) for k, v in run.removed.items() if v)),
        "scrubbed": dict(sorted(run.scrubbed.items())),
        "truncated": encoded.truncated,
        "splits": {},
        "leakage": {"shared_groups": leak, "shared_questions": shared_questions(run.questions, splits)},
        "fingerprint": fingerprint_of(input_fp, settings_of(config), tok_fp),
        "input_fingerprint": input_fp,
        "tokenizer_fingerprint": tok_fp,
        "model": config.model.name,
        "max_length": config.data.max_length,
        "system_prompt": config.model.system_prompt,
        "settings": settings_of(config),
        "warnings": run.warnings,
        "bad_lines": source.bad_lines[:100],
        "timings": run.timings,
        "near_duplicate_search": run.near_stats,
    }
