"""The hit queue, dispositions and dismissals: what the fake and both databases promise."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain import Agency
from smartborder.domain.decisions import TravellerDecision
from smartborder.domain.hits import (
    Dismissal,
    Disposition,
    Hit,
    HitKind,
    HitStatus,
    QueueFilter,
)
from smartborder.errors import Conflict
from tests.contracts.conftest import PACIFIC
from tests.factories import hit_on, traveller_decision

T0 = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC)
DECISION = traveller_decision()
OTHER = traveller_decision(agency=Agency.CBP)


def _hit(
    hit_id: str,
    *,
    score: float = 0.9,
    status: HitStatus = HitStatus.OPEN,
    kind: HitKind = HitKind.WATCHLIST,
    ref: str = "un:QDi.1",
    created_at: datetime = T0,
    agency: Agency = Agency.CBSA,
    decision_id: str = "d1",
    identity_key: str = "a" * 64,
) -> Hit:
    made = hit_on(DECISION if agency is Agency.CBSA else OTHER, ref=ref, kind=kind)
    return replace(
        made,
        id=hit_id,
        score=score,
        status=status,
        created_at=created_at,
        decision_id=decision_id,
        identity_key=identity_key,
    )


def _add(store: Container, hits: list[Hit]) -> None:
    with store.units() as uow:
        uow.hits.add_many(hits)
        uow.commit()


def test_a_hit_round_trips_exactly_in_utc_and_only_for_its_agency(store: Container) -> None:
    disposition = Disposition(
        HitStatus.CONFIRMED,
        "same person, passport seen",
        "CBSA/analyst-2",
        datetime(2026, 7, 3, 11, 0, 0, 654321, tzinfo=PACIFIC),
    )
    hit = replace(
        _hit("h1", created_at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC)),
        status=HitStatus.CONFIRMED,
        disposition=disposition,
        text="name é ü 中 matches",
    )
    _add(store, [hit])
    with store.units() as uow:
        read = uow.hits.get(Agency.CBSA, "h1")
        assert read == hit
        assert read is not None and read.disposition is not None
        assert read.created_at.utcoffset() == timedelta(0)
        assert read.created_at == T0
        assert read.disposition.at.utcoffset() == timedelta(0)
        assert uow.hits.get(Agency.CBP, "h1") is None
        assert uow.hits.get(Agency.CBSA, "no-such-hit") is None


def test_a_hit_with_a_naive_time_is_refused(store: Container) -> None:
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.hits.add_many([_hit("h1", created_at=datetime(2026, 7, 3, 17, 5))])


def test_a_hit_id_is_stored_once(store: Container) -> None:
    _add(store, [_hit("h1", score=0.9)])
    with pytest.raises(Conflict), store.units() as uow:
        uow.hits.add_many([_hit("h1", score=0.1)])
    with store.units() as uow:
        kept = uow.hits.get(Agency.CBSA, "h1")
    assert kept is not None and kept.score == 0.9


def test_the_queue_is_open_hits_highest_score_first_then_by_id(store: Container) -> None:
    _add(
        store,
        [
            _hit("h3", score=0.8),
            _hit("h1", score=0.8),
            _hit("h2", score=0.95, kind=HitKind.RULE, ref="route-7"),
            _hit("h4", score=0.99, status=HitStatus.DISMISSED),
            _hit("h5", score=0.7, status=HitStatus.CONFIRMED, ref="un:QDi.2"),
            _hit("h6", score=1.0, agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        assert [h.id for h in uow.hits.queue(Agency.CBSA)] == ["h2", "h1", "h3"]
        every = uow.hits.queue(Agency.CBSA, status=None)
        assert [h.id for h in every] == ["h4", "h2", "h1", "h3", "h5"]
        assert [h.id for h in uow.hits.queue(Agency.CBSA, kind=HitKind.WATCHLIST)] == ["h1", "h3"]
        assert [h.id for h in uow.hits.queue(Agency.CBSA, ref="route-7")] == ["h2"]
        confirmed = uow.hits.queue(Agency.CBSA, status=HitStatus.CONFIRMED)
        assert [h.id for h in confirmed] == ["h5"]
        assert [h.id for h in uow.hits.queue(Agency.CBSA, limit=2)] == ["h2", "h1"]
        assert [h.id for h in uow.hits.queue(Agency.CBP)] == ["h6"]


def test_for_decision_lists_its_hits_by_id(store: Container) -> None:
    _add(
        store,
        [
            _hit("h2"),
            _hit("h1", status=HitStatus.DISMISSED),
            _hit("h3", decision_id="d2"),
            _hit("h4", agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        assert [h.id for h in uow.hits.for_decision(Agency.CBSA, "d1")] == ["h1", "h2"]
        assert [h.id for h in uow.hits.for_decision(Agency.CBP, "d1")] == ["h4"]
        assert uow.hits.for_decision(Agency.CBSA, "d9") == []


def test_a_disposition_is_kept_and_takes_the_hit_off_the_queue(store: Container) -> None:
    _add(store, [_hit("h1"), _hit("h2")])
    at = datetime(2026, 7, 3, 11, 0, 0, 654321, tzinfo=PACIFIC)
    with store.units() as uow:
        uow.hits.dispose("h1", Disposition(HitStatus.DISMISSED, "other person", "CBSA/a-2", at))
        uow.commit()
    with store.units() as uow:
        read = uow.hits.get(Agency.CBSA, "h1")
        assert read is not None
        assert read.status is HitStatus.DISMISSED
        assert read.disposition == Disposition(HitStatus.DISMISSED, "other person", "CBSA/a-2", at)
        assert [h.id for h in uow.hits.queue(Agency.CBSA)] == ["h2"]


def test_disposing_of_a_missing_hit_changes_nothing(store: Container) -> None:
    _add(store, [_hit("h1")])
    with store.units() as uow:
        uow.hits.dispose("no-such-hit", Disposition(HitStatus.CONFIRMED, "", "CBSA/a-2", T0))
        uow.commit()
    with store.units() as uow:
        assert [(h.id, h.status) for h in uow.hits.queue(Agency.CBSA, status=None)] == [
            ("h1", HitStatus.OPEN)
        ]


def test_counts_are_per_kind_ref_and_status_in_a_half_open_window(store: Container) -> None:
    _add(
        store,
        [
            _hit("h1", created_at=T0),
            _hit("h2", created_at=T0 + timedelta(minutes=5)),
            _hit("h3", created_at=T0, status=HitStatus.CONFIRMED),
            _hit("h4", created_at=T0, kind=HitKind.RULE, ref="route-7"),
            _hit("h5", created_at=T0 + timedelta(hours=1)),  # at ``until``: left out
            _hit("h6", created_at=T0 - timedelta(microseconds=1)),  # before ``since``
            _hit("h7", created_at=T0, agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        counts = uow.hits.counts(Agency.CBSA, T0, T0 + timedelta(hours=1))
    assert dict(counts) == {
        ("watchlist", "un:QDi.1", "open"): 2,
        ("watchlist", "un:QDi.1", "confirmed"): 1,
        ("rule", "route-7", "open"): 1,
    }


def test_decisions_with_hits_lists_each_refs_decisions_in_the_window(store: Container) -> None:
    _add(
        store,
        [
            _hit("h1", decision_id="d1"),
            _hit("h2", decision_id="d2"),
            _hit("h3", decision_id="d2", ref="route-7", kind=HitKind.RULE),
            _hit("h4", decision_id="d3", created_at=T0 + timedelta(hours=1)),
            _hit("h5", decision_id="d4", agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        found = uow.hits.decisions_with_hits(Agency.CBSA, T0, T0 + timedelta(hours=1))
    # The SQL query has no ORDER BY: the order of the decisions is not promised.
    assert {ref: sorted(ids) for ref, ids in found.items()} == {
        "un:QDi.1": ["d1", "d2"],
        "route-7": ["d2"],
    }


def test_confirmed_gives_the_refs_of_confirmed_hits_per_identity(store: Container) -> None:
    a, b = "a" * 64, "b" * 64
    _add(
        store,
        [
            _hit("h1", identity_key=a, status=HitStatus.CONFIRMED, ref="un:QDi.1"),
            _hit("h2", identity_key=a, status=HitStatus.CONFIRMED, ref="ofac:123"),
            _hit("h3", identity_key=a, status=HitStatus.DISMISSED, ref="ofac:999"),
            _hit("h4", identity_key=b, status=HitStatus.OPEN),
            _hit("h5", identity_key=b, status=HitStatus.CONFIRMED, agency=Agency.CBP),
        ],
    )
    with store.units() as uow:
        assert uow.hits.confirmed(Agency.CBSA, [a, b, "c" * 64]) == {a: {"un:QDi.1", "ofac:123"}}
        assert uow.hits.confirmed(Agency.CBP, [b]) == {b: {"un:QDi.1"}}
        assert uow.hits.confirmed(Agency.CBSA, []) == {}


def test_dismissals_round_trip_for_the_identities_asked_about(store: Container) -> None:
    a, b = "a" * 64, "b" * 64

    def dismissal(key: str, ref: str, agency: Agency = Agency.CBSA) -> Dismissal:
        return Dismissal(
            agency=agency,
            identity_key=key,
            ref=ref,
            traveller_fingerprint="t1",
            subject_fingerprint="s1",
            by="CBSA/analyst-2",
            note="different birth year",
            at=datetime(2026, 7, 3, 10, 5, 12, 123456, tzinfo=PACIFIC),
        )

    with store.units() as uow:
        uow.hits.add_dismissal(dismissal(a, "un:QDi.1"))
        uow.hits.add_dismissal(dismissal(a, "ofac:123"))
        uow.hits.add_dismissal(dismissal(b, "un:QDi.1"))
        uow.hits.add_dismissal(dismissal(a, "un:QDi.2", Agency.CBP))
        uow.commit()
    with store.units() as uow:
        found = uow.hits.dismissals(Agency.CBSA, [a])
        assert uow.hits.dismissals(Agency.CBSA, ["c" * 64]) == []
    assert sorted(found, key=lambda d: d.ref) == [
        dismissal(a, "ofac:123"),
        dismissal(a, "un:QDi.1"),
    ]
    assert all(d.at.utcoffset() == timedelta(0) for d in found)


def test_by_arrival_is_the_soonest_arrival_first_with_where_and_then_the_strongest(
    store: Container,
) -> None:
    def landing(at: str | None, port: str) -> TravellerDecision:
        facts = {"flight.arrival_time": at} if at else {}
        return replace(traveller_decision(facts=facts), port_code=port)

    later, sooner, unknown = (
        landing("2026-07-03T20:00:00+00:00", "YVR"),
        landing("2026-07-03T18:30:00+00:00", "YYZ"),
        landing(None, "813"),
    )
    with store.units() as uow:
        uow.decisions.add_many([later, sooner, unknown])
        uow.commit()
    _add(
        store,
        [
            _hit("strong-later", score=0.99, decision_id=later.id),
            _hit("weak-sooner", score=0.81, decision_id=sooner.id),
            _hit("land", score=1.0, decision_id=unknown.id),
            _hit("weak-later", score=0.85, decision_id=later.id),
            _hit("done", score=0.9, decision_id=sooner.id, status=HitStatus.CONFIRMED),
        ],
    )
    with store.units() as uow:
        queued = uow.hits.by_arrival(Agency.CBSA, QueueFilter(), 10)
        assert [q.hit.id for q in queued] == ["weak-sooner", "strong-later", "weak-later", "land"]
        first = queued[0]
        assert (first.flight, first.port_code) == ("AC855", "YYZ")
        assert first.arrives_at == datetime(2026, 7, 3, 18, 30, tzinfo=UTC)
        assert queued[-1].arrives_at is None
        only_yvr = uow.hits.by_arrival(Agency.CBSA, QueueFilter(port="YVR"), 10)
        assert [q.hit.id for q in only_yvr] == ["strong-later", "weak-later"]
        assert [q.hit.id for q in uow.hits.by_arrival(Agency.CBSA, QueueFilter(), 1)] == [
            "weak-sooner"
        ]
        assert uow.hits.by_arrival(Agency.CBP, QueueFilter(), 10) == []
