"""Write PAXLST messages (for tests, for partners' test feeds and for the demo).

The writer follows the D:05B implementation guide by default and the D:02B one when a
list's ``version`` says so (no carrier element in TDT, DOC without its code-list
qualifiers, no GEI). Dates use two-digit years where the reader will read them back
unchanged and four-digit years (format 102/203) where it would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from smartborder.domain import DocumentType, Sex
from smartborder.formats.dates import birth_date, expiry_date, yymmdd
from smartborder.formats.edifact import DEFAULT_SEPARATORS, SegmentWriter, Separators
from smartborder.formats.edifact.writer import SegmentSpec
from smartborder.formats.paxlst.codes import COUNT_CREW, COUNT_PASSENGERS, CREW_PARTIES
from smartborder.formats.paxlst.model import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
)

_SEX = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.UNSPECIFIED: "U"}
_DOC_CODE = {
    DocumentType.PASSPORT: "P",
    DocumentType.VISA: "V",
    DocumentType.IDENTITY_CARD: "I",
    DocumentType.RESIDENCE_PERMIT: "R",
}


def _date(moment: date, reference: date, qualifier: str, *, birth: bool) -> list[str]:
    short = yymmdd(moment)
    read_back = birth_date(short, reference) if birth else expiry_date(short, reference)
    if read_back == moment:
        return [qualifier, short]
    return [qualifier, moment.strftime("%Y%m%d"), "102"]


def _time(moment: datetime, qualifier: str) -> list[str]:
    if 2000 <= moment.year < 2100:
        return [qualifier, moment.strftime("%y%m%d%H%M"), "201"]
    return [qualifier, moment.strftime("%Y%m%d%H%M"), "203"]


def _flight(flight: ReportedFlight, old: bool) -> list[SegmentSpec]:
    ident = f"{flight.carrier}{flight.number}"
    out: list[SegmentSpec] = [
        ("TDT", ["20", ident] if old else ["20", ident, "", "", flight.carrier])
    ]
    legs = flight.legs
    chained = all(
        a.arrival_airport == b.departure_airport for a, b in zip(legs, legs[1:], strict=False)
    )
    if chained and len(legs) > 1:
        first, last = legs[0], legs[-1]
        out.append(("LOC", ["125", first.departure_airport]))
        if first.departure_time:
            out.append(("DTM", [_time(first.departure_time, "189")]))
        for before, after in zip(legs, legs[1:], strict=False):
            out.append(("LOC", ["92", before.arrival_airport]))
            if before.arrival_time:
                out.append(("DTM", [_time(before.arrival_time, "232")]))
            if after.departure_time:
                out.append(("DTM", [_time(after.departure_time, "189")]))
        out.append(("LOC", ["87", last.arrival_airport]))
        if last.arrival_time:
            out.append(("DTM", [_time(last.arrival_time, "232")]))
        return out
    for leg in legs:
        if leg.departure_airport:
            out.append(("LOC", ["125", leg.departure_airport]))
            if leg.departure_time:
                out.append(("DTM", [_time(leg.departure_time, "189")]))
        if leg.arrival_airport:
            out.append(("LOC", ["87", leg.arrival_airport]))
            if leg.arrival_time:
                out.append(("DTM", [_time(leg.arrival_time, "232")]))
    return out


def _traveller(entry: ReportedTraveller, reference: date, old: bool) -> list[SegmentSpec]:
    t = entry.traveller
    address = entry.address
    nad: list[str | Sequence[str]] = [entry.party, "", "", [t.name.surname, *t.name.given_names]]
    if address:
        nad += [
            list(address.lines),
            address.city or "",
            address.region or "",
            address.postal_code or "",
            address.country or "",
        ]
    out: list[SegmentSpec] = [("NAD", nad), ("ATT", ["2", "", _SEX[t.sex]])]
    if t.birth_date:
        out.append(("DTM", [_date(t.birth_date, reference, "329", birth=True)]))
    if entry.verified and not old:
        out.append(("GEI", ["4", "173"]))
    for qualifier, place in (
        ("22", entry.clearance),
        ("178", entry.embarkation),
        ("179", entry.debarkation),
        ("174", t.residence_country),
        ("180", t.birth_place),
    ):
        if place:
            out.append(("LOC", [qualifier, place]))
    if t.nationality:
        out.append(("NAT", ["2", t.nationality]))
    if entry.booking_reference:
        out.append(("RFF", [["AVF", entry.booking_reference]]))
    if entry.seat:
        out.append(("RFF", [["SEA", entry.seat]]))
    out.extend(("RFF", [[qualifier, value]]) for qualifier, value in entry.references)
    for i, document in enumerate(t.documents):
        code = (
            entry.document_codes[i]
            if i < len(entry.document_codes)
            else _DOC_CODE.get(document.type, "F")
        )
        out.append(("DOC", [code if old else [code, "110", "111"], document.number]))
        if document.issue_date:
            out.append(("DTM", [_date(document.issue_date, reference, "182", birth=True)]))
        if document.expiry_date:
            out.append(("DTM", [_date(document.expiry_date, reference, "36", birth=False)]))
        if document.issuing_state:
            out.append(("LOC", ["91", document.issuing_state]))
    return out


def paxlst_segments(passenger_list: PassengerList, reference: date) -> list[SegmentSpec]:
    """The segments of one message, UNH to UNT."""
    pl = passenger_list
    old = pl.version.upper() == "D:02B"
    directory, _, release = pl.version.partition(":")
    out: list[SegmentSpec] = [
        ("UNH", [pl.reference, ["PAXLST", directory, release, "UN", "IATA"]]),
        (
            "BGM",
            [
                pl.document_code or ("250" if pl.list_type is ListType.CREW else "745"),
                pl.document_variant,
            ],
        ),
    ]
    if pl.reporting_party:
        out.append(("NAD", ["MS", "", "", [pl.reporting_party]]))
        if pl.reporting_phones:
            out.append(("COM", [[phone, "TE"] for phone in pl.reporting_phones]))
    for flight in pl.flights:
        out.extend(_flight(flight, old))
    for entry in pl.travellers:
        out.extend(_traveller(entry, reference, old))
    if pl.declared_count is not None:
        crew = pl.list_type is ListType.CREW
        out.append(("CNT", [[COUNT_CREW if crew else COUNT_PASSENGERS, str(pl.declared_count)]]))
    out.append(("UNT", [str(len(out) + 1), pl.reference]))
    return out


def counted(passenger_list: PassengerList) -> int:
    """The CNT a list should declare: its crew for a crew list, else its passengers."""
    crew = passenger_list.list_type is ListType.CREW
    return sum(1 for t in passenger_list.travellers if (t.party in CREW_PARTIES) == crew)


def generate_paxlst(
    lists: Sequence[PassengerList],
    *,
    sender: str,
    recipient: str,
    prepared: datetime,
    control_reference: str = "1",
    separators: Separators = DEFAULT_SEPARATORS,
    group: bool = True,
    una: bool = True,
    newline: str = "\n",
) -> str:
    """An interchange carrying ``lists``, in a UNG group unless ``group`` is False."""
    writer = SegmentWriter(separators)
    stamp = [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")]
    version = lists[0].version if lists else "D:05B"
    directory, _, release = version.partition(":")
    specs: list[SegmentSpec] = [
        (
            "UNB",
            [
                ["UNOA", "4"],
                [sender, "ZZ"],
                [recipient, "ZZ"],
                stamp,
                control_reference,
                "",
                "APIS",
            ],
        ),
    ]
    if group:
        specs.append(
            (
                "UNG",
                ["PAXLST", sender, recipient, stamp, control_reference, "UN", [directory, release]],
            )
        )
    for passenger_list in lists:
        specs.extend(paxlst_segments(passenger_list, prepared.date()))
    if group:
        specs.append(("UNE", [str(len(lists)), control_reference]))
    specs.append(("UNZ", ["1" if group else str(len(lists)), control_reference]))
    return writer.write(specs, una=una, newline=newline)
