"""The booth (officers, supervisors): a document read in, the decision out."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from smartborder.clearance import land
from smartborder.domain import LaneType, Role, utc_now
from smartborder.errors import InvalidInput
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
            field = "port" if "port" in exc.message else "mrz"
            text = gettext("This could not be decided: %(why)s") % {"why": exc.message}
            return booth(who, kept, status=422, errors={field: text})
        return booth(who, kept, result=result)

    router.add_api_route(BOOTH.path(lang), show, methods=["GET"])
    router.add_api_route(BOOTH.path(lang), decide, methods=["POST"])
