"""Errors as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from smartborder.errors import Busy, SmartborderError, StoreUnavailable
from smartborder.store.failures import store_failure

MEDIA_TYPE = "application/problem+json"


log = logging.getLogger("smartborder.api")


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    code: str | None = None,
    instance: str | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}" if code else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def validation_failed(errors: list[dict[str, str]], *, instance: str) -> JSONResponse:
    """422 listing every problem (``{location, problem}``), the first in the detail."""
    first = errors[0] if errors else {"location": "body", "problem": "invalid"}
    return problem(
        422,
        "Validation failed",
        f"{first['location']}: {first['problem']}",
        code="validation-failed",
        instance=instance,
        errors=errors,
    )


def of_error(exc: SmartborderError, *, instance: str | None = None) -> JSONResponse:
    """The problem document of one of our errors (with Retry-After when it says to wait:
    ``Busy``, ``StoreUnavailable``)."""
    response = problem(exc.http_status, exc.title, exc.message, code=exc.code, instance=instance)
    if isinstance(exc, Busy | StoreUnavailable):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def of_store_failure(exc: DBAPIError, *, instance: str) -> JSONResponse:
    """503 with Retry-After when the database failed (a restart, a full disk): one line
    in the log. Any other database error is ours: re-raised, to be the 500 below."""
    failed = store_failure(exc)
    if failed is None:
        raise exc
    log.warning("store unavailable on %s: %s", instance, failed)
    unavailable = StoreUnavailable("the database is unavailable; try again shortly")
    return of_error(unavailable, instance=instance)


def install(app: FastAPI) -> None:
    @app.exception_handler(SmartborderError)
    async def _ours(request: Request, exc: SmartborderError) -> JSONResponse:
        return of_error(exc, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"location": ".".join(str(p) for p in err["loc"]), "problem": err["msg"]}
            for err in exc.errors()
        ]
        return validation_failed(errors, instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = HTTPStatus(exc.status_code).phrase
        return problem(exc.status_code, title, str(exc.detail), instance=request.url.path)

    @app.exception_handler(DBAPIError)
    async def _store(request: Request, exc: DBAPIError) -> JSONResponse:
        return of_store_failure(exc, instance=request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Never leak internals: the log has the traceback, the caller gets a plain 500.
        return problem(
            500,
            "Internal error",
            "an unexpected error occurred; it was logged",
            code="internal-error",
            instance=request.url.path,
        )
