"""The public wait-times feed: ``GET /v1/wait-times``, JSON or bwt.xml-shaped XML.

Needs no token: waits per port and lane type are public information (CBP publishes its
own openly), and travellers' apps must read them without an account. Nothing personal is
in it, so nothing is audited.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from smartborder.api.deps import UowDep
from smartborder.api.fields import AnyCase, Instant
from smartborder.domain.clock import utc_now
from smartborder.operations.feed import build_feed, feed_xml
from smartborder.waits import current_and_forecast

router = APIRouter(tags=["wait times"])

XML = "application/xml"


@router.get(
    "/wait-times",
    responses={200: {"content": {"application/json": {}, XML: {}}}},
)
def wait_times(
    request: Request,
    uow: UowDep,
    format: Annotated[
        Literal["json", "xml"] | None,
        AnyCase,
        Query(description="json or xml (bwt.xml structure); else the Accept header decides."),
    ] = None,
    lang: Annotated[
        Literal["en", "fr"], AnyCase, Query(description="Language of the texts: en or fr.")
    ] = "en",
    at: Annotated[
        Instant | None,
        Query(description="The moment to describe, ISO 8601 with an offset; default now."),
    ] = None,
    port: Annotated[str | None, Query(max_length=8, description="Only this port code.")] = None,
    forecast_hours: Annotated[
        int, Query(ge=0, le=168, description="Hours of forecast to include per lane.")
    ] = 24,
) -> Response:
    """Current and forecast waits per port and lane type. Public: no token needed."""
    moment = at or utc_now()
    feed = build_feed(current_and_forecast(uow, moment, forecast_hours, port), at=moment, lang=lang)
    wants_xml = format == "xml" or (
        format is None and XML in request.headers.get("accept", "").split(",")[0]
    )
    if wants_xml:
        return Response(feed_xml(feed), media_type=XML)
    body: dict[str, Any] = {"border_wait_time": feed}
    return JSONResponse(body)
