"""The booth (officers, supervisors): a document read in, the decision out."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response
from markupsafe import Markup

from smartborder.clearance import land
from smartborder.domain import LaneType, Role, utc_now
from smartborder.errors import FormatError, InvalidInput
from smartborder.web import i18n
from smartborder.web.console.desk import Desk
from smartborder.web.i18n import Language
from smartborder.web.pages import BOOTH
from smartborder.web.visitor import Visitor

BOOTH_OFFICERS = (Role.OFFICER, Role.SUPERVISOR)  # as POST /v1/primary
LANES = (LaneType.GENERAL, LaneType.NEXUS, LaneType.READY)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext

    def booth(
        who: Visitor,
        form: dict[str, str],
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        result: land.PrimaryResult | None = None,
    ) -> Response:
        return desk.page(
            lang,
            "booth.html",
            BOOTH,
            status=status,
            who=who,
            form=form,
            errors=errors or {},
            result=result,
            lanes=LANES,
        )

    def show(request: Request) -> Response:
        who = desk.signed_in(request, lang, BOOTH, BOOTH_OFFICERS)
        if not isinstance(who, Visitor):
            return who
        return booth(who, {"port": request.query_params.get("port", "")[:8]})

    async def decide(request: Request) -> Response:
        who = desk.signed_in(request, lang, BOOTH, BOOTH_OFFICERS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, BOOTH, who)
        if isinstance(form, Response):
            return form
        kept = {"port": form.get("port", "").strip().upper()[:8], "lane": form.get("lane", "")}
        lines = [line.strip() for line in form.get("mrz", "").splitlines() if line.strip()]
        lane = next((x for x in LaneType if str(x) == kept["lane"]), None)
        errors = {}
        if not kept["port"]:
            errors["port"] = gettext("Enter the port's code.")
        if lane is None:
            errors["lane"] = gettext("Choose the lane.")
        if not 2 <= len(lines) <= 3 or any(len(line) > 60 for line in lines):
            errors["mrz"] = gettext("A document's zone has two or three lines.")
        if errors or lane is None:
            return booth(who, kept, status=422, errors=errors)
        read = land.BoothRead(mrz=lines, port_code=kept["port"], lane=lane, at=utc_now())
        try:
            result = land.primary(
                container.units,
                container.clearance.assessor(who.user.agency),
                who.user,
                read,
                outbox=container.entry_outbox,
            )
        except InvalidInput as exc:  # a zone that cannot be read, a port not the agency's
            field, text = refusal(exc, kept["port"], lang)
            return booth(who, kept, status=422, errors={field: text})
        return booth(who, kept, result=result)

    router.add_api_route(BOOTH.path(lang), show, methods=["GET"])
    router.add_api_route(BOOTH.path(lang), decide, methods=["POST"])


_AT = re.compile(r"line (\d+)(?:, column (\d+))?")


def refusal(exc: InvalidInput, port: str, lang: Language) -> tuple[str, Markup]:
    """The field a refused read is about and what to tell the officer, in the page's
    language; the reader's own words beside, in English, say exactly what it found."""
    gettext = i18n.translations(lang).gettext
    detail = i18n.in_english(exc.problem if isinstance(exc, FormatError) else exc.message, lang)
    if isinstance(exc, FormatError):
        at = _AT.fullmatch(exc.where or "")
        where = exc.where or ""
        if at and at.group(2):
            where = gettext("line %(line)s, column %(column)s") % {
                "line": at.group(1),
                "column": at.group(2),
            }
        elif at:
            where = gettext("line %(line)s") % {"line": at.group(1)}
        told = gettext(
            "The document's zone could not be read (%(where)s): scan it again, or type it."
        )
        return "mrz", Markup("%s %s") % (told % {"where": where}, detail)
    if exc.message.startswith("port") and "lane" in exc.message:
        return "lane", Markup("%s %s") % (gettext("This port has no lane of that kind."), detail)
    if exc.message.startswith("port"):
        told = gettext("Port %(port)s is not one of your agency's ports.") % {"port": port}
        return "port", Markup("%s %s") % (told, detail)
    return "mrz", Markup("%s %s") % (gettext("This could not be decided."), detail)
