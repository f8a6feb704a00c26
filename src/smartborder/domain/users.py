"""The people (and partner nodes) who use a node, each with one role in one agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.agencies import Agency, Role
from smartborder.domain.clock import utc_now
from smartborder.domain.ids import new_id


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    agency: Agency
    created_at: datetime = field(default_factory=utc_now)
    revoked_at: datetime | None = None
    id: str = field(default_factory=new_id)

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def actor(self) -> str:
        """How the audit log names this user."""
        return f"{self.agency}/{self.name}"
