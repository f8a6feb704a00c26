"""The acknowledgement as stored and sent: its JSON reads back, old and new."""

from __future__ import annotations

from datetime import UTC, datetime

from smartborder.formats.manifest.acknowledgement import Acknowledgement, AckReason, AckStatus

RECEIVED = datetime(2026, 7, 3, 16, 0, tzinfo=UTC)


def test_an_acknowledgement_with_a_warning_reads_back_the_same() -> None:
    ack = Acknowledgement(
        submission_id="s-2",
        status=AckStatus.ACCEPTED,
        received_at=RECEIVED,
        trip_number="CXTR260703001",
        warnings=(AckReason("reference-reused", "trip_number", "reference re-used ..."),),
        shipments=("CXTR0000001",),
    )
    assert ack.to_json()["warnings"] == [
        {"code": "reference-reused", "where": "trip_number", "text": "reference re-used ..."}
    ]
    assert Acknowledgement.from_json(ack.to_json()) == ack


def test_an_acknowledgement_stored_before_warnings_existed_still_reads() -> None:
    # As written before the field was added: no "warnings" key at all.
    stored = {
        "submission_id": "s-1",
        "status": "accepted",
        "received_at": RECEIVED.isoformat(),
        "trip_number": "CXTR260703001",
        "reasons": [],
        "notices": [],
        "deadline": None,
        "late": False,
        "amended": False,
        "fast": False,
        "shipments": ["CXTR0000001"],
    }
    ack = Acknowledgement.from_json(stored)
    assert ack.accepted and ack.warnings == ()
    assert Acknowledgement.from_json(ack.to_json()) == ack
