"""The hit queue and a hit's review (analysts, supervisors)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response

from smartborder.clearance import hits as hit_service
from smartborder.clearance.review import review_queue
from smartborder.domain import Role, utc_now
from smartborder.domain.hits import HitKind, HitStatus, QueueFilter
from smartborder.errors import Conflict, InvalidInput, NotFound
from smartborder.web import i18n
from smartborder.web.console.desk import Desk, redirect
from smartborder.web.hit_view import HISTORY, PNR, shown
from smartborder.web.i18n import Language
from smartborder.web.pages import HIT, HITS
from smartborder.web.visitor import Visitor

REVIEWERS = (Role.ANALYST, Role.SUPERVISOR)  # as GET /v1/hits
DISPOSITIONS = (HitStatus.CONFIRMED, HitStatus.DISMISSED, HitStatus.REFERRED)


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext

    def show_queue(request: Request) -> Response:
        who = desk.reading(request, lang, HITS, REVIEWERS)
        if not isinstance(who, Visitor):
            return who
        asked = queue_filter(request)
        queued = review_queue(container.units(), who.user, asked, purpose=desk.purpose(who))
        return desk.page(
            lang,
            "hits.html",
            HITS,
            who=who,
            queued=queued,
            shown=asked,
            statuses=list(HitStatus),
            kinds=list(HitKind),
            now=utc_now(),
            done=request.query_params.get("done", "")[:40],
        )

    def detail(
        who: Visitor,
        hit_id: str,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> Response:
        try:
            found = hit_service.hit_detail(
                container.units(), who.user, hit_id[:64], purpose=desk.purpose(who)
            )
        except NotFound:  # another agency's hit too: as GET /v1/hits/{id}
            return desk.message(lang, HITS, 404, "no-hit", who)
        return desk.page(
            lang,
            "hit.html",
            HIT,
            status=status,
            fields={"hit": found.hit.id},
            who=who,
            found=found,
            history=shown(found.decision.facts, HISTORY),
            pnr=shown(found.decision.facts, PNR),
            dispositions=DISPOSITIONS,
            errors=errors or {},
            form=form or {},
        )

    def show_hit(request: Request, hit_id: str) -> Response:
        who = desk.reading(request, lang, HITS, REVIEWERS)
        return detail(who, hit_id) if isinstance(who, Visitor) else who

    async def dispose(request: Request, hit_id: str) -> Response:
        who = desk.reading(request, lang, HITS, REVIEWERS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, HITS, who)
        if isinstance(form, Response):
            return form
        errors: dict[str, str] = {}
        chosen = form.get("status", "")
        if chosen not in {str(d) for d in DISPOSITIONS}:
            errors["status"] = gettext("Choose what the review found.")
        note = form.get("note", "").strip()
        if not note:
            errors["note"] = gettext("Write a note saying why: it stays with the hit.")
        if not errors:
            try:
                hit_service.dispose(
                    container.units(), who.user, hit_id[:64], HitStatus(chosen), note
                )
            except NotFound:
                return detail(who, hit_id)
            except Conflict:
                errors["status"] = gettext("This hit was disposed of already.")
            except InvalidInput:
                errors["note"] = gettext("A note is at most 2,000 characters.")
            else:
                return redirect(f"{HITS.path(lang)}?done={quote(hit_id[:64])}")
        status = 422 if "note" in errors else 409
        return detail(who, hit_id, status=status, errors=errors, form=form)

    router.add_api_route(HITS.path(lang), show_queue, methods=["GET"])
    router.add_api_route(HIT.path(lang, hit="{hit_id}"), show_hit, methods=["GET"])
    router.add_api_route(HIT.path(lang, hit="{hit_id}"), dispose, methods=["POST"])


def queue_filter(request: Request) -> QueueFilter:
    """The queue's filters from the address; a value that is not one is ignored."""
    asked = request.query_params

    def one_of(name: str, kinds: type[HitStatus] | type[HitKind]) -> Any:
        value = asked.get(name, "")
        return next((k for k in kinds if str(k) == value), None)

    status = HitStatus.OPEN if "status" not in asked else one_of("status", HitStatus)
    return QueueFilter(
        status=status,
        kind=one_of("kind", HitKind),
        port=asked.get("port", "").strip().upper()[:8] or None,
        flight=asked.get("flight", "").strip().upper()[:10] or None,
    )
