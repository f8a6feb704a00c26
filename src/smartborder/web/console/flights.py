"""The day's arriving flights in figures, and a flight's travellers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from fastapi import APIRouter, Request, Response

from smartborder.clearance.flights import flight_decisions, flights_of_day
from smartborder.domain import Role, utc_now
from smartborder.domain.clock import FIRST_YEAR, LAST_YEAR
from smartborder.errors import NotFound
from smartborder.web import i18n
from smartborder.web.console.desk import Desk
from smartborder.web.i18n import Language
from smartborder.web.pages import FLIGHT, FLIGHTS
from smartborder.web.visitor import Visitor

FLIGHT_READERS = (Role.ANALYST, Role.SUPERVISOR, Role.OFFICER)  # as GET /v1/flights


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container

    def in_words(day: date) -> str:
        return i18n.day(datetime.combine(day, time(12), UTC), lang)

    def show_day(request: Request) -> Response:
        # Figures only, no traveller named: not a read of personal data.
        who = desk.signed_in(request, lang, FLIGHTS, FLIGHT_READERS)
        if not isinstance(who, Visitor):
            return who
        day = asked_day(request.query_params.get("date"))
        return desk.page(
            lang,
            "flights.html",
            FLIGHTS,
            who=who,
            flights=flights_of_day(container.units(), who.user, day),
            day_iso=day.isoformat(),
            day_words=in_words(day),
            flight_path=lambda f: FLIGHT.path(lang, day=day.isoformat(), flight=f),
            now=utc_now(),
        )

    def show_flight(request: Request, day: str, flight: str) -> Response:
        who = desk.reading(request, lang, FLIGHTS, FLIGHT_READERS)
        if not isinstance(who, Visitor):
            return who
        travel, designator = asked_day(day), flight[:16].upper()
        try:
            decisions = flight_decisions(
                container.units(), who.user, designator, travel, purpose=desk.purpose(who)
            )
        except NotFound:
            return desk.message(lang, FLIGHTS, 404, "no-flight", who)
        return desk.page(
            lang,
            "flight.html",
            FLIGHT,
            fields={"day": travel.isoformat(), "flight": designator},
            who=who,
            flight=designator,
            decisions=decisions,
            day_iso=travel.isoformat(),
            day_words=in_words(travel),
        )

    router.add_api_route(FLIGHTS.path(lang), show_day, methods=["GET"])
    router.add_api_route(
        FLIGHT.path(lang, day="{day}", flight="{flight}"), show_flight, methods=["GET"]
    )


def asked_day(asked: str | None) -> date:
    """The day an address asks for (YYYY-MM-DD), or today (UTC) when it asks none or
    something else."""
    try:
        day = date.fromisoformat(asked or "")
    except ValueError:
        return utc_now().date()
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else utc_now().date()
