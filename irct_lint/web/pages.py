"""The page for registrants (`/`), one check's documentation (`/checks/{code}`), the API's
interactive documentation (`/docs`, from local assets) and the assets themselves."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .i18n import LANGUAGES, choose, gettext

router = APIRouter(include_in_schema=False)

# The strings the page's script shows, translated with the rest of the page.
SCRIPT_STRINGS = (
    "Checking…",
    "Nothing to check: paste your record or choose a file.",
    "The record could not be checked:",
    "No problems found: your record is ready to submit.",
    "{errors} and {warnings} to fix before you submit.",
    "{n} error",
    "{n} errors",
    "{n} warning",
    "{n} warnings",
    "{n} piece of advice.",
    "{n} pieces of advice.",
    "error",
    "warning",
    "info",
    "line",
    "column",
    "Suggested fix:",
    "What this check is",
    "Your record",
    "Back to the finding",
)


@lru_cache(maxsize=1)  # templates compiled once, not at every request
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("irct_lint.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _render(request: Request, template: str, **values) -> HTMLResponse:
    lang = choose(request)
    _ = gettext(lang)
    html = (
        _env()
        .get_template(template)
        .render(lang=lang, direction=LANGUAGES[lang][1], languages=LANGUAGES, _=_, **values)
    )
    response = HTMLResponse(html)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response


@router.get("/")
def page(request: Request) -> HTMLResponse:
    from irct_lint.translate import catalogue

    lang = choose(request)
    _ = gettext(lang)
    strings = json.dumps({s: _(s) for s in SCRIPT_STRINGS}, ensure_ascii=False).replace("<", "\\u003c")
    titles = json.dumps(catalogue(lang).titles, ensure_ascii=False).replace("<", "\\u003c")
    return _render(request, "page.html.j2", strings=strings, titles=titles)


@router.get("/checks/{code}")
def check_page(request: Request, code: str) -> HTMLResponse:
    from irct_lint.registry import find

    chk = find(code)
    if chk is None:
        response = _render(request, "check.html.j2", check=None, code=code, title=None)
        response.status_code = 404
        return response
    from irct_lint.translate import title

    return _render(request, "check.html.j2", check=chk, code=chk.code, title=title(chk.code, choose(request)))


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    return _render(request, "docs.html.j2")


_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".map": "application/json"}


@router.get("/assets/{name}")
def asset(name: str) -> Response:
    return _file(resources.files("irct_lint.web").joinpath("static"), name)


@router.get("/assets/swagger/{name}")
def swagger_asset(name: str) -> Response:
    return _file(resources.files("fastapi_offline").joinpath("static"), name)


def _file(folder, name: str) -> Response:
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if "/" in name or "\\" in name or name.startswith(".") or suffix not in _TYPES:
        return Response(status_code=404)
    path = folder.joinpath(name)
    if not path.is_file():
        return Response(status_code=404)
    return Response(path.read_bytes(), media_type=_TYPES[suffix], headers={"Cache-Control": "max-age=3600"})
