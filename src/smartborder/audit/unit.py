"""The unit of work of the audit service: the audit log alone (mypy holds the service to
it; the store's ``UnitOfWork`` is one)."""

from __future__ import annotations

from typing import Protocol

from smartborder.repositories.unit import (
    AuditLog,
    Unit,
)


class AuditUnit(Unit, Protocol):
    audit: AuditLog
