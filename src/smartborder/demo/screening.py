"""The demo's watch-list section: load a fictional list, screen the day's travellers.

A few fictional listed persons are planted among the day's travellers, written as they
reach a border (a typo, another order, their name in Cyrillic or Arabic script), so
that the report can say how many were found among how many planted, and how many of
the other travellers were flagged: among them, how many of those who share a listed
person's name or surname. Every person on the demo list is fictional; some bear common
names, so that the day's travellers share them.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from smartborder.bootstrap import Container
from smartborder.demo.report import DemoReport
from smartborder.domain import (
    Agency,
    Lookout,
    ScreeningQuery,
    Sex,
    SubjectKind,
    User,
    WatchlistHit,
)
from smartborder.formats.lists import read_list
from smartborder.lists import watchlists
from smartborder.screening import DEFAULT_THRESHOLD
from smartborder.world.day import SyntheticDay
from smartborder.world.lookalikes import LookAlikes, plain

LIST_ID = "demo-lookouts"
PLANTED = 8
SAMPLE = 10_000


def _lookouts_path() -> Path:
    return Path(str(resources.files("smartborder.demo").joinpath("data", "lookouts.csv")))


def _as_at_the_border(rng: random.Random, lookout: Lookout, number: int) -> ScreeningQuery:
    """A listed person as a traveller: their name reordered, misspelt or in another script."""
    name = lookout.primary_name
    scripts = [n.full for n in lookout.names if any(ord(c) > 0x24F for c in n.full)]
    way = number % 4
    if way == 0 and scripts:
        written = rng.choice(scripts)
    elif way == 1:
        written = f"{name.surname} {name.given}"
    elif way == 2:
        letters = list(name.full)
        at = rng.randrange(1, len(letters) - 1)
        letters[at] = "e" if letters[at].lower() != "e" else "a"
        written = "".join(letters)
    else:
        written = name.full
    born = next((d for d in lookout.birth_dates if len(d) == 10), None)
    return ScreeningQuery(
        id=f"planted-{number}:{lookout.source_id}",
        name=written,
        birth_date=born,
        nationality=lookout.nationalities[0] if lookout.nationalities else None,
        gender=lookout.sex,
    )


def load_demo_lookouts(container: Container) -> list[Lookout]:
    """Load the demo's fictional list (once: the same file is not loaded twice)."""
    loaded = read_list(_lookouts_path(), "csv", LIST_ID)
    watchlists.load_list(container.units, loaded, agency=container.settings.agency)
    return list(loaded.lookouts)


def screen_the_day(
    report: DemoReport,
    container: Container,
    day: SyntheticDay,
    officers: dict[Agency, User],
    progress: Callable[[str, int, int], None],
) -> None:
    rng = random.Random(day.seed)
    lookouts = load_demo_lookouts(container)  # loaded once; a second load changes nothing
    persons = [lk for lk in lookouts if lk.kind is SubjectKind.PERSON]
    planted = {
        agency: [
            _as_at_the_border(rng, lk, i)
            for i, lk in enumerate(rng.sample(persons, PLANTED // 2), start=len(Agency) * n)
        ]
        for n, agency in enumerate(Agency)
    }
    started = time.perf_counter()
    engine = watchlists.build_engine(container.units())
    built = time.perf_counter() - started
    queries: dict[Agency, list[ScreeningQuery]] = {agency: [] for agency in Agency}
    alike = LookAlikes(lookouts)
    kinds: dict[str, str] = {}  # query id -> what the traveller is to the list
    # A sample of the day: clearance screens every traveller; this section measures the
    # engine alone on the planted variants and on travellers it should not flag.
    sample = day.land if len(day.land) <= SAMPLE else rng.sample(day.land, SAMPLE)
    for number, arrival in enumerate(sample):
        traveller = arrival.traveller
        document = traveller.primary_document
        born = traveller.birth_date.isoformat() if traveller.birth_date else None
        kinds[f"t{number}"] = alike.kind(
            (plain(traveller.name.surname), plain(traveller.name.given), str(born), "")
        )
        queries[arrival.agency].append(
            ScreeningQuery(
                id=f"t{number}",
                name=traveller.name.full,
                birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
                nationality=traveller.nationality,
                gender=traveller.sex if traveller.sex is not Sex.UNSPECIFIED else None,
                document_number=document.number if document else None,
            )
        )
    for agency, extra in planted.items():
        for query in extra:
            queries[agency].insert(rng.randrange(len(queries[agency]) + 1), query)
    total = sum(len(q) for q in queries.values())
    hits: list[WatchlistHit] = []
    done = 0
    started = time.perf_counter()
    for agency, batch in queries.items():
        for start in range(0, len(batch), watchlists.MAX_BATCH):
            chunk = batch[start : start + watchlists.MAX_BATCH]
            hits += watchlists.screen(
                container.units(),
                engine,
                officers[agency],
                chunk,
                node_agency=agency,
                threshold=DEFAULT_THRESHOLD,
                limit=3,
                purpose="primary inspection",
            )
            done += len(chunk)
            progress("screening travellers", done, total)
    elapsed = time.perf_counter() - started
    _report(report, engine.versions, len(engine), built, total, elapsed, planted, hits, kinds)


def _report(
    report: DemoReport,
    versions: dict[str, str],
    entries: int,
    built: float,
    total: int,
    elapsed: float,
    planted: dict[Agency, list[ScreeningQuery]],
    hits: list[WatchlistHit],
    kinds: dict[str, str],
) -> None:
    planted_refs = {
        q.id: f"{LIST_ID}:{q.id.split(':', 1)[1]}" for batch in planted.values() for q in batch
    }
    found = {h.query_id for h in hits if planted_refs.get(h.query_id) == h.lookout_ref}
    flagged_others = {h.query_id for h in hits if h.query_id not in planted_refs}
    section = report.section(
        "Watch-list screening",
        note="The demo list and every planted person are fictional; no real list is used.",
    )
    section.add("lists", ", ".join(f"{k} {v}" for k, v in sorted(versions.items())))
    section.add("engine", f"{entries:,} entries indexed in {built:.2f} s")
    section.add(
        "travellers screened",
        f"{total:,} in {elapsed:.2f} s ({total / max(elapsed, 1e-9):,.0f}/s, audited in batches)",
    )
    section.add("planted listed persons found", f"{len(found)} of {len(planted_refs)}")
    section.add("other travellers flagged", f"{len(flagged_others):,}")
    sampled = Counter(kinds.values())
    flagged = Counter(kinds[q] for q in flagged_others)
    for kind, label in (("namesake", "namesakes"), ("same surname", "same surname only")):
        section.add(f"  {label} flagged", f"{flagged[kind]:,} of {sampled[kind]:,} screened")
    example = next((h for h in hits if h.query_id in found), None)
    if example is not None:
        section.add("why (one hit)", f"{example.matched_name}: {example.explanation}")
    report.figures.update(
        screened=total,
        screening_planted=len(planted_refs),
        screening_planted_found=len(found),
        screening_other_flagged=len(flagged_others),
        screening_look_alikes={
            kind: {"screened": sampled[kind], "flagged": flagged[kind]} for kind in sampled
        },
        screening_seconds=round(elapsed, 3),
    )
