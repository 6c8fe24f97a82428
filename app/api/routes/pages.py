"""The pages the API serves itself: the explorer, the dashboard and the API docs.

Everything a page loads comes from this server: the pages from ``app/pages``, the
JavaScript libraries from ``web/node_modules`` (npm, pinned by ``web/package-lock.json``,
installed by ``make run`` and ``make test``). No request leaves the machine, so the
pages work offline and on networks that block CDNs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from app.problems import ProblemError

PAGES = Path(__file__).resolve().parents[2] / "pages"
NODE_MODULES = Path(__file__).resolve().parents[3] / "web" / "node_modules"

# The library files pages may load, by the name they are served under: a fixed list,
# so nothing else of node_modules is reachable over HTTP.
VENDOR = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "favicon-32x32.png": "swagger-ui-dist/favicon-32x32.png",
    "redoc.standalone.js": "redoc/bundles/redoc.standalone.js",
}

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(PAGES / name, media_type="text/html")


@router.get("/explore")
async def explore() -> FileResponse:
    return _page("explore.html")


@router.get("/dashboard")
async def dashboard() -> FileResponse:
    return _page("dashboard.html")


@router.get("/pages/{name}")
async def page_asset(name: str) -> FileResponse:
    """The pages' own scripts and styles (one folder, no subfolders)."""
    path = PAGES / name
    if "/" in name or name.startswith(".") or not path.is_file():
        raise ProblemError(404, "not-found", "No such page file", name)
    return FileResponse(path)


@router.get("/vendor/{name}")
async def vendor(name: str) -> FileResponse:
    if name not in VENDOR:
        raise ProblemError(404, "not-found", "No such library file", name)
    path = NODE_MODULES / VENDOR[name]
    if not path.is_file():
        raise ProblemError(
            503,
            "pages-not-installed",
            "The pages' JavaScript libraries are not installed",
            f"{path} is missing: run `make run` (or `cd web && npm ci`)",
        )
    return FileResponse(path)


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="Diplograph API",
        swagger_js_url="/vendor/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui.css",
        swagger_favicon_url="/vendor/favicon-32x32.png",
    )


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    return get_redoc_html(
        openapi_url="/openapi.json",
        title="Diplograph API",
        redoc_js_url="/redoc/redoc.standalone.js",
        redoc_favicon_url="/vendor/favicon-32x32.png",
        with_google_fonts=False,
    )


# Redoc 2.5 shows Redocly's logo in its sidebar from their CDN and has no option to
# turn it off (Redocly/redoc#2108). /redoc loads the bundle with that one address
# emptied: an image without a source fails without a request, Redoc then leaves it
# out, and the "API docs by Redocly" credit stays, as text.
REDOCLY_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@lru_cache(maxsize=1)
def _offline_redoc(path: Path, modified: float) -> bytes:
    return path.read_bytes().replace(REDOCLY_LOGO, b"")


@router.get("/redoc/redoc.standalone.js")
async def redoc_script() -> Response:
    path = NODE_MODULES / VENDOR["redoc.standalone.js"]
    if not path.is_file():
        raise ProblemError(
            503,
            "pages-not-installed",
            "The pages' JavaScript libraries are not installed",
            f"{path} is missing: run `make run` (or `cd web && npm ci`)",
        )
    return Response(_offline_redoc(path, path.stat().st_mtime), media_type="text/javascript")
