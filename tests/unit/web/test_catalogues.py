"""Every word of the site goes through the catalogues, and every message has its French."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from smartborder import web

WEB = Path(web.__file__).parent
TEMPLATES = sorted((WEB / "templates").glob("*.html"))
FRENCH = WEB / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>")
#: The attributes a reader sees or hears: their words must come from the catalogues too.
SHOWN = re.compile(r'\b(?:alt|title|aria-label|placeholder|value)="([^"]*)"')
NOT_WORDS = re.compile(r"&[a-z]+;|[\s–|]")


def _messages() -> set[str]:
    """The messages in the templates and the code, as pybabel extracts them (make messages)."""
    found = extract_from_dir(
        str(WEB),
        method_map=[("**/templates/**.html", "jinja2"), ("**.py", "python")],
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "french": None},
    )
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_holds_no_words_outside_the_catalogues(template: Path) -> None:
    markup = JINJA.sub("", template.read_text())  # what the template itself writes
    shown = SHOWN.findall(markup)
    text = [NOT_WORDS.sub("", t) for t in TAG.split(markup) + shown]
    loose = [t for t in text if t]
    assert loose == [], f"words outside _() in {template.name}: {loose}"


def test_every_message_has_its_french() -> None:
    with FRENCH.open("rb") as po:
        catalogue = read_po(po)
    # A plural message needs every form the language has: fr_CA has three (one, many and
    # other), and an empty one would show English for "2 errors".
    french = {
        m.id if isinstance(m.id, str) else m.id[0]: m.string
        if isinstance(m.string, str)
        else all(m.string) and len(m.string) == catalogue.num_plurals
        for m in catalogue
        if m.id
    }
    untranslated = sorted(m for m in _messages() if not french.get(m))
    assert untranslated == [], "run `make messages` and translate: " + "; ".join(untranslated)
    assert not [m.id for m in catalogue if m.id and m.fuzzy], "fuzzy translations are not used"
