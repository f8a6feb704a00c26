"""The demo's goods world: its hidden truth, its history of examinations, its registry and
the eManifest documents its trucks transmit."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from smartborder.bootstrap import Container
from smartborder.domain import (
    Agency,
    CommodityLine,
    ExamOutcome,
    MembershipStatus,
    Party,
    PartyRole,
    PortOfEntry,
    SelectivityLane,
    Shipment,
    TraderKind,
    TraderProgramme,
    TrustedTrader,
    User,
)
from smartborder.domain.manifests import Examination, ManifestSubmission, ShipmentRecord
from smartborder.formats.manifest.schema import SCHEMA_ID
from smartborder.programmes import traders
from smartborder.programmes.traders import TRADE_PROGRAMME
from smartborder.world.day import CARRIERS, COMMODITIES, IMPORTERS, SyntheticDay

HISTORY_DAYS = 30
HISTORY_EXAM_SHARE = 0.1
SHIPPERS = ("Skagit Packers", "Yakima Valley Exports", "Tacoma Industrial Supply", "Fraser Mills")
LISTED_SHIPPER = "Arctic Fox Trading"  # on the demo's watch list; ships one load in 200
LISTED_SHARE = 0.005


def importer_id(name: str) -> str:
    return f"BN{IMPORTERS.index(name):04d}"


def broker_of(name: str) -> Party:
    k = IMPORTERS.index(name) % 3
    return Party(PartyRole.BROKER, f"Border Customs Brokers {k}", identifier=f"BRK{k}")


@dataclass
class Truth:
    """The demo world's hidden facts."""

    rng: random.Random
    risky: frozenset[str]
    found: dict[str, tuple[bool, float]] = field(default_factory=dict)  # by CCN

    def offends(self, importer: str) -> bool:
        return self.rng.random() < (0.35 if importer in self.risky else 0.03)


def _undervalue(truth: Truth, line: CommodityLine) -> tuple[CommodityLine, float]:
    declared = (line.value * Decimal(str(truth.rng.uniform(0.35, 0.7)))).quantize(Decimal(1))
    revenue = float(line.value - declared) * 0.15 + 150.0  # duty and taxes owed, plus a penalty
    return CommodityLine(
        line.hs_code, line.description, line.quantity, line.weight_kg, declared, line.origin
    ), revenue


def _history_shipment(
    rng: random.Random, truth: Truth, port: PortOfEntry, n: int, on: date
) -> tuple[Shipment, bool, float]:
    name = rng.choice(IMPORTERS)
    hs, description, per_kg = rng.choice(COMMODITIES)
    weight = Decimal(rng.randint(200, 12000))
    origin = (
        port.agency.partner.country if rng.random() < 0.85 else rng.choice(("MEX", "CHN", "DEU"))
    )
    line = CommodityLine(
        hs,
        description,
        Decimal(rng.randint(1, 400)),
        weight,
        (weight * per_kg * Decimal(str(rng.uniform(0.7, 1.3)))).quantize(Decimal(1)),
        origin,
    )
    offends = truth.offends(name)
    revenue = 0.0
    if offends:
        line, revenue = _undervalue(truth, line)
    carrier = rng.choice(CARRIERS)[0]
    shipment = Shipment(
        cargo_control_number=f"{carrier}H{on:%y%m%d}{n:05d}",
        lines=(line,),
        parties=(
            Party(PartyRole.IMPORTER, name, port.agency.country, importer_id(name)),
            broker_of(name),
        ),
    )
    return shipment, offends, revenue


def history(
    container: Container,
    truth: Truth,
    ports: tuple[PortOfEntry, PortOfEntry],
    day: date,
    per_port: int,
    users: dict[Agency, User],
) -> int:
    """Thirty past days of shipments, a random tenth of them examined, written in bulk."""
    rng = random.Random(truth.rng.random())
    outcomes = 0
    for port in ports:
        user = users[port.agency]
        with container.units() as uow:
            for back in range(HISTORY_DAYS, 0, -1):
                on = day - timedelta(days=back)
                noon = datetime(on.year, on.month, on.day, 20, tzinfo=UTC)
                submission = ManifestSubmission(
                    agency=port.agency,
                    received_at=noon - timedelta(hours=2),
                    status="accepted",
                    acknowledgement={"history": True},
                    submitted_by=user.actor,
                    trip_number=f"HIST{on:%y%m%d}{port.code}",
                )
                uow.manifests.add(submission)
                records, exams = [], []
                for n in range(per_port):
                    if rng.random() >= HISTORY_EXAM_SHARE:
                        continue  # only examined shipments are worth keeping for the model
                    shipment, offends, revenue = _history_shipment(rng, truth, port, n, on)
                    records.append(
                        ShipmentRecord(
                            agency=port.agency,
                            submission_id=submission.id,
                            trip_number=submission.trip_number or "",
                            port_code=port.code,
                            estimated_arrival=noon,
                            shipment=shipment,
                            lane=SelectivityLane.GREEN,
                            decided_at=noon,
                        )
                    )
                    exams.append(
                        Examination(
                            agency=port.agency,
                            shipment_id=shipment.id,
                            port_code=port.code,
                            day=on,
                            selected_by="random",
                            score=0.0,
                            selected_at=noon,
                            outcome=ExamOutcome.ILLICIT if offends else ExamOutcome.COMPLIANT,
                            revenue=revenue,
                            recorded_at=noon,
                            recorded_by=user.actor,
                        )
                    )
                uow.shipments.put_many(records)
                uow.examinations.add_many(exams)
                outcomes += len(exams)
            uow.commit()
    return outcomes


def registry(
    container: Container, day: SyntheticDay, registrar: dict[Agency, User], rng: random.Random
) -> list[str]:
    """Enrol most carriers, importers and FAST drivers; suspend one importer. Notes what."""
    notes = []
    for agency in Agency:
        user = registrar[agency]
        trade = TRADE_PROGRAMME[agency]
        for code, name in CARRIERS:
            traders.enrol(
                container.units(),
                user,
                TrustedTrader(agency, trade, TraderKind.CARRIER, code, name),
            )
        members = []
        for name in IMPORTERS:
            members.append(
                traders.enrol(
                    container.units(),
                    user,
                    TrustedTrader(agency, trade, TraderKind.IMPORTER, importer_id(name), name),
                )
            )
        suspended = members[0]
        traders.set_status(
            container.units(),
            user,
            suspended.id,
            MembershipStatus.SUSPENDED,
            reason="demo: compliance review",
        )
        notes.append(f"{agency}: {suspended.name} suspended")
    cards = set()
    for trip in day.trucks:
        doc = trip.arrival.traveller.primary_document
        if trip.fast and doc is not None and doc.number not in cards and rng.random() < 0.95:
            cards.add(doc.number)
            traders.enrol(
                container.units(),
                registrar[trip.arrival.agency],
                TrustedTrader(
                    trip.arrival.agency,
                    TraderProgramme.FAST,
                    TraderKind.DRIVER,
                    doc.number,
                    trip.arrival.traveller.name.full,
                ),
            )
    return notes


def document(trip: Any, truth: Truth, n: int, rng: random.Random) -> dict[str, Any]:
    arrival = trip.arrival
    driver = arrival.traveller
    card = driver.primary_document.number if trip.fast and driver.primary_document else None
    carrier = trip.shipments[0].party(PartyRole.CARRIER)
    code = carrier.identifier if carrier and carrier.identifier else "XXXX"
    shipments_ = []
    for shipment in trip.shipments:
        importer = shipment.party(PartyRole.IMPORTER)
        name = importer.name if importer else IMPORTERS[0]
        lines = list(shipment.lines)
        offends = truth.offends(name)
        revenue = 0.0
        if offends:
            top = max(range(len(lines)), key=lambda i: lines[i].value)
            lines[top], revenue = _undervalue(truth, lines[top])
        truth.found[shipment.cargo_control_number] = (offends, revenue)
        broker = broker_of(name)
        shipments_.append(
            {
                "cargo_control_number": shipment.cargo_control_number,
                "shipper": {
                    "name": LISTED_SHIPPER if rng.random() < LISTED_SHARE else rng.choice(SHIPPERS),
                    "country": arrival.agency.partner.country,
                },
                "consignee": {"name": name, "country": arrival.agency.country},
                "importer": {
                    "name": name,
                    "identifier": importer_id(name),
                    "country": arrival.agency.country,
                },
                "broker": {"name": broker.name, "identifier": broker.identifier},
                "lines": [
                    {
                        "hs_code": line.hs_code,
                        "description": line.description,
                        "quantity": str(line.quantity),
                        "weight_kg": str(line.weight_kg),
                        "value": str(line.value),
                        "origin": line.origin,
                    }
                    for line in lines
                ],
            }
        )
    crew: dict[str, Any] = {
        "name": driver.name.full,
        "role": "driver",
        "citizenship": driver.nationality,
    }
    if card:
        crew["fast_card"] = card
    return {
        "schema": SCHEMA_ID,
        "trip_number": f"{code}{arrival.arrived_at:%y%m%d}T{n:05d}",
        "mode": "highway",
        "carrier_code": code,
        "conveyance": {
            "identifier": arrival.conveyance.identifier if arrival.conveyance else "UNKNOWN",
            "jurisdiction": "WA",
        },
        "crew": [crew],
        "port_of_entry": arrival.port_code,
        "estimated_arrival": arrival.arrived_at.isoformat(),
        "fast": trip.fast,
        "shipments": shipments_,
    }
