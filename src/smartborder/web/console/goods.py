"""Goods (officers, analysts, supervisors): a port's day of trips with each shipment's
lane, the day's examination queue under its capacity (built here by an analyst or a
supervisor, once a day), and a shipment's page where an examiner records what its
examination found."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from smartborder.domain import ExamOutcome, Role
from smartborder.errors import Conflict, NotFound, ValidationFailed
from smartborder.goods.examinations import MAX_CAPACITY, build_queue, record_outcome
from smartborder.goods.port_day import (
    EXAMS_PER_PAGE,
    TRIPS_PER_PAGE,
    GoodsDay,
    examined_shipment,
    goods_day,
)
from smartborder.web import i18n
from smartborder.web.console.desk import Desk, redirect
from smartborder.web.console.flights import asked_day
from smartborder.web.i18n import Language
from smartborder.web.pages import GOODS, SHIPMENT
from smartborder.web.visitor import Visitor

# As GET /v1/exam-queues/{port}/{day} and GET /v1/shipments/{id}.
GOODS_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
PLANNERS = (Role.ANALYST, Role.SUPERVISOR)  # as POST /v1/exam-queues
EXAMINERS = (Role.OFFICER, Role.SUPERVISOR)  # as POST /v1/shipments/{id}/outcome
MAX_REVENUE = 1e12  # past any tax a single shipment could raise: a typing slip


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext

    def day_path(port: str, day: date, **more: str) -> str:
        return f"{GOODS.path(lang)}?{urlencode({'port': port, 'date': day.isoformat(), **more})}"

    def day_page(
        who: Visitor,
        port: str,
        day: date,
        *,
        done: str = "",
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        first: int = 0,
        queue_first: int = 0,
    ) -> Response:
        found: GoodsDay | None = None
        missing = False
        if port:
            try:
                found = goods_day(
                    container.units(),
                    who.user,
                    port,
                    day,
                    purpose=desk.purpose(who),
                    first=first,
                    queue_first=queue_first,
                )
            except NotFound:  # another agency's port too: as the API answers
                missing = True
        return desk.page(
            lang,
            "goods.html",
            GOODS,
            status=404 if missing else 422 if errors else 200,
            who=who,
            port=port,
            day_iso=day.isoformat(),
            found=found,
            missing=missing,
            done=recorded(found, done),
            may_plan=who.user.role in PLANNERS,
            errors=errors or {},
            form=form or {},
            shipment_path=lambda shipment_id: SHIPMENT.path(lang, shipment=shipment_id),
            trips_path=lambda at: (
                day_path(port, day, **{"from": str(max(0, at)), "queue": str(queue_first)})
                + "#trips"
            ),
            queue_path=lambda at: (
                day_path(port, day, **{"from": str(first), "queue": str(max(0, at))}) + "#queue"
            ),
            per_page=TRIPS_PER_PAGE,
            exams_per_page=EXAMS_PER_PAGE,
        )

    def show_day(request: Request) -> Response:
        who = desk.reading(request, lang, GOODS, GOODS_READERS)
        if not isinstance(who, Visitor):
            return who
        asked = request.query_params
        port = asked.get("port", "").strip().upper()[:8]
        return day_page(
            who,
            port,
            asked_day(asked.get("date")),
            done=asked.get("done", "")[:64],
            first=_position(asked.get("from", "")),
            queue_first=_position(asked.get("queue", "")),
        )

    async def build(request: Request) -> Response:
        who = desk.reading(request, lang, GOODS, PLANNERS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, GOODS, who)
        if isinstance(form, Response):
            return form
        port, day = form.get("port", "").strip().upper()[:8], asked_day(form.get("date"))
        errors: dict[str, str] = {}
        capacity = whole(form.get("capacity", ""), MAX_CAPACITY)
        if capacity is None:
            errors["capacity"] = gettext(
                "Write how many examinations the port can do that day: a whole number "
                "from 0 to 100,000."
            )
        share = whole(form.get("random_share", ""), 100)
        if share is None:
            errors["random_share"] = gettext("Write a whole percentage from 0 to 100.")
        if errors or capacity is None or share is None:
            return day_page(who, port, day, errors=errors, form=form)
        try:
            build_queue(
                container.units(),
                who.user,
                port_code=port,
                day=day,
                capacity=capacity,
                random_share=share / 100,
            )
        except NotFound:
            return day_page(who, port, day)  # not a port of ours: the page says so (404)
        return redirect(day_path(port, day) + "#queue")

    def detail(
        who: Visitor,
        shipment_id: str,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> Response:
        try:
            found = examined_shipment(
                container.units(), who.user, shipment_id[:64], purpose=desk.purpose(who)
            )
        except NotFound:  # another agency's shipment too: as GET /v1/shipments/{id}
            return desk.message(lang, GOODS, 404, "no-shipment", who)
        record = found.record
        return desk.page(
            lang,
            "goods_shipment.html",
            SHIPMENT,
            status=status,
            fields={"shipment": record.id},
            who=who,
            found=found,
            # The queue's day; a shipment not selected: the day (UTC) it arrives.
            back=day_path(
                record.port_code,
                found.exam.day if found.exam else record.estimated_arrival.date(),
            ),
            queued_on=i18n.day(datetime.combine(found.exam.day, time(12), UTC), lang)
            if found.exam
            else "",
            action=SHIPMENT.path(lang, shipment=record.id),
            may_record=who.user.role in EXAMINERS,
            outcomes=list(ExamOutcome),
            errors=errors or {},
            form=form or {},
        )

    def show_shipment(request: Request, shipment_id: str) -> Response:
        who = desk.reading(request, lang, GOODS, GOODS_READERS)
        return detail(who, shipment_id) if isinstance(who, Visitor) else who

    async def record(request: Request, shipment_id: str) -> Response:
        who = desk.reading(request, lang, GOODS, EXAMINERS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, GOODS, who)
        if isinstance(form, Response):
            return form
        errors: dict[str, str] = {}
        status = 422
        chosen = form.get("outcome", "")
        if chosen not in {str(o) for o in ExamOutcome}:
            errors["outcome"] = gettext("Choose what the examination found.")
        revenue = amount(form.get("revenue", ""))
        if revenue is None:
            errors["revenue"] = gettext(
                "Write the revenue as an amount of 0 or more, for example 120.50."
            )
        elif chosen == ExamOutcome.COMPLIANT and revenue > 0:
            errors["revenue"] = gettext("A compliant shipment raises no revenue: write 0.")
        if not errors and revenue is not None:
            try:
                exam = record_outcome(
                    container.units(),
                    who.user,
                    shipment_id[:64],
                    outcome=ExamOutcome(chosen),
                    revenue=revenue,
                    findings=form.get("findings"),
                )
            except NotFound:  # not selected, or not a shipment of ours
                return detail(who, shipment_id, status=404)
            except Conflict:
                errors["outcome"] = gettext("This examination was recorded already.")
                status = 409
            except ValidationFailed:
                errors["revenue"] = gettext("A compliant shipment raises no revenue: write 0.")
            else:
                return redirect(day_path(exam.port_code, exam.day, done=shipment_id[:64]))
        return detail(who, shipment_id, status=status, errors=errors, form=form)

    router.add_api_route(GOODS.path(lang), show_day, methods=["GET"])
    router.add_api_route(GOODS.path(lang), build, methods=["POST"])
    path = SHIPMENT.path(lang, shipment="{shipment_id}")
    router.add_api_route(path, show_shipment, methods=["GET"])
    router.add_api_route(path, record, methods=["POST"])


def _position(asked: str) -> int:
    """A page's first row from the address (0 when it is not a small whole number)."""
    return int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 7 else 0


def recorded(found: GoodsDay | None, shipment_id: str) -> str:
    """The shipment whose outcome was just recorded, by the number its trip declared."""
    queued = found.queued if found else []
    return next(
        (
            q.shipment.shipment.cargo_control_number
            for q in queued
            if q.shipment and q.exam.shipment_id == shipment_id
        ),
        shipment_id,
    )


def whole(written: str, most: int) -> int | None:
    """A whole number from 0 to ``most`` as typed (spaces and separators allowed)."""
    cleaned = "".join(c for c in written if c not in " ,.\u202f\xa0")
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 7):
        return None
    return int(cleaned) if int(cleaned) <= most else None


def amount(written: str) -> float | None:
    """A revenue as an officer types it ("120.50", "120,50", "1 200", blank for 0); None
    when it is not an amount of 0 or more."""
    cleaned = written.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not cleaned:
        return 0.0
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_REVENUE else None
