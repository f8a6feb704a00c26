"""The synthetic day's goods: eManifest intake, FAST, lanes, the exam queue, outcomes, retraining.

The demo's world has a hidden truth the node never sees: two of the ten importers offend
often, the others rarely, and an offending shipment is undervalued on its manifest.
Thirty past days of randomly examined shipments (10% a day) are the node's history; the
model is trained on them through the same feedback loop a node uses (recorded outcomes,
then ``retrain``). The day's trucks then transmit their eManifests (some late, some
amended, FAST trucks claiming the FAST lane), the registry decides FAST, each shipment
gets its lane, each port selects its examinations under a capacity with a random share,
the examinations find what the truth says, and the model is retrained on them.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.demo.goods_report import add_goods_section
from smartborder.demo.goods_world import LISTED_SHIPPER, Truth, document, history, registry
from smartborder.demo.report import DemoReport
from smartborder.domain import (
    Agency,
    ExamOutcome,
    Role,
    User,
)
from smartborder.goods import examinations, risk_models, shipments
from smartborder.goods.parties import InMemoryPartyScreener, ListedParty
from smartborder.world.day import IMPORTERS, SyntheticDay

Progress = Callable[[str, int, int], None]

CAPACITY_SHARE = 0.08  # a port examines 8% of the day's shipments
RANDOM_SHARE = 0.1
WATCH_LIST = (ListedParty("demo-list", "DEMO-0001", LISTED_SHIPPER),)


@dataclass
class Tally:
    acks: list[Any] = field(default_factory=list)
    amendments: int = 0
    fast_claimed: int = 0
    fast_refusals: Counter[str] = field(default_factory=Counter)


def run_goods(
    report: DemoReport,
    container: Container,
    day: SyntheticDay,
    officers: dict[Agency, User],
    progress: Progress,
) -> None:
    """Put the day's trucks through the goods flow and add the section to the report."""
    rng = random.Random(day.seed * 7919 + 11)
    truth = Truth(rng, frozenset(rng.sample(IMPORTERS, 2)))
    supervisors = {
        a: ensure_user(
            container.units(),
            name="demo-supervisor",
            role=Role.SUPERVISOR,
            agency=a,
            secret=container.secret,
        )
        for a in Agency
    }
    registrars = {
        a: ensure_user(
            container.units(),
            name="demo-registrar",
            role=Role.PROGRAMME,
            agency=a,
            secret=container.secret,
        )
        for a in Agency
    }
    shipments_today = [s for t in day.trucks for s in t.shipments]
    progress("goods: registry and history", 0, 1)
    notes = registry(container, day, registrars, rng)
    per_port = max(1, len(shipments_today) // 2)
    past = history(container, truth, day.ports, day.day, per_port, officers)
    first_model = (
        risk_models.retrain(container.units(), supervisors[Agency.CBSA]) if past >= 200 else None
    )
    if first_model is not None:
        risk_models.retrain(container.units(), supervisors[Agency.CBP])
    progress("goods: registry and history", 1, 1)

    rules = shipments.IntakeRules(screener=InMemoryPartyScreener(WATCH_LIST, version="demo-list-1"))
    tally = Tally()
    started = time.perf_counter()
    for n, trip in enumerate(day.trucks):
        doc = document(trip, truth, n, rng)
        officer = officers[trip.arrival.agency]
        tally.fast_claimed += trip.fast
        late = rng.random() < 0.1
        lead = (
            rng.uniform(5, 28)
            if late
            else (rng.uniform(31, 120) if trip.fast else rng.uniform(62, 240))
        )
        ack = shipments.submit_manifest(
            container.units(),
            officer,
            doc,
            rules=rules,
            received_at=trip.arrival.arrived_at - timedelta(minutes=lead),
        )
        if ack.accepted and rng.random() < 0.05:
            tally.amendments += 1
            doc = doc | {"type": "amendment"}
            ack = shipments.submit_manifest(
                container.units(),
                officer,
                doc,
                rules=rules,
                received_at=trip.arrival.arrived_at - timedelta(minutes=rng.uniform(10, 90)),
            )
        tally.acks.append(ack)
        for notice in ack.notices:
            if notice.code == "fast-refused":
                tally.fast_refusals[notice.text.split(" ", 1)[0]] += 1
        if n % 50 == 0:
            progress("goods: eManifest intake", n, len(day.trucks))
    intake_s = time.perf_counter() - started
    progress("goods: eManifest intake", len(day.trucks), len(day.trucks))
    _queues_and_outcomes(
        report,
        container,
        day,
        officers,
        supervisors,
        truth,
        tally,
        intake_s,
        notes,
        first_model.version if first_model else None,
        past,
    )


def _queues_and_outcomes(
    report: DemoReport,
    container: Container,
    day: SyntheticDay,
    officers: dict[Agency, User],
    supervisors: dict[Agency, User],
    truth: Truth,
    tally: Tally,
    intake_s: float,
    notes: list[str],
    model_version: str | None,
    history: int,
) -> None:
    lanes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    found: Counter[str] = Counter()
    raised: Counter[str] = Counter()
    capacity_total = over = 0
    for port in day.ports:
        user = officers[port.agency]
        with container.units() as uow:
            records = uow.shipments.for_port_day(port.agency, port.code, day.day)
            # Trucks arriving after midnight UTC belong to the next UTC day.
            records += uow.shipments.for_port_day(
                port.agency, port.code, day.day + timedelta(days=1)
            )
        for record in records:
            lanes[str(record.lane)] += 1
            for reason in record.reasons:
                reasons[str(reason.kind)] += 1
        for on in sorted({r.estimated_arrival.date() for r in records}):
            count = sum(1 for r in records if r.estimated_arrival.date() == on)
            capacity = max(5, round(count * CAPACITY_SHARE))
            capacity_total += capacity
            queue = examinations.build_queue(
                container.units(),
                supervisors[port.agency],
                port_code=port.code,
                day=on,
                capacity=capacity,
                random_share=RANDOM_SHARE,
                seed=day.seed,
            )
            over += queue.over_capacity
            for exam in queue.exams:
                record = next(r for r in records if r.id == exam.shipment_id)
                offends, revenue = truth.found.get(
                    record.shipment.cargo_control_number, (False, 0.0)
                )
                examinations.record_outcome(
                    container.units(),
                    user,
                    exam.shipment_id,
                    outcome=ExamOutcome.ILLICIT if offends else ExamOutcome.COMPLIANT,
                    revenue=revenue,
                    findings="undervalued invoice" if offends else None,
                )
                picked[exam.selected_by] += 1
                found[exam.selected_by] += offends
                raised[exam.selected_by] += int(revenue)
    retrained = (
        risk_models.retrain(container.units(), supervisors[Agency.CBSA]) if model_version else None
    )
    add_goods_section(
        report,
        tally,
        intake_s,
        lanes,
        reasons,
        picked,
        found,
        raised,
        capacity_total,
        over,
        notes,
        model_version,
        history,
        retrained.version if retrained else None,
        truth,
    )
