"""Traveller decisions with the facts they were taken on, and secondary outcomes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.orm import Session

from smartborder.domain import Agency, Decision, DecisionKind, Reason, ReasonKind
from smartborder.domain.clock import instant_or_none
from smartborder.domain.decisions import (
    REFERRING,
    ClearanceMode,
    DecidedFacts,
    FlightDay,
    History,
    RecordedOutcome,
    TravellerDecision,
    flight_order,
)
from smartborder.domain.hits import OutcomeRecord, SecondaryOutcome
from smartborder.store.sql.bulk import bulk_insert
from smartborder.store.tables.clearance import DecisionRow, HitRow, OutcomeRow

_PAGE = 2000


def _row(item: TravellerDecision) -> dict[str, Any]:
    d = item.decision
    return {
        "id": d.id,
        "agency": str(item.agency),
        "mode": str(item.mode),
        "role": item.role,
        "subject_id": d.subject_id,
        "kind": str(d.kind),
        "risk_score": d.risk_score,
        "reasons": [
            {"kind": str(r.kind), "ref": r.ref, "text": r.text, "score": r.score} for r in d.reasons
        ],
        "versions": dict(d.versions),
        "inputs_hash": d.inputs_hash,
        "decided_at": d.decided_at,
        "travel_date": item.travel_date,
        "traveller_name": item.traveller_name,
        "identity_key": item.identity_key,
        "birth_date": item.birth_date,
        "nationality": item.nationality,
        "document_number": item.document_number,
        "message_id": item.message_id,
        "flight": item.flight,
        "port_code": item.port_code,
        "lane": item.lane,
        "facts": item.facts,
    }


def to_domain(row: DecisionRow) -> TravellerDecision:
    decision = Decision(
        id=row.id,
        subject_id=row.subject_id,
        kind=DecisionKind(row.kind),
        reasons=tuple(
            Reason(ReasonKind(r["kind"]), r["ref"], r["text"], r.get("score")) for r in row.reasons
        ),
        versions=dict(row.versions),
        inputs_hash=row.inputs_hash,
        risk_score=row.risk_score,
        decided_at=row.decided_at,
    )
    return TravellerDecision(
        decision=decision,
        agency=Agency(row.agency),
        mode=ClearanceMode(row.mode),
        role=row.role,
        traveller_name=row.traveller_name,
        identity_key=row.identity_key,
        travel_date=row.travel_date,
        facts=dict(row.facts),
        message_id=row.message_id,
        flight=row.flight,
        port_code=row.port_code,
        lane=row.lane,
        document_number=row.document_number,
        nationality=row.nationality,
        birth_date=row.birth_date,
    )


# Core, built once: a booth asks this for every group of travellers.
_HISTORY = (
    select(
        DecisionRow.identity_key,
        func.count(),
        func.sum(func.cast(DecisionRow.kind == "refer", Integer)),
        func.max(DecisionRow.travel_date),
    )
    .where(
        DecisionRow.agency == bindparam("agency"),
        DecisionRow.identity_key.in_(bindparam("keys", expanding=True)),
        DecisionRow.travel_date >= bindparam("since"),
    )
    .group_by(DecisionRow.identity_key)
)


class SqlDecisionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_many(self, items: list[TravellerDecision]) -> None:
        if items:
            bulk_insert(self._session, DecisionRow, [_row(i) for i in items])

    def get(self, agency: Agency, decision_id: str) -> TravellerDecision | None:
        row = self._session.get(DecisionRow, decision_id)
        return to_domain(row) if row is not None and row.agency == str(agency) else None

    def for_message(self, agency: Agency, message_id: str) -> list[TravellerDecision]:
        rows = self._session.scalars(
            select(DecisionRow)
            .where(DecisionRow.agency == str(agency), DecisionRow.message_id == message_id)
            .order_by(DecisionRow.id)
        )
        return [to_domain(r) for r in rows]

    def flights_on(self, agency: Agency, travel_date: date) -> list[FlightDay]:
        day = (DecisionRow.agency == str(agency), DecisionRow.travel_date == travel_date)
        # The counts from the flight index alone (no row is read), a row per flight and
        # kind, added up here: cheaper than a CASE over each of the day's travellers.
        counted = self._session.execute(
            select(DecisionRow.flight, DecisionRow.kind, func.count(), func.min(DecisionRow.id))
            .where(*day, DecisionRow.flight.is_not(None))
            .group_by(DecisionRow.flight, DecisionRow.kind)
        ).all()
        referring = {str(k) for k in REFERRING}
        figures: dict[str, tuple[int, int, str]] = {}  # flight: travellers, referrals, first id
        for flight, kind, n, first in counted:
            flight = str(flight)  # never None: filtered out above
            travellers, referrals, earliest = figures.get(flight, (0, 0, first))
            figures[flight] = (
                travellers + n,
                referrals + (n if kind in referring else 0),
                min(earliest, first),
            )
        hits = dict(
            self._session.execute(
                select(DecisionRow.flight, func.count())
                .join(HitRow, HitRow.decision_id == DecisionRow.id)
                .where(*day, HitRow.agency == str(agency), DecisionRow.flight.is_not(None))
                .group_by(DecisionRow.flight)
            ).all()
        )
        # ...and the arrival from one traveller's facts per flight: a flight's travellers
        # come in one message, with one arrival.
        arrival = DecisionRow.facts["flight.arrival_time"].as_string()
        firsts = [first for _, _, first in figures.values()]
        arrivals: dict[str, str | None] = {}
        for at in range(0, len(firsts), 500):
            arrivals.update(
                self._session.execute(
                    select(DecisionRow.id, arrival).where(DecisionRow.id.in_(firsts[at : at + 500]))
                ).all()
            )
        days = [
            FlightDay(
                flight,
                travel_date,
                travellers,
                referrals,
                int(hits.get(flight, 0)),
                instant_or_none(arrivals.get(first)),
            )
            for flight, (travellers, referrals, first) in figures.items()
        ]
        return sorted(days, key=flight_order)

    def for_flight(self, agency: Agency, flight: str, travel_date: date) -> list[TravellerDecision]:
        rows = self._session.scalars(
            select(DecisionRow)
            .where(
                DecisionRow.agency == str(agency),
                DecisionRow.flight == flight,
                DecisionRow.travel_date == travel_date,
            )
            .order_by(DecisionRow.risk_score.desc(), DecisionRow.id)
        )
        return [to_domain(r) for r in rows]

    def facts_between(
        self, agency: Agency, since: date, until: date | None = None
    ) -> Iterator[DecidedFacts]:
        """Decisions' facts by travel date, page by page (a backtest walks months of
        traffic): the columns a backtest reads, not the ORM entity."""
        last_id = ""
        columns = (
            DecisionRow.id,
            DecisionRow.identity_key,
            DecisionRow.role,
            DecisionRow.mode,
            DecisionRow.facts,
        )
        while True:
            query = select(*columns).where(
                DecisionRow.agency == str(agency),
                DecisionRow.travel_date >= since,
                DecisionRow.id > last_id,
            )
            if until is not None:
                query = query.where(DecisionRow.travel_date <= until)
            rows = self._session.execute(query.order_by(DecisionRow.id).limit(_PAGE)).all()
            if not rows:
                return
            for id_, key, role, mode, facts in rows:
                yield DecidedFacts(id_, key, role, ClearanceMode(mode), dict(facts))
            last_id = rows[-1].id

    def history(self, agency: Agency, identity_keys: list[str], since: date) -> dict[str, History]:
        """Per identity: decisions since ``since``, referrals among them, the latest date."""
        found: dict[str, History] = {}
        for start in range(0, len(identity_keys), 500):
            rows = self._session.connection().execute(
                _HISTORY,
                {"agency": str(agency), "keys": identity_keys[start : start + 500], "since": since},
            )
            for key, count, referrals, last in rows:
                found[key] = History(int(count), int(referrals or 0), last)
        return found

    def record_outcome(self, record: OutcomeRecord) -> None:
        self._session.add(
            OutcomeRow(
                id=record.id,
                agency=str(record.agency),
                decision_id=record.decision_id,
                outcome=str(record.outcome),
                note=record.note,
                recorded_by=record.by,
                recorded_at=record.at,
            )
        )
        self._session.flush()

    def outcome(self, agency: Agency, decision_id: str) -> SecondaryOutcome | None:
        row = self._session.scalars(
            select(OutcomeRow).where(
                OutcomeRow.agency == str(agency), OutcomeRow.decision_id == decision_id
            )
        ).first()
        return SecondaryOutcome(row.outcome) if row else None

    def adverse_outcomes(self, agency: Agency, identity_key: str) -> list[RecordedOutcome]:
        rows = self._session.execute(
            select(
                OutcomeRow.decision_id,
                OutcomeRow.outcome,
                DecisionRow.port_code,
                DecisionRow.travel_date,
                OutcomeRow.note,
            )
            .join(DecisionRow, DecisionRow.id == OutcomeRow.decision_id)
            .where(
                OutcomeRow.agency == str(agency),
                DecisionRow.agency == str(agency),
                DecisionRow.identity_key == identity_key,
                OutcomeRow.outcome != str(SecondaryOutcome.NO_ACTION),
            )
            .order_by(DecisionRow.travel_date, OutcomeRow.decision_id)
        )
        return [RecordedOutcome(*row) for row in rows]

    def outcomes(self, agency: Agency, decision_ids: list[str]) -> dict[str, SecondaryOutcome]:
        found: dict[str, SecondaryOutcome] = {}
        for start in range(0, len(decision_ids), 500):
            chunk = decision_ids[start : start + 500]
            rows = self._session.scalars(
                select(OutcomeRow).where(
                    OutcomeRow.agency == str(agency), OutcomeRow.decision_id.in_(chunk)
                )
            )
            found.update({r.decision_id: SecondaryOutcome(r.outcome) for r in rows})
        return found
