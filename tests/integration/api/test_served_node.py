"""A real node: ``smartborder serve`` in its own process, spoken to over loopback HTTP."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx2

from smartborder.formats.mrz import generate_mrz, mrz_data_of
from tests.factories import passenger
from tests.serving import cli, create_token, served_node


def test_a_served_node_records_and_scopes_crossings(tmp_path: Path) -> None:
    env = {
        "SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}",
        "SMARTBORDER_AGENCY": "CBSA",
    }
    assert cli(env, "db", "upgrade").returncode == 0
    ports = tmp_path / "ports.yaml"
    ports.write_text(
        "ports:\n  - {code: '813', name: Douglas, agency: CBSA, lanes: [general, nexus]}\n"
    )
    assert cli(env, "ports", "load", str(ports)).returncode == 0
    officer = create_token(env, "officer-9", "officer", "CBSA")
    cbp_analyst = create_token(env, "analyst-9", "analyst", "CBP")

    with served_node(env, log=tmp_path / "node.log") as base:
        created = httpx2.post(
            f"{base}/v1/crossings",
            headers={"Authorization": f"Bearer {officer}"},
            json={
                "surname": "NGUYEN",
                "given_names": "MINH",
                "nationality": "USA",
                "sex": "M",
                "port_code": "813",
                "lane": "nexus",
                "crossed_at": "2026-07-03T18:00:00Z",
            },
        )
        assert created.status_code == 201, created.text
        record_id = created.json()["id"]
        assert httpx2.get(f"{base}/v1/crossings/{record_id}").status_code == 401
        other = httpx2.get(
            f"{base}/v1/crossings/{record_id}",
            headers={"Authorization": f"Bearer {cbp_analyst}", "X-Purpose": "test"},
        )
        assert other.status_code == 404

    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout


def test_a_node_served_by_two_worker_processes_answers_every_booth_read_in_one_audit_chain(
    tmp_path: Path,
) -> None:
    env = {
        "SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}",
        "SMARTBORDER_AGENCY": "CBSA",
    }
    assert cli(env, "db", "upgrade").returncode == 0
    ports = tmp_path / "ports.yaml"
    ports.write_text("ports:\n  - {code: '813', name: Douglas, agency: CBSA, lanes: [general]}\n")
    assert cli(env, "ports", "load", str(ports)).returncode == 0
    officer = create_token(env, "officer-9", "officer", "CBSA")
    reads = [
        generate_mrz(mrz_data_of(passenger(f"TRAVELLER{chr(65 + n)}", "ANA", date(1980, 1, 1 + n))))
        for n in range(24)
    ]
    log = tmp_path / "node.log"

    def booth(mrz: tuple[str, ...]) -> int:
        with httpx2.Client() as client:  # a connection of its own: either worker may take it
            answer = client.post(
                f"{base}/v1/primary",
                headers={"Authorization": f"Bearer {officer}"},
                json={"mrz": list(mrz), "port_code": "813"},
            )
        return answer.status_code

    with served_node(env, log=log, args=["--workers", "2"], start_within=60) as base:
        with ThreadPoolExecutor(8) as booths:
            statuses = list(booths.map(booth, reads))
    assert statuses == [200] * len(reads)
    assert log.read_text().count("Started server process") == 2
    listed = cli(env, "audit", "verify")
    assert listed.returncode == 0 and "intact" in listed.stdout
