"""Biosecurity rules: goods of an HS chapter, from an origin, in a season.

Plant pests and animal diseases travel with particular goods from particular regions at
particular times of year (gypsy moth egg masses on goods and wood from the Far East in
summer, fruit flies in fresh fruit, khapra beetle in stored grain). A rule names HS
chapters, origins (alpha-3, or ``*`` for any) and the months it is in force; a match
sends the shipment to the lane the rule says. The rules below are illustrative, written
for the demo and the tests; an agency loads the list its plant-protection office keeps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from smartborder.domain import CommodityLine, SelectivityLane
from smartborder.errors import ValidationFailed

ANY = "*"


@dataclass(frozen=True, slots=True)
class BiosecurityRule:
    id: str
    text: str
    hs_chapters: frozenset[str]
    origins: frozenset[str]
    months: frozenset[int]  # 1-12
    lane: SelectivityLane = SelectivityLane.RED

    def __post_init__(self) -> None:
        if not self.months or not all(1 <= m <= 12 for m in self.months):
            raise ValidationFailed(f"rule {self.id}: months must be 1 to 12")
        if self.lane not in (SelectivityLane.RED, SelectivityLane.YELLOW):
            raise ValidationFailed(f"rule {self.id}: a biosecurity rule sends to red or yellow")
        if not all(len(c) == 2 and c.isdigit() for c in self.hs_chapters):
            raise ValidationFailed(f"rule {self.id}: HS chapters are two digits")

    def matches(self, line: CommodityLine, on: date) -> bool:
        return (
            line.hs_chapter in self.hs_chapters
            and (ANY in self.origins or line.origin in self.origins)
            and on.month in self.months
        )


@dataclass(frozen=True, slots=True)
class BiosecurityHit:
    rule: BiosecurityRule
    line_index: int


def season(first: int, last: int) -> frozenset[int]:
    """Months from ``first`` to ``last`` inclusive, wrapping over the new year."""
    months = [first]
    while months[-1] != last:
        months.append(months[-1] % 12 + 1)
    return frozenset(months)


DEFAULT_RULES: tuple[BiosecurityRule, ...] = (
    BiosecurityRule(
        id="BIO-AGM",
        text="Asian gypsy moth season: wood and wooden goods from the Far East",
        hs_chapters=frozenset({"44", "94"}),
        origins=frozenset({"CHN", "JPN", "KOR", "RUS", "PRK"}),
        months=season(6, 9),
    ),
    BiosecurityRule(
        id="BIO-FRUITFLY",
        text="Fruit fly hosts in season: fresh fruit and vegetables from affected regions",
        hs_chapters=frozenset({"07", "08"}),
        origins=frozenset({"MEX", "GTM", "CHL", "PER", "ESP", "ITA"}),
        months=season(5, 10),
    ),
    BiosecurityRule(
        id="BIO-KHAPRA",
        text="Khapra beetle: cereals, seeds and spices from affected countries",
        hs_chapters=frozenset({"09", "10", "12"}),
        origins=frozenset({"IND", "PAK", "IRN", "IRQ", "SAU", "EGY"}),
        months=season(1, 12),
        lane=SelectivityLane.YELLOW,
    ),
    BiosecurityRule(
        id="BIO-BMSB",
        text="Brown marmorated stink bug season: machinery and vehicles from Europe",
        hs_chapters=frozenset({"84", "85", "87"}),
        origins=frozenset({"ITA", "DEU", "FRA", "HUN", "ROU", "GRC"}),
        months=season(9, 4),
        lane=SelectivityLane.YELLOW,
    ),
)


def check(
    lines: Sequence[CommodityLine], on: date, rules: Iterable[BiosecurityRule] = DEFAULT_RULES
) -> list[BiosecurityHit]:
    """Every (rule, line) that matches, in rule order."""
    return [
        BiosecurityHit(rule, i)
        for rule in rules
        for i, line in enumerate(lines)
        if rule.matches(line, on)
    ]
