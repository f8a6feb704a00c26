"""Signing in and out, the console's home, and the session's purpose."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from smartborder.accounts.sign_in import sign_in, sign_out, state_purpose
from smartborder.errors import InvalidInput, NotAuthenticated
from smartborder.web import i18n
from smartborder.web.console.desk import Desk, form_of, next_page, redirect
from smartborder.web.i18n import Language
from smartborder.web.pages import CONSOLE, PURPOSE, SIGN_IN, SIGN_OUT
from smartborder.web.visitor import (
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


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext
    idle = container.settings.web_idle_minutes

    def sign_in_form(
        csrf: str, asked: object, *, status: int = 200, errors: dict[str, str], name: str = ""
    ) -> Response:
        return desk.page(
            lang,
            "sign_in.html",
            SIGN_IN,
            status=status,
            csrf=csrf,
            next=next_page(lang, asked),
            errors=errors,
            name=name,
            idle_minutes=idle,
        )

    def show_sign_in(request: Request) -> Response:
        asked = request.query_params.get("next")
        if visitor(request, container) is not None:
            return redirect(next_page(lang, asked))
        value = new_sign_in_value()
        response = sign_in_form(value, asked, errors={})
        set_cookie(response, SIGN_IN_COOKIE, value, secure=desk.secure)
        return response

    async def post_sign_in(request: Request) -> Response:
        # No session yet: the form's token is the one set in a cookie with the form.
        form = await form_of(request)
        expected = request.cookies.get(SIGN_IN_COOKIE, "")
        if not same_origin(request) or not token_matches(form.get(CSRF_FIELD), expected):
            return desk.refused(lang, SIGN_IN, None)
        name, password = form.get("name", "").strip(), form.get("password", "")
        errors = {}
        if not name:
            errors["name"] = gettext("Enter your user name.")
        if not password:
            errors["password"] = gettext("Enter your password.")
        account = f"{container.settings.agency}/{name}"
        if not errors and desk.attempts.locked(account):
            errors["password"] = gettext(
                "Too many wrong passwords: try again in 15 minutes, or ask a supervisor."
            )
        if not errors:
            try:
                done = sign_in(
                    container.units(),
                    agency=container.settings.agency,
                    name=name,
                    password=password,
                    secret=container.secret,
                )
            except NotAuthenticated:
                desk.attempts.failed(account)
                errors["password"] = gettext("The user name or the password is not right.")
            else:
                desk.attempts.succeeded(account)
                response = redirect(next_page(lang, form.get("next")))
                set_cookie(response, SESSION_COOKIE, done.token, secure=desk.secure)
                response.delete_cookie(SIGN_IN_COOKIE, path="/")
                return response
        status = 422 if "name" in errors or not password else 401
        return sign_in_form(expected, form.get("next"), status=status, errors=errors, name=name)

    async def post_sign_out(request: Request) -> Response:
        who = visitor(request, container)
        if who is not None:
            form = await desk.posted(request, lang, SIGN_OUT, who)
            if isinstance(form, Response):
                return form
            sign_out(container.units(), who.user, who.session)
        response = redirect(SIGN_IN.path(lang))
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    def show_console(request: Request) -> Response:
        who = desk.signed_in(request, lang, CONSOLE)
        if not isinstance(who, Visitor):
            return who
        return desk.page(lang, "console.html", CONSOLE, who=who)

    def purpose_form(
        who: Visitor, asked: object, *, status: int = 200, error: str = "", purpose: str = ""
    ) -> Response:
        return desk.page(
            lang,
            "purpose.html",
            PURPOSE,
            status=status,
            who=who,
            next=next_page(lang, asked),
            errors={"purpose": error} if error else {},
            purpose=purpose,
        )

    def show_purpose(request: Request) -> Response:
        who = desk.signed_in(request, lang, PURPOSE)
        if not isinstance(who, Visitor):
            return who
        return purpose_form(who, request.query_params.get("next"))

    async def post_purpose(request: Request) -> Response:
        who = desk.signed_in(request, lang, PURPOSE)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, PURPOSE, who)
        if isinstance(form, Response):
            return form
        purpose = form.get("purpose", "").strip()
        try:
            state_purpose(container.units(), who.session, purpose)
        except InvalidInput:
            error = gettext("Say why, in 200 characters at most.")
            return purpose_form(
                who, form.get("next"), status=422, error=error, purpose=purpose[:200]
            )
        return redirect(next_page(lang, form.get("next")))

    router.add_api_route(SIGN_IN.path(lang), show_sign_in, methods=["GET"])
    router.add_api_route(SIGN_IN.path(lang), post_sign_in, methods=["POST"])
    router.add_api_route(SIGN_OUT.path(lang), post_sign_out, methods=["POST"])
    router.add_api_route(CONSOLE.path(lang), show_console, methods=["GET"])
    router.add_api_route(PURPOSE.path(lang), show_purpose, methods=["GET"])
    router.add_api_route(PURPOSE.path(lang), post_purpose, methods=["POST"])
