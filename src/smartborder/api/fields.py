"""Field types shared by the routes' models and parameters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, TypeVar

from pydantic import AfterValidator, AwareDatetime, BeforeValidator

from smartborder.domain.clock import calendar_problem


def _folded(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


#: For a ``Literal`` of lower-case words: read in any letter case, as the domain's
#: enumerations are (``AnyCaseStrEnum``), and answered in the canonical spelling.
AnyCase = BeforeValidator(_folded)


_Moment = TypeVar("_Moment", bound=date)


def _in_calendar(value: _Moment) -> _Moment:
    problem = calendar_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


#: An instant from a client: with an offset, and in the years the node takes
#: (``domain.clock.calendar_problem``), so that no route overflows converting it to UTC or
#: adding to it. A 422 names the field otherwise. Every instant the API reads is one.
Instant = Annotated[AwareDatetime, AfterValidator(_in_calendar)]

#: A calendar day from a client, in the same years as ``Instant``.
Day = Annotated[date, AfterValidator(_in_calendar)]
