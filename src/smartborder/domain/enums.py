"""The base of the vocabulary's enumerations: values read in any letter case.

People type ``NEXUS``, ``Nexus`` or ``nexus`` for the same lane, in an API body, a query
string or a command-line option. Every enumeration of the domain takes each of them and
answers with its one canonical value, so that the edges (pydantic, Typer) need no case
handling of their own and a stored or sent value is always spelled the same way.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class AnyCaseStrEnum(StrEnum):
    """A string enumeration whose members are also found by their value in another case."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        folded = value.casefold()
        for member in cls:
            if member.value.casefold() == folded:
                return member
        return None
