"""The public feed: bwt.xml's structure, both languages, stale and closed lanes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import defusedxml.ElementTree as SafeET
import pytest

from smartborder.domain import Agency, LaneType, PortOfEntry
from smartborder.domain.waits import LaneWait, WaitSource
from smartborder.errors import ValidationFailed
from smartborder.operations.feed import PortWaits, build_feed, feed_xml

NOW = datetime(2026, 7, 3, 22, 10, tzinfo=UTC)  # 15:10 in Blaine (PDT)
BLAINE = PortOfEntry(
    code="3004",
    name="Blaine (Peace Arch), Washington",
    agency=Agency.CBP,
    cbp_port_code="3004",
    timezone="America/Los_Angeles",
    lanes=(LaneType.GENERAL, LaneType.NEXUS, LaneType.READY, LaneType.COMMERCIAL),
)


def _wait(lane: LaneType, minutes: float, hours_ago: int, open_: int | None = 3) -> LaneWait:
    return LaneWait(
        port_code="3004",
        lane=lane,
        hour=NOW.replace(minute=0) - timedelta(hours=hours_ago),
        delay_minutes=minutes,
        source=WaitSource.SIMULATED,
        lanes_open=open_,
    )


def _port() -> PortWaits:
    return PortWaits(
        port=BLAINE,
        current={
            LaneType.GENERAL: _wait(LaneType.GENERAL, 24.6, 0, 5),
            LaneType.NEXUS: _wait(LaneType.NEXUS, 0.2, 0, 2),
            LaneType.READY: _wait(LaneType.READY, 12.0, 9),  # stale
            LaneType.COMMERCIAL: _wait(LaneType.COMMERCIAL, 0.0, 0, 0),  # closed
        },
        forecast={
            LaneType.GENERAL: [
                LaneWait(
                    "3004",
                    LaneType.GENERAL,
                    NOW.replace(minute=0) + timedelta(hours=1),
                    30.04,
                    WaitSource.FORECAST,
                )
            ]
        },
        maximum_lanes={LaneType.GENERAL: 8, LaneType.NEXUS: 2, LaneType.READY: 4},
    )


def test_json_follows_the_bwt_structure() -> None:
    feed = build_feed([_port()], at=NOW, lang="en")
    assert feed["number_of_ports"] == 1
    port = feed["port"][0]
    assert port["port_number"] == "3004"
    assert port["border"] == "Canadian Border"
    assert port["crossing_name"] == "Peace Arch"
    passenger = port["passenger_vehicle_lanes"]
    assert passenger["maximum_lanes"] == "14"
    standard = passenger["standard_lanes"]
    assert standard["delay_minutes"] == "25"
    assert standard["lanes_open"] == "5"
    assert standard["operational_status"] == "delay"
    assert standard["update_time"] == "At 3:00 pm PDT"
    assert standard["forecast"] == [{"time": "2026-07-03T23:00:00+00:00", "delay_minutes": 30.0}]
    assert passenger["NEXUS_SENTRI_lanes"]["operational_status"] == "no delay"
    assert passenger["ready_lanes"]["operational_status"] == "Update Pending"
    assert passenger["ready_lanes"]["delay_minutes"] == ""
    commercial = port["commercial_vehicle_lanes"]
    assert commercial["standard_lanes"]["operational_status"] == "Lanes Closed"
    assert commercial["FAST_lanes"]["operational_status"] == "N/A"  # the port has none


def test_french_labels_and_texts() -> None:
    feed = build_feed([_port()], at=NOW, lang="fr")
    port = feed["port"][0]
    standard = port["passenger_vehicle_lanes"]["standard_lanes"]
    assert port["border"] == "Frontière canadienne"
    assert standard["operational_status"] == "délai"
    assert standard["update_time"] == "À 15 h 00 PDT"
    assert standard["label_fr"] == "Voies régulières"
    assert standard["label_en"] == "Standard lanes"


def test_xml_reads_like_bwt_xml() -> None:
    body = feed_xml(build_feed([_port()], at=NOW, lang="en"))
    root = SafeET.fromstring(body)
    assert root.tag == "border_wait_time"
    assert root.findtext("number_of_ports") == "1"
    lane = root.find("port/passenger_vehicle_lanes/standard_lanes")
    assert lane is not None
    assert lane.findtext("delay_minutes") == "25"
    assert lane.findtext("lanes_open") == "5"
    assert lane.get("label_fr") == "Voies régulières"
    hour = lane.find("forecast/hour")
    assert hour is not None and hour.get("delay_minutes") == "30.0"
    assert root.findtext("port/passenger_vehicle_lanes/NEXUS_SENTRI_lanes/delay_minutes") == "0"


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        build_feed([], at=NOW, lang="de")  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed):
        LaneWait("3004", LaneType.GENERAL, NOW, -1.0, WaitSource.OBSERVED)
    with pytest.raises(ValidationFailed):
        build_feed([], at=NOW.replace(tzinfo=None), lang="en")
