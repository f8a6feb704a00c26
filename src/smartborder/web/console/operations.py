"""Operations (supervisors): a port's waits hour by hour, measured against forecast, what
each hour would have waited with one booth more or less (``operations.what_if``), and the
booths that would have held the service standard (``operations.booth_plan``)."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request, Response

from smartborder.domain import Role
from smartborder.errors import NotFound
from smartborder.operations.what_if import WhatIf, one_booth_more_or_less
from smartborder.waits.service import (
    HourOfDay,
    PlannedPortDay,
    port_day_with_plan,
    recorded_wait,
)
from smartborder.web.console.desk import Desk
from smartborder.web.console.flights import asked_day
from smartborder.web.i18n import Language
from smartborder.web.pages import OPERATIONS
from smartborder.web.visitor import Visitor

SUPERVISORS = (Role.SUPERVISOR,)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container

    def show(request: Request) -> Response:
        # Waits hold nothing personal: not a read of personal data.
        who = desk.signed_in(request, lang, OPERATIONS, SUPERVISORS)
        if not isinstance(who, Visitor):
            return who
        port = request.query_params.get("port", "").strip().upper()[:8]
        day = asked_day(request.query_params.get("date"))
        planned: PlannedPortDay | None = None
        missing = False
        if port:
            try:
                planned = port_day_with_plan(container.units(), port, day)
            except NotFound:
                missing = True
        return desk.page(
            lang,
            "operations.html",
            OPERATIONS,
            status=404 if missing else 200,
            who=who,
            port=port,
            day_iso=day.isoformat(),
            found=planned.day if planned else None,
            plan=planned.plan if planned else None,
            missing=missing,
            what_if=what_if,
            inf=math.inf,
        )

    router.add_api_route(OPERATIONS.path(lang), show, methods=["GET"])


def what_if(hour: HourOfDay) -> WhatIf | None:
    """The hour's wait with a booth more or less: from what was measured there, else
    from the port model's estimate; None without a wait and the lanes open."""
    wait = recorded_wait(hour)
    if wait is None or wait.lanes_open is None:
        return None
    return one_booth_more_or_less(wait.delay_minutes, wait.lanes_open, wait.lane)
