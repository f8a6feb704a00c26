"""Builders for clearance tests: API lists written with our own PAXLST writer, a fake screener."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from smartborder.domain import (
    DocumentType,
    Lookout,
    PersonName,
    ScreeningQuery,
    Sex,
    SubjectKind,
    TravelDocument,
    Traveller,
    WatchlistHit,
)
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
    from dataclasses import replace

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
