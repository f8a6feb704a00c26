"""The site's pages and their addresses, one per language (French paths in French).

A page is named once here; the language toggle and the ``hreflang`` alternates link a
page to the same page in the other language through this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartborder.web.i18n import Language


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the site: its address in English and in French (``{port}``-style fields)."""

    en: str
    fr: str

    def path(self, lang: Language, **fields: str) -> str:
        return (self.en if lang == "en" else self.fr).format(**fields)


SPLASH = Page("/", "/")
WAIT_TIMES = Page("/en/wait-times", "/fr/temps-attente")
CROSSING = Page("/en/wait-times/{port}", "/fr/temps-attente/{port}")

# The console: signed in, never cached.
SIGN_IN = Page("/en/sign-in", "/fr/connexion")
SIGN_OUT = Page("/en/sign-out", "/fr/deconnexion")
CONSOLE = Page("/en/console", "/fr/console")
PURPOSE = Page("/en/console/purpose", "/fr/console/motif")
HITS = Page("/en/console/hits", "/fr/console/alertes")
HIT = Page("/en/console/hits/{hit}", "/fr/console/alertes/{hit}")
BOOTH = Page("/en/console/booth", "/fr/console/guichet")
FLIGHTS = Page("/en/console/flights", "/fr/console/vols")
FLIGHT = Page("/en/console/flights/{day}/{flight}", "/fr/console/vols/{day}/{flight}")
AUDIT = Page("/en/console/audit", "/fr/console/journal")
LISTS = Page("/en/console/lists", "/fr/console/listes")
EXCHANGE = Page("/en/console/sharing", "/fr/console/echange")
OPERATIONS = Page("/en/console/operations", "/fr/console/operations")
RULES = Page("/en/console/rules", "/fr/console/regles")
RULE_SET = Page("/en/console/rules/{version}", "/fr/console/regles/{version}")
BACKTEST = Page("/en/console/rules/{version}/backtest", "/fr/console/regles/{version}/essai")
ACTIVATE = Page("/en/console/rules/{version}/activate", "/fr/console/regles/{version}/activer")
GOODS = Page("/en/console/goods", "/fr/console/marchandises")
SHIPMENT = Page("/en/console/goods/{shipment}", "/fr/console/marchandises/{shipment}")
NEXUS = Page("/en/console/nexus", "/fr/console/nexus")
NEXUS_APPLICATION = Page(
    "/en/console/nexus/applications/{application}", "/fr/console/nexus/demandes/{application}"
)
NEXUS_CENTRE = Page("/en/console/nexus/centres/{centre}", "/fr/console/nexus/centres/{centre}")
NEXUS_REVIEWS = Page("/en/console/nexus/reviews", "/fr/console/nexus/revisions")

# The applicants' own page: public, never cached (it shows their application).
NEXUS_STATUS = Page("/en/nexus/status", "/fr/nexus/etat")
