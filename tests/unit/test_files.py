"""Outside files are read under a bound on the bytes actually read, not on their stat."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from smartborder import files
from smartborder.errors import FormatError, InvalidInput


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"x" * 100)
    assert files.read_bytes(path, limit=100) == b"x" * 100


def test_dev_zero_stops_one_byte_past_the_limit() -> None:
    # /dev/zero says its size is 0 and never ends: only counting what is read stops it.
    with pytest.raises(FormatError, match="more than 1,000 bytes, the most a list file may hold"):
        files.read_bytes("/dev/zero", limit=1000, what="list file")


def test_a_pipe_is_bounded_too(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as fh:
            try:
                fh.write(b"a" * 10_000)
            except BrokenPipeError:  # the reader gave up, as it should
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(FormatError, match="more than 2,048 bytes"):
        files.read_bytes(fifo, limit=2048)
    writer.join()


def test_standard_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"y" * 50)))
    with pytest.raises(FormatError, match="standard input: more than 10 bytes"):
        files.read_bytes("-", limit=10)


def test_a_folder_is_bad_input_that_says_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder; a rule set was expected"):
        files.read_text(tmp_path, limit=10, what="rule set")


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        files.read_bytes(tmp_path / "nope.csv", limit=10)


def test_text_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b"id,name\n1,\xff\n")
    with pytest.raises(FormatError, match="byte 10"):
        files.read_text(path, limit=100)


def test_an_output_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        files.check_output(tmp_path)
    with pytest.raises(InvalidInput, match="does not exist"):
        files.check_output(tmp_path / "no" / "out.csv")
    files.check_output(tmp_path / "out.csv")
