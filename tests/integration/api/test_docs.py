"""The API docs come from this node's own origin: no script, style or icon from a CDN."""

import re

from fastapi.testclient import TestClient


def test_the_docs_page_references_no_other_origin(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    references = re.findall(r'(?:src|href)=["\']([^"\']+)', page.text)
    references += re.findall(r"url: *['\"]([^'\"]+)", page.text)
    assert references, page.text
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in references), references
    assert "http://" not in page.text and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_the_docs_assets_are_served_here(client: TestClient) -> None:
    page = client.get("/docs").text
    for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', page):
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 0


def test_redoc_which_would_need_a_cdn_is_not_served(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200
