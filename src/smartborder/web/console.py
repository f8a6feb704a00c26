"""The officers' console: sign-in, the hit queue and the review of a hit.

Each page makes one service call (``accounts.sign_in``, ``clearance.review``,
``clearance.hits``) and renders it; none reaches the store itself. Roles and agency
scoping are the API's: a page another role may not see says so (403), and another
agency's hit by its address is not found (404), exactly as ``GET /v1/hits/{id}`` is.
Personal data is shown only once the session has stated why it is read, and every page
that shows it is audited with that purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from smartborder.accounts.sign_in import sign_in, sign_out, state_purpose
from smartborder.audit.trail import PAGE, who_read
from smartborder.bootstrap import Container
from smartborder.clearance import hits as hit_service
from smartborder.clearance import land
from smartborder.clearance.flights import flight_decisions, flights_of_day
from smartborder.clearance.review import review_queue
from smartborder.domain import Agency, LaneType, Role, utc_now
from smartborder.domain.clock import FIRST_YEAR, LAST_YEAR
from smartborder.domain.hits import HitKind, HitStatus, QueueFilter
from smartborder.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from smartborder.exchange.outbox import delivery_status
from smartborder.lists.watchlists import loaded_lists
from smartborder.web import i18n
from smartborder.web.hit_view import HISTORY, PNR, shown
from smartborder.web.i18n import Language
from smartborder.web.pages import (
    AUDIT,
    BOOTH,
    CONSOLE,
    EXCHANGE,
    FLIGHT,
    FLIGHTS,
    HIT,
    HITS,
    LISTS,
    PURPOSE,
    SIGN_IN,
    SIGN_OUT,
    Page,
)
from smartborder.web.site import page_html
from smartborder.web.visitor import (
    CONSOLE_HEADERS,
    CSRF_FIELD,
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    Visitor,
    new_sign_in_value,
    same_origin,
    set_cookie,
    token_matches,
    visitor,
)

REVIEWERS = (Role.ANALYST, Role.SUPERVISOR)
BOOTH_OFFICERS = (Role.OFFICER, Role.SUPERVISOR)  # as POST /v1/primary
FLIGHT_READERS = (Role.ANALYST, Role.SUPERVISOR, Role.OFFICER)  # as GET /v1/flights
AUDITORS = (Role.SUPERVISOR,)
LIST_KEEPERS = (Role.ADMIN, Role.SUPERVISOR)
LINK_KEEPERS = (Role.ADMIN, Role.SUPERVISOR)
DISPOSITIONS = (HitStatus.CONFIRMED, HitStatus.DISMISSED, HitStatus.REFERRED)
MAX_FIELD = 2000  # the longest form field read (a disposition's note)


def _paths(lang: Language) -> dict[str, str]:
    """Every console address in ``lang``, for the templates' links and forms."""
    return {
        "console": CONSOLE.path(lang),
        "hits": HITS.path(lang),
        "booth": BOOTH.path(lang),
        "flights": FLIGHTS.path(lang),
        "audit": AUDIT.path(lang),
        "lists": LISTS.path(lang),
        "sharing": EXCHANGE.path(lang),
        "purpose": PURPOSE.path(lang),
        "sign_in": SIGN_IN.path(lang),
        "sign_out": SIGN_OUT.path(lang),
    }


def _page(
    lang: Language,
    template: str,
    page: Page,
    *,
    status: int = 200,
    fields: dict[str, str] | None = None,
    who: Visitor | None = None,
    **context: Any,
) -> HTMLResponse:
    body = page_html(
        lang,
        template,
        page=page,
        modified=utc_now(),
        fields=fields,
        paths=_paths(lang),
        visitor=who,
        csrf_field=CSRF_FIELD,
        hit_path=lambda hit_id: HIT.path(lang, hit=hit_id),
        **context,
    )
    headers = {**CONSOLE_HEADERS, "Content-Language": lang}
    return HTMLResponse(body, status_code=status, headers=headers)


def _message(
    lang: Language, page: Page, status: int, message: str, who: Visitor | None
) -> Response:
    """A refusal as a page: ``message`` is "forbidden", "refused" or "no-hit"."""
    return _page(lang, "console_message.html", page, status=status, who=who, message=message)


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303, headers={"Cache-Control": "no-store"})


def _next(lang: Language, asked: object) -> str:
    """Where to go after signing in or stating a purpose: a console page of this site
    only (never another site's address handed in by a link)."""
    if isinstance(asked, str) and len(asked) < 500:
        parts = urlsplit(asked)
        if not parts.scheme and not parts.netloc and parts.path.startswith(CONSOLE.path(lang)):
            return asked
    return CONSOLE.path(lang)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form(max_files=0, max_fields=20)
    return {k: v[:MAX_FIELD] for k, v in form.items() if isinstance(v, str)}


def console_router(container: Container) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    secure = container.settings.environment != "development"

    def guard(
        request: Request, lang: Language, page: Page, roles: tuple[Role, ...] = ()
    ) -> Visitor | Response:
        """The visitor, or the response that takes its place (sign in first; not this role)."""
        who = visitor(request, container)
        if who is None:
            asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return _redirect(f"{SIGN_IN.path(lang)}?next={quote(asked)}")
        if roles and who.user.role not in roles:
            return _message(lang, page, 403, "forbidden", who)
        return who

    def purpose_first(request: Request, lang: Language, who: Visitor) -> Response | None:
        if who.session.purpose:
            return None
        asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return _redirect(f"{PURPOSE.path(lang)}?next={quote(asked)}")

    def refused(lang: Language, page: Page, who: Visitor | None) -> Response:
        return _message(lang, page, 403, "refused", who)

    def sign_in_page(lang: Language) -> tuple[Callable[..., Any], Callable[..., Any]]:
        def show(request: Request) -> Response:
            if visitor(request, container) is not None:
                return _redirect(_next(lang, request.query_params.get("next")))
            value = new_sign_in_value()
            response = _page(
                lang,
                "sign_in.html",
                SIGN_IN,
                csrf=value,
                next=_next(lang, request.query_params.get("next")),
                errors={},
                name="",
                idle_minutes=container.settings.web_idle_minutes,
            )
            set_cookie(response, SIGN_IN_COOKIE, value, secure=secure)
            return response

        async def post(request: Request) -> Response:
            form = await _form(request)
            expected = request.cookies.get(SIGN_IN_COOKIE, "")
            if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), expected):
                return refused(lang, SIGN_IN, None)
            gettext = i18n.translations(lang).gettext
            name, password = form.get("name", "").strip(), form.get("password", "")
            errors = {}
            if not name:
                errors["name"] = gettext("Enter your user name.")
            if not password:
                errors["password"] = gettext("Enter your password.")
            agency = container.settings.agency
            if not errors:
                try:
                    done = sign_in(
                        container.units(),
                        agency=Agency(agency),
                        name=name,
                        password=password,
                        secret=container.secret,
                    )
                except NotAuthenticated:
                    errors["password"] = gettext("The user name or the password is not right.")
                else:
                    response = _redirect(_next(lang, form.get("next")))
                    set_cookie(response, SESSION_COOKIE, done.token, secure=secure)
                    response.delete_cookie(SIGN_IN_COOKIE, path="/")
                    return response
            return _page(
                lang,
                "sign_in.html",
                SIGN_IN,
                status=422 if "name" in errors or not password else 401,
                csrf=expected,
                next=_next(lang, form.get("next")),
                errors=errors,
                name=name,
                idle_minutes=container.settings.web_idle_minutes,
            )

        return show, post

    def sign_out_page(lang: Language) -> Callable[[Request], Any]:
        async def post(request: Request) -> Response:
            who = visitor(request, container)
            form = await _form(request)
            if who is not None:
                if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), who.csrf):
                    return refused(lang, SIGN_OUT, who)
                sign_out(container.units(), who.user, who.session)
            response = _redirect(SIGN_IN.path(lang))
            response.delete_cookie(SESSION_COOKIE, path="/")
            return response

        return post

    def console_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, CONSOLE)
            if not isinstance(who, Visitor):
                return who
            return _page(lang, "console.html", CONSOLE, who=who)

        return show

    def purpose_page(lang: Language) -> tuple[Callable[..., Any], Callable[..., Any]]:
        def show(request: Request) -> Response:
            who = guard(request, lang, PURPOSE)
            if not isinstance(who, Visitor):
                return who
            asked = _next(lang, request.query_params.get("next"))
            return _page(lang, "purpose.html", PURPOSE, who=who, next=asked, errors={}, purpose="")

        async def post(request: Request) -> Response:
            who = guard(request, lang, PURPOSE)
            if not isinstance(who, Visitor):
                return who
            form = await _form(request)
            if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), who.csrf):
                return refused(lang, PURPOSE, who)
            purpose = form.get("purpose", "").strip()
            try:
                state_purpose(container.units(), who.session, purpose)
            except InvalidInput:
                gettext = i18n.translations(lang).gettext
                return _page(
                    lang,
                    "purpose.html",
                    PURPOSE,
                    status=422,
                    who=who,
                    next=_next(lang, form.get("next")),
                    errors={"purpose": gettext("Say why, in 200 characters at most.")},
                    purpose=purpose[:200],
                )
            return _redirect(_next(lang, form.get("next")))

        return show, post

    def hits_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, HITS, REVIEWERS)
            if not isinstance(who, Visitor):
                return who
            ask = purpose_first(request, lang, who)
            if ask is not None:
                return ask
            shown = _filter(request)
            assert who.session.purpose is not None
            queued = review_queue(container.units(), who.user, shown, purpose=who.session.purpose)
            return _page(
                lang,
                "hits.html",
                HITS,
                who=who,
                queued=queued,
                shown=shown,
                statuses=list(HitStatus),
                kinds=list(HitKind),
                now=utc_now(),
                done=request.query_params.get("done", "")[:40],
            )

        return show

    def hit_page(lang: Language) -> tuple[Callable[..., Any], Callable[..., Any]]:
        def detail(
            who: Visitor,
            hit_id: str,
            *,
            status: int = 200,
            errors: dict[str, str] | None = None,
            form: dict[str, str] | None = None,
        ) -> Response:
            assert who.session.purpose is not None
            try:
                found = hit_service.hit_detail(
                    container.units(), who.user, hit_id[:64], purpose=who.session.purpose
                )
            except NotFound:
                return _message(lang, HITS, 404, "no-hit", who)
            return _page(
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

        def show(request: Request, hit_id: str) -> Response:
            who = guard(request, lang, HITS, REVIEWERS)
            if not isinstance(who, Visitor):
                return who
            return purpose_first(request, lang, who) or detail(who, hit_id)

        async def post(request: Request, hit_id: str) -> Response:
            who = guard(request, lang, HITS, REVIEWERS)
            if not isinstance(who, Visitor):
                return who
            form = await _form(request)
            if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), who.csrf):
                return refused(lang, HITS, who)
            ask = purpose_first(request, lang, who)
            if ask is not None:
                return ask
            gettext = i18n.translations(lang).gettext
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
                    return _redirect(f"{HITS.path(lang)}?done={quote(hit_id[:64])}")
            return detail(
                who, hit_id, status=422 if "note" in errors else 409, errors=errors, form=form
            )

        return show, post

    def booth_page(lang: Language) -> tuple[Callable[..., Any], Callable[..., Any]]:
        def form_page(
            who: Visitor,
            form: dict[str, str],
            *,
            status: int = 200,
            errors: dict[str, str] | None = None,
            result: land.PrimaryResult | None = None,
        ) -> Response:
            return _page(
                lang,
                "booth.html",
                BOOTH,
                status=status,
                who=who,
                form=form,
                errors=errors or {},
                result=result,
                lanes=[LaneType.GENERAL, LaneType.NEXUS, LaneType.READY],
            )

        def show(request: Request) -> Response:
            who = guard(request, lang, BOOTH, BOOTH_OFFICERS)
            if not isinstance(who, Visitor):
                return who
            return form_page(who, {"port": request.query_params.get("port", "")[:8]})

        async def post(request: Request) -> Response:
            who = guard(request, lang, BOOTH, BOOTH_OFFICERS)
            if not isinstance(who, Visitor):
                return who
            form = await _form(request)
            if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), who.csrf):
                return refused(lang, BOOTH, who)
            gettext = i18n.translations(lang).gettext
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
                return form_page(who, kept, status=422, errors=errors)
            read = land.BoothRead(mrz=lines, port_code=kept["port"], lane=lane, at=utc_now())
            try:
                result = land.primary(
                    container.units,
                    container.clearance.assessor(who.user.agency),
                    who.user,
                    read,
                    outbox=container.entry_outbox,
                )
            except InvalidInput as exc:
                field = "port" if "port" in exc.message else "mrz"
                text = gettext("This could not be decided: %(why)s") % {"why": exc.message}
                return form_page(who, kept, status=422, errors={field: text})
            return form_page(who, kept, result=result)

        return show, post

    def flights_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, FLIGHTS, FLIGHT_READERS)
            if not isinstance(who, Visitor):
                return who
            day = _day(request.query_params.get("date"))
            return _page(
                lang,
                "flights.html",
                FLIGHTS,
                who=who,
                flights=flights_of_day(container.units(), who.user, day),
                day_iso=day.isoformat(),
                day_words=i18n.day(datetime.combine(day, time(12), UTC), lang),
                flight_path=lambda f: FLIGHT.path(lang, day=day.isoformat(), flight=f),
                now=utc_now(),
            )

        return show

    def flight_page(lang: Language) -> Callable[[Request, str, str], Response]:
        def show(request: Request, day: str, flight: str) -> Response:
            who = guard(request, lang, FLIGHTS, FLIGHT_READERS)
            if not isinstance(who, Visitor):
                return who
            ask = purpose_first(request, lang, who)
            if ask is not None:
                return ask
            assert who.session.purpose is not None
            travel = _day(day)
            try:
                decisions = flight_decisions(
                    container.units(), who.user, flight[:16], travel, purpose=who.session.purpose
                )
            except NotFound:
                return _message(lang, FLIGHTS, 404, "no-flight", who)
            return _page(
                lang,
                "flight.html",
                FLIGHT,
                fields={"day": travel.isoformat(), "flight": flight[:16].upper()},
                who=who,
                flight=flight[:16].upper(),
                decisions=decisions,
                day_iso=travel.isoformat(),
                day_words=i18n.day(datetime.combine(travel, time(12), UTC), lang),
            )

        return show

    def audit_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, AUDIT, AUDITORS)
            if not isinstance(who, Visitor):
                return who
            ask = purpose_first(request, lang, who)
            if ask is not None:
                return ask
            assert who.session.purpose is not None
            asked = request.query_params
            actor = asked.get("actor", "").strip()[:200] or None
            record = asked.get("record", "").strip()[:100] or None
            before = asked.get("before", "")
            entries = who_read(
                container.units(),
                who.user,
                actor=actor,
                record=record,
                before=int(before) if before.isdigit() and len(before) < 19 else None,
                purpose=who.session.purpose,
            )
            older = None
            if len(entries) == PAGE:
                query = {"actor": actor or "", "record": record or "", "before": entries[-1].seq}
                older = f"{AUDIT.path(lang)}?{urlencode(query)}"
            return _page(
                lang,
                "audit.html",
                AUDIT,
                who=who,
                entries=entries,
                actor=actor or "",
                record=record or "",
                older=older,
            )

        return show

    def lists_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, LISTS, LIST_KEEPERS)
            if not isinstance(who, Visitor):
                return who
            found = loaded_lists(container.units())
            return _page(lang, "lists.html", LISTS, who=who, lists=found)

        return show

    def exchange_page(lang: Language) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            who = guard(request, lang, EXCHANGE, LINK_KEEPERS)
            if not isinstance(who, Visitor):
                return who
            shared = container.exchange is not None
            link = delivery_status(container.units()) if shared else None
            waited = link.oldest_pending_age(utc_now()) if link else None
            return _page(
                lang,
                "exchange.html",
                EXCHANGE,
                who=who,
                link=link,
                waited=None if waited is None else int(waited),
                partner=container.settings.partner_url or "",
            )

        return show

    for lang in i18n.LANGUAGES:
        show, post = sign_in_page(lang)
        router.add_api_route(SIGN_IN.path(lang), show, methods=["GET"])
        router.add_api_route(SIGN_IN.path(lang), post, methods=["POST"])
        router.add_api_route(SIGN_OUT.path(lang), sign_out_page(lang), methods=["POST"])
        router.add_api_route(CONSOLE.path(lang), console_page(lang), methods=["GET"])
        show, post = purpose_page(lang)
        router.add_api_route(PURPOSE.path(lang), show, methods=["GET"])
        router.add_api_route(PURPOSE.path(lang), post, methods=["POST"])
        router.add_api_route(HITS.path(lang), hits_page(lang), methods=["GET"])
        show, post = booth_page(lang)
        router.add_api_route(BOOTH.path(lang), show, methods=["GET"])
        router.add_api_route(BOOTH.path(lang), post, methods=["POST"])
        router.add_api_route(FLIGHTS.path(lang), flights_page(lang), methods=["GET"])
        router.add_api_route(AUDIT.path(lang), audit_page(lang), methods=["GET"])
        router.add_api_route(LISTS.path(lang), lists_page(lang), methods=["GET"])
        router.add_api_route(EXCHANGE.path(lang), exchange_page(lang), methods=["GET"])
        router.add_api_route(
            FLIGHT.path(lang, day="{day}", flight="{flight}"), flight_page(lang), methods=["GET"]
        )
        show, post = hit_page(lang)
        router.add_api_route(HIT.path(lang, hit="{hit_id}"), show, methods=["GET"])
        router.add_api_route(HIT.path(lang, hit="{hit_id}"), post, methods=["POST"])
    return router


def _filter(request: Request) -> QueueFilter:
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


def _day(asked: str | None) -> date:
    """The day an address asks for (YYYY-MM-DD), or today (UTC) when it asks none or
    something else."""
    try:
        day = date.fromisoformat(asked or "")
    except ValueError:
        return utc_now().date()
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else utc_now().date()
