"""Advance-notice rules: how long before arrival (or loading) a trip must be transmitted.

The eManifest programmes of both agencies set the same lead times by mode: highway one
hour before arrival at the border (30 minutes for a FAST trip), rail two hours, air four
hours, marine 24 hours before the cargo is loaded at the foreign port. A late trip is
accepted but flagged, so that targeting can route it. An amendment restarts the clock:
the amended data is timely only if the amendment itself arrives before the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from smartborder.domain import Manifest, TransportMode, as_utc

LEAD_TIME = {
    TransportMode.HIGHWAY: timedelta(hours=1),
    TransportMode.RAIL: timedelta(hours=2),
    TransportMode.AIR: timedelta(hours=4),
    TransportMode.MARINE: timedelta(hours=24),
}
FAST_LEAD_TIME = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Timeliness:
    """Whether a transmission met its advance-notice deadline, and by how much."""

    rule: str
    deadline: datetime
    received_at: datetime
    late: bool

    @property
    def margin(self) -> timedelta:
        """Time to spare before the deadline (negative when late)."""
        return self.deadline - self.received_at


def lead_time(mode: TransportMode, *, fast: bool) -> timedelta:
    if fast and mode is TransportMode.HIGHWAY:
        return FAST_LEAD_TIME
    return LEAD_TIME[mode]


def check_notice(manifest: Manifest, received_at: datetime, *, fast: bool) -> Timeliness:
    """The deadline for ``manifest`` and whether a transmission at ``received_at`` met it.

    ``fast`` is the FAST status as verified against the registry, not as claimed.
    """
    received_at = as_utc(received_at, field="received_at")
    lead = lead_time(manifest.mode, fast=fast)
    if manifest.mode is TransportMode.MARINE and manifest.loaded_at is not None:
        deadline = manifest.loaded_at - lead
        rule = "marine: 24 hours before loading"
    else:
        deadline = manifest.estimated_arrival - lead
        minutes = int(lead.total_seconds() // 60)
        what = f"{minutes} minutes" if minutes < 120 else f"{minutes // 60} hours"
        fast_lane = " FAST" if fast and manifest.mode is TransportMode.HIGHWAY else ""
        rule = f"{manifest.mode}{fast_lane}: {what} before arrival"
    return Timeliness(
        rule=rule, deadline=deadline, received_at=received_at, late=received_at > deadline
    )
