"""The node's own records: the audit log (supervisors), the watch lists loaded and
fetched, and the link to the partner with its days reconciled (administrators,
supervisors). Only an administrator loads a new version of a list (``list_loading``)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from starlette.background import BackgroundTask

from smartborder.audit.trail import PAGE, who_read
from smartborder.domain import Role, utc_now
from smartborder.errors import Conflict, PermissionDenied, ValidationFailed
from smartborder.exchange.sharing import link_report
from smartborder.lists.fetching import lists_overview, order_fetch
from smartborder.web import i18n
from smartborder.web.console.desk import Desk, redirect
from smartborder.web.console.list_loading import run_ordered
from smartborder.web.i18n import Language
from smartborder.web.pages import AUDIT, EXCHANGE, LISTS
from smartborder.web.visitor import Visitor

AUDITORS = (Role.SUPERVISOR,)
KEEPERS = (Role.ADMIN, Role.SUPERVISOR)
LOADERS = (Role.ADMIN,)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext

    def show_audit(request: Request) -> Response:
        who = desk.reading(request, lang, AUDIT, AUDITORS)
        if not isinstance(who, Visitor):
            return who
        asked = request.query_params
        actor = asked.get("actor", "").strip()[:200] or None
        record = asked.get("record", "").strip()[:100] or None
        before = asked.get("before", "")
        entries = who_read(
            container.units(),
            who.user,
            actor=actor,
            record=record,
            before=int(before)
            if before.isascii() and before.isdigit() and len(before) < 19
            else None,
            purpose=desk.purpose(who),
        )
        older = None
        if len(entries) == PAGE:
            query = {"actor": actor or "", "record": record or "", "before": entries[-1].seq}
            older = f"{AUDIT.path(lang)}?{urlencode(query)}"
        return desk.page(
            lang,
            "audit.html",
            AUDIT,
            who=who,
            entries=entries,
            actor=actor or "",
            record=record or "",
            older=older,
        )

    def lists_page(
        who: Visitor,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        chosen: str = "",
    ) -> Response:
        overview = lists_overview(container.units(), container.settings.fetched_lists)
        return desk.page(
            lang,
            "lists.html",
            LISTS,
            status=status,
            who=who,
            overview=overview,
            running=any(s.running for s in overview.sources),
            may_load=who.user.role in LOADERS,
            errors=errors or {},
            chosen=chosen,
        )

    def show_lists(request: Request) -> Response:
        who = desk.signed_in(request, lang, LISTS, KEEPERS)
        return lists_page(who) if isinstance(who, Visitor) else who

    async def load_version(request: Request) -> Response:
        who = desk.signed_in(request, lang, LISTS, LOADERS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, LISTS, who)
        if isinstance(form, Response):
            return form
        chosen = form.get("source", "")[:40]
        try:
            fetch = order_fetch(container.units, who.user, chosen, container.settings.fetched_lists)
        except PermissionDenied:
            return desk.message(lang, LISTS, 403, "forbidden", who)
        except ValidationFailed:
            problem = gettext("Choose one of the sources this node fetches.")
            return lists_page(who, status=422, errors={"source": problem}, chosen=chosen)
        except Conflict:
            problem = gettext("This list is being fetched already: wait for that fetch to end.")
            return lists_page(who, status=409, errors={"source": problem}, chosen=chosen)
        # Answered at once: the fetch runs after, off the request (``list_loading``).
        answer = redirect(LISTS.path(lang))
        answer.background = BackgroundTask(run_ordered, container, fetch)
        return answer

    def show_sharing(request: Request) -> Response:
        who = desk.signed_in(request, lang, EXCHANGE, KEEPERS)
        if not isinstance(who, Visitor):
            return who
        exchange = container.exchange
        report = link_report(exchange) if exchange is not None else None
        waited = report.status.oldest_pending_age(utc_now()) if report else None
        return desk.page(
            lang,
            "exchange.html",
            EXCHANGE,
            who=who,
            report=report,
            link=report.status if report else None,
            waited=None if waited is None else int(waited),
            partner=container.settings.partner_url or "",
        )

    router.add_api_route(AUDIT.path(lang), show_audit, methods=["GET"])
    router.add_api_route(LISTS.path(lang), show_lists, methods=["GET"])
    router.add_api_route(LISTS.path(lang), load_version, methods=["POST"])
    router.add_api_route(EXCHANGE.path(lang), show_sharing, methods=["GET"])
