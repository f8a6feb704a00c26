"""What real senders and users type: a gateway's line after UNZ, enum values in capitals."""

from datetime import date

from fastapi.testclient import TestClient

from smartborder.domain import Agency, Role
from smartborder.formats.mrz import generate_mrz, mrz_data_of
from tests.factories import passenger, paxlst
from tests.integration.api.conftest import Tokens

TREMBLAY = passenger("TREMBLAY", "JULIE", date(1984, 2, 29))


def test_a_paxlst_with_text_after_unz_is_cleared_and_the_answer_says_where(
    client: TestClient, tokens: Tokens
) -> None:
    text = paxlst([TREMBLAY]).rstrip("\n")
    body = {"paxlst": text + "\nDelivered by gateway 7\n"}
    answer = client.post(
        "/v1/messages/paxlst", json=body, headers=tokens.headers(Agency.CBSA, Role.ANALYST)
    )
    assert answer.status_code == 200, answer.text
    (message,) = answer.json()
    assert [d["surname"] for d in message["decisions"]] == ["TREMBLAY"]
    (warning,) = message["warnings"]
    assert warning["code"] == "after-unz"
    assert warning["where"] == f"line {text.count(chr(10)) + 2}, column 1"
    assert "Delivered by gateway 7" in warning["message"]


def test_enumeration_values_in_capitals_are_accepted_and_answered_canonically(
    client: TestClient, tokens: Tokens
) -> None:
    officer = tokens.headers(Agency.CBSA, Role.OFFICER)
    crossing = {
        "surname": "TREMBLAY",
        "sex": "f",
        "document": {"type": "p", "number": "AB123456"},
        "port_code": "813",
        "lane": "NEXUS",
        "crossed_at": "2026-07-03T15:00:00Z",
    }
    created = client.post("/v1/crossings", json=crossing, headers=officer)
    assert created.status_code == 201, created.text
    assert (created.json()["lane"], created.json()["sex"]) == ("nexus", "F")
    assert created.json()["document"]["type"] == "P"
    listed = client.get("/v1/crossings", params={"direction": "ENTRY"}, headers=officer)
    assert [c["lane"] for c in listed.json()] == ["nexus"]

    booth = {
        "mrz": list(generate_mrz(mrz_data_of(TREMBLAY))),
        "port_code": "813",
        "lane": "NEXUS",
        "role": "Driver",
    }
    answer = client.post("/v1/primary", json=booth, headers=officer)
    assert answer.status_code == 200, answer.text
    # Read as the NEXUS lane: a traveller with no membership in it is referred for that.
    assert any(r["kind"] == "programme" for r in answer.json()["reasons"])
    assert answer.json()["role"] == "driver"
    schema = client.get("/openapi.json").json()["components"]["schemas"]["LaneType"]
    assert schema["enum"] == ["general", "nexus", "fast", "ready", "commercial"]
