"""The demo report's traveller clearance section: what was planted, found and referred.

Every figure is counted on the run's decisions. A planted listed person counts as found
when their decision carries a reason naming their lookout, whatever papers they carried.
A traveller who looks like a listed person and is not (a namesake: the listed surname and
first given name, born another day; or the listed surname only) counts as a false alarm
when their decision carries a watch-list reason: an officer would have to look at them.
"""

from __future__ import annotations

from collections import Counter

from smartborder.clearance.batch import BatchResult
from smartborder.demo.report import DemoReport, Section
from smartborder.domain import DecisionKind
from smartborder.domain.decisions import TravellerDecision
from smartborder.world.lookalikes import Key, LookAlikes, plain
from smartborder.world.plants import PAPERS, PlantedDay


def _key(surname: object, given: object, birth: object, document: object) -> Key:
    return (plain(surname), plain(given), str(birth), plain(document))


def _decision_key(d: TravellerDecision) -> Key:
    f = d.facts
    return _key(
        f.get("traveller.surname"),
        f.get("traveller.given_names"),
        f.get("traveller.birth_date"),
        f.get("document.number"),
    )


def report_clearance(report: DemoReport, planted: PlantedDay, cleared: BatchResult) -> None:
    decisions = cleared.decisions
    by_person = {_decision_key(d): d for d in decisions}
    found: Counter[str] = Counter()
    planted_by_kind: Counter[str] = Counter()
    papers_found: Counter[str] = Counter()
    papers_planted: Counter[str] = Counter()
    missed = []
    planted_people = set()
    for p in planted.plants:
        t = p.traveller
        document = t.primary_document
        key = _key(
            t.name.surname,
            t.name.given,
            t.birth_date.isoformat() if t.birth_date else None,
            document.number if document else None,
        )
        planted_people.add(key)
        planted_by_kind[p.kind] += 1
        papers_planted[p.papers] += p.kind == "listed"
        decision = by_person.get(key)
        refs = [r.ref for r in decision.decision.reasons] if decision else []
        if any(ref.startswith(p.expected) for ref in refs):
            found[p.kind] += 1
            papers_found[p.papers] += p.kind == "listed"
        else:
            missed.append(p.how)
    planted_namesakes = {
        _key(t.name.surname, t.name.given, t.birth_date, t.documents[0].number)
        for t in planted.namesakes
        if t.documents and t.birth_date
    }
    alike = LookAlikes(planted.lookouts)
    travellers: Counter[str] = Counter()
    referred: Counter[str] = Counter()
    for key, d in by_person.items():
        if key in planted_people:
            continue
        kind = alike.kind(key)
        travellers[kind] += 1
        referred[kind] += any(r.kind == "watchlist" for r in d.decision.reasons)
    false_alarms = sum(referred.values())

    section = report.section(
        "Traveller clearance",
        note="Flights cleared at arrival from their PAXLST and PNRGOV; land travellers from "
        "their documents' MRZ at the booth. Planted: fictional listed persons written as "
        "they reach a border (some without the listed birth date or passport), bookings "
        "with the rules' patterns, NEXUS non-members and expired passports. Look-alikes: "
        "travellers who share a listed person's name or surname and are not that person "
        "(a few namesakes are planted; the rest come with the day's common names). "
        "Throughput is end to end: parse, screen, assess, decide, store.",
    )
    _counts(section, decisions, cleared)
    for kind in ("listed", "rule", "programme", "document"):
        section.add(f"planted {kind}: found", f"{found[kind]} of {planted_by_kind[kind]}")
    for papers in PAPERS:
        section.add(f"  {papers}", f"found {papers_found[papers]} of {papers_planted[papers]}")
    section.add(
        "namesakes referred on a hit",
        f"{referred['namesake']:,} of {travellers['namesake']:,} (the listed surname and "
        f"given name, born another day; {len(planted_namesakes)} of them planted)",
    )
    section.add(
        "same surname only, referred",
        f"{referred['same surname']:,} of {travellers['same surname']:,}",
    )
    section.add(
        "all others, referred on a hit", f"{referred['other']:,} of {travellers['other']:,}"
    )
    if travellers["listed name and birth date"]:
        section.add(
            "listed name and birth date",
            f"{travellers['listed name and birth date']:,} travellers not planted "
            f"({referred['listed name and birth date']:,} referred)",
        )
    section.add("watch-list hits, not planted", f"{false_alarms:,}")
    rules = Counter(r.ref for d in decisions for r in d.decision.reasons if r.kind == "rule")
    section.add(
        "rules that fired", ", ".join(f"{k} {v:,}" for k, v in rules.most_common(5)) or "none"
    )
    total_s = cleared.air_seconds + cleared.land_seconds
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
        decisions_by_kind=dict(Counter(str(d.decision.kind) for d in decisions)),
        planted=dict(planted_by_kind),
        planted_found=dict(found),
        planted_missed=missed,
        listed_by_papers={
            papers: {"planted": papers_planted[papers], "found": papers_found[papers]}
            for papers in PAPERS
        },
        look_alikes={
            kind: {"travellers": travellers[kind], "referred": referred[kind]}
            for kind in ("namesake", "same surname", "listed name and birth date", "other")
        },
        namesakes_planted=len(planted_namesakes),
        clearance_false_alarms=false_alarms,
        rules_fired=dict(rules),
        clearance_per_second=round(len(decisions) / max(total_s, 1e-9)),
        land_referral_rate=round(
            sum(1 for d in decisions if d.mode == "land" and d.decision.kind is DecisionKind.REFER)
            / max(cleared.land_travellers, 1),
            5,
        ),
    )


def _counts(section: Section, decisions: list[TravellerDecision], cleared: BatchResult) -> None:
    kinds = Counter(str(d.decision.kind) for d in decisions)
    first_reason = Counter(
        str(d.decision.reasons[0].kind) for d in decisions if d.decision.kind is DecisionKind.REFER
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
