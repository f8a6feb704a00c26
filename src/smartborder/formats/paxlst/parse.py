"""Read PAXLST (advance passenger information) as carriers really send it.

The WCO/IATA/ICAO API guidelines (D:02B, D:05B and later directories) fix the order of
segments; carriers do not always keep it. The reader therefore goes by each segment's
qualifier rather than its position: a LOC+91 after a DOC is that document's issuing
country wherever it comes, a DTM+329 is a birth date. What cannot be understood about a
traveller (an impossible date, an empty document number) is a finding on the list; a
traveller without a name, or a segment that is not EDIFACT, is a ``FormatError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from smartborder.domain import Address, PersonName, Sex, TravelDocument, Traveller
from smartborder.errors import FormatError, ValidationFailed
from smartborder.formats import dates
from smartborder.formats.edifact import Limits, Message, Segment, read_interchange
from smartborder.formats.edifact.syntax import DEFAULT_LIMITS
from smartborder.formats.edifact.text import decode_interchange
from smartborder.formats.findings import Finding
from smartborder.formats.paxlst import codes
from smartborder.formats.paxlst.legs import Stop, legs_of
from smartborder.formats.paxlst.model import (
    LIST_TYPES,
    ListType,
    PassengerList,
    PaxlstInterchange,
    ReportedFlight,
    ReportedTraveller,
)


def split_flight(reference: str, carrier: str) -> tuple[str, str]:
    """Carrier and number of a TDT conveyance reference (``UA123``, or ``AAL123``)."""
    reference = reference.replace(" ", "")
    if carrier and reference.startswith(carrier):
        return carrier, reference[len(carrier) :]
    if carrier:
        return carrier, reference
    if len(reference) > 3 and reference[:3].isalpha() and reference[3:4].isdigit():
        return reference[:3], reference[3:]  # an ICAO three-letter designator
    return reference[:2], reference[2:]


@dataclass
class _Document:
    code: str
    number: str
    where: str
    expiry: date | None = None
    issued: date | None = None
    issuer: str | None = None


@dataclass
class _Traveller:
    """A traveller being read, until the next NAD or the CNT closes it."""

    party: str
    name: PersonName
    where: str
    address: Address | None
    sex: Sex = Sex.UNSPECIFIED
    birth: date | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    clearance: str | None = None
    booking: str | None = None
    seat: str | None = None
    verified: bool = False
    references: list[tuple[str, str]] = field(default_factory=list)
    documents: list[_Document] = field(default_factory=list)


class _ListReader:
    """Reads one message's segments into a ``PassengerList``."""

    def __init__(self, message: Message, reference: date) -> None:
        self.message = message
        self.reference = reference
        self.findings: list[Finding] = list(message.findings)
        self.code = ""
        self.variant = ""
        self.reporting: str | None = None
        self.phones: list[str] = []
        self.flights: list[tuple[str, str, list[Stop]]] = []
        self.travellers: list[ReportedTraveller] = []
        self.current: _Traveller | None = None
        self.counts: list[tuple[str, str, Segment]] = []
        self.in_reporting_party = False

    def note(self, code: str, message: str, segment: Segment) -> None:
        self.findings.append(Finding(code, message, segment.where))

    # -- the header and the flight ------------------------------------------------------

    def bgm(self, seg: Segment) -> None:
        self.code, self.variant = seg.get(1), seg.get(2)

    def tdt(self, seg: Segment) -> None:
        carrier, number = split_flight(seg.get(2), seg.get(5).strip())
        if not carrier:
            self.note("flight", "TDT names no flight", seg)
        self.flights.append((carrier, number, []))

    def flight_loc(self, seg: Segment) -> None:
        if not self.flights:
            self.note("misplaced", "LOC before any TDT ignored", seg)
            return
        self.flights[-1][2].append(Stop(seg.get(1), seg.get(2).strip()))

    def flight_dtm(self, seg: Segment) -> None:
        stops = self.flights[-1][2] if self.flights else []
        if not stops:
            return  # a message-level date (DTM+..., before any LOC): not needed
        moment = dates.edifact_datetime(seg.get(1, 2), seg.get(1, 3))
        if moment is None:
            self.note("bad-date", f"{seg.get(1, 2)!r} is not a date and time", seg)
        elif seg.get(1) == "189":
            stops[-1].departure = moment
        elif seg.get(1) == "232":
            stops[-1].arrival = moment

    # -- travellers ---------------------------------------------------------------------

    def nad(self, seg: Segment) -> None:
        party = seg.get(1)
        if party not in codes.TRAVELLER_PARTIES:
            self.close()
            self.in_reporting_party = party == "MS"
            if party == "MS":
                self.reporting = " ".join(v for v in seg.element(4) if v) or seg.get(2) or None
            else:
                self.note("party", f"NAD qualifier {party!r} is not a traveller; ignored", seg)
            return
        self.close()
        self.in_reporting_party = False
        surname, *given = seg.element(4) or ("",)
        try:
            name = PersonName(surname.strip(), tuple(g.strip() for g in given if g.strip()))
        except ValidationFailed as exc:
            # A carrier's message is refused, not repaired: the carrier can send it again.
            named = surname.strip() or any(g.strip() for g in given)
            problem = exc.message if named else "the traveller has no name"
            raise FormatError(problem, where=seg.where) from None
        street = tuple(v for v in seg.element(5) if v)
        city, region, postal, country = seg.get(6), seg.get(7), seg.get(8), seg.get(9)
        address = (
            Address(street, city or None, region or None, postal or None, country or None)
            if street or city or country
            else None
        )
        self.current = _Traveller(party, name, seg.where, address)

    def traveller_segment(self, seg: Segment, t: _Traveller) -> None:
        tag, qualifier = seg.tag, seg.get(1)
        if tag == "ATT" and qualifier == "2":
            code = seg.get(3).upper()
            sex = codes.SEXES.get(code)
            if sex is None:
                self.note("sex", f"sex {code!r} is not M, F, U or X", seg)
            t.sex = sex or Sex.UNSPECIFIED
        elif tag == "DTM":
            self.traveller_date(seg, t)
        elif tag == "LOC":
            self.traveller_place(seg, t)
        elif tag == "NAT":
            t.nationality = seg.get(2).strip() or None
        elif tag == "RFF":
            value = seg.get(1, 2).strip()
            if qualifier == "AVF":
                t.booking = value or None
            elif qualifier == "SEA":
                t.seat = value or None
            elif value:
                t.references.append((qualifier, value))
        elif tag == "DOC":
            t.documents.append(_Document(qualifier.strip(), seg.get(2).strip(), seg.where))
        elif tag == "GEI" and qualifier == "4" and seg.get(2) == "173":
            t.verified = True

    def traveller_date(self, seg: Segment, t: _Traveller) -> None:
        qualifier, text, fmt = seg.get(1), seg.get(1, 2), seg.get(1, 3)
        if qualifier not in ("329", "36", "182"):
            return
        birth = qualifier == "329"
        moment = dates.edifact_date(text, fmt, self.reference, birth=birth)
        if moment is None:
            self.note("bad-date", f"DTM+{qualifier} {text!r} is not a date", seg)
        elif birth:
            t.birth = moment
        elif not t.documents:
            self.note("misplaced", f"DTM+{qualifier} before any DOC ignored", seg)
        elif qualifier == "36":
            t.documents[-1].expiry = moment
        else:
            t.documents[-1].issued = moment

    def traveller_place(self, seg: Segment, t: _Traveller) -> None:
        qualifier, place = seg.get(1), seg.get(2).strip() or None
        if qualifier == "91":
            if t.documents:
                t.documents[-1].issuer = place
            else:
                self.note("misplaced", "LOC+91 before any DOC ignored", seg)
        elif qualifier == "178":
            t.embarkation = place
        elif qualifier == "179":
            t.debarkation = place
        elif qualifier == "22":
            t.clearance = place
        elif qualifier == "174":
            t.residence = place
        elif qualifier == "180":
            t.birth_place = " ".join(v for v in seg.element(2) if v) or seg.get(4) or None

    def close(self) -> None:
        t, self.current = self.current, None
        if t is None:
            return
        documents: list[TravelDocument] = []
        doc_codes: list[str] = []
        for doc in t.documents:
            try:
                documents.append(
                    TravelDocument(
                        type=codes.document_type(doc.code),
                        number=doc.number,
                        issuing_state=doc.issuer,
                        expiry_date=doc.expiry,
                        issue_date=doc.issued,
                    )
                )
                doc_codes.append(doc.code)
            except ValidationFailed:
                self.findings.append(Finding("document", "DOC without a number ignored", doc.where))
        traveller = Traveller(
            name=t.name,
            birth_date=t.birth,
            sex=t.sex,
            nationality=t.nationality,
            documents=tuple(documents),
            role=codes.TRAVELLER_PARTIES[t.party],
            residence_country=t.residence,
            birth_place=t.birth_place,
        )
        self.travellers.append(
            ReportedTraveller(
                traveller=traveller,
                party=t.party,
                document_codes=tuple(doc_codes),
                embarkation=t.embarkation,
                debarkation=t.debarkation,
                clearance=t.clearance,
                booking_reference=t.booking,
                seat=t.seat,
                references=tuple(t.references),
                address=t.address,
                verified=t.verified,
            )
        )

    # -- the walk -----------------------------------------------------------------------

    def read(self) -> PassengerList:
        for seg in self.message.body:
            tag = seg.tag
            if tag not in codes.KNOWN_TAGS:
                self.note("unknown-segment", f"{tag} is not a PAXLST segment; ignored", seg)
            elif tag == "NAD":
                self.nad(seg)
            elif self.current is not None and tag != "CNT":
                self.traveller_segment(seg, self.current)
            elif tag == "BGM":
                self.bgm(seg)
            elif tag == "TDT":
                self.tdt(seg)
            elif tag == "LOC":
                self.flight_loc(seg)
            elif tag == "DTM":
                self.flight_dtm(seg)
            elif tag == "COM" and self.in_reporting_party:
                self.phones.extend(v for v in seg.element(1)[:1] if v)
                self.phones.extend(e[0] for e in seg.elements[1:] if e and e[0])
            elif tag == "CNT":
                self.close()
                self.counts.append((seg.get(1), seg.get(1, 2), seg))
        self.close()
        return self.result()

    def declared(self) -> int | None:
        declared: int | None = None
        for qualifier, value, seg in self.counts:
            if not (value.isascii() and value.isdigit()):  # not "²": int() refuses it
                self.note("count", f"CNT total {value!r} is not a number", seg)
                continue
            crew = qualifier == codes.COUNT_CREW
            counted = sum(1 for t in self.travellers if (t.party in codes.CREW_PARTIES) == crew)
            declared = (declared or 0) + int(value)
            if int(value) != counted:
                what = "crew members" if crew else "passengers"
                self.note("count", f"CNT declares {int(value)} {what}, the list has {counted}", seg)
        return declared

    def result(self) -> PassengerList:
        head = self.message.segments[0]
        list_type = LIST_TYPES.get(self.code)
        if list_type is None:
            crew = any(t.party in codes.CREW_PARTIES for t in self.travellers)
            list_type = ListType.CREW if crew else ListType.PASSENGER
            self.note("list-type", f"BGM {self.code or 'missing'}: read as a {list_type} list",
                      head)  # fmt: skip
        if self.message.type != "PAXLST":
            self.note("message-type", f"message type {self.message.type!r}, not PAXLST", head)
        return PassengerList(
            version=self.message.version,
            sender=self.message.sender,
            recipient=self.message.recipient,
            reference=self.message.reference,
            list_type=list_type,
            document_code=self.code,
            document_variant=self.variant,
            reporting_party=self.reporting,
            reporting_phones=tuple(self.phones),
            flights=tuple(
                ReportedFlight(carrier, number, legs_of(stops))
                for carrier, number, stops in self.flights
            ),
            travellers=tuple(self.travellers),
            declared_count=self.declared(),
            prepared=self.message.prepared,
            findings=tuple(self.findings),
        )


def parse_paxlst(
    data: str | bytes, *, reference_date: date | None = None, limits: Limits = DEFAULT_LIMITS
) -> PaxlstInterchange:
    """Every passenger list in an interchange given as text or bytes.

    Two-digit birth years are read as never after the message's preparation date (or
    ``reference_date``, or today, when the envelope gives none).
    """
    findings: list[Finding] = []
    if isinstance(data, bytes):
        text, findings = decode_interchange(data)
    else:
        text = data
    interchange = read_interchange(text, limits)
    messages = []
    for message in interchange.messages:
        prepared: datetime | None = message.prepared or interchange.prepared
        reference = prepared.date() if prepared else (reference_date or date.today())
        messages.append(_ListReader(message, reference).read())
    return PaxlstInterchange(
        separators=interchange.separators,
        sender=interchange.sender,
        recipient=interchange.recipient,
        control_reference=interchange.control_reference,
        messages=tuple(messages),
        findings=tuple(findings) + interchange.findings,
    )
