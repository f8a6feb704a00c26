"""The public pages: both languages at their own addresses, linked to each other, cacheable."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from smartborder.api import create_app
from smartborder.bootstrap import Container
from tests.web_pages import with_waits


@pytest.fixture
def site(memory_container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(with_waits(memory_container))) as client:
        yield client


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([a-z]+)"', html)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("path", "lang", "other"),
    [
        ("/en/wait-times", "en", "/fr/temps-attente"),
        ("/fr/temps-attente", "fr", "/en/wait-times"),
        ("/en/wait-times/813", "en", "/fr/temps-attente/813"),
        ("/fr/temps-attente/813", "fr", "/en/wait-times/813"),
    ],
)
def test_each_page_is_in_its_language_and_its_toggle_keeps_the_page(
    site: TestClient, path: str, lang: str, other: str
) -> None:
    page = site.get(path)
    assert page.status_code == 200
    assert _lang(page.text) == lang
    assert f'<link rel="alternate" hreflang="{lang}" href="{path}">' in page.text
    toggle = re.search(r'<p class="toggle"><a href="([^"]+)"', page.text)
    assert toggle is not None and toggle.group(1) == other
    assert _lang(site.get(other).text) != lang


def test_the_wait_now_is_written_in_each_language(site: TestClient) -> None:
    english = site.get("/en/wait-times").text
    french = site.get("/fr/temps-attente").text
    assert "25 minutes" in english and "Lanes closed" in english and "Update pending" in english
    assert (
        "25 minutes" in french and "Voies fermées" in french and "Mise à jour en attente" in french
    )
    assert "Standard lanes" not in french


def test_a_crossing_page_gives_the_forecast_as_a_chart_and_as_a_table(site: TestClient) -> None:
    page = site.get("/fr/temps-attente/813").text
    assert '<svg role="img"' in page
    assert page.count('<th scope="row">') == 6  # one row an hour of forecast
    assert "mesurée au poste frontalier" in page  # how the wait was measured


def test_a_page_the_browser_holds_is_not_sent_again(site: TestClient) -> None:
    first = site.get("/en/wait-times")
    assert "public" in first.headers["cache-control"]
    again = site.get("/en/wait-times", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_splash_page_offers_both_languages(site: TestClient) -> None:
    page = site.get("/").text
    assert 'href="/en/wait-times"' in page and 'href="/fr/temps-attente"' in page
    assert '<section lang="fr"' in page and "Temps d’attente à la frontière" in page


def test_a_crossing_this_node_does_not_know_is_a_page_that_says_so(site: TestClient) -> None:
    missing = site.get("/fr/temps-attente/9999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "Nous n’avons pas trouvé ce poste frontalier" in missing.text
