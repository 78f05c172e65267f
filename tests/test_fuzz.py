"""Fuzzing the whole pipeline: bytes, text, JSON and YAML documents, and mutations of the
examples go through reading, every check and every report format, as the CLI runs them.

No input may raise anything but an input error, make a check fail (IL001), or take longer
than the time limit (IL002, the sign of a hang). CI runs a fixed budget of examples;
`make fuzz` runs these tests for as long as it is told (tests/fuzz/run.py), with new
random seeds, and every crash it finds becomes a regression test in tests/fuzz/regressions/.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irct_lint.registry import all_checks
from irct_lint.reports import FORMATS, reporter_class
from irct_lint.runner import RunOptions, lint_paths

from .conftest import EXAMPLES

EXAMPLES_TEXT = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.is_file()}
REGRESSIONS = Path(__file__).parent / "fuzz" / "regressions"
COUNT_FILE = os.environ.get("IRCT_LINT_FUZZ_COUNT")  # tests/fuzz/run.py counts the inputs tried
EXAMPLES_PER_TEST = int(os.environ.get("IRCT_LINT_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES_PER_TEST,
    deadline=None,
    database=None,
    derandomize=not os.environ.get("IRCT_LINT_FUZZ_EXAMPLES"),
    suppress_health_check=list(HealthCheck),
)
CHECKS = all_checks()


def run_pipeline(tmp: Path, name: str, data: bytes) -> None:
    """Lint one file as `irct-lint check --format <each>` would, and judge the outcome."""
    path = tmp / name
    path.write_bytes(data)
    streams = {fmt: io.StringIO() for fmt in FORMATS}
    reporters = [
        reporter_class(fmt)(
            streams[fmt],
            {
                "color": False,
                "show_source": True,
                "quiet": False,
                "fail_on": "warning",
                "checks": CHECKS,
                "statistics": True,
            },
        )
        for fmt in FORMATS
    ]
    opts = RunOptions(jobs=1, timeout=20.0, keep_source=True)
    try:
        status = lint_paths([str(path)], CHECKS, reporters, opts)
        report = json.loads(streams["json"].getvalue())
        bad = [f for f in report["findings"] if f["code"] in ("IL001", "IL002")]
        bad += [e for e in report["errors"] if "internal error" in e["message"]]
        assert not bad, f"{name}: {bad}"
        assert status in (0, 1, 2)
        for fmt, stream in streams.items():
            text = stream.getvalue()
            text.encode("utf-8")  # every report can be written out
            assert "\x1b" not in text or fmt in ("json", "sarif", "gitlab", "html")
    except BaseException:
        keep = os.environ.get("IRCT_LINT_FUZZ_FAILURES")
        if keep:  # the input, for a regression test
            import hashlib

            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / f"{hashlib.sha1(data).hexdigest()[:12]}-{name}").write_bytes(data)
        raise
    if COUNT_FILE:
        with open(COUNT_FILE, "a", encoding="ascii") as handle:
            handle.write("1\n")


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".json", ".yaml"]))
def test_arbitrary_bytes(tmp, data, suffix):
    run_pipeline(tmp, "bytes" + suffix, data)


@FUZZ
@given(text=st.text(max_size=3000))
def test_arbitrary_text(tmp, text):
    run_pipeline(tmp, "text.txt", text.encode("utf-8", "surrogatepass"))


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2024-02-30",
            "0001-01-01",
            "9999-12-31",
            "1403/04/02",
            "http://[::1",
            "IRCT20190720044221N4",
            "IR.TBZMED.REC.1401.123",
            "+98 21 1234 5678",
            "a@b",
            "18 Years",
            "\ud800",
            "\x1b[2J",
        ]
    ),
)
KEYS = st.sampled_from(
    [
        "registration",
        "number",
        "date",
        "date_jalali",
        "titles",
        "scientific",
        "public",
        "eligibility",
        "age_min",
        "age_max",
        "gender",
        "inclusion",
        "design",
        "phase",
        "target_sample_size",
        "sponsors",
        "proportion",
        "name",
        "email",
        "phone",
        "contacts",
        "general",
        "ethics",
        "approval_date",
        "reference_number",
        "conditions",
        "icd10_code",
        "outcomes",
        "primary",
        "description",
        "timepoint",
        "recruitment",
        "status",
        "value",
        "unit",
        "web",
        "summary",
        "x",
    ]
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)


@FUZZ
@given(document=st.dictionaries(KEYS, DOCUMENTS, min_size=1, max_size=8))
def test_arbitrary_json_records(tmp, document):
    run_pipeline(tmp, "doc.json", json.dumps(document).encode("utf-8"))


@FUZZ
@given(document=st.dictionaries(KEYS, DOCUMENTS, min_size=1, max_size=8), flow=st.booleans())
def test_arbitrary_yaml_records(tmp, document, flow):
    try:
        text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    except yaml.YAMLError:
        return
    run_pipeline(tmp, "doc.yaml", text.encode("utf-8", "surrogatepass"))


YAML_TOKENS = st.sampled_from(
    [
        "registration:",
        "  number: ",
        "&a ",
        "*a",
        "!!python/object ",
        "!!binary ",
        "- ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "? ",
        ": ",
        "|",
        ">",
        "---",
        "...",
        "%YAML 1.1",
        "'",
        '"',
        "#",
        "\n",
        "  ",
        "2024-02-30",
        "yes",
        "~",
        "<<: *a",
        "!custom ",
        "\t",
    ]
)


@FUZZ
@given(tokens=st.lists(YAML_TOKENS, max_size=60))
def test_yaml_built_from_its_own_tokens(tmp, tokens):
    run_pipeline(tmp, "tokens.yaml", "".join(tokens).encode("utf-8"))


@FUZZ
@given(name=st.sampled_from(sorted(EXAMPLES_TEXT)), data=st.data())
def test_mutated_examples(tmp, name, data):
    lines = EXAMPLES_TEXT[name].split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        action = data.draw(st.sampled_from(["drop", "repeat", "cut", "insert", "swap", "spaces", "digits"]))
        if not lines:
            break
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif action == "insert":
            lines.insert(i, data.draw(st.text(max_size=80)))
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "spaces":
            lines[i] += " " * data.draw(st.integers(100, 5000))
        else:
            lines[i] += "1" * data.draw(st.integers(100, 5000))
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    if data.draw(st.booleans()):
        raw = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 4))):
            if raw:
                raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        raw = bytes(raw)
    run_pipeline(tmp, name, raw)


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")) if REGRESSIONS.is_dir() else [], ids=lambda p: p.name)
def test_fuzz_regressions(tmp, path):
    """Every input a fuzzing run found to fail, kept and run again."""
    run_pipeline(tmp, path.name, path.read_bytes())
