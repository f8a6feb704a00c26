"""Lane routing and biosecurity rules (HS chapter x origin x season)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartborder.domain import CommodityLine, Reason, ReasonKind, SelectivityLane
from smartborder.errors import ValidationFailed
from smartborder.targeting.cargo.biosecurity import BiosecurityRule, check, season
from smartborder.targeting.cargo.lanes import ShipmentFacts, Thresholds, route


def _line(hs: str, origin: str) -> CommodityLine:
    return CommodityLine(hs, "goods", Decimal(1), Decimal(100), Decimal(1000), origin)


def test_season_wraps_over_the_new_year() -> None:
    assert season(9, 4) == frozenset({9, 10, 11, 12, 1, 2, 3, 4})
    assert season(3, 3) == frozenset({3})


def test_gypsy_moth_rule_only_in_season_and_from_the_far_east() -> None:
    wood_from_china = [_line("440711", "CHN")]
    assert [h.rule.id for h in check(wood_from_china, date(2026, 7, 3))] == ["BIO-AGM"]
    assert check(wood_from_china, date(2026, 12, 3)) == []
    assert check([_line("440711", "CAN")], date(2026, 7, 3)) == []
    assert check([_line("870899", "CHN")], date(2026, 7, 3)) == []


def test_a_rule_names_each_matching_line() -> None:
    lines = [_line("870899", "USA"), _line("080810", "MEX"), _line("070200", "MEX")]
    hits = check(lines, date(2026, 7, 3))
    assert [(h.rule.id, h.line_index) for h in hits] == [("BIO-FRUITFLY", 1), ("BIO-FRUITFLY", 2)]


def test_a_rule_must_be_well_formed() -> None:
    with pytest.raises(ValidationFailed):
        BiosecurityRule("X", "x", frozenset({"8"}), frozenset({"*"}), frozenset({1}))
    with pytest.raises(ValidationFailed):
        BiosecurityRule("X", "x", frozenset({"08"}), frozenset({"*"}), frozenset({13}))
    with pytest.raises(ValidationFailed):
        BiosecurityRule(
            "X", "x", frozenset({"08"}), frozenset({"*"}), frozenset({1}), SelectivityLane.GREEN
        )


def test_nothing_known_means_green() -> None:
    assert route(ShipmentFacts()).lane is SelectivityLane.GREEN


def test_a_watchlist_hit_is_red_whatever_the_score() -> None:
    hit = Reason(ReasonKind.WATCHLIST, "ofac-sdn:123", "importer matches")
    decision = route(ShipmentFacts(watchlist_hits=(hit,), risk=0.0, trusted_importer="pip"))
    assert decision.lane is SelectivityLane.RED
    assert hit in decision.reasons


@pytest.mark.parametrize(
    ("risk", "lane"),
    [
        (0.9, SelectivityLane.RED),
        (0.3, SelectivityLane.YELLOW),
        (0.1, SelectivityLane.BLUE),
        (0.01, SelectivityLane.GREEN),
    ],
)
def test_model_thresholds(risk: float, lane: SelectivityLane) -> None:
    decision = route(ShipmentFacts(risk=risk, model_version="abc"), Thresholds(0.5, 0.2, 0.08))
    assert decision.lane is lane
    if lane is not SelectivityLane.GREEN:
        assert decision.reasons[0].kind is ReasonKind.MODEL
        assert decision.reasons[0].ref == "cargo-model:abc"


def test_late_data_is_a_documentary_check() -> None:
    decision = route(ShipmentFacts(late=True, risk=0.01))
    assert decision.lane is SelectivityLane.YELLOW
    assert decision.reasons[0].ref == "NOTICE-LATE"


def test_a_trusted_importer_is_released_unless_something_stronger_asks() -> None:
    calm = route(ShipmentFacts(risk=0.1, trusted_importer="pip"))
    assert calm.lane is SelectivityLane.GREEN
    assert any(r.kind is ReasonKind.PROGRAMME for r in calm.reasons)
    worried = route(ShipmentFacts(risk=0.3, trusted_importer="pip"))
    assert worried.lane is SelectivityLane.YELLOW


def test_the_strictest_lane_wins_and_every_reason_is_kept() -> None:
    bio = check([_line("090411", "IND")], date(2026, 1, 5))
    decision = route(ShipmentFacts(biosecurity=tuple(bio), late=True, risk=0.6))
    assert decision.lane is SelectivityLane.RED
    assert {r.ref for r in decision.reasons} == {
        "BIO-KHAPRA",
        "NOTICE-LATE",
        "cargo-model:unversioned",
    }
