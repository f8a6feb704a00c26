"""The node's own records: the audit log (supervisors), the watch lists loaded and the
link to the partner (administrators, supervisors)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from smartborder.audit.trail import PAGE, who_read
from smartborder.domain import Role, utc_now
from smartborder.exchange.outbox import delivery_status
from smartborder.lists.watchlists import loaded_lists
from smartborder.web.console.desk import Desk
from smartborder.web.i18n import Language
from smartborder.web.pages import AUDIT, EXCHANGE, LISTS
from smartborder.web.visitor import Visitor

AUDITORS = (Role.SUPERVISOR,)
KEEPERS = (Role.ADMIN, Role.SUPERVISOR)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container

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

    def show_lists(request: Request) -> Response:
        who = desk.signed_in(request, lang, LISTS, KEEPERS)
        if not isinstance(who, Visitor):
            return who
        return desk.page(lang, "lists.html", LISTS, who=who, lists=loaded_lists(container.units()))

    def show_sharing(request: Request) -> Response:
        who = desk.signed_in(request, lang, EXCHANGE, KEEPERS)
        if not isinstance(who, Visitor):
            return who
        link = delivery_status(container.units()) if container.exchange is not None else None
        waited = link.oldest_pending_age(utc_now()) if link else None
        return desk.page(
            lang,
            "exchange.html",
            EXCHANGE,
            who=who,
            link=link,
            waited=None if waited is None else int(waited),
            partner=container.settings.partner_url or "",
        )

    router.add_api_route(AUDIT.path(lang), show_audit, methods=["GET"])
    router.add_api_route(LISTS.path(lang), show_lists, methods=["GET"])
    router.add_api_route(EXCHANGE.path(lang), show_sharing, methods=["GET"])
