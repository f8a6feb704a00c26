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
