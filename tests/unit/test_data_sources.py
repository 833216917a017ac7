"""Readers: every format, encodings, bad lines and whole-file rejections."""

from __future__ import annotations

import json

import pytest

from calma.data.sources import Source, demo_path, iter_records, resolve_source
from calma.errors import CalmaError


def read(path, **kw):
    source = resolve_source(str(path))
    return source, list(iter_records(source, **kw))


def test_jsonl_skips_bad_lines_and_reports_their_numbers(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"q": "first"}\nnot json at all\n\n[1, 2]\n{"q": "second"}\n', encoding="utf-8"
    )
    source, rows = read(path)
    assert [r["q"] for r in rows] == ["first", "second"]
    assert source.bad_lines == [2, 4]
    assert source.bad_reasons == {"invalid_json": 1, "not_an_object": 1}


def test_jsonl_truncated_last_record_is_rejected(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"q": "a"}\n{"q": "b", "a": "never fin', encoding="utf-8")
    with pytest.raises(CalmaError, match=r"cut.jsonl: line 2: truncated"):
        read(path)


def test_utf8_bom_is_invisible(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"Context": "caf\u00e9"}).encode() + b"\n")
    source, rows = read(path)
    assert list(rows[0]) == ["Context"] and rows[0]["Context"] == "caf\u00e9"
    assert source.encoding == "utf-8"


def test_cp1252_is_decoded_correctly(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("question,answer\nI can\u2019t sleep,Try a caf\u00e9-free evening \u2013 it helps\n".encode("cp1252"))
    source, rows = read(path)
    assert source.encoding == "cp1252"
    assert rows == [{"question": "I can\u2019t sleep", "answer": "Try a caf\u00e9-free evening \u2013 it helps"}]


def test_undecodable_bytes_are_rejected_not_garbled(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b'{"q": "ok"}\n{"q": "\x81\x8d\x90 bytes"}\n')
    with pytest.raises(CalmaError, match=r"bin.jsonl: line 2: not UTF-8"):
        read(path)


def test_json_list_of_objects_and_of_pairs(tmp_path):
    objects = tmp_path / "objects.json"
    objects.write_text(json.dumps([{"question": "q1", "answer": "a1"}]), encoding="utf-8")
    pairs = tmp_path / "pairs.json"
    pairs.write_text(json.dumps([["q1", "a1"], ["q2", "a2"], "junk"]), encoding="utf-8")
    assert read(objects)[1] == [{"question": "q1", "answer": "a1"}]
    source, rows = read(pairs)
    assert rows == [{"question": "q1", "answer": "a1"}, {"question": "q2", "answer": "a2"}]
    assert source.bad_reasons == {"not_a_record": 1}


def test_json_truncated_and_invalid(tmp_path):
    cut = tmp_path / "cut.json"
    cut.write_text('[{"question": "q1", "answer": "a', encoding="utf-8")
    with pytest.raises(CalmaError, match="truncated JSON"):
        read(cut)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"question": "q1",, "answer": "a"}]', encoding="utf-8")
    with pytest.raises(CalmaError, match=r"bad.json: line 1 column \d+: not valid JSON"):
        read(bad)


def test_csv_quoted_newlines_crlf_and_ragged_rows(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b'questionText,answerText\r\n"line one\r\nline two","an answer"\r\nonly-one-cell\r\n"q3","a3"\r\n')
    source, rows = read(path)
    assert rows[0] == {"questionText": "line one\r\nline two", "answerText": "an answer"}
    assert rows[1] == {"questionText": "q3", "answerText": "a3"}
    assert source.bad_lines == [4] and source.bad_reasons == {"wrong_column_count": 1}


def test_csv_huge_cell_does_not_break_the_reader(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text('q,a\n"short","' + "x" * 300_000 + '"\n"q2","a2"\n', encoding="utf-8")
    _, rows = read(path)
    assert len(rows) == 2 and len(rows[0]["a"]) == 300_000


def test_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"prompt": ["p1", "p2"], "response": ["r1", None]}), path)
    _, rows = read(path)
    assert rows == [{"prompt": "p1", "response": "r1"}, {"prompt": "p2", "response": None}]
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(CalmaError, match="broken.parquet: not a readable Parquet file"):
        read(broken)


def test_save_to_disk_folder_dataset_and_dict(tmp_path):
    import datasets

    data = {"instruction": ["i1"], "output": ["o1"]}
    datasets.Dataset.from_dict(data).save_to_disk(str(tmp_path / "single"))
    datasets.DatasetDict({"train": datasets.Dataset.from_dict(data)}).save_to_disk(str(tmp_path / "dict"))
    assert read(tmp_path / "single")[1] == [{"instruction": "i1", "output": "o1"}]
    assert read(tmp_path / "dict")[1] == [{"instruction": "i1", "output": "o1"}]
    with pytest.raises(CalmaError, match="no split 'test'"):
        read(tmp_path / "dict", hub_split="test")
    (tmp_path / "plain").mkdir()
    with pytest.raises(CalmaError, match="not a dataset folder"):
        read(tmp_path / "plain")


@pytest.mark.parametrize(
    "name, message",
    [("missing.jsonl", "file or folder not found"), ("./nowhere", "file or folder not found")],
)
def test_missing_local_paths(tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CalmaError, match=message):
        resolve_source(name)


def test_empty_and_unsupported_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(CalmaError, match="empty.jsonl: file is empty"):
        read(empty)
    odd = tmp_path / "rows.txt"
    odd.write_text("hello", encoding="utf-8")
    with pytest.raises(CalmaError, match=r"unsupported file type '.txt'"):
        resolve_source(str(odd))


def test_hub_id_offline_gives_one_line_with_alternatives(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    source = resolve_source("calma-tests/no-such-dataset")
    assert source.kind == "hub"
    with pytest.raises(CalmaError) as err:
        list(iter_records(source))
    message = str(err.value)
    assert "\n" not in message and "--dataset PATH" in message and "make demo" in message


def test_demo_resolves_to_the_packaged_file():
    path = demo_path()
    assert path.name == "counseling_demo.jsonl" and path.parent.name == "demo"
    if path.is_file():
        source = resolve_source("demo")
        assert source.kind == "jsonl" and source.path == path
    else:
        with pytest.raises(CalmaError, match="bundled demo data missing"):
            resolve_source("demo")


def test_unreachable_hub_fails_fast_without_retries(monkeypatch):
    import time

    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens on port 9
    started = time.perf_counter()
    with pytest.raises(CalmaError, match=r"127.0.0.1 is unreachable .*--dataset PATH.*make demo"):
        list(iter_records(resolve_source("calma-tests/no-such-dataset")))
    assert time.perf_counter() - started < 10


def test_utf8_with_a_stray_byte_is_rejected_not_read_as_cp1252(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes('{"q": "caf\u00e9 \u2019"}\n'.encode("utf-8") + b'{"q": "stray \xe9 byte"}\n')
    with pytest.raises(CalmaError, match=r"mixed.jsonl: line 2: not UTF-8 \(byte 0xe9\)"):
        read(path)


def test_csv_cut_inside_a_quoted_cell_is_truncated(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('question,answer\n"q1","a1 fine"\n"q2","a2 cut in the mid', encoding="utf-8")
    with pytest.raises(CalmaError, match=r"cut.csv: line 3: truncated"):
        read(path)
