"""Exit records received from the partner (crossings with direction exit): the partner's
ids for a UTC day, the span of days held, and purging by when they were received."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from smartborder.bootstrap import Container
from smartborder.domain import Agency, CrossingRecord, Direction
from tests.factories import entry

DAY = date(2026, 7, 3)
MIDNIGHT = datetime(2026, 7, 3, tzinfo=UTC)
RECORDED = datetime(2026, 7, 4, 9, 30, 0, 123456, tzinfo=UTC)


def exit_record(
    partner_id: str,
    crossed_at: datetime,
    *,
    agency: Agency = Agency.CBSA,
    recorded_at: datetime = RECORDED,
) -> CrossingRecord:
    return replace(
        entry(agency=agency, crossed_at=crossed_at, lane=None),
        direction=Direction.EXIT,
        partner_id=partner_id,
        recorded_at=recorded_at,
    )


def store_all(store: Container, *records: CrossingRecord) -> None:
    with store.units() as uow:
        uow.crossings.add_many(list(records))
        uow.commit()


def test_exit_ids_are_the_partners_ids_of_the_agencys_exits_on_the_utc_day(
    store: Container,
) -> None:
    store_all(
        store,
        exit_record("p-first", MIDNIGHT),
        exit_record("p-last", MIDNIGHT + timedelta(days=1, microseconds=-1)),
        exit_record("p-next-day", MIDNIGHT + timedelta(days=1)),
        exit_record("p-day-before", MIDNIGHT - timedelta(microseconds=1)),
        exit_record("p-theirs", MIDNIGHT + timedelta(hours=12), agency=Agency.CBP),
        entry(crossed_at=MIDNIGHT + timedelta(hours=12)),  # an entry, not the partner's
    )
    with store.units() as uow:
        assert sorted(uow.partner_records.exit_ids(Agency.CBSA, DAY)) == ["p-first", "p-last"]
        assert uow.partner_records.exit_ids(Agency.CBP, DAY) == ["p-theirs"]
        assert uow.partner_records.exit_ids(Agency.CBSA, DAY + timedelta(days=5)) == []


def test_exit_days_span_the_first_to_the_last_exit_day(store: Container) -> None:
    with store.units() as uow:
        assert uow.partner_records.exit_days(Agency.CBSA) == []
    store_all(
        store,
        exit_record("p-3", MIDNIGHT + timedelta(days=3, hours=23)),
        exit_record("p-1", MIDNIGHT + timedelta(microseconds=1)),
        exit_record("p-1b", MIDNIGHT + timedelta(hours=20)),
        exit_record("p-theirs", MIDNIGHT + timedelta(days=9), agency=Agency.CBP),
        entry(crossed_at=MIDNIGHT + timedelta(days=7)),
    )
    with store.units() as uow:
        # Every day from the first to the last, also the days between without exits.
        assert uow.partner_records.exit_days(Agency.CBSA) == [
            DAY,
            DAY + timedelta(days=1),
            DAY + timedelta(days=2),
            DAY + timedelta(days=3),
        ]
        assert uow.partner_records.exit_days(Agency.CBP) == [DAY + timedelta(days=9)]


def test_purge_exits_deletes_the_agencys_exits_received_before_a_time(store: Container) -> None:
    old = exit_record("p-old", MIDNIGHT, recorded_at=RECORDED - timedelta(microseconds=1))
    edge = exit_record("p-edge", MIDNIGHT + timedelta(hours=1), recorded_at=RECORDED)
    theirs = exit_record(
        "p-theirs", MIDNIGHT, agency=Agency.CBP, recorded_at=RECORDED - timedelta(1)
    )
    own_entry = replace(entry(crossed_at=MIDNIGHT), recorded_at=RECORDED - timedelta(days=1))
    store_all(store, old, edge, theirs, own_entry)
    with store.units() as uow:
        assert uow.partner_records.purge_exits(Agency.CBSA, RECORDED) == 1
        uow.commit()
    with store.units() as uow:
        assert uow.partner_records.purge_exits(Agency.CBSA, RECORDED) == 0
        assert uow.partner_records.exit_ids(Agency.CBSA, DAY) == ["p-edge"]
        assert uow.crossings.get(Agency.CBSA, old.id) is None
        assert uow.crossings.get(Agency.CBSA, edge.id) == edge
        assert uow.crossings.get(Agency.CBSA, own_entry.id) == own_entry
        assert uow.partner_records.exit_ids(Agency.CBP, DAY) == ["p-theirs"]
