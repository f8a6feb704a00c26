"""The demo's last step: its day stays in the store, and the report says how to open it
in the web console, signed in as one of the demo's officers, analysts or supervisors.

Only in the development environment do the demo's accounts get a password (a known one,
printed here): a test or production node never has an account anyone can sign in to
without being given it.
"""

from __future__ import annotations

from smartborder.accounts.sign_in import set_password
from smartborder.bootstrap import Container
from smartborder.demo.report import DemoReport
from smartborder.domain import Agency

DEMO_PASSWORD = "demo-password-for-development-only"
DEMO_ACCOUNTS = ("demo-analyst", "demo-supervisor", "demo-officer")


def open_the_console(report: DemoReport, container: Container) -> None:
    section = report.section("The console")
    if container.settings.environment != "development":
        section.add(
            "sign in",
            "the demo's accounts have no password outside the development environment: "
            "give one with `smartborder users password NAME --agency A`",
        )
        return
    for agency in Agency:
        for name in DEMO_ACCOUNTS:
            set_password(container.units(), agency=agency, name=name, password=DEMO_PASSWORD)
    agency = container.settings.agency
    section.add("open it", "`make serve`, then http://127.0.0.1:8000/en/sign-in (/fr/connexion)")
    section.add(
        "sign in as",
        f"{', '.join(DEMO_ACCOUNTS)} of {agency}, password {DEMO_PASSWORD} "
        f"(for the other agency's accounts, serve with SMARTBORDER_AGENCY="
        f"{'CBP' if agency is Agency.CBSA else 'CBSA'})",
    )
