"""Who is at the browser: the session cookie, the CSRF token of its forms, and the
headers every console page is sent with.

The session cookie holds a random token (its keyed hash is what the store keeps,
``accounts.sign_in``): HttpOnly, so no script reads it; SameSite=Strict, so no other
site's page sends it; Secure outside development. Every form carries a CSRF token
derived from the session (an HMAC of its hash under the node's secret: nothing more to
store), and a POST without the right one is refused; the sign-in form, which has no
session yet, carries the value of a cookie set with it (double submit). A POST whose
``Origin`` names another site is refused too (OWASP's defence in depth).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request, Response

from smartborder.accounts.sign_in import session_user
from smartborder.bootstrap import Container
from smartborder.domain import User
from smartborder.domain.web_sessions import WebSession
from smartborder.errors import NotAuthenticated

SESSION_COOKIE = "sb_session"
SIGN_IN_COOKIE = "sb_sign_in"  # the sign-in form's double-submit CSRF value
CSRF_FIELD = "csrf"

#: Sent with every console page: never cached or framed; scripts, styles and forms only
#: from this origin.
CONSOLE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class Visitor:
    """A signed-in person: their account, their session, their forms' CSRF token."""

    user: User
    session: WebSession
    csrf: str


def csrf_for(session: WebSession, secret: str) -> str:
    return hmac.new(
        secret.encode(), b"csrf:" + session.token_hash.encode(), hashlib.sha256
    ).hexdigest()


def visitor(request: Request, container: Container) -> Visitor | None:
    """The signed-in visitor of ``request``, or None (no cookie, or a dead session)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 100:
        return None
    settings = container.settings
    try:
        user, session = session_user(
            container.units,
            token,
            secret=container.secret,
            idle=timedelta(minutes=settings.web_idle_minutes),
            longest=timedelta(hours=settings.web_session_hours),
        )
    except NotAuthenticated:
        return None
    return Visitor(user, session, csrf_for(session, container.secret))


def same_origin(request: Request) -> bool:
    """No ``Origin``, or this server's own (browsers send it with every form POST)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def token_matches(given: object, expected: str) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(given, expected)


def new_sign_in_value() -> str:
    return secrets.token_urlsafe(24)


def set_cookie(response: Response, name: str, value: str, *, secure: bool) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure, path="/")
