"""The public wait-times feed, in the structure of CBP's ``bwt.xml``, in English and French.

CBP publishes, per port, lane groups (passenger, commercial, pedestrian), each with lane
types (standard, NEXUS/SENTRI, Ready, FAST) carrying ``update_time``,
``operational_status``, ``delay_minutes`` and ``lanes_open``. We keep those names so that
a client of CBP's feed reads ours unchanged, and add what CBP's lacks: both languages'
labels (attributes ``label_en`` and ``label_fr``, so element-based readers are not
disturbed) and the forecast for the coming hours.

Building the feed is pure: callers pass the ports and the waits they hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from smartborder.domain import Agency, LaneType, PortOfEntry
from smartborder.domain.clock import as_utc
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.errors import ValidationFailed
from smartborder.operations.results import SimulationResult

Language = Literal["en", "fr"]
#: A wait older than this is shown as "Update Pending", as CBP does for a stale reading.
STALE_AFTER_HOURS = 2


# (group element, lane element, lane type): the order of CBP's feed.
LAYOUT: tuple[tuple[str, str, LaneType], ...] = (
    ("commercial_vehicle_lanes", "standard_lanes", LaneType.COMMERCIAL),
    ("commercial_vehicle_lanes", "FAST_lanes", LaneType.FAST),
    ("passenger_vehicle_lanes", "standard_lanes", LaneType.GENERAL),
    ("passenger_vehicle_lanes", "NEXUS_SENTRI_lanes", LaneType.NEXUS),
    ("passenger_vehicle_lanes", "ready_lanes", LaneType.READY),
)
GROUP_LABELS = {
    "commercial_vehicle_lanes": ("Commercial vehicles", "Véhicules commerciaux"),
    "passenger_vehicle_lanes": ("Passenger vehicles", "Véhicules de tourisme"),
}
LANE_LABELS = {
    LaneType.COMMERCIAL: ("Standard lanes", "Voies régulières"),
    LaneType.FAST: ("FAST lanes", "Voies EXPRES"),
    LaneType.GENERAL: ("Standard lanes", "Voies régulières"),
    LaneType.NEXUS: ("NEXUS lanes", "Voies NEXUS"),
    LaneType.READY: ("Ready lanes", "Voies Ready"),
}
WORDS: Mapping[str, tuple[str, str]] = {
    "no delay": ("no delay", "aucun délai"),
    "delay": ("delay", "délai"),
    "Lanes Closed": ("Lanes Closed", "Voies fermées"),
    "Update Pending": ("Update Pending", "Mise à jour en attente"),
    "N/A": ("N/A", "s.o."),
    "Open": ("Open", "Ouvert"),
    "24 hrs/day": ("24 hrs/day", "24 h sur 24"),
    Agency.CBP: ("Canadian Border", "Frontière canadienne"),
    Agency.CBSA: ("United States Border", "Frontière américaine"),
}


def _word(key: str, lang: Language) -> str:
    en, fr = WORDS[key]
    return en if lang == "en" else fr


def _clock(moment: datetime, zone: ZoneInfo, lang: Language) -> str:
    local = moment.astimezone(zone)
    name = local.tzname() or ""
    if lang == "fr":
        return f"À {local:%H} h {local:%M} {name}".strip()
    hour = local.hour % 12 or 12
    return f"At {hour}:{local:%M} {'am' if local.hour < 12 else 'pm'} {name}".strip()


def _crossing(name: str) -> str:
    """The crossing a port name gives in brackets: "Blaine (Peace Arch), WA" -> "Peace Arch"."""
    match = re.search(r"\(([^()]*)\)", name)
    return match.group(1) if match else ""


@dataclass(frozen=True, slots=True)
class PortWaits:
    """What the feed knows of one port: its latest wait and forecast per lane type."""

    port: PortOfEntry
    current: Mapping[LaneType, LaneWait]
    forecast: Mapping[LaneType, Sequence[LaneWait]]
    maximum_lanes: Mapping[LaneType, int]


def stale(wait: LaneWait, at: datetime) -> bool:
    """Whether a figure is too old to show as the wait at ``at`` ("Update Pending")."""
    return (at - wait.hour).total_seconds() > (STALE_AFTER_HOURS + 1) * 3600


def _lane(
    port: PortWaits, lane: LaneType, at: datetime, zone: ZoneInfo, lang: Language
) -> dict[str, Any]:
    en, fr = LANE_LABELS[lane]
    entry: dict[str, Any] = {"label_en": en, "label_fr": fr}
    if lane not in port.port.lanes:
        entry.update(
            update_time="",
            operational_status=_word("N/A", lang),
            delay_minutes="",
            lanes_open="",
        )
        return entry
    wait = port.current.get(lane)
    if wait is None or stale(wait, at):
        status, delay, lanes_open, updated = "Update Pending", "", "", ""
    elif wait.lanes_open == 0:
        status, delay, lanes_open, updated = "Lanes Closed", "", "0", _clock(wait.hour, zone, lang)
    else:
        minutes = round(wait.delay_minutes)
        status = "no delay" if minutes == 0 else "delay"
        delay = str(minutes)
        lanes_open = "" if wait.lanes_open is None else str(wait.lanes_open)
        updated = _clock(wait.hour, zone, lang)
    entry.update(
        update_time=updated,
        operational_status=_word(status, lang),
        delay_minutes=delay,
        lanes_open=lanes_open,
    )
    if wait is not None:
        entry["source"] = str(wait.source)
    entry["forecast"] = [
        {"time": w.hour.isoformat(), "delay_minutes": round(w.delay_minutes, 1)}
        for w in port.forecast.get(lane, ())
    ]
    return entry


def build_feed(ports: Iterable[PortWaits], *, at: datetime, lang: Language) -> dict[str, Any]:
    """The feed as one JSON-ready document, ``at`` being the time it describes."""
    at = as_utc(at, field="at")
    if lang not in ("en", "fr"):
        raise ValidationFailed(f"lang must be en or fr (got {lang!r})")
    documents = []
    for waits in ports:
        port = waits.port
        zone = ZoneInfo(port.timezone)
        local = at.astimezone(zone)
        entry: dict[str, Any] = {
            "port_number": port.cbp_port_code or port.cbsa_office_code or port.code,
            "agency": str(port.agency),
            "border": _word(port.agency, lang),
            "port_name": port.name,
            "crossing_name": _crossing(port.name),
            "hours": _word("24 hrs/day", lang),
            "date": f"{local.month}/{local.day}/{local.year}",
            "port_status": _word("Open", lang),
        }
        for group, (group_en, group_fr) in GROUP_LABELS.items():
            lanes = [(name, lane) for g, name, lane in LAYOUT if g == group]
            entry[group] = {
                "label_en": group_en,
                "label_fr": group_fr,
                "maximum_lanes": str(sum(waits.maximum_lanes.get(lane, 0) for _, lane in lanes)),
                **{name: _lane(waits, lane, at, zone, lang) for name, lane in lanes},
            }
        entry["pedestrian_lanes"] = {
            "label_en": "Pedestrians",
            "label_fr": "Piétons",
            "maximum_lanes": "N/A",
            "standard_lanes": {
                "label_en": "Standard lanes",
                "label_fr": "Voies régulières",
                "update_time": "",
                "operational_status": _word("N/A", lang),
                "delay_minutes": "",
                "lanes_open": "",
            },
        }
        documents.append(entry)
    return {
        "last_updated_date": at.strftime("%Y-%m-%d"),
        "last_updated_time": at.strftime("%H:%M:%S"),
        "time_zone": "UTC",
        "language": lang,
        "number_of_ports": len(documents),
        "port": documents,
    }


def feed_xml(feed: Mapping[str, Any]) -> bytes:
    """The feed as XML shaped like ``bwt.xml`` (root ``border_wait_time``, one ``port`` each)."""
    root = ET.Element("border_wait_time")
    for key in ("last_updated_date", "last_updated_time", "time_zone", "number_of_ports"):
        ET.SubElement(root, key).text = str(feed[key])
    root.set("lang", str(feed["language"]))
    for port in feed["port"]:
        node = ET.SubElement(root, "port")
        for key, value in port.items():
            if isinstance(value, dict):
                _group(ET.SubElement(node, key), value)
            else:
                ET.SubElement(node, key).text = str(value)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def _group(node: ET.Element, group: Mapping[str, Any]) -> None:
    for key, value in group.items():
        if key.startswith("label_"):
            node.set(key, str(value))
        elif key == "forecast":
            holder = ET.SubElement(node, "forecast")
            for hour in value:
                ET.SubElement(
                    holder, "hour", time=hour["time"], delay_minutes=str(hour["delay_minutes"])
                )
        elif isinstance(value, dict):
            _group(ET.SubElement(node, key), value)
        else:
            ET.SubElement(node, key).text = str(value)


def simulated_waits(result: SimulationResult, midnight: datetime) -> list[LaneWait]:
    """A simulation's hourly mean waits as feed rows; hour 0 starts at ``midnight``."""
    return [
        LaneWait(
            port_code=result.port,
            lane=LaneType(row.lane),
            hour=midnight + timedelta(hours=row.hour),
            delay_minutes=row.wait.mean,
            source=WaitSource.SIMULATED,
            lanes_open=row.booths,
        )
        for row in result.by_hour
    ]
