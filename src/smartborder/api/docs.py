"""``/docs``: Swagger UI from this node's own origin, never from a public CDN.

FastAPI's default page loads its scripts and styles from a CDN (and its icon from
fastapi.tiangolo.com): a third party would see who reads the docs and could change what
runs on a page that holds a bearer token. The assets here come from the
``swagger-ui-bundle-v2`` package (Apache-2.0) installed with the node. ReDoc, which
would need a CDN as well, is not served: ``/openapi.json`` has the same content.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/assets"
#: The page's one inline script is FastAPI's call to SwaggerUIBundle; all else is ours.
_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
)


def install(app: FastAPI) -> None:
    """Serve ``/docs`` and its assets; ``app`` is built with ``docs_url=None``."""
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title}: API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = _POLICY
        return page
