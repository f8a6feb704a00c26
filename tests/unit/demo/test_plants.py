"""What the demo plants: listed persons with and without their listed papers, and
travellers who share a listed person's name and are not that person."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from smartborder.domain import Lookout
from smartborder.formats.lists import read_list
from smartborder.world import catalogue
from smartborder.world.day import People, generate_day, partner_pair
from smartborder.world.flights import generate_flights
from smartborder.world.plants import PAPERS, PlantedDay, common_name, plant

DAY = date(2026, 7, 3)
LOOKOUTS = Path(__file__).parents[3] / "src/smartborder/demo/data/lookouts.csv"


@pytest.fixture(scope="module")
def lookouts() -> list[Lookout]:
    return list(read_list(LOOKOUTS, "csv", "demo-lookouts").lookouts)


@pytest.fixture(scope="module")
def planted(lookouts: list[Lookout]) -> PlantedDay:
    pair = partner_pair(catalogue.ports(), "813")
    day = generate_day(pair, day=DAY, seed=5, travellers=1400, shipments=0)
    flights = generate_flights(random.Random(6), People(random.Random(7), DAY), DAY, 600)
    return plant(random.Random(8), DAY, flights, day.land, lookouts, "+1 604 555 0101")


def test_some_lookouts_bear_names_the_day_gives_travellers(lookouts: list[Lookout]) -> None:
    common = [lk for lk in lookouts if common_name(lk)]
    assert len(common) >= 8
    assert not common_name(next(lk for lk in lookouts if lk.source_id == "DEMO-001"))


def test_listed_persons_travel_with_and_without_their_listed_papers(
    planted: PlantedDay, lookouts: list[Lookout]
) -> None:
    by_ref = {lk.ref: lk for lk in lookouts}
    listed = [p for p in planted.plants if p.kind == "listed"]
    assert {p.papers for p in listed} == set(PAPERS)
    for p in listed:
        lookout = by_ref[p.expected]
        document = p.traveller.primary_document
        assert document is not None
        listed_numbers = {d.number for d in lookout.documents}
        if p.papers == "no birth date (name only)":
            assert p.traveller.birth_date is None
            assert document.number not in listed_numbers
        elif p.papers == "listed birth date, other passport":
            assert p.traveller.birth_date is not None
            assert p.traveller.birth_date.isoformat()[:4] == lookout.birth_dates[0][:4]
            assert document.number not in listed_numbers
    # Common names among them: their namesakes cannot be told apart by the name alone.
    assert sum(common_name(by_ref[p.expected]) for p in listed) >= 2


def test_namesakes_share_the_listed_name_and_nothing_else(planted: PlantedDay) -> None:
    by_name = {}
    for lookout in planted.lookouts:
        for name in lookout.names:
            if name.given_names:
                key = (name.surname.upper(), name.given_names[0].upper())
                by_name[key] = lookout
    assert len(planted.namesakes) >= 10
    for traveller in planted.namesakes:
        lookout = by_name[(traveller.name.surname, traveller.name.given_names[0])]
        assert traveller.birth_date is not None
        assert traveller.birth_date.isoformat()[:4] not in {d[:4] for d in lookout.birth_dates}
        assert traveller.nationality not in lookout.nationalities
    # They are in the day itself, by air and by land.
    on_board = {id(t) for f in planted.flights for t in f.passengers}
    driving = {id(a.traveller) for a in planted.land}
    assert any(id(t) in on_board for t in planted.namesakes)
    assert any(id(t) in driving for t in planted.namesakes)


def test_every_plant_takes_its_own_seat(planted: PlantedDay) -> None:
    planted_ids = [id(p.traveller) for p in planted.plants] + [id(t) for t in planted.namesakes]
    assert len(planted_ids) == len(set(planted_ids))
