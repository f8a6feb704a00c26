"""Airports by IATA code: the country they are in and their time zone.

PAXLST and PNRGOV give flight times in each airport's local time without a zone, and
itineraries as airport codes; targeting rules speak of countries. The airportsdata
package (MIT) keeps a maintained table of every airport; we only look codes up in it.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import airportsdata
import iso3166


@cache
def _airports() -> dict[str, tuple[str, str]]:
    """IATA code -> (ISO 3166 alpha-3 country, tz database zone)."""
    table = {}
    for code, airport in airportsdata.load("IATA").items():
        country = iso3166.countries_by_alpha2.get(airport["country"])
        table[code] = (country.alpha3 if country else "", airport["tz"])
    return table


def airport_country(iata: str) -> str | None:
    entry = _airports().get(iata.upper())
    return entry[0] or None if entry else None


@cache
def airport_zone(iata: str) -> ZoneInfo | None:
    entry = _airports().get(iata.upper())
    if entry is None:
        return None
    try:
        return ZoneInfo(entry[1])
    except (ZoneInfoNotFoundError, ValueError):
        return None


class AirportZones(dict[str, ZoneInfo]):
    """A mapping that finds any airport's zone on demand (for ``to_flight(zones)``)."""

    def __missing__(self, key: str) -> ZoneInfo:
        zone = airport_zone(key)
        if zone is None:
            raise KeyError(key)
        self[key] = zone
        return zone

    def get(self, key: str, default: ZoneInfo | None = None) -> ZoneInfo | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default
