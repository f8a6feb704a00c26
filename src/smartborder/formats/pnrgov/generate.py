"""Write PNRGOV messages (for tests and for the demo's synthetic bookings).

The writer is the reader's mirror for the data the reader keeps. ``Payment.card_number``
is written as given, so that a test (or the demo) can hand it a whole card number and see
the reader mask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from smartborder.domain import DocumentType, Sex, TravelDocument
from smartborder.formats.edifact import DEFAULT_SEPARATORS, SegmentWriter, Separators
from smartborder.formats.edifact.writer import SegmentSpec
from smartborder.formats.pnrgov.model import BookedFlight, Pnr, PnrMessage, PnrPassenger
from smartborder.formats.pnrgov.ssr import format_ddmmmyy

_DOC_CODE = {
    DocumentType.PASSPORT: "P",
    DocumentType.VISA: "V",
    DocumentType.IDENTITY_CARD: "I",
    DocumentType.RESIDENCE_PERMIT: "R",
}
_SEX = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.UNSPECIFIED: "U"}


def _when(moment: datetime | None) -> list[str]:
    return [moment.strftime("%d%m%y"), moment.strftime("%H%M")] if moment else ["", ""]


def _tvl(flight: BookedFlight) -> SegmentSpec:
    times = _when(flight.departure_time) + _when(flight.arrival_time)
    return (
        "TVL",
        [
            times,
            flight.departure_airport,
            flight.arrival_airport,
            [flight.carrier, flight.operating_carrier or ""],
            [flight.number, flight.booking_class or ""],
        ],
    )


def _ssr(code: str, carrier: str, text: str) -> SegmentSpec:
    return ("SSR", [[code, "HK", "1", carrier, "", "", "", "", text]])


def _docs(passenger: PnrPassenger, carrier: str, infant: bool) -> SegmentSpec | None:
    t = passenger.traveller
    document: TravelDocument | None = next(
        (d for d in t.documents if d.type is not DocumentType.VISA), None
    )
    if document is None and t.birth_date is None:
        return None
    sex = _SEX[t.sex] + ("I" if infant and t.sex is not Sex.UNSPECIFIED else "")
    fields = [
        _DOC_CODE.get(document.type, "F") if document else "",
        document.issuing_state or "" if document else "",
        document.number if document else "",
        t.nationality or "",
        format_ddmmmyy(t.birth_date) if t.birth_date else "",
        sex,
        format_ddmmmyy(document.expiry_date) if document and document.expiry_date else "",
        t.name.surname,
        *t.name.given_names,
    ]
    return _ssr("DOCS", carrier, "/" + "/".join(fields))


def _passenger(p: PnrPassenger, carrier: str) -> list[SegmentSpec]:
    given = " ".join(p.booked_name.given_names)
    out: list[SegmentSpec] = [
        ("TIF", [p.booked_name.surname, [given, p.passenger_type or "A", p.reference or ""]])
    ]
    out.extend(("FTI", [ff.split(":", 1)]) for ff in p.frequent_flyer)
    docs = _docs(p, carrier, infant=False)
    if docs:
        out.append(docs)
    for document in p.traveller.documents:
        if document.type is DocumentType.VISA:
            issued = format_ddmmmyy(document.issue_date) if document.issue_date else ""
            text = f"/{p.traveller.birth_place or ''}/V/{document.number}//{issued}/"
            out.append(_ssr("DOCO", carrier, text + (document.issuing_state or "")))
    for address in p.addresses:
        street = address.lines[0] if address.lines else ""
        text = (
            f"/D/{address.country or ''}/{street}/{address.city or ''}/"
            f"{address.region or ''}/{address.postal_code or ''}"
        )
        out.append(_ssr("DOCA", carrier, text))
    out.extend(
        ("SSR", [[request.split(" ", 1)[0], "HK", "1", carrier]]) for request in p.special_requests
    )
    for ticket in p.tickets:
        out.append(("TKT", [[ticket.number, ticket.document_type or "T", "1"]]))
        if ticket.total:
            amount, _, currency = ticket.total.partition(" ")
            out.append(("MON", [["T", amount, currency]]))
        if ticket.issued:
            out.append(("DAT", [["710", ticket.issued.strftime("%d%m%y")]]))
    return out


def pnr_segments(pnr: Pnr, carrier: str) -> list[SegmentSpec]:
    """The segments of one PNR, from its SRC."""
    out: list[SegmentSpec] = [("SRC", [])]
    locators: list[str | Sequence[str]] = [
        [pnr.carrier or carrier, pnr.record_locator, "", *_when(pnr.created)]
    ]
    locators += [other.split(":", 1) for other in pnr.other_locators]
    out.append(("RCI", locators))
    offices = [pnr.booking_office] if pnr.booking_office else []
    if pnr.travel_agency and pnr.travel_agency != pnr.booking_office:
        offices.append(pnr.travel_agency)
    for office in offices:
        if office is not None:
            out.append(
                (
                    "ORG",
                    [
                        [office.airline or "", office.location or ""],
                        [office.agency_number or "", office.office_id or ""],
                        office.location or "",
                        "",
                        office.originator_type or "",
                        office.country or "",
                    ],
                )
            )
    address = pnr.contact.address
    if address is not None:
        street = address.lines[0] if address.lines else ""
        where = [street, address.city, address.region, address.country, address.postal_code]
        out.append(("ADD", ["", ["700", *(part or "" for part in where)]]))
    for email in pnr.contact.emails:
        out.append(_ssr("CTCE", carrier, "/" + email.upper().replace("@", "//")))
    for phone in pnr.contact.phones:
        out.append(_ssr("CTCM", carrier, "/" + phone))
    for passenger in pnr.passengers:
        out.extend(_passenger(passenger, carrier))
    for payment in pnr.payments:
        out.append(
            (
                "FOP",
                [
                    [
                        payment.type,
                        "",
                        payment.amount or "",
                        payment.card_vendor or "",
                        payment.card_number or "",
                        payment.card_expiry or "",
                    ]
                ],
            )
        )
    for flight in pnr.itinerary:
        out.append(_tvl(flight))
        if flight.status:
            out.append(("RPI", [str(len(pnr.passengers)), flight.status]))
        for seat in pnr.seats:
            if seat.flight == flight.designator:
                out.append(
                    (
                        "SSR",
                        [
                            ["SEAT", "HK", "1", flight.carrier],
                            [seat.seat, "", seat.passenger or ""],
                        ],
                    )
                )
        for bag in pnr.bags:
            if bag.flight == flight.designator:
                out.append(("TRI", ["", ["108", "", "", bag.passenger or ""]]))
                out.append(("TIF", ["", ["", "", bag.passenger or ""]]))
                weight, _, unit = (bag.weight or "").partition(" ")
                first = bag.tags[0] if bag.tags else ""
                tags = [first[:2], first[2:], str(len(bag.tags))] if first else []
                count = str(bag.count) if bag.count is not None else ""
                out.append(("TBD", ["", "", [count, weight, unit], "", "HP", tags]))
    for entry in pnr.history:
        if entry.by is None and entry.when is None and entry.action is None:
            out.extend(("LTS", [detail]) for detail in entry.details)
            continue
        out.append(("ABI", [entry.by or ""]))
        if entry.when:
            out.append(("DAT", [["ZZZ", *_when(entry.when)]]))
        if entry.action:
            out.append(("SAC", ["", "", entry.action]))
        out.extend(("IFT", ["3", detail]) for detail in entry.details)
    out.extend(("IFT", ["3", remark]) for remark in pnr.remarks)
    return out


def generate_pnrgov(
    message: PnrMessage,
    *,
    prepared: datetime,
    control_reference: str = "1",
    separators: Separators = DEFAULT_SEPARATORS,
    newline: str = "\n",
) -> str:
    """An interchange carrying one PNRGOV message."""
    carrier = message.flight.carrier if message.flight else message.sender
    major, _, minor = message.version.partition(".")
    stamp = [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")]
    body: list[SegmentSpec] = [
        ("UNH", [message.reference, ["PNRGOV", major, minor, "IA"]]),
        ("MSG", [["", "22"]]),
        ("ORG", [carrier]),
    ]
    if message.flight:
        body.append(_tvl(message.flight))
    body.append(("EQN", [str(len(message.pnrs))]))
    for pnr in message.pnrs:
        body.extend(pnr_segments(pnr, carrier))
    body.append(("UNT", [str(len(body) + 1), message.reference]))
    specs: list[SegmentSpec] = [
        (
            "UNB",
            [
                ["IATA", "1"],
                message.sender,
                message.recipient,
                stamp,
                control_reference,
                "",
                "PNRGOV",
            ],
        ),
        (
            "UNG",
            [
                "PNRGOV",
                message.sender,
                message.recipient,
                stamp,
                control_reference,
                "IA",
                [major, minor],
            ],
        ),
        *body,
        ("UNE", ["1", control_reference]),
        ("UNZ", ["1", control_reference]),
    ]
    return SegmentWriter(separators).write(specs, newline=newline)
