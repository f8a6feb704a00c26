"""Clear an API list (PAXLST, with its PNRGOV when sent) before the flight or at arrival.

Each message is taken in once per content: its (sender, reference) and the digest of
what it says (its flight and travellers, and the PNRGOV bookings of those travellers)
are recorded in the same transaction as its decisions. A carrier re-sending the same
content gets the stored answers back (the read is audited) and nothing is decided twice;
a message that re-uses a reference with other content is cleared as a new message and
flagged, so that no traveller goes unscreened because a reference rolled over. Before
departure every traveller gets the carrier's board / no-board answer; at arrival,
release or refer, and a crossing record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from smartborder.clearance.assess import Assessor, Subject
from smartborder.clearance.crossings import EntryOutbox
from smartborder.clearance.decide import Stage
from smartborder.clearance.hits import standing_dismissals
from smartborder.clearance.identity import traveller_identity
from smartborder.clearance.outcomes import Prepared, assess_all, store_cleared
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import AuditAction, AuditEvent, User, WatchlistHit
from smartborder.domain.decisions import ClearanceMode, History, TravellerDecision
from smartborder.domain.intake import MessageReceipt, content_digest
from smartborder.formats.airports import AirportZones
from smartborder.formats.findings import Finding
from smartborder.formats.paxlst import PassengerList, PaxlstInterchange, parse_paxlst
from smartborder.formats.pnrgov import Pnr, PnrgovInterchange, parse_pnrgov
from smartborder.targeting.facts import air_facts, air_travel_date

HISTORY_DAYS = 365
_ZONES = AirportZones()


@dataclass
class MessageClearance:
    """What one passenger list came to: its decisions, and whether it was new."""

    receipt: MessageReceipt
    decisions: list[TravellerDecision]
    duplicate: bool
    hits_raised: int = 0
    hits_suppressed: int = 0

    @property
    def warnings(self) -> list[str]:
        """What the node noticed on taking the message in (e.g. a re-used reference)."""
        return [self.receipt.warning] if self.receipt.warning and not self.duplicate else []


@dataclass
class AirClearance:
    messages: list[MessageClearance] = field(default_factory=list)
    #: What the reading noticed about the interchanges as a whole (text after UNZ, counts).
    warnings: list[Finding] = field(default_factory=list)

    @property
    def decisions(self) -> list[TravellerDecision]:
        return [d for m in self.messages for d in m.decisions]


def parse_pnrs(text: str | None) -> dict[str, Pnr]:
    """The bookings of a PNRGOV interchange by record locator."""
    return pnrs_of(parse_pnrgov(text)) if text else {}


def pnrs_of(interchange: PnrgovInterchange | None) -> dict[str, Pnr]:
    if interchange is None:
        return {}
    return {pnr.record_locator: pnr for m in interchange.messages for pnr in m.pnrs}


def interchange_warnings(
    paxlst: PaxlstInterchange, pnrgov: PnrgovInterchange | None
) -> list[Finding]:
    """The envelope findings of both interchanges, the PNRGOV's positions named as its own."""
    warnings = list(paxlst.findings)
    for f in pnrgov.findings if pnrgov is not None else ():
        warnings.append(Finding(f.code, f.message, f"PNRGOV {f.where or ''}".rstrip()))
    return warnings


def list_digest(passenger_list: PassengerList, pnrs: dict[str, Pnr]) -> str:
    """The digest of what a list says: "the same message" is the same digest.

    It covers the list as read (not its bytes: another separator, line break or UNA is
    the same message; the parser's findings, which name positions, are left out) and the
    bookings of its travellers, which their decisions read: the same list with another
    PNR push is other content.
    """
    booked = sorted(
        {e.booking_reference for e in passenger_list.travellers if e.booking_reference} & set(pnrs)
    )
    return content_digest(replace(passenger_list, findings=()), [pnrs[b] for b in booked])


def receipt_of(
    user: User,
    interchange: PaxlstInterchange,
    passenger_list: PassengerList,
    pnrs: dict[str, Pnr],
    digest: str | None = None,
) -> MessageReceipt:
    """The receipt of one list: its references, and the digest of what it says (given
    when a worker computed it already)."""
    return MessageReceipt(
        agency=user.agency,
        kind="paxlst",
        sender=passenger_list.sender or "unknown",
        reference=f"{interchange.control_reference}/{passenger_list.reference}",
        content_hash=digest or list_digest(passenger_list, pnrs),
        travellers=len(passenger_list.travellers),
    )


def clear_paxlst(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    text: str,
    *,
    pnr_text: str | None = None,
    stage: Stage = Stage.DEPARTURE,
    outbox: EntryOutbox | None = None,
) -> AirClearance:
    """Clear every list of a PAXLST interchange for ``user``'s agency."""
    interchange = parse_paxlst(text)
    pnr_interchange = parse_pnrgov(pnr_text) if pnr_text else None
    pnrs = pnrs_of(pnr_interchange)
    result = AirClearance(warnings=interchange_warnings(interchange, pnr_interchange))
    for passenger_list in interchange.messages:
        receipt = receipt_of(user, interchange, passenger_list, pnrs)
        result.messages.append(
            clear_list(units, assessor, user, passenger_list, receipt, pnrs, stage, outbox)
        )
    return result


def _arrival_time(passenger_list: PassengerList, travel: date) -> datetime:
    """When the flight lands, as an instant (its last leg's local time in its airport's zone)."""
    if passenger_list.flights and passenger_list.flights[0].legs:
        flight = passenger_list.flights[0].to_flight(_ZONES)
        leg = flight.legs[-1]
        if leg.arrival_time is not None:
            return leg.arrival_time
    return datetime.combine(travel, time(12), tzinfo=UTC)


def subjects_of(
    passenger_list: PassengerList,
    receipt: MessageReceipt,
    pnrs: dict[str, Pnr],
    keys: list[str],
    history: dict[str, History],
    confirmed: dict[str, set[str]],
    port_of: dict[str, str] | None = None,
) -> list[Subject]:
    """``port_of`` maps the airports the message names to this agency's port codes."""
    travel = air_travel_date(passenger_list) or date.today()
    arrived = _arrival_time(passenger_list, travel)
    flight = passenger_list.flights[0] if passenger_list.flights else None
    designator = f"{flight.carrier}{flight.number}" if flight else None
    destination = flight.legs[-1].arrival_airport if flight and flight.legs else None
    subjects = []
    for n, (entry, key) in enumerate(zip(passenger_list.travellers, keys, strict=True)):
        facts = air_facts(
            passenger_list,
            entry,
            pnr=pnrs.get(entry.booking_reference or ""),
            history=history.get(key, History()),
            confirmed_hits=len(confirmed.get(key, ())),
            travel_date=travel,
        )
        subjects.append(
            Subject(
                traveller=entry.traveller,
                facts=facts,
                role=str(entry.traveller.role),
                mode=ClearanceMode.AIR,
                travel_date=travel,
                subject_id=f"{receipt.id}:{n}",
                flight=designator,
                port_code=(port_of or {}).get(code := entry.clearance or destination or "", code)
                or None,
                message_id=receipt.id,
                arrived_at=arrived,
            )
        )
    return subjects


def _airports_named(passenger_list: PassengerList) -> set[str]:
    named = {e.clearance for e in passenger_list.travellers if e.clearance}
    for flight in passenger_list.flights[:1]:
        if flight.legs:
            named.add(flight.legs[-1].arrival_airport)
    return named


@dataclass
class PreparedList(Prepared):
    """A passenger list read and looked up, ready to be screened and decided."""

    receipt: MessageReceipt | None = None
    duplicate: MessageClearance | None = None  # the stored answers of a message seen before


def prepare_list(
    units: Callable[[], ClearanceUnit],
    user: User,
    passenger_list: PassengerList,
    receipt: MessageReceipt,
    pnrs: dict[str, Pnr],
) -> PreparedList:
    """Everything about a list that needs the store, read in one short transaction."""
    keys = [traveller_identity(e.traveller) for e in passenger_list.travellers]
    travel = air_travel_date(passenger_list) or date.today()
    r = receipt
    with units().for_reading() as reading:
        seen = reading.messages.find(r.agency, r.kind, r.sender, r.reference, r.content_hash)
        if seen is not None:
            stored = reading.decisions.for_message(user.agency, seen.id)
            return PreparedList(duplicate=MessageClearance(seen, stored, True))
        history = reading.decisions.history(user.agency, keys, travel - timedelta(HISTORY_DAYS))
        confirmed = reading.hits.confirmed(user.agency, keys)
        dismissed = standing_dismissals(reading, user.agency, keys)
        port_of = {}
        for code in _airports_named(passenger_list):
            port = reading.ports.get(code) or reading.ports.by_airport(user.agency, code)
            if port is not None:
                port_of[code] = port.code
    subjects = subjects_of(passenger_list, receipt, pnrs, keys, history, confirmed, port_of)
    return PreparedList(subjects, keys, confirmed, dismissed, receipt=receipt)


def finish_list(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    prepared: PreparedList,
    stage: Stage,
    *,
    watch: Sequence[Sequence[WatchlistHit]] | None = None,
    outbox: EntryOutbox | None = None,
) -> MessageClearance:
    """Decide every traveller of a prepared list and store it all in one transaction."""
    if prepared.duplicate is not None:
        return _resent(units, user, prepared.duplicate)
    assert prepared.receipt is not None
    cleared = assess_all(assessor, prepared, stage, watch)
    stored = store_cleared(units(), user, cleared, stage, receipt=prepared.receipt, outbox=outbox)
    if stored.duplicate_of is not None:
        with units().for_reading() as reading:
            decisions = reading.decisions.for_message(user.agency, stored.duplicate_of.id)
        return _resent(units, user, MessageClearance(stored.duplicate_of, decisions, True))
    return MessageClearance(
        stored.receipt or prepared.receipt,
        [c.assessment.decision for c in cleared],
        False,
        stored.hits_raised,
        stored.hits_suppressed,
    )


def _resent(
    units: Callable[[], ClearanceUnit], user: User, clearance: MessageClearance
) -> MessageClearance:
    """The stored answers of a message sent again: they name travellers, so the read is
    audited like any other read of personal data."""
    receipt = clearance.receipt
    with units() as writing:
        writing.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose="message sent again: its stored answers returned",
                record_type="message",
                record_id=receipt.id,
                detail={
                    "kind": receipt.kind,
                    "sender": receipt.sender,
                    "reference": receipt.reference,
                    "decisions": str(len(clearance.decisions)),
                },
            )
        )
        writing.commit()
    return clearance


def clear_list(
    units: Callable[[], ClearanceUnit],
    assessor: Assessor,
    user: User,
    passenger_list: PassengerList,
    receipt: MessageReceipt,
    pnrs: dict[str, Pnr],
    stage: Stage,
    outbox: EntryOutbox | None = None,
) -> MessageClearance:
    """Clear one passenger list, unless the same content was taken in before under its
    reference (then its stored answers)."""
    prepared = prepare_list(units, user, passenger_list, receipt, pnrs)
    return finish_list(units, assessor, user, prepared, stage, outbox=outbox)
