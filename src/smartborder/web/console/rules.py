"""Targeting rules (analysts, supervisors): the versions saved, a draft written or sent
as a file with every mistake shown at its line, a backtest of a version on stored
traffic (a table and a chart), and making a version live (supervisors only).

A backtest reads stored decisions and is audited as such by the service; its answer is
counts per rule, nothing personal, so the page does not ask for a purpose first. It runs
apart from the booths on the node's backtest slots, shared with the API
(``smartborder.backtesting``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response

from smartborder import backtesting
from smartborder.domain import Role, utc_now
from smartborder.errors import Busy, NotFound, TooMuchWork
from smartborder.lists.rulesets import (
    Backtest,
    activate_rule_set,
    rule_set_detail,
    rule_versions,
    save_draft,
)
from smartborder.web import i18n
from smartborder.web.console.desk import MAX_LONG, Desk, redirect
from smartborder.web.i18n import Language
from smartborder.web.pages import ACTIVATE, BACKTEST, RULE_SET, RULES
from smartborder.web.visitor import Visitor

AUTHORS = (Role.ANALYST, Role.SUPERVISOR)  # as /v1/rules
ACTIVATORS = (Role.SUPERVISOR,)  # as /v1/rules/{version}/activate
BACKTEST_DAYS = 30  # the period a backtest form offers first


def add(router: APIRouter, desk: Desk, lang: Language) -> None:
    container = desk.container
    gettext = i18n.translations(lang).gettext

    def links(version: str) -> dict[str, str]:
        return {
            "version": RULE_SET.path(lang, version=version),
            "backtest": BACKTEST.path(lang, version=version),
            "activate": ACTIVATE.path(lang, version=version),
        }

    def versions_page(
        who: Visitor,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        problems: tuple[Any, ...] = (),
        form: dict[str, str] | None = None,
        done: str = "",
    ) -> Response:
        return desk.page(
            lang,
            "rules.html",
            RULES,
            status=status,
            who=who,
            versions=rule_versions(container.units(), who.user.agency),
            links=links,
            errors=errors or {},
            problems=problems,
            form=form or {},
            done=done,
            longest=MAX_LONG,
        )

    def show_versions(request: Request) -> Response:
        who = desk.signed_in(request, lang, RULES, AUTHORS)
        if not isinstance(who, Visitor):
            return who
        return versions_page(who, done=request.query_params.get("live", "")[:20])

    async def send_draft(request: Request) -> Response:
        who = desk.signed_in(request, lang, RULES, AUTHORS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, RULES, who, long="source")
        if isinstance(form, Response):
            return form
        source = form.get("source", "")
        errors: dict[str, str] = {}
        if form.get("source-file") == "not-text":
            errors["source"] = gettext("The file sent is not text in UTF-8.")
        elif not source.strip():
            errors["source"] = gettext("Write the draft's rules, or choose a file that holds them.")
        if errors:
            return versions_page(who, status=422, errors=errors, form=form)
        saved = save_draft(
            container.units(), who.user, source, name=form.get("name", "").strip()[:100] or None
        )
        if isinstance(saved, list):
            message = gettext(
                "The draft was not saved: correct the lines marked below and send it again."
            )
            return versions_page(
                who, status=422, errors={"source": message}, problems=tuple(saved), form=form
            )
        return redirect(f"{RULE_SET.path(lang, version=saved.version)}?saved=1")

    def version_page(
        who: Visitor,
        version: str,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        result: Backtest | None = None,
        saved: bool = False,
    ) -> Response:
        try:
            detail = rule_set_detail(container.units(), who.user.agency, version[:64])
        except NotFound:  # another agency's version too: as GET /v1/rules/{version}
            return desk.message(lang, RULES, 404, "no-rule-set", who)
        today = utc_now().date()
        return desk.page(
            lang,
            "rule_set.html",
            RULE_SET,
            status=status,
            fields={"version": detail.record.version},
            who=who,
            detail=detail,
            links=links(detail.record.version),
            errors=errors or {},
            form=form
            or {
                "since": (today - timedelta(days=BACKTEST_DAYS)).isoformat(),
                "until": today.isoformat(),
            },
            result=result,
            saved=saved,
        )

    def show_version(request: Request, version: str) -> Response:
        who = desk.signed_in(request, lang, RULES, AUTHORS)
        if not isinstance(who, Visitor):
            return who
        return version_page(who, version, saved=request.query_params.get("saved") == "1")

    async def run_backtest(request: Request, version: str) -> Response:
        who = desk.signed_in(request, lang, RULES, AUTHORS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, RULES, who)
        if isinstance(form, Response):
            return form
        since, until, errors = _period(form, gettext)
        if errors or since is None:
            return version_page(who, version, status=422, errors=errors, form=form)
        try:
            saved = rule_set_detail(container.units(), who.user.agency, version[:64]).record
        except NotFound:
            return desk.message(lang, RULES, 404, "no-rule-set", who)
        limiter = backtesting.slots(request.app.state, container.settings.backtests_at_once)
        try:
            result = await backtesting.run_backtest(
                container, limiter, who.user, saved.source, since, until
            )
        except TooMuchWork:
            errors["since"] = gettext(
                "The backtest took too long and was stopped: choose a shorter period."
            )
            return version_page(who, version, status=422, errors=errors, form=form)
        except Busy:
            errors["since"] = gettext(
                "Other backtests are using every place this node keeps for them: try again "
                "in a minute."
            )
            return version_page(who, version, status=503, errors=errors, form=form)
        return version_page(who, version, form=form, result=result)

    async def activate(request: Request, version: str) -> Response:
        who = desk.signed_in(request, lang, RULES, ACTIVATORS)
        if not isinstance(who, Visitor):
            return who
        form = await desk.posted(request, lang, RULES, who)
        if isinstance(form, Response):
            return form
        try:
            live = activate_rule_set(container.units(), who.user, version[:64])
        except NotFound:
            return desk.message(lang, RULES, 404, "no-rule-set", who)
        return redirect(f"{RULES.path(lang)}?live={quote(live.version)}")

    router.add_api_route(RULES.path(lang), show_versions, methods=["GET"])
    router.add_api_route(RULES.path(lang), send_draft, methods=["POST"])
    router.add_api_route(RULE_SET.path(lang, version="{version}"), show_version, methods=["GET"])
    router.add_api_route(BACKTEST.path(lang, version="{version}"), run_backtest, methods=["POST"])
    router.add_api_route(ACTIVATE.path(lang, version="{version}"), activate, methods=["POST"])


def _period(form: dict[str, str], gettext: Any) -> tuple[date | None, date | None, dict[str, str]]:
    """The backtest's first and last travel days from the form, or the errors to show."""
    errors: dict[str, str] = {}

    def day(name: str) -> date | None:
        text = form.get(name, "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            errors[name] = gettext("Write the date as year-month-day, as 2026-07-01.")
            return None

    since, until = day("since"), day("until")
    if since is None and "since" not in errors:
        errors["since"] = gettext("Write the first day of traffic to backtest on.")
    if since and until and until < since:
        errors["until"] = gettext("The last day is before the first.")
    return since, until, errors
