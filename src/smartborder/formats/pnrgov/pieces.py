"""PNRGOV segments that stand alone, each turned into its model object."""

from __future__ import annotations

from smartborder.formats.edifact import Segment
from smartborder.formats.pnrgov.masking import mask_card_number, mask_free_text
from smartborder.formats.pnrgov.model import (
    BaggageRecord,
    BookedFlight,
    BookingOffice,
    Payment,
    SeatAssignment,
)
from smartborder.formats.pnrgov.ssr import ddmmyy

_WEIGHT_UNITS = {"700": "KG", "701": "LB", "K": "KG", "L": "LB", "KG": "KG", "LB": "LB"}
#: No carrier checks in a hundred bags for one passenger; a bigger count is garbage.
_MAX_TAGS = 99


def flight(seg: Segment) -> BookedFlight:
    """TVL: ``TVL+DDMMYY:HHMM:DDMMYY:HHMM+DEP+ARR+MARKETING:OPERATING+NUMBER:CLASS``."""
    return BookedFlight(
        carrier=seg.get(4).strip(),
        number=seg.get(5).strip(),
        departure_airport=seg.get(2).strip(),
        arrival_airport=seg.get(3).strip(),
        departure_time=ddmmyy(seg.get(1), seg.get(1, 2)),
        arrival_time=ddmmyy(seg.get(1, 3), seg.get(1, 4)),
        booking_class=seg.get(5, 2).strip() or None,
        operating_carrier=seg.get(4, 2).strip() or None,
    )


def office(seg: Segment) -> BookingOffice:
    """ORG: ``ORG+AIRLINE:LOCATION+AGENCY NUMBER:OFFICE ID+CITY++TYPE+COUNTRY``."""
    return BookingOffice(
        airline=seg.get(1).strip() or None,
        location=seg.get(1, 2).strip() or seg.get(3).strip() or None,
        agency_number=seg.get(2).strip() or None,
        office_id=seg.get(2, 2).strip() or None,
        originator_type=seg.get(5).strip() or None,
        country=seg.get(6).strip() or None,
    )


def payments(seg: Segment) -> list[Payment]:
    """FOP: each element one form ``TYPE:INDICATOR:AMOUNT:VENDOR:ACCOUNT:EXPIRY``."""
    out = []
    for element in seg.elements:
        parts = list(element) + [""] * (6 - len(element))
        if not any(parts):
            continue
        account = parts[4].strip()
        out.append(
            Payment(
                type=parts[0].strip(),
                card_vendor=parts[3].strip() or None,
                card_number=mask_card_number(account) if account else None,
                card_expiry=parts[5].strip() or None,
                amount=parts[2].strip() or None,
            )
        )
    return out


def seat_request(seg: Segment, on: str | None) -> SeatAssignment | None:
    """SSR SEAT in an itinerary group: ``SSR+SEAT:HK:1:XX+15A::REF``."""
    seat = seg.get(2).strip()
    if not seat:
        return None
    reference = next((c.strip() for c in reversed(seg.element(2)[1:]) if c.strip()), None)
    return SeatAssignment(seat=seat, flight=on, passenger=reference)


def baggage(seg: Segment, on: str | None, passenger: str | None) -> BaggageRecord:
    """TBD: ``TBD+++COUNT:WEIGHT:UNIT++HP+CARRIER:FIRST TAG:HOW MANY``."""
    count_text = seg.get(3).strip()
    weight = seg.get(3, 2).strip()
    unit = _WEIGHT_UNITS.get(seg.get(3, 3).strip().upper(), seg.get(3, 3).strip())
    tags: list[str] = []
    for element in seg.elements[3:]:
        if len(element) >= 2 and element[1].strip().isdecimal():
            carrier, first = element[0].strip(), element[1].strip()
            many = element[2].strip() if len(element) > 2 else "1"
            run = min(int(many), _MAX_TAGS) if many.isdecimal() else 1
            width = len(first)
            tags.extend(f"{carrier}{int(first) + i:0{width}d}" for i in range(max(run, 1)))
    return BaggageRecord(
        flight=on,
        passenger=passenger,
        count=int(count_text) if count_text.isdecimal() and len(count_text) < 4 else None,
        weight=f"{weight} {unit}".strip() if weight else None,
        tags=tuple(tags[:_MAX_TAGS]),
    )


def free_text(seg: Segment, start: int = 2) -> str:
    """The free text of an IFT or LTS segment (elements from ``start``), masked."""
    text = " ".join(":".join(e) for e in seg.elements[start - 1 :]).strip()
    return mask_free_text(text)


def rendition(seg: Segment) -> str:
    """A segment as compact text, for the history's details; card numbers masked."""
    body = "+".join(":".join(e).rstrip(":") for e in seg.elements).rstrip("+")
    return mask_free_text(f"{seg.tag} {body}".strip())
