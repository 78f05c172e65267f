"""`irct-lint serve`: the HTTP API through an in-process client. Its answer to a record is byte
for byte what `irct-lint check` prints for the same file and options; every refusal is a
one-line JSON error with its status; nothing submitted reaches the log."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from .conftest import EXAMPLES, ROOT, run_cli

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from irct_lint.web.app import create_app
from irct_lint.web.limits import Limits

FORMATS = ROOT / "tests" / "data" / "formats"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Limits(workers=2))) as c:
        yield c


def _cli(tmp_path, name: str, data: bytes, *options: str, process: bool = False) -> tuple[int, bytes]:
    """What `irct-lint check NAME` prints, run where the file is, as the service runs it (in
    a process of its own when `process`: the installed command itself)."""
    (tmp_path / name).write_bytes(data)
    args = ["check", name, "--isolated", "--jobs", "1", "--timeout", "10.0", *options]
    if process:
        done = subprocess.run([sys.executable, "-m", "irct_lint", *args], cwd=tmp_path, capture_output=True)
    else:
        done = run_cli(*args, cwd=tmp_path)
    return done.returncode, done.stdout


def test_the_api_answers_what_the_cli_command_prints(client, tmp_path):
    data = (EXAMPLES / "exosome-knee-defects.txt").read_bytes()
    answer = client.post("/api/v1/check", content=data, headers={"content-type": "text/plain"})
    status, printed = _cli(tmp_path, "record.txt", data, "--format", "json", process=True)
    assert (answer.status_code, answer.content, answer.headers["x-irct-lint-exit"]) == (200, printed, str(status))


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_the_api_answers_what_the_cli_prints_for_every_example(client, tmp_path, example):
    data = (EXAMPLES / example).read_bytes()
    answer = client.post("/api/v1/check", files={"file": (example, data)})
    status, printed = _cli(tmp_path, example, data, "--format", "json")
    assert answer.status_code == 200
    assert answer.content == printed
    assert answer.headers["x-irct-lint-exit"] == str(status)


@pytest.mark.parametrize(
    "media,name,source",
    [
        ("text/plain", "record.txt", EXAMPLES / "exosome-knee-defects.txt"),
        ("application/json", "record.json", FORMATS / "trial.json"),
        ("application/xml", "record.xml", FORMATS / "trial-ictrp.xml"),
        ("text/csv", "record.csv", FORMATS / "trial-ictrp.csv"),
    ],
)
def test_a_body_of_each_media_type_is_linted_as_that_file(client, tmp_path, media, name, source):
    data = source.read_bytes()
    answer = client.post(
        "/api/v1/check?format=sarif&select=FN,CT&ignore=CT009", content=data, headers={"content-type": media}
    )
    _status, printed = _cli(
        tmp_path, name, data, "--format", "sarif", "--select", "FN", "--select", "CT", "--ignore", "CT009"
    )
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/sarif+json"
    assert answer.content == printed


@pytest.mark.parametrize(
    "request_args,status,says",
    [
        ({"content": b"x", "headers": {"content-type": "image/png"}}, 415, "not 'image/png'"),
        ({"content": b"  ", "headers": {"content-type": "text/plain"}}, 422, "holds no record"),
        ({"content": b"Hello there", "headers": {"content-type": "text/plain"}}, 422, "does not look like"),
        ({"content": b"{", "headers": {"content-type": "application/json"}}, 422, "not valid JSON"),
        (
            {"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}},
            422,
            "the form has no file",
        ),
    ],
)
def test_a_request_it_cannot_answer_is_a_one_line_json_error(client, request_args, status, says):
    answer = client.post("/api/v1/check", **request_args)
    assert answer.status_code == status
    body = answer.json()
    assert list(body) == ["error"] and says in body["error"] and "\n" not in body["error"]
    assert "Traceback" not in answer.text


@pytest.mark.parametrize(
    "query,says",
    [("format=xml", "format: Input should be 'json' or 'sarif'"), ("select=ZZ9", "no check is named 'ZZ9'")],
)
def test_a_bad_parameter_is_a_422(client, query, says):
    answer = client.post(f"/api/v1/check?{query}", content=b"x", headers={"content-type": "text/plain"})
    assert (answer.status_code, answer.json()) == (422, {"error": says})


def test_the_limits_of_size_and_records_are_413s():
    rows = (FORMATS / "trial-ictrp.csv").read_text(encoding="utf-8").splitlines()
    export = "\n".join([rows[0], *(rows[1].replace("ACTRN12624000123456", f"ACTRN1262400012345{i}") for i in range(3))])
    with TestClient(create_app(Limits(max_bytes=50_000, max_records=2, workers=1))) as small:
        big = small.post("/api/v1/check", content=b"x" * 50_001, headers={"content-type": "text/plain"})
        assert (big.status_code, big.json()) == (413, {"error": "the request is larger than 50000 bytes"})
        upload = small.post("/api/v1/check", files={"file": ("big.txt", b"x" * 50_001)})
        assert upload.status_code == 413
        many = small.post("/api/v1/check", content=export.encode(), headers={"content-type": "text/csv"})
        assert (many.status_code, many.json()) == (413, {"error": "more than 2 records in one request"})


def test_a_record_that_takes_too_long_is_an_il002_finding_as_in_the_cli(monkeypatch):
    """The work of a request, done here rather than in a worker, with a check that sleeps."""
    import importlib

    from irct_lint.registry import REGISTRY
    from irct_lint.web import work

    monkeypatch.syspath_prepend(str(ROOT / "tests" / "plugins"))
    importlib.import_module("slow_plugin")
    try:
        record = (EXAMPLES / "clean-vitamin-d-trial.txt").read_bytes()
        outcome = work.lint_bytes(record, "record.txt", "json", ["XS001"], [], 0.5, 100)
    finally:
        for code in ("XS001", "XS002"):
            REGISTRY.pop(code, None)
        sys.modules.pop("slow_plugin", None)
    findings = json.loads(outcome.output)["findings"]
    assert [f["code"] for f in findings] == ["IL002"]
    assert "took longer than 0.5 s" in findings[0]["message"]


def test_the_catalogue_one_check_healthz_and_the_openapi_schema(client):
    catalogue = client.get("/api/v1/checks").json()
    assert {"FN002", "XR001", "IL002"} <= {c["code"] for c in catalogue}
    one = client.get("/api/v1/checks/funding-proportions-sum").json()
    assert one["code"] == "FN002" and one["doc"]["Failing example"]
    assert client.get("/api/v1/checks/ZZ999").status_code == 404
    assert client.get("/healthz").json() == {"status": "ok"}
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]
    assert {"text/plain", "application/json", "multipart/form-data"} <= set(body)


def test_the_interactive_docs_come_from_the_app_itself(client):
    page = client.get("/docs").text
    assert "/assets/swagger/swagger-ui-bundle.js" in page and "http" not in page.replace("http-equiv", "")
    assert client.get("/assets/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/assets/swagger/../../../../etc/passwd").status_code == 404
    assert client.get("/assets/..%2F..%2Fapp.py").status_code == 404


def test_nothing_submitted_is_logged_and_no_cookie_but_the_language(client, caplog):
    secret = b"s.secret-person@example.ac.ir"
    record = (EXAMPLES / "clean-vitamin-d-trial.txt").read_bytes().replace(b"h.jafarzadeh@tbzmed.ac.ir", secret)
    with caplog.at_level(logging.DEBUG):
        answer = client.post("/api/v1/check", content=record, headers={"content-type": "text/plain"})
    assert answer.status_code == 200 and "set-cookie" not in answer.headers
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/api/v1/check 200" in logged and f"{len(record)} bytes read=irct-text output=json" in logged
    assert "records=1 findings=" in logged
    assert secret.decode() not in logged and "Vitamin" not in logged
    assert "set-cookie" not in client.get("/").headers
    assert client.get("/?lang=fa").headers["set-cookie"].startswith("lang=fa;")


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/healthz", "/docs", "/api/v1/checks"):
        headers = client.get(path).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_the_page_is_in_english_and_persian(client):
    client.cookies.clear()  # a language chosen earlier would win over Accept-Language
    english = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert 'lang="en" dir="ltr"' in english and "Check my record" in english
    persian = client.get("/", headers={"accept-language": "fa-IR,fa;q=0.9,en;q=0.5"}).text
    assert 'lang="fa" dir="rtl"' in persian and "پرونده‌ام را بررسی کن" in persian
    assert 'lang="en"' in client.get("/?lang=en", headers={"accept-language": "fa"}).text
    doc = client.get("/checks/FN002?lang=fa").text
    assert "نمونهٔ نادرست" in doc and "FN002" in doc


def test_the_server_listens_on_loopback_unless_told():
    from irct_lint.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_schemathesis_finds_no_server_error_in_the_apps_own_schema():
    schemathesis = pytest.importorskip("schemathesis")

    app = create_app(Limits(workers=1, max_bytes=20_000))
    with TestClient(app):  # the lifespan: its worker pool
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        failures = []
        for operation in schema.get_all_operations():
            op = operation.ok()
            try:
                _fuzz(op)()
            except AssertionError as exc:
                failures.append(str(exc))
    assert failures == []


def _fuzz(op):
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=op.as_strategy())
    def run(case):
        response = case.call()
        assert response.status_code < 500, (op.path, response.status_code, response.text[:200])

    return run


@pytest.mark.slow  # a real server on loopback, 4 clients, 40 requests: it stops by itself
def test_a_small_load_test_has_no_error():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import load
    finally:
        sys.path.remove(str(ROOT / "bench"))
    result = load.run(clients=4, total=40, workers=2)
    assert result["requests"] == 40 and result["errors"] == 0
    assert result["p95"] >= result["p50"] > 0


def test_in_persian_the_api_answers_what_check_lang_fa_prints(client, tmp_path):
    data = (EXAMPLES / "exosome-knee-defects.txt").read_bytes()
    answer = client.post("/api/v1/check?lang=fa", content=data, headers={"content-type": "text/plain"})
    _status, printed = _cli(tmp_path, "record.txt", data, "--format", "json", "--lang", "fa")
    assert answer.content == printed
    messages = {f["code"]: f["message"] for f in json.loads(answer.content)["findings"]}
    assert messages["FN002"] == "جمع سهم‌های تأمین مالی 90 (60 + 30) است، نه ۱۰۰"
    titles = {c["code"]: c["title"] for c in client.get("/api/v1/checks?lang=fa").json()}
    assert titles["FN002"] == "جمع سهم‌های تأمین مالی"
