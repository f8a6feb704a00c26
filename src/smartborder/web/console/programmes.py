"""Trusted travellers (programme officers, supervisors): the applications with both
agencies' vetting, one application whole, a centre's interview calendar, and the reviews
waiting for this agency's supervisors (who decide them here)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from smartborder.domain import Role, utc_now
from smartborder.domain.applications import ApplicationStatus
from smartborder.errors import Conflict, NotFound, PermissionDenied
from smartborder.programmes import applications, interviews, recourse
from smartborder.web.console.desk import Desk, redirect
from smartborder.web.console.flights import asked_day
from smartborder.web.i18n import Language
from smartborder.web.pages import NEXUS, NEXUS_APPLICATION, NEXUS_CENTRE, NEXUS_REVIEWS, Page
from smartborder.web.visitor import Visitor

OFFICERS = (Role.PROGRAMME, Role.SUPERVISOR)
SUPERVISORS = (Role.SUPERVISOR,)
STATUSES = tuple(ApplicationStatus)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container

    def links() -> dict[str, Any]:
        """The addresses the pages link to, for the templates."""
        return {
            "application_path": lambda a: NEXUS_APPLICATION.path(lang, application=a),
            "centre_path": lambda c: NEXUS_CENTRE.path(lang, centre=c),
        }

    def missing(page: Page, fields: dict[str, str], who: Visitor, message: str) -> Response:
        """The page at an address that names nothing this node holds (404)."""
        return desk.page(
            lang, "console_message.html", page, status=404, who=who, message=message, fields=fields
        )

    def show_queue(request: Request) -> Response:
        who = desk.reading(request, lang, NEXUS, OFFICERS)
        if not isinstance(who, Visitor):
            return who
        asked = request.query_params.get("status", "")
        chosen = (ApplicationStatus(asked),) if asked in {str(s) for s in STATUSES} else None
        after = request.query_params.get("after", "")[:64]
        found = applications.queue(
            container.units(),
            who.user,
            chosen or applications.IN_PROGRESS,
            after=after,
            purpose=desk.purpose(who),
        )
        more = None
        if len(found) == applications.QUEUE_PAGE:
            query = {"status": asked if chosen else "", "after": found[-1].id}
            more = f"{NEXUS.path(lang)}?{urlencode(query)}"
        outlook = interviews.outlook(container.units(), now=utc_now())
        return desk.page(
            lang,
            "nexus_queue.html",
            NEXUS,
            who=who,
            found=found,
            statuses=STATUSES,
            chosen=asked if chosen else "",
            more=more,
            outlook=outlook,
            **links(),
        )

    def show_application(request: Request, application: str) -> Response:
        page, fields = NEXUS_APPLICATION, {"application": application[:64]}
        # A refusal is shown as the queue's page: it has no address fields to fill.
        who = desk.reading(request, lang, NEXUS, OFFICERS)
        if not isinstance(who, Visitor):
            return who
        try:
            found = applications.show(
                container.units(), who.user, application[:64], purpose=desk.purpose(who)
            )
        except NotFound:
            return missing(page, fields, who, "no-application")
        return desk.page(
            lang, "nexus_application.html", page, who=who, fields=fields, a=found, **links()
        )

    def show_centre(request: Request, centre: str) -> Response:
        page, fields = NEXUS_CENTRE, {"centre": centre[:8]}
        # Counts of bookings only: no applicant is named, no purpose is asked.
        who = desk.signed_in(request, lang, NEXUS, OFFICERS)
        if not isinstance(who, Visitor):
            return who
        first = asked_day(request.query_params.get("from"))
        try:
            found, days = interviews.calendar(container.units(), centre[:8], first)
        except NotFound:
            return missing(page, fields, who, "no-centre")
        return desk.page(
            lang,
            "nexus_centre.html",
            page,
            who=who,
            fields=fields,
            centre=found,
            days=days,
            earlier=(first - timedelta(days=interviews.CALENDAR_DAYS)).isoformat(),
            later=(first + timedelta(days=interviews.CALENDAR_DAYS)).isoformat(),
            **links(),
        )

    def reviews_page(who: Visitor, *, decided: str = "", status: int = 200) -> Response:
        waiting = recourse.waiting_reviews(container.units(), who.user, purpose=desk.purpose(who))
        return desk.page(
            lang,
            "nexus_reviews.html",
            NEXUS_REVIEWS,
            status=status,
            who=who,
            waiting=waiting,
            decided=decided,
            today=utc_now().date(),
            **links(),
        )

    async def decide_review(request: Request) -> Response:
        who = desk.reading(request, lang, NEXUS_REVIEWS, SUPERVISORS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, NEXUS_REVIEWS, who)
        if not isinstance(form, dict):
            return form
        outcome = form.get("outcome", "")
        if outcome not in ("upheld", "reinstated"):
            return reviews_page(who, status=422, decided="bad-outcome")
        try:
            recourse.decide_recourse(
                container.units(),
                who.user,
                form.get("application", "")[:64],
                form.get("notice", "")[:64],
                reinstate=outcome == "reinstated",
                now=utc_now(),
                share=container.programme_share,
            )
        except (NotFound, Conflict, PermissionDenied):
            return reviews_page(who, status=409, decided="not-open")
        return redirect(f"{NEXUS_REVIEWS.path(lang)}?decided={outcome}")

    def show_reviews(request: Request) -> Response:
        who = desk.reading(request, lang, NEXUS_REVIEWS, SUPERVISORS)
        if not isinstance(who, Visitor):
            return who
        decided = request.query_params.get("decided", "")
        return reviews_page(who, decided=decided if decided in ("upheld", "reinstated") else "")

    router.add_api_route(NEXUS.path(lang), show_queue, methods=["GET"])
    router.add_api_route(
        NEXUS_APPLICATION.path(lang, application="{application}"),
        show_application,
        methods=["GET"],
    )
    router.add_api_route(NEXUS_CENTRE.path(lang, centre="{centre}"), show_centre, methods=["GET"])
    router.add_api_route(NEXUS_REVIEWS.path(lang), show_reviews, methods=["GET"])
    router.add_api_route(NEXUS_REVIEWS.path(lang), decide_review, methods=["POST"])
