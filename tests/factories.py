"""Small, named factories for the tests' domain objects and documents: land crossings
and decisions, API lists and PNRGOV messages written with our own writers (and a fake
screener), eManifest documents and small labelled declaration sets.

Written for these tests from the public specifications (PAXLST, PNRGOV, the eManifest
data elements, DATE's column list); no real or third-party data.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from smartborder.domain import (
    Agency,
    CrossingRecord,
    Decision,
    DecisionKind,
    Direction,
    DocumentType,
    LaneType,
    Lookout,
    PersonName,
    PortOfEntry,
    ScreeningQuery,
    Sex,
    SubjectKind,
    TravelDocument,
    Traveller,
    WatchlistHit,
    new_id,
)
from smartborder.domain.decisions import ClearanceMode, TravellerDecision
from smartborder.domain.hits import Hit, HitKind
from smartborder.formats.paxlst import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
    counted,
    generate_paxlst,
)
from smartborder.formats.pnrgov import BookedFlight, Payment, Pnr, PnrMessage, generate_pnrgov
from smartborder.targeting.cargo.declarations import EPOCH, Declarations

# Land crossings and the decisions and hits of travellers.

DOUGLAS = PortOfEntry(
    code="813",
    name="Pacific Highway and Douglas, British Columbia",
    agency=Agency.CBSA,
    cbsa_office_code="813",
    timezone="America/Vancouver",
    lanes=(LaneType.GENERAL, LaneType.NEXUS, LaneType.READY),
    partner_port_code="3004",
)
BLAINE = PortOfEntry(
    code="3004",
    name="Blaine, Washington",
    agency=Agency.CBP,
    cbp_port_code="3004",
    timezone="America/Los_Angeles",
    lanes=(LaneType.GENERAL, LaneType.NEXUS),
    partner_port_code="813",
)


def entry(
    *,
    agency: Agency = Agency.CBSA,
    port: PortOfEntry = DOUGLAS,
    surname: str = "TREMBLAY",
    given: tuple[str, ...] = ("JULIE", "ANNE"),
    lane: LaneType | None = LaneType.GENERAL,
    crossed_at: datetime = datetime(2026, 7, 3, 17, 5, 12, 123456, tzinfo=UTC),
) -> CrossingRecord:
    return CrossingRecord(
        agency=agency,
        direction=Direction.ENTRY,
        name=PersonName(surname, given),
        birth_date=date(1984, 2, 29),
        nationality="CAN",
        sex=Sex.FEMALE,
        document=TravelDocument(
            DocumentType.PASSPORT, "AB123456", issuing_state="CAN", expiry_date=date(2031, 5, 1)
        ),
        port_code=port.code,
        lane=lane,
        crossed_at=crossed_at,
    )


def traveller_decision(
    *,
    agency: Agency = Agency.CBSA,
    surname: str = "HADDAD",
    given: str = "SAMIR",
    birth: date = date(1979, 3, 14),
    facts: dict[str, object] | None = None,
    kind: DecisionKind = DecisionKind.REFER,
    travel_date: date = date(2026, 7, 3),
) -> TravellerDecision:
    from smartborder.clearance.identity import identity_key

    return TravellerDecision(
        decision=Decision(subject_id=new_id(), kind=kind, risk_score=0.9),
        agency=agency,
        mode=ClearanceMode.AIR,
        role="passenger",
        traveller_name=f"{given} {surname}",
        identity_key=identity_key(surname, given, birth),
        travel_date=travel_date,
        facts=facts or {},
        flight="AC855",
        birth_date=birth,
        nationality="LBN",
    )


def hit_on(
    decision: TravellerDecision,
    *,
    ref: str = "un-sc:QDi.999",
    kind: HitKind = HitKind.WATCHLIST,
    traveller_fingerprint: str = "t1",
    subject_fingerprint: str = "s1",
) -> Hit:
    return Hit(
        agency=decision.agency,
        decision_id=decision.id,
        kind=kind,
        ref=ref,
        score=0.93,
        text="name and birth date match",
        identity_key=decision.identity_key,
        traveller_fingerprint=traveller_fingerprint,
        subject_fingerprint=subject_fingerprint,
        traveller_name=decision.traveller_name,
    )


# Air: API lists and PNRGOV messages, and a screener that hits on the surnames it is given.


def passenger(
    surname: str,
    given: str,
    birth: date,
    nationality: str = "CAN",
    number: str = "AB123456",
    sex: Sex = Sex.FEMALE,
) -> Traveller:
    return Traveller(
        name=PersonName(surname, tuple(given.split())),
        birth_date=birth,
        sex=sex,
        nationality=nationality,
        documents=(TravelDocument(DocumentType.PASSPORT, number, nationality, date(2031, 1, 1)),),
    )


def paxlst(
    travellers: Sequence[Traveller],
    *,
    reference: str = "PAX1",
    control: str = "1001",
    day: date = date(2026, 7, 3),
    flight: tuple[str, str, str, str] = ("AC", "855", "LHR", "YVR"),
    **writer: Any,
) -> str:
    """``writer`` goes to the PAXLST writer: ``separators``, ``una``, ``newline``..."""
    carrier, number, origin, destination = flight
    leg = ScheduledLeg(
        origin,
        destination,
        datetime.combine(day, datetime.min.time()).replace(hour=9),
        datetime.combine(day, datetime.min.time()).replace(hour=11),
    )
    entries = tuple(
        ReportedTraveller(t, "FL", ("P",), origin, destination, destination, f"BK{n:04d}")
        for n, t in enumerate(travellers)
    )
    pl = PassengerList(
        version="D:05B",
        sender=f"{carrier}API",
        recipient="CBSAAPI",
        reference=reference,
        list_type=ListType.PASSENGER,
        flights=(ReportedFlight(carrier, number, (leg,)),),
        travellers=entries,
    )
    pl = replace(pl, declared_count=counted(pl))
    return generate_paxlst(
        [pl],
        sender=f"{carrier}API",
        recipient="CBSAAPI",
        prepared=datetime.combine(day, datetime.min.time()).replace(hour=6),
        control_reference=control,
        **writer,
    )


def pnrgov(
    payments: Mapping[str, str],
    *,
    reference: str = "PNR1",
    day: date = date(2026, 7, 3),
    flight: tuple[str, str, str, str] = ("AC", "855", "LHR", "YVR"),
) -> str:
    """A PNR push for the ``paxlst`` flight: one booking per locator (``BK0000`` is the
    first traveller's), each paid in the form given (CC card, CA cash...)."""
    carrier, number, origin, destination = flight
    leaves = datetime.combine(day, datetime.min.time()).replace(hour=9)
    booked = BookedFlight(carrier, number, origin, destination, leaves, None, "Y", "HK")
    pnrs = tuple(
        Pnr(
            record_locator=locator,
            carrier=carrier,
            created=datetime.combine(day, datetime.min.time()).replace(day=1),
            itinerary=(booked,),
            payments=(Payment(form),),
        )
        for locator, form in payments.items()
    )
    message = PnrMessage("13.1", carrier, "BORDERPNR", reference, booked, len(pnrs), pnrs)
    return generate_pnrgov(message, prepared=leaves.replace(day=day.day - 1))


@dataclass
class FakeScreener:
    """Screens by exact surname against a few lookouts, with a score set per surname."""

    lookouts: dict[str, tuple[Lookout, float]] = field(default_factory=dict)
    versions: Mapping[str, str] = field(default_factory=lambda: {"test-list": "v1"})

    def add(self, surname: str, score: float, source_id: str = "1") -> Lookout:
        lookout = Lookout(
            list_id="test-list",
            source_id=source_id,
            kind=SubjectKind.PERSON,
            names=(PersonName(surname, ("LISTED",)),),
        )
        self.lookouts[surname] = (lookout, score)
        return lookout

    def screen(
        self, query: ScreeningQuery, *, threshold: float = 0.8, limit: int = 10
    ) -> list[WatchlistHit]:
        surname = query.name.split()[-1]
        found = self.lookouts.get(surname)
        if found is None or found[1] < threshold:
            return []
        lookout, score = found
        return [
            WatchlistHit(
                query.id,
                lookout.ref,
                score,
                lookout.primary_name.full,
                f"name {surname} matches",
                "v1",
            )
        ]

    def lookout(self, ref: str) -> Lookout | None:
        return next((lk for lk, _ in self.lookouts.values() if lk.ref == ref), None)


# Goods: eManifest documents and labelled declarations.

ARRIVAL = datetime(2026, 7, 3, 18, 0, tzinfo=UTC)


def manifest_doc(**overrides: Any) -> dict[str, Any]:
    """A valid highway trip with two shipments arriving at CBSA port 813 (Pacific Highway)."""
    doc: dict[str, Any] = {
        "schema": "smartborder-emanifest/1",
        "type": "original",
        "trip_number": "CXTR260703001",
        "mode": "highway",
        "carrier_code": "CXTR",
        "conveyance": {"identifier": "C12345", "jurisdiction": "WA"},
        "crew": [
            {"name": "Dana Driver", "role": "driver", "fast_card": "FAST0001", "citizenship": "USA"}
        ],
        "port_of_entry": "813",
        "estimated_arrival": ARRIVAL.isoformat(),
        "fast": False,
        "shipments": [
            {
                "cargo_control_number": "CXTR0000001",
                "shipper": {"name": "Skagit Orchards", "country": "USA"},
                "consignee": {"name": "Cascadia Fresh Foods", "country": "CAN"},
                "importer": {
                    "name": "Cascadia Fresh Foods",
                    "identifier": "IMP-1",
                    "country": "CAN",
                },
                "broker": {"name": "Border Brokers", "identifier": "BRK-1"},
                "lines": [
                    {
                        "hs_code": "0808.10",
                        "description": "Fresh apples",
                        "quantity": "400",
                        "weight_kg": "9000",
                        "value": "14400",
                        "origin": "USA",
                    }
                ],
            },
            {
                "cargo_control_number": "CXTR0000002",
                "shipper": {"name": "Tacoma Parts", "country": "USA"},
                "consignee": {"name": "Northline Auto Parts", "country": "CAN"},
                "importer": {
                    "name": "Northline Auto Parts",
                    "identifier": "IMP-2",
                    "country": "CAN",
                },
                "lines": [
                    {
                        "hs_code": "870899",
                        "description": "Motor vehicle parts",
                        "quantity": "60",
                        "weight_kg": "1200",
                        "value": "14000",
                        "origin": "USA",
                    }
                ],
            },
        ],
    }
    doc = copy.deepcopy(doc)
    doc.update(overrides)
    return doc


def at(minutes_before_arrival: float) -> datetime:
    return ARRIVAL - timedelta(minutes=minutes_before_arrival)


def small_declarations(n: int = 6000, *, seed: int = 1, days: int = 120) -> Declarations:
    """Labelled declarations in which a tenth of importers offend often and
    undervaluation pushes value per kg below the HS norm."""
    rng = np.random.default_rng(seed)
    importers = 300
    risky = rng.random(importers) < 0.1
    who = rng.integers(0, importers, n)
    hs = rng.integers(0, 20, n)
    norm = np.exp(rng.normal(2, 1, 20))
    weight = np.exp(rng.normal(6, 1, n))
    value = weight * norm[hs] * np.exp(rng.normal(0, 0.3, n))
    illicit = rng.random(n) < np.where(risky[who], 0.4, 0.02)
    value[illicit] *= rng.uniform(0.3, 0.7, illicit.sum())
    day = np.sort(rng.integers(0, days, n)) + int((np.datetime64("2024-01-01") - EPOCH).astype(int))
    return Declarations(
        ids=np.array([f"D{i}" for i in range(n)], dtype=object),
        day=day.astype(np.int64),
        importer=np.array([f"I{i}" for i in who], dtype=object),
        declarant=np.array([f"B{i % 40}" for i in who], dtype=object),
        country=np.array(["CHN", "USA", "MEX", "DEU"], dtype=object)[rng.integers(0, 4, n)],
        office=np.array(["813", "3004"], dtype=object)[rng.integers(0, 2, n)],
        tariff=np.array([f"{10 + h:02d}0{h:03d}0000" for h in hs], dtype=object),
        quantity=np.maximum(1, np.round(weight / 5)),
        weight=weight,
        fob=value / 1.05,
        cif=value,
        taxes=value * 0.1,
        illicit=illicit.astype(np.int8),
        revenue=np.where(illicit, value * 0.05 + 10, 0.0),
    )


def no_progress(_step: str, _done: int, _total: int) -> None:
    """A progress callback that shows nothing."""
