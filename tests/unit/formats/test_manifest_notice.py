"""Advance notice: highway 1 h (30 min FAST), rail 2 h, air 4 h, marine 24 h before loading."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from smartborder.domain import Manifest, TransportMode
from smartborder.formats.manifest.notice import check_notice
from smartborder.formats.manifest.schema import to_manifest, validate
from tests.factories import ARRIVAL, manifest_doc


def _manifest(mode: TransportMode = TransportMode.HIGHWAY) -> Manifest:
    model, _ = validate(manifest_doc())
    assert model is not None
    return replace(to_manifest(model), mode=mode)


@pytest.mark.parametrize(
    ("mode", "fast", "lead"),
    [
        (TransportMode.HIGHWAY, False, timedelta(hours=1)),
        (TransportMode.HIGHWAY, True, timedelta(minutes=30)),
        (TransportMode.RAIL, False, timedelta(hours=2)),
        (TransportMode.AIR, False, timedelta(hours=4)),
        (TransportMode.RAIL, True, timedelta(hours=2)),  # FAST only shortens highway notice
    ],
)
def test_lead_times_before_arrival(mode: TransportMode, fast: bool, lead: timedelta) -> None:
    manifest = _manifest(mode)
    on_time = check_notice(manifest, ARRIVAL - lead, fast=fast)
    assert on_time.deadline == ARRIVAL - lead
    assert not on_time.late  # exactly at the deadline is in time
    late = check_notice(manifest, ARRIVAL - lead + timedelta(seconds=1), fast=fast)
    assert late.late and late.margin == timedelta(seconds=-1)


def test_marine_notice_runs_from_loading_not_arrival() -> None:
    loaded = datetime(2026, 6, 20, 8, 0, tzinfo=UTC)
    manifest = replace(_manifest(TransportMode.MARINE), loaded_at=loaded)
    assert check_notice(manifest, loaded - timedelta(hours=24), fast=False).late is False
    assert check_notice(manifest, loaded - timedelta(hours=23), fast=False).late is True
    # Two weeks before arrival, but after loading: late.
    assert check_notice(manifest, loaded + timedelta(hours=1), fast=False).late is True


def test_a_naive_time_is_refused() -> None:
    from smartborder.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        check_notice(_manifest(), datetime(2026, 7, 3, 12, 0), fast=False)
