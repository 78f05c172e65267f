"""The web app of `irct-lint serve`: the API (api.py), the page (pages.py), the OpenAPI
schema and its interactive documentation from local assets; one pool of worker processes for
the linting; strict security headers; a one-line JSON error for every refusal, never a
traceback."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from .api import error, router
from .limits import Limits
from .pages import router as pages

# The page and its assets come from the app itself: no CDN, no external font, no inline code.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _warm() -> None:
    """Load the checks in a worker before the first request needs them."""
    from irct_lint.registry import load_checks

    load_checks()


def create_app(limits: Limits | None = None) -> FastAPI:
    from irct_lint.registry import load_checks

    limits = limits or Limits()
    load_checks()  # the catalogue the API and the pages show

    def new_pool() -> concurrent.futures.ProcessPoolExecutor:
        # spawn, not fork: the server's threads are not copied into the workers.
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=limits.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.new_pool = new_pool
        app.state.pool = new_pool()
        try:
            yield
        finally:
            app.state.pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="irct-lint",
        description="Checks clinical-trial registry records: the same checks as `irct-lint check`.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.limits = limits
    app.include_router(router)
    app.include_router(pages)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body"))
        return error(422, f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "invalid")))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        return error(500, "internal error")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = response.headers.get("Cache-Control", "no-store")
        return response

    return app


def _version() -> str:
    from irct_lint import __version__

    return __version__
