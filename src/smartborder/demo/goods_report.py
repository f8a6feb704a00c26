"""The goods section of the demo report: figures measured on the run."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from smartborder.demo.report import DemoReport

if TYPE_CHECKING:
    from smartborder.demo.goods import Tally
    from smartborder.demo.goods_world import Truth


def add_goods_section(
    report: DemoReport,
    tally: Tally,
    intake_s: float,
    lanes: Counter[str],
    reasons: Counter[str],
    picked: Counter[str],
    found: Counter[str],
    raised: Counter[str],
    capacity: int,
    over: int,
    notes: list[str],
    model_version: str | None,
    history: int,
    retrained: str | None,
    truth: Truth,
) -> None:
    section = report.section(
        "Goods: eManifest, FAST, selectivity and examinations",
        note="Each examination's finding comes from the demo world's hidden truth, which the "
        "node never reads; hit rates are measured on this run.",
    )
    acks = tally.acks
    accepted = sum(a.accepted for a in acks)
    late = sum(a.late for a in acks)
    section.add(
        "eManifest trips",
        f"{len(acks):,} ({accepted:,} accepted), {tally.amendments} amended, "
        f"{late:,} late ({late / max(len(acks), 1):.0%}) in {intake_s:.1f} s",
    )
    fast = sum(a.fast for a in acks)
    refused = ", ".join(f"{k} {v}" for k, v in tally.fast_refusals.most_common()) or "none"
    section.add(
        "FAST lane",
        f"{fast:,} of {tally.fast_claimed:,} claimed granted; refusals by member: {refused}",
    )
    section.add("registry", "; ".join(notes))
    total = sum(lanes.values())
    section.add(
        "lanes",
        ", ".join(
            f"{lane} {lanes[lane]:,} ({lanes[lane] / max(total, 1):.0%})"
            for lane in ("red", "yellow", "blue", "green")
        ),
    )
    section.add("reasons given", ", ".join(f"{k} {v:,}" for k, v in reasons.most_common()))
    section.add(
        "risk model",
        f"{model_version or 'none'}, trained on {history:,} past outcomes"
        + (f"; retrained on today's too: {retrained}" if retrained else ""),
    )
    section.add(
        "examinations",
        f"{sum(picked.values()):,} for a capacity of {capacity:,} ({over} over, required by rule): "
        + ", ".join(f"{k} {v}" for k, v in sorted(picked.items())),
    )
    for how in ("targeted", "random", "required"):
        if picked[how]:
            section.add(
                f"  {how}: finds",
                f"{found[how]} of {picked[how]} ({found[how] / picked[how]:.0%}), "
                f"${raised[how]:,} raised",
            )
    base = sum(offends for offends, _ in truth.found.values()) / max(len(truth.found), 1)
    section.add("offending shipments (truth)", f"{base:.1%} of the day's shipments")
    report.figures.update(
        manifests=len(acks),
        manifests_accepted=accepted,
        manifests_late=late,
        amendments=tally.amendments,
        fast_claimed=tally.fast_claimed,
        fast_granted=fast,
        lanes=dict(lanes),
        exams=dict(picked),
        exam_finds=dict(found),
        exam_revenue=dict(raised),
        model_version=model_version,
        model_retrained=retrained,
        base_offence_rate=round(base, 4),
    )
