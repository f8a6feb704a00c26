"""The partner's inbox under attack: every refusal answered, audited, and nothing applied."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from smartborder.domain import AuditAction, utc_now
from smartborder.domain.intake import KEY_REUSED
from smartborder.exchange.entry_exit import ENTRY_EXIT, entry_fields
from smartborder.exchange.envelope import KEY_ID_HEADER, Envelope, seal
from smartborder.exchange.inbox import MANIFESTS_PATH, MESSAGES_PATH
from smartborder.exchange.keys import NodeIdentity
from smartborder.exchange.transport import Reply

from .support import Side, entry


def records_message(cbsa: Side, records: list[dict[str, Any]], **overrides: Any) -> Envelope:
    envelope = cbsa.node.envelope("records", {"records": records})
    return Envelope(**{**envelope.__dict__, **overrides})


def agreed(cbsa: Side, n: int) -> dict[str, Any]:
    terms = cbsa.node.agreement.terms[ENTRY_EXIT]
    fields = cbsa.node.agreement.reduce(terms, entry_fields(entry(cbsa.node.agency, n)))
    return {"key": f"key-{n}", "type": ENTRY_EXIT, "fields": fields}


def post(cbp: Side, body: bytes, headers: dict[str, str], path: str = MESSAGES_PATH) -> Reply:
    return cbp.services.inbox.handle(path, body, headers)


def refusals(side: Side) -> list[str]:
    with side.container.units() as uow:
        return [
            e.event.detail["reason"]
            for e in uow.audit.entries()
            if e.event.action is AuditAction.REJECT
        ]


def test_a_signed_message_is_applied_and_answered_with_a_signed_ack(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1), agreed(cbsa, 2)]))
    reply = post(cbp, sealed.body, sealed.headers)
    answer = cbsa.node.open(reply.body, reply.headers)
    assert reply.status == 200 and answer.kind == "ack"
    assert sorted(answer.body["applied"]) == ["key-1", "key-2"]
    assert len(cbp.exits()) == 2


def test_a_replayed_message_is_refused_and_audited(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)]))
    assert post(cbp, sealed.body, sealed.headers).status == 200
    replay = post(cbp, sealed.body, sealed.headers)
    assert replay.status == 409 and json.loads(replay.body)["reason"] == "replayed"
    assert refusals(cbp) == ["replayed"]
    assert len(cbp.exits()) == 1


def test_an_unknown_sender_is_refused_and_audited(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    impostor = NodeIdentity.generate()
    sealed = seal(impostor, records_message(cbsa, [agreed(cbsa, 1)]))
    reply = post(cbp, sealed.body, sealed.headers)
    assert reply.status == 401 and json.loads(reply.body)["reason"] == "unknown-sender"
    missing = post(
        cbp, sealed.body, {k: v for k, v in sealed.headers.items() if k != KEY_ID_HEADER}
    )
    assert missing.status == 401
    assert refusals(cbp) == ["unknown-sender", "unknown-sender"]
    assert cbp.exits() == []


def test_a_bad_signature_is_refused_and_audited(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)]))
    forged = sealed.body.replace(b"TRAVELLER1", b"TRAVELLER9")
    reply = post(cbp, forged, sealed.headers)
    assert reply.status == 401 and json.loads(reply.body)["reason"] == "bad-signature"
    assert refusals(cbp) == ["bad-signature"] and cbp.exits() == []


def test_an_expired_message_is_refused_and_audited(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    old = records_message(cbsa, [agreed(cbsa, 1)], sent_at=utc_now() - timedelta(hours=1))
    sealed = cbsa.node.seal(old)
    reply = post(cbp, sealed.body, sealed.headers)
    assert reply.status == 401 and json.loads(reply.body)["reason"] == "expired"
    assert refusals(cbp) == ["expired"] and cbp.exits() == []


def test_fields_outside_the_agreement_refuse_the_message(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    bad = agreed(cbsa, 2)
    bad["fields"] = bad["fields"] | {"lane": "nexus", "fingerprint_template": "AAAA"}
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1), bad]))
    reply = post(cbp, sealed.body, sealed.headers)
    answer = cbsa.node.open(reply.body, reply.headers)  # signed: the relay may trust it
    assert reply.status == 422 and answer.kind == "refusal"
    assert answer.body["records"] == [
        {
            "index": "1",
            "key": "key-2",
            "problem": "fields outside agreement btb-entry-exit-phase-iii for entry-exit: "
            "fingerprint_template, lane",
        }
    ]
    assert refusals(cbp) == ["outside-agreement"]
    assert cbp.exits() == []  # not even the good record: the message is refused whole


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"crossed_at": "2026-07-03T12:00:00"}, "field crossed_at"),
        ({"nationality": "Canada"}, "field nationality"),
        ({"surname": ""}, "field surname"),
        ({"sex": "Q"}, "field sex"),
    ],
)
def test_bad_values_are_refused_naming_the_record_and_field(
    pair: tuple[Side, Side], change: dict[str, str], problem: str
) -> None:
    cbsa, cbp = pair
    record = agreed(cbsa, 1)
    record["fields"] = record["fields"] | change
    sealed = cbsa.node.seal(records_message(cbsa, [record]))
    reply = post(cbp, sealed.body, sealed.headers)
    answer = cbsa.node.open(reply.body, reply.headers)
    assert reply.status == 422
    assert answer.body["records"][0]["index"] == "0"
    assert problem in answer.body["records"][0]["problem"]


def test_a_message_under_another_agreement_is_refused(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)], agreement="other@00"))
    reply = post(cbp, sealed.body, sealed.headers)
    assert reply.status == 422
    assert "under agreement other@00" in cbsa.node.open(reply.body, reply.headers).body["problem"]


def test_a_manifest_request_cannot_carry_records(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)]))
    reply = post(cbp, sealed.body, sealed.headers, path=MANIFESTS_PATH)
    assert reply.status == 422 and cbp.exits() == []


def test_a_key_sent_again_with_the_same_record_is_a_duplicate(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    first = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)]))
    assert post(cbp, first.body, first.headers).status == 200
    retry = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1), agreed(cbsa, 2)]))
    reply = post(cbp, retry.body, retry.headers)
    answer = cbsa.node.open(reply.body, reply.headers)
    assert reply.status == 200
    assert (answer.body["applied"], answer.body["duplicates"]) == (["key-2"], ["key-1"])
    assert len(cbp.exits()) == 2


def test_a_key_sent_again_with_another_record_is_refused(pair: tuple[Side, Side]) -> None:
    cbsa, cbp = pair
    first = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1)]))
    assert post(cbp, first.body, first.headers).status == 200
    other = agreed(cbsa, 1)
    other["fields"] = agreed(cbsa, 2)["fields"]  # key-1 now names someone else
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 3), other]))
    reply = post(cbp, sealed.body, sealed.headers)
    answer = cbsa.node.open(reply.body, reply.headers)
    assert reply.status == 422 and answer.kind == "refusal"
    assert answer.body["records"] == [
        {"index": "1", "key": "key-1", "problem": KEY_REUSED},
    ]
    assert refusals(cbp) == ["key-reused"]
    (kept,) = cbp.exits()  # the first record as it was; nothing of the refused message
    assert kept.name.surname == agreed(cbsa, 1)["fields"]["surname"]


def test_one_key_twice_in_a_message_with_two_records_is_refused(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    twice = {**agreed(cbsa, 2), "key": "key-1"}
    sealed = cbsa.node.seal(records_message(cbsa, [agreed(cbsa, 1), twice]))
    reply = post(cbp, sealed.body, sealed.headers)
    assert reply.status == 422
    assert cbsa.node.open(reply.body, reply.headers).body["records"][0]["problem"] == KEY_REUSED
    assert cbp.exits() == []
