"""The YAML configuration: the shipped example loads, mistakes are named by field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.domain import ConveyanceKind, LaneType
from smartborder.errors import FormatError, ValidationFailed
from smartborder.operations import defaults
from smartborder.operations.config import parse_config
from smartborder.operations.model import Credential

EXAMPLE = Path(__file__).parents[3] / "examples" / "operations" / "port-12-booths.yaml"

MINIMAL = """
port: {code: "T9"}
arrivals: {car: 100}
hours: 3
lanes:
  general: {booths: [1, 2, 3]}
  nexus: {booths: 1, service: {car: {mean_seconds: 12, distribution: exponential}}}
"""


def test_the_example_is_a_twelve_booth_port_with_twenty_thousand_vehicles() -> None:
    parsed = parse_config(EXAMPLE.read_text(encoding="utf-8"))
    assert sum(lane.booths[0] for lane in parsed.port.lanes) == 12
    assert parsed.demand.total() == pytest.approx(20_000)
    assert parsed.port.hours == 24


def test_defaults_fill_what_is_not_given() -> None:
    parsed = parse_config(MINIMAL)
    general = parsed.port.lane(LaneType.GENERAL)
    nexus = parsed.port.lane(LaneType.NEXUS)
    assert general is not None and nexus is not None
    assert general.booths == (1, 2, 3)
    assert nexus.booths == (1, 1, 1)
    assert general.service[ConveyanceKind.CAR].mean_seconds == defaults.CAR_GENERAL_SECONDS
    assert nexus.service[ConveyanceKind.CAR].mean_seconds == 12
    assert parsed.port.secondary.referral_rate == defaults.REFERRAL_RATE
    shares = {c: sum(v) for (k, c), v in parsed.demand.per_hour.items()}
    assert shares[Credential.NEXUS] == pytest.approx(300 * 0.20)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "port: {code: T}\narrivals: {car: 1}\nlanes: {general: {booths: -1}}",
            "lanes.general.booths",
        ),
        ("port: {code: T}\narrivals: {car: 1}\nlanes: {general: {booths: 1}}\nextra: 1", "extra"),
        ("port: {code: T}\narrivals: {car: 1}\nlanes: {tunnel: {booths: 1}}", "lanes.tunnel"),
        ("port: [unclosed\n", "line 2, column 1"),
        ("- a list\n", "top level"),
    ],
)
def test_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_config(text, source="port.yaml")


def test_lists_must_cover_every_hour() -> None:
    text = "port: {code: T}\narrivals: {car: [1, 2]}\nlanes: {general: {booths: [1, 1, 1]}}"
    with pytest.raises(ValidationFailed, match="2 values given for 3 hours"):
        parse_config(text)
