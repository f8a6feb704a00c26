"""Nodes for the fault tests: ports and a list loaded by the CLI, and what their store holds."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.serving import cli

PORTS = """ports:
  - {code: "813", name: Pacific Highway, agency: CBSA, cbsa_office_code: "813",
     timezone: America/Vancouver, lanes: [general, nexus]}
  - {code: YVR, name: Vancouver International, agency: CBSA, timezone: America/Vancouver}
"""
LOOKOUT_COLUMNS = ("id", "name", "kind", "birth_date", "nationality", "gender", "document_number")


def lookouts_file(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(LOOKOUT_COLUMNS)
        writer.writerows(rows)
    return path


def listed(n: int) -> list[tuple[str, ...]]:
    """``n`` fictional lookouts, HADDAD Samir first."""
    rows: list[tuple[str, ...]] = [
        ("T-1", "HADDAD, Samir", "person", "1979-03-14", "LBN", "M", "LB998877")
    ]
    for i in range(1, n):
        rows.append((f"T-{i + 1}", f"LOOKOUT{i:05d}, Person", "person", "1970-01-01", "", "", ""))
    return rows


def set_up_node(env: dict[str, str], work: Path, lookouts: int = 1) -> None:
    """The ports and a first version of `cbsa-lookouts` (``lookouts`` entries), by the CLI."""
    (work / "ports.yaml").write_text(PORTS, encoding="utf-8")
    for args in (
        ("ports", "load", str(work / "ports.yaml")),
        (
            "lists",
            "load",
            str(lookouts_file(work / "lookouts-v1.csv", listed(lookouts))),
            "--format",
            "csv",
            "--list-id",
            "cbsa-lookouts",
        ),
    ):
        done = cli(env, *args)
        assert done.returncode == 0, done.stderr


def count(url: str, sql: str) -> int:
    """The one number ``sql`` reads from the store at ``url``."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def audit_intact(env: dict[str, str]) -> None:
    done = cli(env, "audit", "verify")
    assert done.returncode == 0 and "audit chain intact" in done.stdout, done.stdout + done.stderr
