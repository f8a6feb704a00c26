"""The demo's traveller clearance: the whole day through the node's clearance pipelines.

Both agencies' flights arrive as PAXLST and PNRGOV messages and are cleared at arrival;
every land traveller is a document read at a booth. The node screens everyone against
the demo's fictional lookouts, runs the demo's rules, checks NEXUS lanes against the
registry (loaded from CSV), and decides. The report counts what was planted and found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance.batch import AirMessage, BatchResult, clear_day
from smartborder.clearance.land import BoothRead
from smartborder.clearance.pipeline import ScreeningPool
from smartborder.demo.messages import booth_read, paxlst_of, pnrgov_of
from smartborder.domain import Agency, Arrival, Role
from smartborder.lists.rulesets import save_rule_set
from smartborder.programmes.nexus import load_members
from smartborder.world.plants import PlantedDay

Progress = Callable[[str, int, int], None]
RULES = "rules.yaml"
RANDOM_SHARE = 0.02


def demo_rules() -> str:
    return resources.files("smartborder.demo").joinpath("data", RULES).read_text("utf-8")


def members_csv(land: Sequence[Arrival], planted: PlantedDay) -> str:
    """The NEXUS registry as the programme office would export it: every card seen in a
    NEXUS lane today, but the planted non-members (left out, or suspended)."""
    lines = ["card_number,surname,given_names,birth_date,nationality,status,expiry_date"]
    for arrival in land:
        traveller = arrival.traveller
        card = traveller.documents[0].number if traveller.documents else ""
        if arrival.lane != "nexus" or not card or card in planted.missing_cards:
            continue
        status = "suspended" if card in planted.suspended_cards else "active"
        birth = traveller.birth_date.isoformat() if traveller.birth_date else ""
        lines.append(
            f"{card},{traveller.name.surname},{traveller.name.given},{birth},"
            f"{traveller.nationality or ''},{status},2030-12-31"
        )
    return "\n".join(lines) + "\n"


def install_targeting(container: Container, planted: PlantedDay) -> None:
    """The demo's rule set, live for both agencies, and its NEXUS members registry."""
    for agency in Agency:
        supervisor = ensure_user(
            container.units(),
            name="demo-supervisor",
            role=Role.SUPERVISOR,
            agency=agency,
            secret=container.secret,
        )
        save_rule_set(container.units(), supervisor, demo_rules())
    load_members(container.units(), members_csv(planted.land, planted))


def clear_the_day(
    container: Container,
    planted: PlantedDay,
    truck_drivers: Sequence[Arrival],
    progress: Progress,
    *,
    parallel: bool = True,
) -> BatchResult:
    """Load the demo's rules and registry, then clear every flight and every booth read."""
    install_targeting(container, planted)
    # The demo's agencies examine a small share of arrivals at random, as real ones do.
    container.clearance.policy = replace(container.clearance.policy, random_share=RANDOM_SHARE)
    # What the carriers and the booths send, written before the clock starts.
    air = [
        AirMessage(f.agency, paxlst_of(f, n), pnrgov_of(f, n))
        for n, f in enumerate(planted.flights, start=1)
    ]
    land: dict[Agency, list[BoothRead]] = {agency: [] for agency in Agency}
    for arrival in sorted([*planted.land, *truck_drivers], key=lambda a: a.arrived_at):
        role = "driver" if arrival.lane in ("fast", "commercial") else "passenger"
        land[arrival.agency].append(booth_read(arrival, role))
    # Analysts take in the carriers' messages; officers decide at the booths.
    users = {
        (mode, a): ensure_user(
            container.units(), name=name, role=role, agency=a, secret=container.secret
        )
        for mode, name, role in (
            ("air", "demo-analyst", Role.ANALYST),
            ("land", "demo-officer", Role.OFFICER),
        )
        for a in Agency
    }
    assessors = {a: container.clearance.assessor(a) for a in Agency}  # builds the engine
    pool = ScreeningPool(container.live_engine.engine(container.units())) if parallel else None
    try:
        air_result = clear_day(
            container.units,
            assessors,
            {a: users["air", a] for a in Agency},
            air=air,
            pool=pool,
            outbox=container.entry_outbox,
            progress=progress,
        )
        land_result = clear_day(
            container.units,
            assessors,
            {a: users["land", a] for a in Agency},
            land=land,
            pool=pool,
            outbox=container.entry_outbox,
            progress=progress,
        )
    finally:
        if pool is not None:
            pool.close()
    air_result.decisions += land_result.decisions
    air_result.hits_raised += land_result.hits_raised
    air_result.land_travellers = land_result.land_travellers
    air_result.land_seconds = land_result.land_seconds
    return air_result
