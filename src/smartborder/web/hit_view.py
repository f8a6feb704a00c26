"""What a hit's page shows of the decision's facts: the traveller's history and the PNR.

The facts are those the rules saw when the traveller was decided (``targeting.facts``),
so the page shows the history and booking as they stood then. Payment card numbers are
masked to their last four digits: an analyst matches a card by its end, and a full
number on a screen (or a printed page) is a card number leaked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: The history and PNR facts shown, in the order shown.
HISTORY = (
    "history.crossings_365d",
    "history.referrals_365d",
    "history.days_since_last_crossing",
    "history.confirmed_hits",
)
PNR = (
    "pnr.record_locator",
    "pnr.booking_date",
    "pnr.lead_time_days",
    "pnr.one_way",
    "itinerary.route",
    "pnr.payment_forms",
    "pnr.card_numbers",
    "pnr.travel_agency",
    "pnr.co_travellers",
    "pnr.phones",
    "pnr.emails",
    "pnr.addresses",
    "pnr.bags",
    "pnr.seat",
)
# A card number as PNRs write it: 13 to 19 digits in a row, or in groups of four (or
# Amex's 4-6-5) with spaces or dashes; an expiry after it is not part of it.
_DIGITS = re.compile(r"\d{4}(?:[ -]\d{4}){3}|\d{4}[ -]\d{6}[ -]\d{5}|\d{13,19}")


@dataclass(frozen=True, slots=True)
class Fact:
    key: str  # the fact's name: the template gives its label in the page's language
    value: str


def mask_card(text: str) -> str:
    """A card number (and its expiry) with all but its last four digits hidden."""

    def masked(found: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", found.group(0))
        return "•••• " + digits[-4:]

    return _DIGITS.sub(masked, text)


def shown(facts: Mapping[str, object], keys: tuple[str, ...]) -> list[Fact]:
    """The facts of ``keys`` the decision has, written out (cards masked)."""
    out = []
    for key in keys:
        if key not in facts or facts[key] in (None, "", []):
            continue
        value = facts[key]
        items = value if isinstance(value, list) else [value]
        if key == "pnr.card_numbers":
            items = [mask_card(str(item)) for item in items]
        out.append(Fact(key, ", ".join(_word(item) for item in items)))
    return out


def _word(value: object) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)
