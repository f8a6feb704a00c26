"""Field types shared by the routes' models and parameters."""

from __future__ import annotations

from pydantic import BeforeValidator


def _folded(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


#: For a ``Literal`` of lower-case words: read in any letter case, as the domain's
#: enumerations are (``AnyCaseStrEnum``), and answered in the canonical spelling.
AnyCase = BeforeValidator(_folded)
