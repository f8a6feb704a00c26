"""A signed-in browser: who, since when, last seen when, and why they read personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from smartborder.domain.clock import as_utc


@dataclass(frozen=True, slots=True)
class WebSession:
    """One sign-in. Only the hash of the cookie's token is kept (``token_hash``)."""

    token_hash: str
    user_id: str
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None = None
    # Why this person reads personal data in this session: asked at the first such page,
    # written to the audit log with every read (as the API's X-Purpose header is).
    purpose: str | None = None

    def __post_init__(self) -> None:
        for name in ("created_at", "last_seen_at"):
            object.__setattr__(self, name, as_utc(getattr(self, name), field=name))
        if self.ended_at is not None:
            object.__setattr__(self, "ended_at", as_utc(self.ended_at, field="ended_at"))

    def live(self, at: datetime, idle: timedelta, longest: timedelta) -> bool:
        """Not signed out, not idle for ``idle``, and not older than ``longest``."""
        return (
            self.ended_at is None
            and at - self.last_seen_at < idle
            and at - self.created_at < longest
        )
