"""The public pages (no sign-in): the bilingual splash page, border wait times per
crossing, and the trusted-traveller applicants' status page.

Each page makes one service call and renders it; the wait-times pages are cacheable (an
``ETag`` from the page itself, ``Cache-Control``) since wait times change once an hour at
most. The status page shows an applicant's own application, found by its number and
their birth date: never cached, every look-up audited, and wrong ones counted per address
(``accounts.throttle``) so that birth dates cannot be tried one after another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from smartborder.accounts.throttle import Throttle
from smartborder.bootstrap import Container
from smartborder.domain.applications import ApplicationStatus as S
from smartborder.domain.clock import utc_now
from smartborder.errors import NotFound
from smartborder.programmes import interviews
from smartborder.programmes.applications import public_status
from smartborder.waits import current_and_forecast
from smartborder.web import i18n
from smartborder.web.i18n import Language
from smartborder.web.page_cache import PageCache
from smartborder.web.pages import CROSSING, NEXUS_STATUS, SPLASH, WAIT_TIMES, Page
from smartborder.web.waits import crossing_views

HERE = Path(__file__).parent
#: How long a browser or a proxy may keep a public page: waits are hourly figures.
PUBLIC_MAX_AGE = 60
FORECAST_HOURS = 12


@cache
def environment(lang: Language) -> Environment:
    """The templates with the language's catalogue installed (one environment each: a
    shared one would swap catalogues under concurrent requests)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        when=i18n.when, clock=i18n.clock, day=i18n.day, number=i18n.number, count=i18n.count
    )
    env.filters["english"] = partial(i18n.in_english, lang=lang)
    return env


def page_html(
    lang: Language,
    template: str,
    *,
    page: Page,
    modified: datetime,
    fields: dict[str, str] | None = None,
    **context: Any,
) -> bytes:
    """A page in ``lang``, with its language toggle and ``hreflang`` alternates."""
    fields = fields or {}
    return (
        environment(lang)
        .get_template(template)
        .render(
            lang=lang,
            other=i18n.other(lang),
            toggle=page.path(i18n.other(lang), **fields),
            alternates={code: page.path(code, **fields) for code in i18n.LANGUAGES},
            wait_times=WAIT_TIMES.path(lang),
            crossing_path=lambda code: CROSSING.path(lang, port=code),
            modified=modified,
            **context,
        )
        .encode()
    )


def render(
    request: Request,
    lang: Language,
    template: str,
    *,
    page: Page,
    modified: datetime,
    fields: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """A public page; 304 when the browser has it."""
    body = page_html(lang, template, page=page, modified=modified, fields=fields, **context)
    return public(request, lang, body)


def public(request: Request, lang: Language, body: bytes) -> Response:
    """A public page's response: its ETag, cacheable; 304 when the browser has it."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={PUBLIC_MAX_AGE}"}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(body, headers={**headers, "Content-Language": lang})


def _router(container: Container) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def splash(request: Request) -> Response:
        """Both languages side by side, as Government of Canada sites open."""
        return render(
            request,
            "en",
            "splash.html",
            page=SPLASH,
            modified=_built(),
            french=i18n.translations("fr").gettext,
            alternates_of_waits={code: WAIT_TIMES.path(code) for code in i18n.LANGUAGES},
        )

    pages = PageCache()

    def waits_page(lang: Language) -> Callable[[Request], Response]:
        def make() -> bytes:
            now = utc_now()
            views = crossing_views(
                current_and_forecast(container.units(), now, FORECAST_HOURS), now
            )
            return page_html(
                lang, "wait_times.html", page=WAIT_TIMES, modified=now, crossings=views
            )

        def page(request: Request) -> Response:
            body = pages.get((lang, "waits"), make)
            assert body is not None
            return public(request, lang, body)

        return page

    def crossing_page(lang: Language) -> Callable[[Request, str], Response]:
        def make(port: str) -> bytes | None:
            now = utc_now()
            found = current_and_forecast(container.units(), now, FORECAST_HOURS, port)
            if not found:
                return None
            (view,) = crossing_views(found, now)
            return page_html(
                lang,
                "crossing.html",
                page=CROSSING,
                fields={"port": view.code},
                modified=now,
                crossing=view,
            )

        def page(request: Request, port: str) -> Response:
            body = pages.get((lang, "crossing", port[:8]), lambda: make(port[:8]))
            if body is None:  # a page, not the API's problem document: a person reads it
                now = utc_now()
                missing = render(request, lang, "not_found.html", page=WAIT_TIMES, modified=now)
                missing.status_code = 404
                return missing
            return public(request, lang, body)

        return page

    tries = Throttle()  # wrong look-ups on the applicants' status page, per address

    def status_pages(lang: Language) -> tuple[Callable[..., Response], Callable[..., Any]]:
        def private(body: bytes, status: int = 200) -> Response:
            headers = {"Cache-Control": "no-store", "Content-Language": lang}
            return HTMLResponse(body, status_code=status, headers=headers)

        def html(status: int = 200, **context: Any) -> Response:
            body = page_html(
                lang,
                "nexus_status.html",
                page=NEXUS_STATUS,
                modified=utc_now(),
                status_path=NEXUS_STATUS.path(lang),
                **{"a": None, "problem": "", "asked": "", **context},
            )
            return private(body, status)

        def form(request: Request) -> Response:
            return html()

        async def look_up(request: Request) -> Response:
            client = request.client.host if request.client else "unknown"
            async with request.form(max_files=0, max_fields=5) as sent:
                asked = str(sent.get("application", ""))[:64].strip()
                born = str(sent.get("birth_date", ""))[:10]
            if tries.locked(client):
                return html(429, problem="too-many", asked=asked)
            try:
                birth = date.fromisoformat(born)
            except ValueError:
                return html(422, problem="bad-date", asked=asked)
            try:
                found = public_status(container.units(), asked, birth)
            except NotFound:
                tries.failed(client)
                return html(404, problem="not-found", asked=asked)
            tries.succeeded(client)
            # The centres' wait, for an applicant who books or has booked one.
            waiting = found.status in (S.CONDITIONALLY_APPROVED, S.INTERVIEW_BOOKED)
            outlook = interviews.outlook(container.units(), now=utc_now()) if waiting else []
            return html(
                a=found,
                outlook=outlook,
                centre_names={v.centre.code: v.centre.name for v in outlook},
            )

        return form, look_up

    for lang in i18n.LANGUAGES:
        form, look_up = status_pages(lang)
        router.add_api_route(NEXUS_STATUS.path(lang), form, methods=["GET"])
        router.add_api_route(NEXUS_STATUS.path(lang), look_up, methods=["POST"])
        router.add_api_route(WAIT_TIMES.path(lang), waits_page(lang), methods=["GET"])
        router.add_api_route(
            CROSSING.path(lang, port="{port}"), crossing_page(lang), methods=["GET"]
        )
    return router


@cache
def _built() -> datetime:
    return utc_now()


def install(app: FastAPI, container: Container) -> None:
    """Serve the pages and their assets beside the API."""
    from smartborder.web.console import console_router

    theme = HERE / "static" / "themes" / f"{str(container.settings.agency).lower()}.css"

    def theme_css() -> FileResponse:
        """The node's design system (``static/themes``): the pages are the same on both
        nodes, their look is the agency's. Before the mount, which would answer first."""
        return FileResponse(
            theme, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    app.add_api_route("/assets/theme.css", theme_css, methods=["GET"], include_in_schema=False)
    app.mount("/assets", StaticFiles(directory=HERE / "static"), name="web-assets")
    app.include_router(_router(container))
    app.include_router(console_router(container))
