"""Data preparation: raw counseling Q&A in, leakage-free tokenized splits out.

sources (one reader per format) → fields → clean → scrub → filters → dedupe → split →
tokenize → an atomically written folder with report.json. `prepare` runs it all;
`load_prepared` reads the folder back with checks.
"""

from calma.data.clean import clean_text
from calma.data.dedupe import exact_duplicates, near_duplicates, pairwise_near_duplicates
from calma.data.fields import FieldMap, detect_fields
from calma.data.filters import check_clean, check_raw
from calma.data.output import format_summary, load_prepared, read_report
from calma.data.prepare import expected_fingerprint, prepare
from calma.data.scrub import scrub_answer, scrub_question
from calma.data.sources import demo_path, iter_records, resolve_source
from calma.data.split import question_groups, split_groups
from calma.data.tokenize import IGNORE_INDEX, encode_rows, tokenizer_fingerprint

__all__ = [
    "IGNORE_INDEX",
    "FieldMap",
    "check_clean",
    "check_raw",
    "clean_text",
    "demo_path",
    "detect_fields",
    "encode_rows",
    "exact_duplicates",
    "expected_fingerprint",
    "format_summary",
    "iter_records",
    "load_prepared",
    "near_duplicates",
    "pairwise_near_duplicates",
    "prepare",
    "question_groups",
    "read_report",
    "resolve_source",
    "scrub_answer",
    "scrub_question",
    "split_groups",
    "tokenizer_fingerprint",
]
