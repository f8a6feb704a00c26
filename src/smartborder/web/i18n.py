"""The two languages: message catalogues, and dates and times as each language writes them.

The catalogues are gettext ``.po`` files (``web/locale/<lang>/LC_MESSAGES/messages.po``),
read with Babel at start-up: the ``.po`` is the one source, with no compiled ``.mo`` to
fall out of date. English is the language of the messages themselves; French is a
catalogue that must hold every message (a test fails on one without its French).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from markupsafe import Markup

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
CATALOGUES = Path(__file__).parent / "locale"


def other(lang: Language) -> Language:
    return "fr" if lang == "en" else "en"


@cache
def translations(lang: Language) -> NullTranslations:
    """The language's catalogue (English: the messages as written)."""
    if lang == "en":
        return NullTranslations()
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po, locale=LOCALES[lang])
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


# Pages write hundreds of moments (a day's trips, the audit log), many of them the same:
# each is worked out once per process, with the language's Locale parsed once.
@cache
def _locale(lang: Language) -> Locale:
    return Locale.parse(LOCALES[lang])


@lru_cache(maxsize=8192)
def when(moment: datetime, lang: Language, zone: str) -> str:
    """A moment as the language writes it, in the port's time: "Jul 3, 2026, 6:30 PM PDT"."""
    local = moment.astimezone(ZoneInfo(zone))
    locale = _locale(lang)
    written = f"{format_date(local.date(), 'medium', locale=locale)}, {clock(moment, lang, zone)}"
    return f"{written} {local.tzname() or ''}".rstrip()


@lru_cache(maxsize=8192)
def clock(moment: datetime, lang: Language, zone: str) -> str:
    """The hour of a moment in the port's time: "6:00 PM" / "18 h 00"."""
    return format_time(moment.astimezone(ZoneInfo(zone)), "short", locale=_locale(lang))


def day(moment: date, lang: Language) -> str:
    """A date (or a moment's) as the language writes it: "July 3, 2026" / "3 juillet 2026"."""
    return format_date(
        moment.date() if isinstance(moment, datetime) else moment, "long", locale=LOCALES[lang]
    )


def number(value: float, lang: Language) -> str:
    """A score as the language writes it: "0.91" / "0,91"."""
    return _hundredths(round(value, 2), lang)


@lru_cache(maxsize=8192)  # scores are few to the hundredth: each is written once
def _hundredths(value: float, lang: Language) -> str:
    return format_decimal(value, format="0.00", locale=_locale(lang))


@lru_cache(maxsize=8192)  # a day's tables repeat the same small counts row after row
def count(value: int, lang: Language) -> str:
    """A count as the language writes it: "12,345" / "12 345"."""
    return format_decimal(value, locale=_locale(lang))


def in_english(text: object, lang: Language) -> Markup:
    """Text that is English whatever the page's language (an engine's explanation, a
    partner's error), marked so on a French page: screen readers then read it in English
    (WCAG 3.1.2, language of parts)."""
    if lang == "en":
        return Markup.escape(text)
    return Markup('<span lang="en">%s</span>') % text
