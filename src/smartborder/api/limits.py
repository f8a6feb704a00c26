"""Limits before work: a request is refused before its body is parsed, or even read.

``RequestLimits`` is an ASGI middleware in front of every route. In order, it

1. finds the operation in the API's OpenAPI, and if it needs a bearer token, checks the
   token with the dependency the route itself uses: a request without a valid one is a
   401 whatever its body, and no body of an unknown caller is ever read;
2. refuses a ``Content-Length`` over the route's cap (413) without reading a byte, and
   counts the bytes of a streamed (chunked) body, refusing as soon as they pass the cap;
3. refuses JSON nested deeper than ``MAX_JSON_DEPTH`` (400), which would otherwise reach
   a recursive parser or model (a RecursionError, a 500);

then hands the route the body it read. Every refusal is a problem document (RFC 9457).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.security import HTTPBearer
from sqlalchemy.exc import DBAPIError
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from smartborder.api import problems
from smartborder.api.deps import get_current_user
from smartborder.api.routes.clearance import MAX_MESSAGE
from smartborder.api.routes.rules import MAX_SOURCE
from smartborder.errors import NotAuthenticated
from smartborder.exchange.envelope import MAX_MESSAGE_BYTES
from smartborder.formats.manifest.schema import MAX_DOCUMENT_BYTES

#: What a body may weigh on a route not named below: ample for any of the API's JSON
#: objects (a crossing, a booth read, a queue request are well under 10 kB).
DEFAULT_BODY_BYTES = 1024 * 1024
#: The routes that take documents, by path: their own limits. A text field's limit is in
#: characters; its JSON carries escapes (a newline is two bytes) and other fields beside.
BODY_BYTES: dict[str, int] = {
    "/v1/manifests": MAX_DOCUMENT_BYTES,
    "/v1/exchange/messages": MAX_MESSAGE_BYTES,
    "/v1/exchange/manifests": MAX_MESSAGE_BYTES,
    "/v1/messages/paxlst": 2 * MAX_MESSAGE + MAX_MESSAGE // 2,  # PAXLST and PNRGOV
    "/v1/rules": MAX_SOURCE + MAX_SOURCE // 2,
    "/v1/rules/backtest": MAX_SOURCE + MAX_SOURCE // 2,
}
#: Deeper than any document the API takes (an eManifest nests about 6 levels), far
#: shallower than the levels at which Python's parsers and validators recurse too deep.
MAX_JSON_DEPTH = 32

_bearer = HTTPBearer(auto_error=False)


@dataclass(frozen=True)
class _Policy:
    max_bytes: int
    needs_token: bool


_UNROUTED = _Policy(DEFAULT_BODY_BYTES, needs_token=False)


@dataclass(frozen=True)
class _Operation:
    path: re.Pattern[str]
    methods: frozenset[str]
    policy: _Policy


def _operations(app: FastAPI) -> list[_Operation]:
    """Every operation of ``app``'s OpenAPI, in the router's order, with its policy: a
    token when the operation names a security scheme (the bearer token of ``deps``), as
    the published API says; the body cap of its path."""
    operations = []
    for path, item in app.openapi()["paths"].items():
        pattern, _, _ = compile_path(path)
        for method, operation in item.items():
            methods = {method.upper()} | ({"HEAD"} if method == "get" else set())
            policy = _Policy(
                BODY_BYTES.get(path, DEFAULT_BODY_BYTES), bool(operation.get("security"))
            )
            operations.append(_Operation(pattern, frozenset(methods), policy))
    return operations


class RequestLimits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._operations: list[_Operation] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self._policy(scope)
        body = b""
        refusal = await self._authenticate(scope) if policy.needs_token else None
        if refusal is None:
            body, refusal = await _read_body(scope, receive, policy.max_bytes)
        if refusal is None:
            refusal = _too_deep(scope, body) or _nul(scope, body)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _policy(self, scope: Scope) -> _Policy:
        if self._operations is None:  # the routes are all included by the first request
            self._operations = _operations(scope["app"])
        for operation in self._operations:
            if scope["method"] in operation.methods and operation.path.match(scope["path"]):
                return operation.policy
        return _UNROUTED  # documentation pages, or a 404 or 405 to come

    async def _authenticate(self, scope: Scope) -> JSONResponse | None:
        # The route's own dependency, so that what makes a token valid is said once.
        request = Request(scope)
        try:
            user = await get_current_user(
                request, scope["app"].state.container, await _bearer(request)
            )
        except NotAuthenticated as exc:
            return problems.of_error(exc, instance=scope["path"])
        except DBAPIError as exc:  # the store is down: a 503 to try again, not a 500
            return problems.of_store_failure(exc, instance=scope["path"])
        # The route's dependency takes it from here: one read of the store per request.
        request.state.user = user
        return None


async def _read_body(
    scope: Scope, receive: Receive, max_bytes: int
) -> tuple[bytes, JSONResponse | None]:
    declared = _header(scope, b"content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            return b"", problems.problem(
                400, "Bad Request", "Content-Length is not a number", instance=scope["path"]
            )
        if int(declared) > max_bytes:
            return b"", _too_large(scope, max_bytes)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:  # a streamed body, or one longer than it declared
            return b"", _too_large(scope, max_bytes)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), None


def _too_large(scope: Scope, max_bytes: int) -> JSONResponse:
    return problems.problem(
        413,
        "Content too large",
        f"the body of {scope['method']} {scope['path']} is at most {max_bytes:,} bytes",
        code="content-too-large",
        instance=scope["path"],
        max_bytes=max_bytes,
    )


def _too_deep(scope: Scope, body: bytes) -> JSONResponse | None:
    if json_depth_exceeds(body, MAX_JSON_DEPTH):
        return problems.problem(
            400,
            "JSON too deep",
            f"the body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep",
            code="json-too-deep",
            instance=scope["path"],
            max_depth=MAX_JSON_DEPTH,
        )
    return None


# JSON writes NUL only as \u0000 (after an even number of backslashes: "\\u0000" is text).
_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _nul(scope: Scope, body: bytes) -> JSONResponse | None:
    """A NUL character anywhere in the request: no field of the node holds one, and
    PostgreSQL refuses to store it (a 500 from deep in a route, found by schemathesis)."""
    query = scope.get("query_string", b"")
    if (
        "\x00" in scope["path"]
        or b"%00" in query
        or b"\x00" in query
        or b"\x00" in body
        or _NUL_ESCAPE.search(body)
    ):
        return problems.problem(
            400,
            "NUL character",
            "the request holds a NUL character (U+0000), which no field can hold",
            code="nul-character",
            instance=scope["path"],
        )
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()  # after the body: the disconnect, when it comes
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1").strip())
    return None


# -- JSON depth -----------------------------------------------------------------------------
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the JSON text ``body`` nests arrays and objects more than ``limit`` deep.

    Counted on the brackets outside strings, without parsing. Malformed JSON is left to
    the parser to describe, unless its brackets alone open more than ``limit`` deep.
    """
    # Escapes out first (an escaped backslash before an escaped quote), so that every
    # quote left opens or closes a string: the text outside strings is every other piece.
    unescaped = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = b"".join(unescaped.split(b'"')[0::2]).translate(None, _NOT_BRACKETS)
    # Each pass removes the innermost pairs, at the speed of bytes.replace: one level of a
    # well-formed text at least, two at most ("{[]}"), so a text emptied in limit // 2
    # passes is no deeper than the limit. Most bodies run out of brackets in a few.
    reduced = skeleton
    for _ in range(limit // 2):
        shorter = reduced.replace(b"[]", b"").replace(b"{}", b"")
        if not shorter:
            return False
        if shorter == reduced:  # unbalanced: counted below
            break
        reduced = shorter
    # Deep, or malformed: count the levels one bracket at a time, from the start.
    depth = 0
    for byte in skeleton:
        depth = depth + 1 if byte in _OPENING else depth - 1
        if depth > limit:
            return True
    return False


def install(app: FastAPI) -> None:
    """Put the limits in front of every route of ``app``."""
    app.add_middleware(RequestLimits)
