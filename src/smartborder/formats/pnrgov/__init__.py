"""IATA PNRGOV: reservation data (PNR) pushed by carriers to border agencies."""

from smartborder.formats.pnrgov.generate import generate_pnrgov
from smartborder.formats.pnrgov.masking import luhn_valid, mask_card_number, mask_free_text
from smartborder.formats.pnrgov.model import (
    BaggageRecord,
    BookedFlight,
    BookingOffice,
    HistoryEntry,
    Payment,
    Pnr,
    PnrgovInterchange,
    PnrMessage,
    PnrPassenger,
    SeatAssignment,
    Ticket,
)
from smartborder.formats.pnrgov.parse import parse_pnrgov

__all__ = [
    "BaggageRecord",
    "BookedFlight",
    "BookingOffice",
    "HistoryEntry",
    "Payment",
    "Pnr",
    "PnrMessage",
    "PnrPassenger",
    "PnrgovInterchange",
    "SeatAssignment",
    "Ticket",
    "generate_pnrgov",
    "luhn_valid",
    "mask_card_number",
    "mask_free_text",
    "parse_pnrgov",
]
