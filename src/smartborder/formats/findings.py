"""Findings: what a parser noticed about an input that it could still read.

A finding is not an exception. A check digit that fails, a count that disagrees, an
unknown country code: the officer (or the rule that reads the result) decides what it
means. Only input that cannot be read at all raises ``FormatError``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a parser noticed: a stable code, the position, and words for a person."""

    code: str
    message: str
    where: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "where": self.where, "message": self.message}
