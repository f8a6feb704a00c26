"""What every console page does before and after its own work: who is there, may they
see this page, have they said why they read personal data, is the form theirs; and the
page itself, never cached, in the visitor's language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from smartborder.accounts.throttle import Throttle
from smartborder.bootstrap import Container
from smartborder.domain import Role, utc_now
from smartborder.web.i18n import Language
from smartborder.web.pages import (
    AUDIT,
    BOOTH,
    CONSOLE,
    EXCHANGE,
    FLIGHTS,
    GOODS,
    HIT,
    HITS,
    LISTS,
    NEXUS,
    NEXUS_REVIEWS,
    OPERATIONS,
    PURPOSE,
    RULES,
    SIGN_IN,
    SIGN_OUT,
    Page,
)
from smartborder.web.site import page_html
from smartborder.web.visitor import (
    CONSOLE_HEADERS,
    CSRF_FIELD,
    Visitor,
    same_origin,
    token_matches,
    visitor,
)

MAX_FIELD = 2000  # the longest form field read (a disposition's note)
# A long field's bytes (a rule file): under the node's 1 MiB cap on a console request's
# body (``api.limits.DEFAULT_BODY_BYTES``); longer rule files go through the API or the CLI.
MAX_LONG = 900_000


def paths(lang: Language) -> dict[str, str]:
    """Every console address in ``lang``, for the templates' links and forms."""
    return {
        "console": CONSOLE.path(lang),
        "hits": HITS.path(lang),
        "booth": BOOTH.path(lang),
        "flights": FLIGHTS.path(lang),
        "operations": OPERATIONS.path(lang),
        "goods": GOODS.path(lang),
        "audit": AUDIT.path(lang),
        "lists": LISTS.path(lang),
        "sharing": EXCHANGE.path(lang),
        "rules": RULES.path(lang),
        "nexus": NEXUS.path(lang),
        "nexus_reviews": NEXUS_REVIEWS.path(lang),
        "purpose": PURPOSE.path(lang),
        "sign_in": SIGN_IN.path(lang),
        "sign_out": SIGN_OUT.path(lang),
    }


def redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303, headers={"Cache-Control": "no-store"})


def next_page(lang: Language, asked: object) -> str:
    """Where to go after signing in or stating a purpose: a console page of this site
    only (never another site's address handed in by a link)."""
    if isinstance(asked, str) and len(asked) < 500:
        parts = urlsplit(asked)
        if not parts.scheme and not parts.netloc and parts.path.startswith(CONSOLE.path(lang)):
            return asked
    return CONSOLE.path(lang)


def _asked(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


async def form_of(request: Request, long: str | None = None) -> dict[str, str]:
    """The form's text fields, each cut at ``MAX_FIELD`` characters; the field named
    ``long`` (a textarea or a file of text) may hold up to ``MAX_LONG`` bytes, and a file
    sent under that name stands for the field."""
    # ``async with``: the form's files are closed (their spooled temporary files freed).
    async with request.form(
        max_files=1 if long else 0, max_fields=20, max_part_size=MAX_LONG if long else 1 << 20
    ) as form:
        fields = {k: v[:MAX_FIELD] for k, v in form.items() if isinstance(v, str) and k != long}
        if long is not None:
            typed, sent = form.get(long), form.get(f"{long}-file")
            fields[long] = typed[:MAX_LONG] if isinstance(typed, str) else ""
            if isinstance(sent, UploadFile) and sent.filename:
                data = await sent.read(MAX_LONG + 1)
                try:
                    fields[long] = data[:MAX_LONG].decode("utf-8")
                except UnicodeDecodeError:
                    fields[f"{long}-file"] = "not-text"
    return fields


class Desk:
    """The console's pages on one node."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.secure = container.settings.environment != "development"  # Secure cookies
        self.attempts = Throttle()  # wrong passwords per account

    def page(
        self,
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
            paths=paths(lang),
            visitor=who,
            csrf_field=CSRF_FIELD,
            hit_path=lambda hit_id: HIT.path(lang, hit=hit_id),
            **context,
        )
        headers = {**CONSOLE_HEADERS, "Content-Language": lang}
        return HTMLResponse(body, status_code=status, headers=headers)

    def message(
        self, lang: Language, page: Page, status: int, message: str, who: Visitor | None
    ) -> Response:
        """A refusal as a page (``console_message.html``): "forbidden", "refused",
        "no-hit" or "no-flight"."""
        return self.page(
            lang, "console_message.html", page, status=status, who=who, message=message
        )

    def signed_in(
        self, request: Request, lang: Language, page: Page, roles: tuple[Role, ...] = ()
    ) -> Visitor | Response:
        """The visitor, or the response in its place: sign in first, or not your role."""
        who = visitor(request, self.container)
        if who is None:
            return redirect(f"{SIGN_IN.path(lang)}?next={quote(_asked(request))}")
        if roles and who.user.role not in roles:
            return self.message(lang, page, 403, "forbidden", who)
        return who

    def reading(
        self, request: Request, lang: Language, page: Page, roles: tuple[Role, ...]
    ) -> Visitor | Response:
        """``signed_in``, and for a page of personal data the session's purpose first."""
        who = self.signed_in(request, lang, page, roles)
        if isinstance(who, Visitor) and not who.session.purpose:
            return redirect(f"{PURPOSE.path(lang)}?next={quote(_asked(request))}")
        return who

    async def posted(
        self, request: Request, lang: Language, page: Page, who: Visitor, long: str | None = None
    ) -> dict[str, str] | Response:
        """The visitor's form, or a refusal when its CSRF token is not theirs or it comes
        from another site's page (``long``: as ``form_of``)."""
        form = await form_of(request, long)
        if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), who.csrf):
            return self.refused(lang, page, who)
        return form

    def refused(self, lang: Language, page: Page, who: Visitor | None) -> Response:
        return self.message(lang, page, 403, "refused", who)

    def purpose(self, who: Visitor) -> str:
        """The purpose the session stated (``reading`` made sure there is one)."""
        assert who.session.purpose is not None
        return who.session.purpose
