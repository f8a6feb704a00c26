"""The demo's traveller clearance: the whole day through the node's clearance pipelines.

Both agencies' flights arrive as PAXLST and PNRGOV messages and are cleared at arrival;
every land traveller is a document read at a booth. The node screens everyone against
the demo's fictional lookouts, runs the demo's rules, checks NEXUS lanes against the
registry (loaded from CSV), and decides. The report counts what was planted and found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources

from smartborder.accounts.service import ensure_user
from smartborder.bootstrap import Container
from smartborder.clearance.batch import AirMessage, BatchResult, clear_day
from smartborder.clearance.land import BoothRead
from smartborder.clearance.pipeline import ScreeningPool
from smartborder.clearance.rulesets import save_rule_set
from smartborder.demo.messages import booth_read, paxlst_of, pnrgov_of
from smartborder.demo.plants import PlantedDay
from smartborder.demo.report import DemoReport
from smartborder.domain import Agency, Arrival, DecisionKind, Role
from smartborder.programmes.nexus import load_members

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
            container.uow(),
            name="demo-supervisor",
            role=Role.SUPERVISOR,
            agency=agency,
            secret=container.secret,
        )
        save_rule_set(container.uow(), supervisor, demo_rules())
    load_members(container.uow(), members_csv(planted.land, planted))


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
            container.uow(), name=name, role=role, agency=a, secret=container.secret
        )
        for mode, name, role in (
            ("air", "demo-analyst", Role.ANALYST),
            ("land", "demo-officer", Role.OFFICER),
        )
        for a in Agency
    }
    assessors = {a: container.clearance.assessor(a) for a in Agency}  # builds the engine
    pool = ScreeningPool(container.screener.engine(container.uow())) if parallel else None
    try:
        air_result = clear_day(
            container.uow,
            assessors,
            {a: users["air", a] for a in Agency},
            air=air,
            pool=pool,
            outbox=container.entry_outbox,
            progress=progress,
        )
        land_result = clear_day(
            container.uow,
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


def _key(surname: object, given: object, birth: object) -> tuple[str, str, str]:
    """A person as both paths write them (an MRZ upper-cases; API data may not)."""

    def plain(text: object) -> str:
        return " ".join(re.sub(r"[^A-Z0-9]+", " ", str(text).upper()).split())

    return (plain(surname), plain(given), str(birth))


def report_clearance(report: DemoReport, planted: PlantedDay, cleared: BatchResult) -> None:
    decisions = cleared.decisions
    by_person = {
        _key(
            d.facts.get("traveller.surname"),
            d.facts.get("traveller.given_names"),
            d.facts.get("traveller.birth_date"),
        ): d
        for d in decisions
    }
    found: Counter[str] = Counter()
    planted_by_kind: Counter[str] = Counter()
    missed = []
    planted_people = set()
    for p in planted.plants:
        key = _key(
            p.traveller.name.surname,
            p.traveller.name.given,
            p.traveller.birth_date.isoformat() if p.traveller.birth_date else None,
        )
        planted_people.add(key)
        planted_by_kind[p.kind] += 1
        decision = by_person.get(key)
        refs = [r.ref for r in decision.decision.reasons] if decision else []
        if any(ref.startswith(p.expected) for ref in refs):
            found[p.kind] += 1
        else:
            missed.append(p.how)
    kinds = Counter(str(d.decision.kind) for d in decisions)
    first_reason = Counter(
        str(d.decision.reasons[0].kind) for d in decisions if d.decision.kind is DecisionKind.REFER
    )
    rules = Counter(r.ref for d in decisions for r in d.decision.reasons if r.kind == "rule")
    false_alarms = sum(
        1
        for key, d in by_person.items()
        if key not in planted_people and any(r.kind == "watchlist" for r in d.decision.reasons)
    )
    total_s = cleared.air_seconds + cleared.land_seconds
    section = report.section(
        "Traveller clearance",
        note="Flights cleared at arrival from their PAXLST and PNRGOV; land travellers from "
        "their documents' MRZ at the booth. Planted: fictional listed persons written as "
        "they reach a border, bookings with the rules' patterns, NEXUS non-members and "
        "expired passports. Throughput is end to end: parse, screen, assess, decide, store.",
    )
    section.add(
        "travellers cleared",
        f"{len(decisions):,} ({cleared.air_travellers:,} by air, "
        f"{cleared.land_travellers:,} by land)",
    )
    section.add("decisions", ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    section.add(
        "referrals by first reason",
        ", ".join(f"{k} {v:,}" for k, v in first_reason.most_common()) or "none",
    )
    section.add("hits sent to the queues", f"{cleared.hits_raised:,}")
    for kind in ("listed", "rule", "programme", "document"):
        section.add(f"planted {kind}: found", f"{found[kind]} of {planted_by_kind[kind]}")
    section.add("watch-list hits on travellers not planted", f"{false_alarms:,}")
    section.add(
        "rules that fired", ", ".join(f"{k} {v:,}" for k, v in rules.most_common(5)) or "none"
    )
    section.add(
        "throughput",
        f"{len(decisions) / max(total_s, 1e-9):,.0f} travellers/s "
        f"(air {cleared.air_travellers / max(cleared.air_seconds, 1e-9):,.0f}/s, "
        f"land {cleared.land_travellers / max(cleared.land_seconds, 1e-9):,.0f}/s)",
    )
    if missed:
        section.add("missed", "; ".join(missed))
    report.figures.update(
        cleared=len(decisions),
        cleared_air=cleared.air_travellers,
        cleared_land=cleared.land_travellers,
        decisions_by_kind=dict(kinds),
        planted=dict(planted_by_kind),
        planted_found=dict(found),
        planted_missed=missed,
        clearance_false_alarms=false_alarms,
        rules_fired=dict(rules),
        clearance_per_second=round(len(decisions) / max(total_s, 1e-9)),
        land_referral_rate=round(
            sum(1 for d in decisions if d.mode == "land" and d.decision.kind is DecisionKind.REFER)
            / max(cleared.land_travellers, 1),
            5,
        ),
    )
