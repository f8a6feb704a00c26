"""The public CLI contract: `lists load|show`, `screen` with exactly the RESULTS columns,
exit code 2 with one line on stderr for bad input."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

Cli = Callable[..., Any]
RESULT_COLUMNS = ["id", "rank", "score", "list_id", "source_id", "matched_name", "explanation"]


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def load_all(cli: Cli, fixtures: Path) -> None:
    assert (
        cli(
            "lists", "load", str(fixtures / "ofac"), "--format", "ofac-csv", "--list-id", "ofac"
        ).code
        == 0
    )
    assert (
        cli("lists", "load", str(fixtures / "un.xml"), "--format", "un-xml", "--list-id", "un").code
        == 0
    )


def test_lists_load_and_show(cli: Cli, fixtures: Path) -> None:
    first = cli("lists", "load", str(fixtures / "un.xml"), "--format", "un-xml", "--list-id", "un")
    assert first.code == 0 and "un: loaded version 2026-03-01+" in first.out
    again = cli("lists", "load", str(fixtures / "un.xml"), "--format", "un-xml", "--list-id", "un")
    assert "already loaded" in again.out
    shown = cli("lists", "show", "--json")
    assert shown.code == 0
    [entry] = json.loads(shown.out)
    assert entry["list_id"] == "un" and entry["entries"] == 3 and len(entry["sha256"]) == 64
    assert re.search(
        r"^un\s+2026-03-01\+\w+\s+un-consolidated\s+3 entries", cli("lists", "show").out
    )


def test_screen_writes_ranked_explained_hits(cli: Cli, fixtures: Path, tmp_path: Path) -> None:
    load_all(cli, fixtures)
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "id,name,birth_date,nationality,gender,document_number\n"
        "a,Dmitry Karvelo,1971-03-14,RUS,M,\n"
        "b,خليل نصري ابو زنطر,,,,\n"
        "c,Emma Tremblay,1990-01-01,CAN,F,\n"
        "d,K Karvello,,,,77 1234 5678\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    ran = cli("screen", "--purpose", "batch test", str(queries), "--out", str(out))
    assert ran.code == 0, ran.err
    assert "screened 4 queries" in ran.err
    rows = read_csv(out)
    assert rows[0] == RESULT_COLUMNS
    by_query: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_query.setdefault(row[0], []).append(row)
    assert by_query["a"][0][1:5] == ["1", by_query["a"][0][2], "ofac", "101"]
    assert float(by_query["a"][0][2]) >= 0.8
    assert "born 1971-03-14, as listed" in by_query["a"][0][6]
    assert by_query["b"][0][3:5] == ["un", "QDi.901"]
    assert "c" not in by_query  # not listed: no row
    assert "document" in by_query["d"][0][6]
    assert not (tmp_path / "results.csv.partial").exists()


def test_screen_threshold_and_limit(cli: Cli, fixtures: Path, tmp_path: Path) -> None:
    load_all(cli, fixtures)
    queries = tmp_path / "q.csv"
    queries.write_text("id,name\nx,Karvello\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    assert (
        cli(
            "screen",
            "--purpose",
            "batch test",
            str(queries),
            "--out",
            str(out),
            "--threshold",
            "0.3",
            "--limit",
            "1",
        ).code
        == 0
    )
    rows = read_csv(out)
    assert len(rows) == 2 and rows[1][1] == "1"


def test_screen_a_large_file_with_every_core(
    cli_process: Cli, fixtures: Path, tmp_path: Path
) -> None:
    ran = cli_process(
        "lists", "load", str(fixtures / "ofac"), "--format", "ofac-csv", "--list-id", "ofac"
    )
    assert ran.code == 0, ran.err
    queries = tmp_path / "big.csv"
    with queries.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "birth_date"])
        for number in range(3000):
            name = "Dmitri Karvello" if number % 100 == 0 else f"Traveller{number} Person"
            writer.writerow([f"q{number}", name, "1971-03-14"])
    out = tmp_path / "big-results.csv"
    ran = cli_process(
        "screen", "--purpose", "batch test", str(queries), "--out", str(out), "--workers", "2"
    )
    assert ran.code == 0, ran.err
    rows = read_csv(out)[1:]
    assert [r[0] for r in rows] == [f"q{n}" for n in range(0, 3000, 100)]  # in input order


def test_bad_input_exits_2_with_one_line(cli: Cli, fixtures: Path, tmp_path: Path) -> None:
    bad_format = cli(
        "lists", "load", str(fixtures / "un.xml"), "--format", "pdf", "--list-id", "un"
    )
    assert bad_format.code == 2 and bad_format.err.count("\n") == 1
    assert "unknown list format" in bad_format.err
    broken = tmp_path / "broken.xml"
    broken.write_text("<CONSOLIDATED_LIST>", encoding="utf-8")
    ran = cli("lists", "load", str(broken), "--format", "un-xml", "--list-id", "un")
    assert ran.code == 2 and ran.err.startswith("error: broken.xml line 1")
    load_all(cli, fixtures)
    queries = tmp_path / "q.csv"
    queries.write_text("id,name,birth_date\nx,Someone,14/03/1971\n", encoding="utf-8")
    ran = cli("screen", "--purpose", "batch test", str(queries), "--out", str(tmp_path / "r.csv"))
    assert ran.code == 2 and "q.csv line 2: birth_date" in ran.err and ran.err.count("\n") == 1
    queries.write_text("ident,fullname\n", encoding="utf-8")
    ran = cli("screen", "--purpose", "batch test", str(queries), "--out", str(tmp_path / "r.csv"))
    assert ran.code == 2 and "id and name" in ran.err


def test_screen_without_lists_says_so(cli: Cli, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text("id,name\nx,Someone\n", encoding="utf-8")
    ran = cli("screen", "--purpose", "batch test", str(queries), "--out", str(tmp_path / "r.csv"))
    assert ran.code == 2 and "no list is loaded" in ran.err
