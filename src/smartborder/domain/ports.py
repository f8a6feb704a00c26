"""Ports of entry and their lanes."""

from __future__ import annotations

from dataclasses import dataclass

from smartborder.domain.agencies import Agency
from smartborder.domain.enums import AnyCaseStrEnum


class LaneType(AnyCaseStrEnum):
    GENERAL = "general"  # "standard" in CBP's wait-times feed
    NEXUS = "nexus"  # NEXUS/SENTRI trusted travellers
    FAST = "fast"  # Free and Secure Trade: trusted carrier, importer and driver
    READY = "ready"  # RFID-enabled documents
    COMMERCIAL = "commercial"  # trucks outside FAST


@dataclass(frozen=True, slots=True)
class PortOfEntry:
    """One side of a crossing, run by one agency.

    Each agency numbers its ports its own way: CBP by a four-digit port code, CBSA by a
    three-digit office code. ``code`` is the one the owning agency uses.
    """

    code: str
    name: str
    agency: Agency
    cbp_port_code: str | None = None
    cbsa_office_code: str | None = None
    timezone: str = "UTC"
    lanes: tuple[LaneType, ...] = (LaneType.GENERAL,)
    partner_port_code: str | None = None  # the facing port across the line
    airport: str | None = None  # IATA code, for an airport: what API data names
