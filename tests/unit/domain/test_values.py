"""The domain refuses values that would make a record ambiguous."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from smartborder.domain import (
    Agency,
    CommodityLine,
    CrossingRecord,
    Direction,
    FlightLeg,
    PersonName,
    Sex,
)
from smartborder.domain.goods import normalise_hs_code
from smartborder.errors import ValidationFailed


def test_naive_times_are_refused_not_guessed() -> None:
    with pytest.raises(ValidationFailed, match="timezone"):
        CrossingRecord(
            agency=Agency.CBSA,
            direction=Direction.ENTRY,
            name=PersonName("TREMBLAY", ("JULIE",)),
            birth_date=None,
            nationality="CAN",
            sex=Sex.FEMALE,
            document=None,
            port_code="813",
            crossed_at=datetime(2026, 7, 3, 12, 0),
        )


def test_hs_codes_are_written_without_dots() -> None:
    assert normalise_hs_code("0808.10") == "080810"
    assert normalise_hs_code("8703.23.00.90") == "8703230090"
    with pytest.raises(ValidationFailed):
        normalise_hs_code("08081")


def test_a_commodity_line_knows_its_chapter_and_refuses_negative_weight() -> None:
    line = CommodityLine("080810", "Fresh apples", Decimal(10), Decimal(500), Decimal(800), "USA")
    assert (line.hs_chapter, line.hs6) == ("08", "080810")
    with pytest.raises(ValidationFailed):
        CommodityLine("080810", "Apples", Decimal(1), Decimal(-1), Decimal(1), "USA")


def test_a_name_needs_something_to_call_the_person() -> None:
    assert PersonName("", ("MADONNA",)).full == "MADONNA"
    with pytest.raises(ValidationFailed):
        PersonName(" ", ())


def test_a_flight_leg_cannot_arrive_before_it_leaves() -> None:
    with pytest.raises(ValidationFailed):
        FlightLeg(
            "YVR",
            "SEA",
            datetime(2026, 7, 3, 12, tzinfo=UTC),
            datetime(2026, 7, 3, 11, tzinfo=UTC),
        )
