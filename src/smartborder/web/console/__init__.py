"""The officers' console: sign-in, the hit queue, the booth, flights, goods, operations,
the trusted travellers, the audit log, the lists and the link to the partner, in English
and French.

Each page makes one service call and renders it; none reaches the store itself. Roles
and agency scoping are the API's: a page another role may not see says so (403), and
another agency's record by its address is not found (404), exactly as the API answers.
Personal data is shown only once the session has stated why it is read, and every page
that shows it is audited with that purpose (``desk.Desk.reading``). Every form carries
the session's CSRF token (``web.visitor``).
"""

from __future__ import annotations

from fastapi import APIRouter

from smartborder.bootstrap import Container
from smartborder.web import i18n
from smartborder.web.console import (
    booth,
    flights,
    goods,
    hits,
    operations,
    programmes,
    records,
    rules,
    sign_in,
)
from smartborder.web.console.desk import Desk


def console_router(container: Container) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    desk = Desk(container)
    for lang in i18n.LANGUAGES:
        for pages in (
            sign_in,
            hits,
            rules,
            booth,
            flights,
            goods,
            operations,
            programmes,
            records,
        ):
            pages.add(router, desk, lang)
    return router
