"""The unit of work of accounts: users and the audit of what is done to them (mypy holds
the services to it; the store's ``UnitOfWork`` is one)."""

from __future__ import annotations

from typing import Protocol

from smartborder.repositories.unit import (
    AuditLog,
    Unit,
    UserRepository,
    WebSessionRepository,
)


class AccountsUnit(Unit, Protocol):
    audit: AuditLog
    users: UserRepository
    web_sessions: WebSessionRepository
