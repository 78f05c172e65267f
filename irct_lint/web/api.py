"""The HTTP API for registry systems: POST /api/v1/check, the catalogue of checks, /healthz.

A record comes as text/plain, as JSON, as XML or CSV (an export), or as a multipart file.
The answer to a check is what `irct-lint check FILE --format json|sarif` prints for the same
file and options, byte for byte. Every refusal is a one-line JSON error: 413 too large or too
many records, 415 a media type it does not read, 422 a body that is no record or a bad
parameter.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from concurrent.futures.process import BrokenProcessPool
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from irct_lint.translate import Language

from .work import DEFAULT_NAME, lint_bytes, safe_name

log = logging.getLogger("irct_lint.serve")
router = APIRouter()

# Media type -> the file name the body is linted under (its format is told from the content).
_NAMES = {
    "text/plain": DEFAULT_NAME,
    "application/json": "record.json",
    "application/xml": "record.xml",
    "text/xml": "record.xml",
    "text/csv": "record.csv",
    "application/yaml": "record.yaml",
    "text/yaml": "record.yaml",
}
_MEDIA = {"json": "application/json", "sarif": "application/sarif+json"}
_BODY = {
    "required": True,
    "content": {
        **{m: {"schema": {"type": "string"}} for m in _NAMES},
        "multipart/form-data": {
            "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
    },
}


class Refused(Exception):
    """A request the service answers with a one-line JSON error."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the request is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"the request is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _record(request: Request, limit: int) -> tuple[bytes, str]:
    """The submitted record and the file name to lint it under."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        # The size first, then the form parsed from what was read (Starlette reads a request
        # it has the body of from that body).
        request._body = await _body(request, limit)
        try:
            form = await request.form(max_files=1, max_fields=10)
        except Exception as exc:  # a malformed form: the client's, never a server error
            raise Refused(400, f"the form could not be read: {exc}") from None
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Refused(422, "the form has no file: send the record as the field 'file'")
        data = await upload.read()
        if len(data) > limit:
            raise Refused(413, f"the file is larger than {limit} bytes")
        return data, safe_name(upload.filename)
    if media not in _NAMES:
        raise Refused(415, f"send the record as text/plain, JSON, XML, CSV, YAML or a multipart file, not {media!r}")
    data = await _body(request, limit)
    if not data.strip():
        raise Refused(422, "the request holds no record")
    return data, _NAMES[media]


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


@router.post(
    "/api/v1/check",
    summary="Check a record",
    description="Lints the record in the body and answers what `irct-lint check` prints for it.",
    openapi_extra={"requestBody": _BODY},
    responses={
        200: {"description": "The findings, as `irct-lint check --format json` (or sarif) prints them"},
        413: {"description": "Too large, or too many records"},
        415: {"description": "A media type the service does not read"},
        422: {"description": "No record, or a bad parameter"},
    },
)
async def check(
    request: Request,
    select: str | None = Query(None, description="Checks to run: codes, prefixes or names, comma-separated"),
    ignore: str | None = Query(None, description="Checks not to run, comma-separated"),
    format: Literal["json", "sarif"] = Query("json", description="The output format"),
    lang: Language = Query("en", description="The language of the messages, as `check --lang`"),
) -> Response:
    from irct_lint.registry import unknown_selectors

    limits = request.app.state.limits
    start = time.perf_counter()
    try:
        unknown = unknown_selectors([*_codes(select), *_codes(ignore)])
        if unknown:
            raise Refused(422, f"no check is named {unknown[0]!r}")
        data, name = await _record(request, limits.max_bytes)
        loop = asyncio.get_running_loop()
        task = loop.run_in_executor(
            request.app.state.pool,
            lint_bytes,
            data,
            name,
            format,
            _codes(select),
            _codes(ignore),
            limits.timeout,
            limits.max_records,
            lang,
        )
        # The linter stops a record at the time limit itself (IL002); this is the backstop.
        outcome = await asyncio.wait_for(task, timeout=limits.timeout * (limits.max_records + 1) + 30)
    except Refused as refused:
        _log(request, refused.status, 0, start, None)
        return error(refused.status, refused.message)
    except asyncio.TimeoutError:
        _log(request, 503, 0, start, None)
        return error(503, "the check took too long")
    except BrokenProcessPool:
        # A worker died (out of memory, killed): the others are gone with the pool; a new one
        # serves the next request.
        request.app.state.pool = request.app.state.new_pool()
        _log(request, 503, 0, start, None)
        return error(503, "a worker process stopped while checking; try again")
    if outcome.status == -1:
        status = 413 if outcome.error.startswith("more than") else 500
        _log(request, status, len(data), start, None)
        return error(status, outcome.error)
    if outcome.status == 2:
        _log(request, 422, len(data), start, None)
        return error(422, _why(outcome) or "the body holds no record irct-lint reads")
    _log(request, 200, len(data), start, _count(outcome.output, format), outcome.records, outcome.source)
    return Response(outcome.output, media_type=_MEDIA[format], headers={"X-Irct-Lint-Exit": str(outcome.status)})


def _why(outcome) -> str:
    try:
        errors = json.loads(outcome.output).get("errors") or []
    except ValueError:
        errors = []
    if errors:
        return str(errors[0].get("message", ""))
    return outcome.error.split(": error: ", 1)[-1]


def _count(output: str, fmt: str) -> int | None:
    try:
        doc = json.loads(output)
    except ValueError:
        return None
    if fmt == "json":
        return int(doc.get("summary", {}).get("findings", 0))
    return sum(len(run.get("results", [])) for run in doc.get("runs", []))


def _log(
    request: Request, status: int, size: int, start: float, findings: int | None, records: int = 0, source: str = ""
) -> None:
    """Size, formats, timing and counts: never what was submitted."""
    log.info(
        "%s %s %d %d bytes read=%s output=%s %.0f ms records=%d findings=%s",
        request.method,
        request.url.path,
        status,
        size,
        source or "-",
        request.query_params.get("format", "json"),
        1000 * (time.perf_counter() - start),
        records,
        "-" if findings is None else findings,
    )


@router.get("/api/v1/checks", summary="The catalogue of checks")
def checks(
    lang: Language = Query("en", description="Adds each check's title in this language"),
) -> list[dict]:
    from irct_lint.docs import check_json
    from irct_lint.registry import all_checks
    from irct_lint.translate import title

    out = [check_json(c) for c in all_checks()]
    if lang != "en":
        for entry in out:
            entry["title"] = title(str(entry["code"]), lang) or entry["name"]
    return out


@router.get(
    "/api/v1/checks/{code}",
    summary="One check's documentation",
    responses={404: {"description": "No check has this code or name"}},
)
def one_check(code: str) -> Response:
    from irct_lint.docs import check_json
    from irct_lint.registry import find

    chk = find(code)
    if chk is None:
        return error(404, f"no check is named {code!r}")
    return JSONResponse(check_json(chk, full=True))


@router.get("/healthz", summary="Whether the service answers")
def healthz() -> dict:
    return {"status": "ok"}
