"""The fuzz harnesses of fuzz/, in the test suite: a replay and a short atheris run.

The replay runs every seed in fuzz/corpus/<parser>/ and every crash the fuzzers ever
found (tests/fixtures/fuzz/<parser>-crash-*) through the harness in process: fast and
always on. The bounded run is the real coverage-guided fuzzer for a fixed number of
inputs per parser (a second or a few each), in its own process (atheris takes the
process over), on a copy of the corpus, from a fixed seed: the same inputs on every run,
so that a CI run cannot fail on a crash that the one before did not meet. ``make fuzz``
runs each for minutes from a random seed, which is where new crashes are found. Both
accept only smartborder's own errors.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "fuzz" / "corpus"
FOUND = ROOT / "tests" / "fixtures" / "fuzz"
TARGETS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
#: Inputs per parser in the test suite (12 parsers, two at a time: about a second for
#: the MRZ, four for the rules, on 2 cores), and the libFuzzer seed they come from.
RUNS = int(os.environ.get("SMARTBORDER_FUZZ_TEST_RUNS", "5000"))
SEED = int(os.environ.get("SMARTBORDER_FUZZ_TEST_SEED", "1"))


def test_every_harness_has_a_corpus_and_every_corpus_a_harness() -> None:
    harnesses = {p.stem for p in (ROOT / "fuzz").glob("*.py")} - {"__init__", "harness", "seed"}
    assert harnesses == set(TARGETS)
    assert all(any((CORPUS / t).iterdir()) for t in TARGETS)
    assert {p.name.split("-crash-")[0] for p in FOUND.iterdir()} <= set(TARGETS)


@pytest.mark.parametrize("target", TARGETS)
def test_the_corpus_and_every_crash_found_are_answered(target: str) -> None:
    harness = importlib.import_module(f"fuzz.{target}")
    inputs = sorted(CORPUS.joinpath(target).iterdir()) + sorted(FOUND.glob(f"{target}-crash-*"))
    for path in inputs:
        harness.one_input(path.read_bytes())  # raises on anything but our own errors


@pytest.mark.fuzz
@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
@pytest.mark.parametrize("target", TARGETS)
def test_a_short_coverage_guided_run_finds_no_crash(target: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / target, corpus)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            f"fuzz.{target}",
            f"-runs={RUNS}",
            f"-seed={SEED}",
            "-rss_limit_mb=2048",
            "-timeout=10",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    crashes = sorted(tmp_path.glob("crash-*")) + sorted(tmp_path.glob("timeout-*"))
    found = "".join(f"\n{p.name}: {p.read_bytes()[:300]!r}" for p in crashes)
    assert run.returncode == 0 and not crashes, run.stderr[-3000:] + found
