"""How well each rule and each watch list performs: hits, confirmations, outcomes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain import AuditAction, AuditEvent, User
from smartborder.domain.hits import HitStatus
from smartborder.errors import ValidationFailed
from smartborder.lists.unit import ListsUnit


@dataclass
class Performance:
    """One rule (``kind`` rule) or one list (``kind`` watchlist, ``ref`` the list id)."""

    kind: str
    ref: str
    hits: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def confirmed_rate(self) -> float | None:
        """Confirmed among the hits analysts disposed of (None before any disposition)."""
        judged = self.by_status[HitStatus.CONFIRMED] + self.by_status[HitStatus.DISMISSED]
        return self.by_status[HitStatus.CONFIRMED] / judged if judged else None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "ref": self.ref,
            "hits": self.hits,
            "open": self.by_status[HitStatus.OPEN],
            "confirmed": self.by_status[HitStatus.CONFIRMED],
            "dismissed": self.by_status[HitStatus.DISMISSED],
            "referred": self.by_status[HitStatus.REFERRED],
            "confirmed_rate": self.confirmed_rate,
            "outcomes": dict(self.outcomes),
        }


def performance(uow: ListsUnit, user: User, since: datetime, until: datetime) -> list[Performance]:
    """Per rule and per list, over hits raised in [since, until), busiest first."""
    if until <= since:
        raise ValidationFailed("the period must end after it starts")
    table: dict[tuple[str, str], Performance] = {}

    def key(kind: str, ref: str) -> tuple[str, str]:
        # Watch-list hits are grouped by list: "un-sc:QDi.001" counts for "un-sc".
        return (kind, ref.split(":", 1)[0] if kind == "watchlist" else ref)

    with uow:
        for (kind, ref, status), count in uow.hits.counts(user.agency, since, until).items():
            entry = table.setdefault(key(kind, ref), Performance(*key(kind, ref)))
            entry.hits += count
            entry.by_status[status] += count
        for ref, decision_ids in uow.hits.decisions_with_hits(user.agency, since, until).items():
            kind = "watchlist" if ":" in ref else "rule"
            entry = table.setdefault(key(kind, ref), Performance(*key(kind, ref)))
            for outcome in uow.decisions.outcomes(user.agency, sorted(set(decision_ids))).values():
                entry.outcomes[str(outcome)] += 1
        uow.audit.append(
            AuditEvent.by(
                user,
                action=AuditAction.READ,
                purpose="rule performance",
                record_type="hit",
                record_id=None,
                detail={"since": since.isoformat(), "until": until.isoformat()},
            )
        )
        uow.commit()
    return sorted(table.values(), key=lambda p: (-p.hits, p.kind, p.ref))
