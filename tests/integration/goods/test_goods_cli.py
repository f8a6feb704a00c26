"""The public CLI of goods: ``cargo train|score|evaluate`` and ``manifest submit|status|schema``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from smartborder.bootstrap import bootstrap
from smartborder.clearance.ports import register_ports
from smartborder.cli.main import main
from smartborder.domain import utc_now
from smartborder.formats.manifest.csv_bulk import COLUMNS
from smartborder.targeting.cargo.declarations import write_declarations
from smartborder.world.catalogue import ports
from tests.factories import manifest_doc, small_declarations


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    world = small_declarations(5000, seed=3, days=120)
    cut = int(world.day.min()) + 90
    paths = {
        "train": tmp_path / "train.csv",
        "test": tmp_path / "test.csv",
        "plain": tmp_path / "plain.csv",
    }
    with paths["train"].open("w") as fh:
        write_declarations(world.take(world.day < cut), fh)
    later = world.take(world.day >= cut)
    with paths["test"].open("w") as fh:
        write_declarations(later, fh)
    with paths["plain"].open("w") as fh:
        write_declarations(later.without_labels(), fh, labels=False)
    return paths


def test_train_score_evaluate(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.json"
    assert main(["cargo", "train", str(files["train"]), "--model", str(model)]) == 0
    assert json.loads(model.read_text())["format"] == "smartborder-cargo-risk-model"
    out = tmp_path / "scores.csv"
    assert (
        main(["cargo", "score", str(files["test"]), "--model", str(model), "--out", str(out)]) == 0
    )
    labelled = out.read_text().splitlines()
    assert labelled[0] == "sgd.id,score" and len(labelled) > 1
    capsys.readouterr()
    assert main(["cargo", "score", str(files["plain"]), "--model", str(model)]) == 0
    assert capsys.readouterr().out.splitlines() == labelled  # labels in the input are ignored
    assert main(["cargo", "evaluate", str(files["test"]), "--model", str(model)]) == 0
    table = capsys.readouterr().out
    assert all(f"{n}%" in table for n in (1, 2, 5, 10)) and "ceiling" in table
    assert main(["cargo", "evaluate", str(files["test"]), "--model", str(model), "--json"]) == 0
    rates = json.loads(capsys.readouterr().out)["rates"]
    assert [r["rate"] for r in rates] == [1, 2, 5, 10]


def test_bad_input_exits_2_with_one_line(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.json"
    assert main(["cargo", "train", str(files["plain"]), "--model", str(model)]) == 2  # no labels
    assert main(["cargo", "score", str(files["test"]), "--model", str(tmp_path / "none.json")]) == 2
    model.write_text('{"format": "smartborder-cargo-risk-model", "version": 1}')
    assert main(["cargo", "score", str(files["test"]), "--model", str(model)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("error: ") for line in errors)


def _node() -> None:
    # The default embedded database in the test's working directory, with the demo's ports.
    container = bootstrap(upgrade=True)
    register_ports(container.units(), ports())
    container.close()


def test_manifest_submit_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _node()
    arrival = utc_now().replace(microsecond=0) + timedelta(hours=2)
    path = tmp_path / "trip.json"
    path.write_text(json.dumps(manifest_doc(estimated_arrival=arrival.isoformat())))
    assert main(["manifest", "submit", str(path)]) == 0
    ack = json.loads(capsys.readouterr().out)
    assert ack["status"] == "accepted"
    assert main(["manifest", "status", ack["submission_id"], "--purpose", "test"]) == 0
    assert json.loads(capsys.readouterr().out) == ack
    # The same transmission again (a lost acknowledgement): the stored one, exit 0.
    assert main(["manifest", "submit", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == ack
    # The same trip number with other content: cleared on it, exit 0, the warning in the
    # acknowledgement on stdout; sent once more, that acknowledgement again.
    other = manifest_doc(estimated_arrival=arrival.isoformat())
    other["shipments"] = other["shipments"][:1]
    path.write_text(json.dumps(other))
    assert main(["manifest", "submit", str(path)]) == 0
    reused = json.loads(capsys.readouterr().out)
    assert reused["status"] == "accepted" and reused["submission_id"] != ack["submission_id"]
    assert [(w["code"], w["where"]) for w in reused["warnings"]] == [
        ("reference-reused", "trip_number")
    ]
    assert reused["warnings"][0]["text"].startswith("reference re-used with different content")
    assert ack["warnings"] == []
    assert main(["manifest", "submit", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == reused
    # Rejected (an amendment of a trip never accepted): acknowledgement on stdout, one
    # line on stderr, exit 2.
    orphan = manifest_doc(
        type="amendment", trip_number="CXTR260703999", estimated_arrival=arrival.isoformat()
    )
    path.write_text(json.dumps(orphan))
    assert main(["manifest", "submit", str(path)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["reasons"][0]["code"] == "unknown-trip"
    assert len(captured.err.strip().splitlines()) == 1
    assert main(["manifest", "status", "no-such-id", "--purpose", "test"]) == 2


def test_manifest_submit_bulk_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _node()
    arrival = (utc_now() + timedelta(hours=2)).replace(microsecond=0).isoformat()
    row = {
        "trip_number": "CXTR00000001",
        "mode": "highway",
        "carrier_code": "CXTR",
        "conveyance_id": "C1",
        "conveyance_jurisdiction": "WA",
        "driver_name": "Dana Driver",
        "port_of_entry": "813",
        "estimated_arrival": arrival,
        "cargo_control_number": "CXTR0001",
        "shipper_name": "A",
        "consignee_name": "B",
        "importer_name": "B",
        "importer_id": "I-1",
        "hs_code": "080810",
        "description": "Apples",
        "quantity": "1",
        "weight_kg": "10",
        "value": "20",
        "origin": "USA",
    }
    broken = row | {
        "trip_number": "CXTR00000002",
        "cargo_control_number": "CXTR0002",
        "value": "lots",
    }
    path = tmp_path / "bulk.csv"
    path.write_text(
        ",".join(COLUMNS)
        + "\n"
        + "\n".join(",".join(r.get(c, "") for c in COLUMNS) for r in (row, broken))
        + "\n"
    )
    assert main(["manifest", "submit", str(path)]) == 2
    acks = json.loads(capsys.readouterr().out)
    assert [a["status"] for a in acks] == ["accepted", "rejected"]
    assert acks[1]["reasons"][0]["where"] == "line 3, column 'value'"


def test_manifest_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "smartborder-emanifest/1"
