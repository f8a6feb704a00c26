"""``smartborder parse`` as a real process: stdout JSON, exit codes, stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def smartborder(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartborder.cli.main", "parse", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_paxlst_file_in_a_real_process() -> None:
    done = smartborder("paxlst", str(FIXTURES / "paxlst_multileg_quirks.edi"))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [len(m["travellers"]) for m in out["messages"]] == [2, 1]


def test_bad_input_in_a_real_process_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "random.bin"
    bad.write_bytes(b"\x00\xffUNB+\x01garbage'")
    done = smartborder("pnrgov", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
