"""NEXUS applications over real HTTP: a `smartborder serve` process on loopback, on SQLite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2

from tests.conftest import TEST_SECRET
from tests.serving import cli, create_token, served_node

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programmes" / "nexus-application.json"
CENTRES = EXAMPLE.with_name("centres.csv")
LOOKOUTS = """id,name,kind,aliases,birth_date,nationality,gender,document_number,category,remarks
T-1,"TREMBLAY, Marie Claire",person,,1984-03-09,CAN,F,,test,Fictional.
"""


def form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return {**data, **changes}


def test_an_officer_applies_reads_and_cannot_interview_before_both_approve(
    tmp_path: Path,
) -> None:
    env = {
        "SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}",
        "SMARTBORDER_ENVIRONMENT": "test",
        "SMARTBORDER_SECRET_KEY": TEST_SECRET,
        "SMARTBORDER_AGENCY": "CBSA",
    }
    (tmp_path / "lookouts.csv").write_text(LOOKOUTS, encoding="utf-8")
    loaded = cli(
        env,
        "lists",
        "load",
        str(tmp_path / "lookouts.csv"),
        "--format",
        "csv",
        "--list-id",
        "cbsa-lookouts",
    )
    assert loaded.returncode == 0, loaded.stderr
    centres = cli(env, "nexus", "centres", "--load", str(CENTRES))
    assert centres.returncode == 0, centres.stderr
    clerk = create_token(env, "clerk", "programme", "CBSA")
    booth = create_token(env, "booth", "officer", "CBSA")
    with served_node(env, log=tmp_path / "node.log") as base:
        headers = {"Authorization": f"Bearer {clerk}", "X-Purpose": "test"}
        with httpx2.Client(base_url=base, headers=headers, timeout=30) as http:
            clean = http.post(
                "/v1/nexus/applications",
                json=form(surname="Okafor", given_names="Ada", birth_date="1975-11-11"),
            )
            assert clean.status_code == 201, clean.text
            view = clean.json()
            assert view["status"] == "vetting"
            assert view["vetting"]["CBSA"] == {"decision": "approve", "reasons": []}
            assert view["vetting"]["CBP"]["decision"] == "pending"
            again = http.get(f"/v1/nexus/applications/{view['id']}")
            assert again.json() == view
            early = http.post(
                f"/v1/nexus/applications/{view['id']}/interview", json={"outcome": "pass"}
            )
            assert early.status_code == 409  # CBP has not approved
            too_soon = http.post(
                f"/v1/nexus/applications/{view['id']}/booking", json={"centre": "BLA"}
            )
            assert too_soon.status_code == 409  # not conditionally approved
            assert "conditionally approved" in too_soon.json()["detail"]
            centres = http.get("/v1/nexus/centres")
            assert centres.status_code == 200
            (blaine,) = [c for c in centres.json() if c["code"] == "BLA"]
            assert blaine["waiting"] == 0 and blaine["first_free_day"] is not None
            assert blaine["interviews_per_day"] == 120 and blaine["assumptions"]
            bad = http.post(f"/v1/nexus/applications/{view['id']}/booking", json={"centre": "x!"})
            assert bad.status_code == 422

            listed = http.post("/v1/nexus/applications", json=form())
            assert listed.status_code == 201
            denied = listed.json()
            assert denied["status"] == "denied"
            assert denied["notices"][0]["reasons"][0]["ref"] == "cbsa-lookouts:T-1"
            assert denied["notices"][0]["language"] == "fr"

            expired = form(surname="Okafor", given_names="Ada", birth_date="1975-11-11")
            expired["documents"] = [{**expired["documents"][0], "expiry_date": "2001-01-01"}]
            refused = http.post("/v1/nexus/applications", json=expired)
            assert refused.status_code == 422
            assert refused.json()["errors"] == [
                {
                    "location": "documents[0].expiry_date",
                    "problem": "the document expired on 2001-01-01",
                }
            ]
        # A booth officer does not read applications.
        other = httpx2.get(
            f"{base}/v1/nexus/applications/{view['id']}",
            headers={"Authorization": f"Bearer {booth}", "X-Purpose": "test"},
        )
        assert other.status_code == 403
        assert httpx2.get(f"{base}/v1/nexus/applications/{view['id']}").status_code == 401
