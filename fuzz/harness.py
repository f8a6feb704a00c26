"""What every fuzz harness shares: run a parser under atheris, accept only our own errors.

A harness module defines ``TARGET`` (the name of its corpus folder under ``fuzz/corpus``),
``MODULES`` (the smartborder modules atheris instruments for coverage) and ``one_input``
(bytes in, parse, return). A ``SmartborderError`` is an answer: the parser refused the
input and said why. Anything else escaping is a crash: the input is saved by libFuzzer as
``crash-<sha1>`` and the run stops.

    python -m fuzz.mrz                        # until a crash or Ctrl-C, corpus in fuzz/corpus/mrz
    python -m fuzz.mrz -max_total_time=300    # libFuzzer's flags, as usual
    python -m fuzz.mrz crash-...              # replay one input

``tests/unit/test_fuzz.py`` replays every corpus file through ``one_input`` in process
(no atheris needed) and runs each harness for a bounded time.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from smartborder.errors import SmartborderError

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
#: Two-digit years and expiry are read against a fixed day, so that a run can be replayed.
REFERENCE = date(2026, 7, 1)


def answered(parse: Callable[[], object]) -> None:
    """Run ``parse``; our own error is an answer and must say something."""
    try:
        parse()
    except SmartborderError as exc:
        if not str(exc):
            raise AssertionError(f"{type(exc).__name__} without a message") from exc


def text_of(data: bytes) -> str:
    """Bytes as text the way a JSON body or a form delivers it: any code point may come."""
    return data.decode("utf-8", errors="replace")


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A folder in memory when the machine has one (the list readers take paths)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="sb-fuzz-", dir=base) as folder:
        yield Path(folder)


def main(target: str, modules: list[str], one_input: Callable[[bytes], None]) -> None:
    """Fuzz ``one_input`` with atheris, the corpus folder first unless paths are given."""
    import atheris  # only the fuzzing run needs it; the corpus replay does not

    # Instrument the parser's modules (and what they use of smartborder) for coverage.
    # ``one_input`` imports them inside its body, so it runs the instrumented ones
    # imported here: only ``smartborder.errors`` was imported before.
    with atheris.instrument_imports(include=["smartborder"]):
        for name in modules:
            __import__(name)
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(str(CORPUS / target))
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
