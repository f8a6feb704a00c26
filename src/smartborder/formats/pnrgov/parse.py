"""Read PNRGOV messages (IATA PNRGOV implementation guide 11.1 and later).

A message pushes every booking (PNR) on one flight: a header (MSG, ORG, the flight's
TVL, EQN with the number of PNRs), then each PNR from its SRC: record locator (RCI),
passengers (TIF, each with SSRs, frequent flyer and tickets), the itinerary (TVL, each
with seats, check-in and bags), forms of payment, booking offices, history. The reader
follows segment groups by their opening tags; anything it cannot place is a finding.
Card numbers are masked as they are read: no full card number is ever in a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from smartborder.domain import Address, Contact, PersonName
from smartborder.errors import FormatError, ValidationFailed
from smartborder.formats.edifact import Limits, Message, Segment, read_interchange
from smartborder.formats.edifact.syntax import DEFAULT_LIMITS
from smartborder.formats.edifact.text import decode_interchange
from smartborder.formats.findings import Finding
from smartborder.formats.pnrgov import pieces
from smartborder.formats.pnrgov.masking import mask_free_text
from smartborder.formats.pnrgov.model import (
    BaggageRecord,
    BookedFlight,
    BookingOffice,
    HistoryEntry,
    Payment,
    Pnr,
    PnrgovInterchange,
    PnrMessage,
    SeatAssignment,
    Ticket,
)
from smartborder.formats.pnrgov.passengers import PassengerDraft, ssr_text
from smartborder.formats.pnrgov.ssr import contact_email, contact_phone, ddmmyy

KNOWN_TAGS = frozenset(
    "MSG ORG TVL EQN SRC RCI SSR DAT IFT ADD EBD TIF FTI REF FAR TKT MON PTK TXD FOP "
    "TRA RPI APD TRI SSD TBD ABI SAC LTS DTM".split()
)


@dataclass
class _History:
    when: datetime | None = None
    by: str | None = None
    action: str | None = None
    details: list[str] = field(default_factory=list)


@dataclass
class _PnrDraft:
    where: str
    locators: list[tuple[str, str]] = field(default_factory=list)
    created: datetime | None = None
    offices: list[BookingOffice] = field(default_factory=list)
    passengers: list[PassengerDraft] = field(default_factory=list)
    loose_ssrs: list[Segment] = field(default_factory=list)  # SSRs before any TIF
    itinerary: list[BookedFlight] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    address: Address | None = None
    payments: list[Payment] = field(default_factory=list)
    seats: list[SeatAssignment] = field(default_factory=list)
    bags: list[BaggageRecord] = field(default_factory=list)
    history: list[_History] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


class _MessageReader:
    def __init__(self, message: Message, reference: date) -> None:
        self.message = message
        self.reference = reference
        self.findings: list[Finding] = list(message.findings)
        self.flight: BookedFlight | None = None
        self.declared: int | None = None
        self.pnrs: list[Pnr] = []
        self.pnr: _PnrDraft | None = None
        self.passenger: PassengerDraft | None = None
        self.on: BookedFlight | None = None  # the itinerary flight being read
        self.checked_in: str | None = None  # the passenger of a TRI group
        self.in_checkin = False
        self.history: _History | None = None

    def note(self, code: str, text: str, seg: Segment) -> None:
        self.findings.append(Finding(code, text, seg.where))

    def header(self, seg: Segment) -> None:
        if seg.tag == "TVL":
            self.flight = pieces.flight(seg)
        elif seg.tag == "EQN":
            value = seg.get(1).strip()
            if value.isdecimal():
                self.declared = int(value)
            else:
                self.note("count", f"EQN {value!r} is not a number", seg)
        elif seg.tag not in KNOWN_TAGS:
            self.note("unknown-segment", f"{seg.tag} is not a PNRGOV segment; ignored", seg)
        elif seg.tag not in ("MSG", "ORG", "DAT"):
            self.note("misplaced", f"{seg.tag} before the first SRC ignored", seg)

    def start_pnr(self, seg: Segment) -> None:
        self.close_pnr()
        self.pnr = _PnrDraft(seg.where)
        self.passenger, self.on, self.history = None, None, None
        self.in_checkin, self.checked_in = False, None

    def in_pnr(self, seg: Segment, pnr: _PnrDraft) -> None:
        tag = seg.tag
        if tag == "ABI":
            self.history = _History(by=" ".join(c for e in seg.elements for c in e if c) or None)
            pnr.history.append(self.history)
            return
        if tag == "LTS":
            pnr.history.append(_History(details=[pieces.free_text(seg, 1)]))
            return
        if self.history is not None:
            self.in_history(seg, self.history)
            return
        if tag == "TIF":
            self.tif(seg, pnr)
        elif tag == "TVL":
            self.on = pieces.flight(seg)
            pnr.itinerary.append(self.on)
            self.passenger, self.in_checkin, self.checked_in = None, False, None
        elif tag == "RCI":
            self.rci(seg, pnr)
        elif tag == "SSR":
            self.ssr(seg, pnr)
        elif tag == "ORG":
            pnr.offices.append(pieces.office(seg))
        elif tag == "ADD":
            street = seg.get(2, 2)
            pnr.address = Address(
                lines=(street,) if street else (),
                city=seg.get(2, 3) or None,
                region=seg.get(2, 4) or None,
                country=seg.get(2, 5) or None,
                postal_code=seg.get(2, 6) or None,
            )
        elif tag == "IFT":
            self.ift(seg, pnr)
        elif tag == "FOP":
            pnr.payments.extend(pieces.payments(seg))
        elif tag in ("TKT", "MON", "FTI") or (tag == "DAT" and self.passenger is not None):
            self.passenger_detail(seg)
        elif tag == "RPI" and self.on is not None:
            self.on = _with_status(pnr, self.on, seg.get(2).strip() or None)
        elif tag == "TRI":
            self.in_checkin, self.checked_in = True, None
        elif tag == "SSD" and self.in_checkin:
            seat = seg.get(1).strip()
            assignment = SeatAssignment(seat, _designator(self.on), self.checked_in)
            if seat and assignment not in pnr.seats:
                pnr.seats.append(assignment)
        elif tag == "TBD":
            pnr.bags.append(pieces.baggage(seg, _designator(self.on), self.checked_in))
        elif tag not in KNOWN_TAGS:
            self.note("unknown-segment", f"{tag} is not a PNRGOV segment; ignored", seg)

    def in_history(self, seg: Segment, history: _History) -> None:
        if seg.tag == "DAT" and history.when is None:
            history.when = ddmmyy(seg.get(1, 2), seg.get(1, 3))
        elif seg.tag == "SAC":
            history.action = seg.get(3).strip() or seg.get(2).strip() or seg.get(1).strip() or None
        elif seg.tag == "IFT":
            history.details.append(pieces.free_text(seg))
        else:
            history.details.append(pieces.rendition(seg))

    def tif(self, seg: Segment, pnr: _PnrDraft) -> None:
        surname, given = seg.get(1).strip(), seg.get(2).strip()
        reference = seg.get(2, 3).strip() or None
        if self.in_checkin:
            # A TIF inside a check-in group names who checked in: find them.
            match = next(
                (p for p in pnr.passengers if reference and p.reference == reference), None
            ) or next(
                (p for p in pnr.passengers if p.booked.surname == surname and p.given == given),
                None,
            )
            self.checked_in = (match.reference if match else None) or reference or surname
            return
        try:
            booked = PersonName(surname, tuple(given.split()))
        except ValidationFailed as exc:
            if surname.strip() or given.strip():  # a name with a control character
                raise FormatError(exc.message, where=seg.where) from None
            self.note("no-name", "TIF without a name ignored", seg)
            self.passenger = None
            return
        self.passenger = PassengerDraft(
            booked=booked, given=given, reference=reference, type=seg.get(2, 2).strip() or None
        )
        pnr.passengers.append(self.passenger)

    def rci(self, seg: Segment, pnr: _PnrDraft) -> None:
        for element in seg.elements:
            parts = list(element) + [""] * (5 - len(element))
            if parts[1].strip():
                pnr.locators.append((parts[0].strip(), parts[1].strip()))
            if pnr.created is None and parts[3]:
                pnr.created = ddmmyy(parts[3], parts[4])

    def ssr(self, seg: Segment, pnr: _PnrDraft) -> None:
        code = seg.get(1).strip().upper()
        text = ssr_text(seg)
        if code.startswith("CTC"):
            if code == "CTCE" and text:
                pnr.emails.append(contact_email(text))
            elif text and contact_phone(text).strip("+"):
                pnr.phones.append(contact_phone(text))
        elif code in ("SEAT", "NSST", "RQST") and self.on is not None:
            seat = pieces.seat_request(seg, _designator(self.on))
            if seat and seat not in pnr.seats:
                pnr.seats.append(seat)
        elif self.passenger is not None:
            self.passenger.ssrs.append(seg)
        elif code in ("DOCS", "DOCO", "DOCA"):
            pnr.loose_ssrs.append(seg)
        else:
            pnr.remarks.append(mask_free_text(f"SSR {code} {text}".strip()))

    def ift(self, seg: Segment, pnr: _PnrDraft) -> None:
        text = pieces.free_text(seg)
        upper = text.upper()
        if upper.startswith("CTC") and contact_phone(text[4:]).strip("+"):
            pnr.phones.append(contact_phone(text[4:]))
        elif "@" in text and " " not in text.strip():
            pnr.emails.append(text.strip().lower())
        elif text:
            pnr.remarks.append(text)

    def passenger_detail(self, seg: Segment) -> None:
        passenger = self.passenger
        if passenger is None:
            self.note("misplaced", f"{seg.tag} outside a passenger ignored", seg)
            return
        if seg.tag == "FTI":
            passenger.frequent_flyer.append(f"{seg.get(1).strip()}:{seg.get(1, 2).strip()}")
        elif seg.tag == "TKT":
            number = seg.get(1).strip()
            if number:
                passenger.tickets.append(Ticket(number, seg.get(1, 2).strip() or None))
        elif passenger.tickets and seg.tag == "MON":
            total = next((e for e in seg.elements if e and e[0] == "T"), seg.element(1))
            amount = " ".join(c for c in total[1:3] if c) or None
            passenger.tickets[-1] = replace(passenger.tickets[-1], total=amount)
        elif passenger.tickets and seg.tag == "DAT":
            issued = ddmmyy(seg.get(1, 2), seg.get(1, 3))
            passenger.tickets[-1] = replace(
                passenger.tickets[-1], issued=issued.date() if issued else None
            )

    def close_pnr(self) -> None:
        draft, self.pnr = self.pnr, None
        if draft is None:
            return
        passengers = list(draft.passengers)
        for seg in draft.loose_ssrs:
            owner = _owner_of(seg, passengers)
            if owner is None:
                self.note("unassigned", f"{seg.get(1)} names no passenger of the PNR", seg)
            else:
                owner.ssrs.append(seg)
        built = []
        for passenger in passengers:
            built.extend(passenger.build(self.reference, self.findings))
        if not draft.locators:
            self.findings.append(Finding("no-locator", "PNR without a record locator", draft.where))
        carrier, locator = draft.locators[0] if draft.locators else ("", "")
        agency = next(
            (o for o in draft.offices if o.agency_number or o.originator_type == "T"), None
        )
        self.pnrs.append(
            Pnr(
                record_locator=locator,
                carrier=carrier or None,
                other_locators=tuple(f"{c}:{loc}" for c, loc in draft.locators[1:]),
                created=draft.created,
                booking_office=draft.offices[0] if draft.offices else None,
                travel_agency=agency,
                passengers=tuple(built),
                itinerary=tuple(draft.itinerary),
                contact=Contact(
                    phones=tuple(draft.phones), emails=tuple(draft.emails), address=draft.address
                ),
                payments=tuple(draft.payments),
                seats=tuple(draft.seats),
                bags=tuple(draft.bags),
                history=tuple(
                    HistoryEntry(h.when, h.by, h.action, tuple(h.details)) for h in draft.history
                ),
                remarks=tuple(draft.remarks),
            )
        )

    def read(self) -> PnrMessage:
        for seg in self.message.body:
            if seg.tag == "SRC":
                self.start_pnr(seg)
            elif self.pnr is None:
                self.header(seg)
            else:
                self.in_pnr(seg, self.pnr)
        self.close_pnr()
        if self.declared is not None and self.declared != len(self.pnrs):
            self.findings.append(
                Finding(
                    "count",
                    f"EQN declares {self.declared} PNRs, the message has {len(self.pnrs)}",
                    self.message.segments[0].where,
                )
            )
        return PnrMessage(
            version=self.message.version.replace(":", "."),
            sender=self.message.sender,
            recipient=self.message.recipient,
            reference=self.message.reference,
            flight=self.flight,
            declared_count=self.declared,
            pnrs=tuple(self.pnrs),
            findings=tuple(self.findings),
        )


def _designator(flight: BookedFlight | None) -> str | None:
    return flight.designator if flight else None


def _with_status(pnr: _PnrDraft, flight: BookedFlight, status: str | None) -> BookedFlight:
    updated = replace(flight, status=status)
    pnr.itinerary[-1] = updated
    return updated


def _owner_of(seg: Segment, passengers: list[PassengerDraft]) -> PassengerDraft | None:
    """The passenger a PNR-level DOCS/DOCO/DOCA belongs to: by surname, or the only one."""
    text = ssr_text(seg).upper()
    matches = [p for p in passengers if p.booked.surname and f"/{p.booked.surname}/" in text]
    if len(matches) == 1:
        return matches[0]
    return passengers[0] if len(passengers) == 1 else None


def parse_pnrgov(
    data: str | bytes, *, reference_date: date | None = None, limits: Limits = DEFAULT_LIMITS
) -> PnrgovInterchange:
    """Every PNRGOV message in an interchange given as text or bytes."""
    findings: list[Finding] = []
    if isinstance(data, bytes):
        text, findings = decode_interchange(data)
    else:
        text = data
    interchange = read_interchange(text, limits)
    messages = []
    for message in interchange.messages:
        prepared = message.prepared or interchange.prepared
        reference = prepared.date() if prepared else (reference_date or date.today())
        messages.append(_MessageReader(message, reference).read())
    return PnrgovInterchange(
        sender=interchange.sender,
        recipient=interchange.recipient,
        messages=tuple(messages),
        findings=tuple(findings) + interchange.findings,
    )
