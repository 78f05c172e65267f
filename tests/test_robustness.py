"""No input crashes the linter or stops the run; each bad input gets a clear message."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irct_lint.model import to_plain
from irct_lint.readers.irct_text import read_export
from irct_lint.readers.structured import read_json
from irct_lint.schema import set_aside_wrong_types
from irct_lint.sources import InputError, decode, load

from .conftest import EXAMPLES, ROOT, run_cli

GOOD = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")


def check_dir(tmp_path, *extra):
    result = run_cli("check", "--format", "json", "--jobs", "1", str(tmp_path), *extra)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result, json.loads(result.stdout)


def errors_by_file(doc):
    return {os.path.basename(e["file"]): e["message"] for e in doc["errors"]}


def test_every_bad_file_gets_a_message_and_the_good_ones_are_linted(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n\n  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "nul.txt").write_bytes(GOOD.encode()[:500] + b"\x00" + GOOD.encode()[500:])
    (tmp_path / "prose.txt").write_text("Minutes of the meeting.\nNothing to report.\n")
    (tmp_path / "broken.json").write_text('{"registration": {"number": ')
    (tmp_path / "broken.yaml").write_text("registration: [unclosed\n  - x: : :\n")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "scalar.yaml").write_text("just a string\n")
    with open(tmp_path / "huge.txt", "wb") as handle:  # 100 MB, sparse: nothing is read
        handle.truncate(100 * 1024 * 1024)
    result, doc = check_dir(tmp_path)
    assert result.returncode == 2
    errors = errors_by_file(doc)
    assert errors["empty.txt"] == "is empty" and errors["blank.txt"] == "is empty"
    assert errors["binary.txt"].startswith("is a binary file")
    assert errors["nul.txt"].startswith("is a binary file")
    assert errors["prose.txt"].startswith("does not look like an IRCT trial record")
    assert errors["broken.json"].startswith("not valid JSON")
    assert errors["broken.yaml"].startswith("not valid YAML")
    assert "a record must be a mapping" in errors["list.json"]
    assert "a record must be a mapping" in errors["scalar.yaml"]
    assert errors["huge.txt"].startswith("is 100 MB, too large")
    assert {f["file"] for f in doc["findings"]} == {str(tmp_path / "good.txt")}
    assert doc["summary"]["records"] == 1


@pytest.mark.parametrize(
    "name,data",
    [
        ("bom.txt", "\ufeff" + GOOD),
        ("utf16le.txt", "\ufeff" + GOOD),
        ("utf16be.txt", "\ufeff" + GOOD),
        ("crlf.txt", GOOD.replace("\n", "\r\n")),
        (
            "mixed.txt",
            "".join(
                line + ("\r\n" if i % 3 == 0 else "\r" if i % 3 == 1 else "\n")
                for i, line in enumerate(GOOD.splitlines())
            ),
        ),
    ],
)
def test_encodings_and_line_endings_read_the_same_record(tmp_path, name, data):
    encoding = {"utf16le.txt": "utf-16-le", "utf16be.txt": "utf-16-be"}.get(name, "utf-8")
    path = tmp_path / name
    path.write_bytes(data.encode(encoding))
    record = next(load(str(path)).records)
    expected, _ = read_export(GOOD, "x")
    assert to_plain(record.data) == to_plain(expected.data)


def test_windows_1256_is_read_and_noted(tmp_path):
    # Windows-1256 has the Arabic yeh (U+064A), not the Persian one.
    text = GOOD.replace("Associate professor of endocrinology", "Associate professor استاديار")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1256"))
    source = load(str(path))
    assert source.encoding == "windows-1256"
    record = next(source.records)
    assert record.get("contacts.general.position") == "Associate professor استاديار"
    assert [n[0] for n in record.notes].count("RD005") == 1


def test_a_one_megabyte_line_and_a_truncated_record(tmp_path):
    (tmp_path / "long-line.txt").write_text(
        GOOD.replace("Study aim\n\n", "Study aim\n\n" + "x" * 1_000_000 + " "), encoding="utf-8"
    )
    (tmp_path / "truncated.txt").write_text(GOOD[: len(GOOD) // 3], encoding="utf-8")
    result, doc = check_dir(tmp_path)
    assert doc["errors"] == []
    assert doc["summary"]["records"] == 2


def test_symbolic_link_loops_and_broken_links(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink("loop-a.txt", tmp_path / "loop-b.txt")
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    os.symlink(".", tmp_path / "self-dir")  # a directory cycle: not followed
    result, doc = check_dir(tmp_path, str(tmp_path / "loop-a.txt"))
    errors = [e["message"] for e in doc["errors"]]
    assert sum("symbolic link" in m for m in errors) >= 3
    assert doc["summary"]["records"] == 1


def test_unreadable_file_and_directory(tmp_path, monkeypatch):
    # As root, chmod does not stop reading; make open() refuse instead.
    import builtins

    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    (tmp_path / "secret.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(InputError, match="cannot be read: Permission denied"):
        load(str(tmp_path / "secret.txt"))

    from irct_lint.sources import discover

    errors = []

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked"))

    monkeypatch.setattr(os, "scandir", refuse)
    assert list(discover([str(tmp_path)], errors)) == []
    assert "directory cannot be read" in errors[0].message


def test_unreadable_by_mode(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads files whatever their mode: refuse as the system would
        import builtins

        real_open = builtins.open

        def refuse(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(InputError, match="cannot be read: Permission denied"):
        load(str(path))


def test_structured_records_with_wrong_types_are_findings_not_crashes(tmp_path):
    doc = {
        "registration": "IRCT20230801058996N5",
        "sponsors": {"name": "x"},
        "eligibility": {"age_min": "old"},
        "outcomes": {"primary": [1, None, "x"]},
        "contacts": ["a"],
        "recruitment": {"status": 7},
    }
    (tmp_path / "odd.json").write_text(json.dumps(doc))
    result, out = check_dir(tmp_path)
    codes = {f["code"] for f in out["findings"]}
    assert "SC001" in codes and "IL001" not in codes
    assert result.returncode == 1


def test_the_linter_never_writes_to_its_inputs(tmp_path):
    import shutil

    target = tmp_path / "records"
    shutil.copytree(EXAMPLES, target)

    def snapshot():
        return {
            p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(target.iterdir())
        }

    before = snapshot()
    checked = run_cli("check", str(target), "--format", "json", "--output", str(tmp_path / "out.json"))
    parsed = run_cli("parse", str(target / "clean-vitamin-d-trial.txt"))
    # The runs did read every input (so the test cannot pass by reading nothing) ...
    assert checked.returncode == 1 and parsed.returncode == 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["summary"]["files"] == doc["summary"]["records"] == len(before) and doc["findings"]
    # ... and left each of them, and the folder, as they were.
    assert snapshot() == before


def test_jobs_give_the_same_output_in_the_same_order(tmp_path, monkeypatch):
    for i in range(12):
        (tmp_path / f"r{i:02}.txt").write_text(
            GOOD.replace("IRCT20220905061234N1", f"IRCT2022090506123{i % 10}N1"), encoding="utf-8"
        )
    (tmp_path / "r05.txt").write_bytes(b"")
    single = run_cli("check", "--format", "json", "--jobs", "1", str(tmp_path), str(EXAMPLES))
    double = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path), str(EXAMPLES))
    assert single.returncode == double.returncode == 2
    assert single.stdout == double.stdout
    text1 = run_cli("check", "--jobs", "1", str(tmp_path))
    text2 = run_cli("check", "--jobs", "2", str(tmp_path))
    assert text1.stdout == text2.stdout
    # Reports that show source lines get them from the workers as excerpts: still the same.
    shown = [
        run_cli("check", "--show-source", "--jobs", jobs, str(tmp_path), str(EXAMPLES)).stdout for jobs in ("1", "2")
    ]
    assert shown[0] == shown[1] and b"equivalent to 109 particles in 2 mL" in shown[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the report's date, the same in both runs
    html = []
    for jobs in ("1", "2"):
        out = tmp_path.parent / f"report-{jobs}.html"
        run_cli(
            "check",
            "--format",
            "html",
            "--output",
            str(out),
            "--jobs",
            jobs,
            str(tmp_path),
            str(EXAMPLES),
            process=True,
        )
        html.append(out.read_text(encoding="utf-8"))
    assert html[0] == html[1] and "equivalent to 109 particles in 2 mL" in html[0]


def test_a_source_excerpt_reads_like_the_lines_it_keeps():
    import pickle

    from irct_lint.model import Finding
    from irct_lint.results import SourceExcerpt

    lines = ["first", "second", "third"]
    finding = Finding("TX001", "garbled-exponent", "warning", "m", "f.txt", "r", line=2)
    excerpt = pickle.loads(pickle.dumps(SourceExcerpt(lines, [finding])))
    assert len(excerpt) == 3 and excerpt[1] == "second" and excerpt[0] == excerpt[2] == ""
    with pytest.raises(IndexError):
        excerpt[3]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_that_runs_too_long_is_stopped_and_the_run_goes_on(tmp_path, jobs):
    # With --jobs 2 the limit runs in worker processes, whose batches arrive on a thread of
    # their own: the alarm must still stop the check in the main thread.
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    env_path = str(ROOT / "tests" / "plugins")
    os.environ["PYTHONPATH"] = env_path
    try:
        result = run_cli(
            "check",
            "--format",
            "json",
            "--plugin",
            "slow_plugin",
            "--timeout",
            "0.5",
            "--select",
            "XS001,FN002",
            "--jobs",
            jobs,
            str(tmp_path),
            process=jobs != "1",
        )
    finally:
        del os.environ["PYTHONPATH"]
    doc = json.loads(result.stdout)
    timeouts = [f for f in doc["findings"] if f["code"] == "IL002"]
    assert len(timeouts) == 2 and "longer than 0.5 s" in timeouts[0]["message"]
    assert result.returncode == 1


# --- property tests -----------------------------------------------------------------------------

LABELS = [
    "Age",
    "Gender",
    "1",
    "2",
    "Sponsor",
    "Sponsors / Funding sources",
    "Description",
    "Email",
    "Registration date: **2024-06-22, 1403/04/02**",
    "**",
    "*empty*",
    "empty",
    "Protocol summary",
    "Person responsible for general inquiries",
    "Proportion provided by this source",
    "Postal code",
    "Street addressNo 21",
    "Category of foreign source of funding*empty***Country of origin**",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_reader_never_raises_on_arbitrary_text(text):
    read_export(text, "x.txt")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_and_load_never_raise_anything_but_input_errors_on_bytes(data):
    try:
        text = decode("x.txt", data).text
    except InputError:
        return
    read_export(text, "x.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_reader_never_raises_on_mutated_examples(data):
    record, _ = read_export(_mutated(GOOD.splitlines(), data), "x.txt")
    from irct_lint.engine import Linter
    from irct_lint.registry import all_checks

    findings = Linter(all_checks()).lint(record)
    assert not [f for f in findings if f.code == "IL001"], [f.message for f in findings if f.code == "IL001"]


def _mutated(lines: list[str], data) -> str:
    lines = list(lines)
    for _ in range(data.draw(st.integers(1, 20))):
        op = data.draw(st.sampled_from(["drop", "dup", "insert", "swap", "cut", "indent", "case"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "drop" and len(lines) > 1:
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "insert":
            lines.insert(
                i,
                data.draw(
                    st.sampled_from(
                        LABELS
                        + [
                            "1",
                            "2",
                            "empty",
                            "Label: value",
                            "target sample size: 40",
                            "inclusion criteria: adults aged 18 to 65 years with "
                            "osteoarthritis of the knee of grade 2 or 3",
                            data.draw(st.text(max_size=40)),
                        ]
                    )
                ),
            )
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut" and lines[i]:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif op == "indent":
            lines[i] = data.draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        elif op == "case":  # labels are matched with and without regard to case
            lines[i] = data.draw(st.sampled_from([str.lower, str.upper, str.title]))(lines[i])
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(EXAMPLES.glob("*.txt"))), st.data())
def test_parse_to_json_and_back_gives_the_same_record(path, data):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    lines.insert(i, data.draw(st.sampled_from(LABELS)))
    record, _ = read_export("\n".join(lines), str(path))
    again = next(read_json(json.dumps(record.to_json(), ensure_ascii=False), "x.json"))
    # A value the export reader could not type (a count that is a word) is set aside by the
    # structured reader as one SC001; everything else reads back the same.
    expected = to_plain(record.data)
    set_aside = {path for path, _, _ in set_aside_wrong_types(expected)}
    assert {field for code, field, _, _ in again.notes if code == "SC001"} == set_aside
    assert to_plain(again.data) == expected
    assert next(read_json(json.dumps(to_plain(record.data)), "x.json")).plain() == expected


def _stderr_on_a_terminal(*args: str) -> str:
    """Run irct-lint with stderr on a pseudo-terminal; return what it wrote there."""
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "irct_lint", *args], stdout=subprocess.DEVNULL, stderr=secondary, cwd=ROOT
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet():
    shown = _stderr_on_a_terminal("check", "--jobs", "1", str(EXAMPLES))
    assert "files" in shown and "/s" in shown and "left" in shown
    assert "files" not in _stderr_on_a_terminal("check", "--jobs", "1", "--quiet", str(EXAMPLES))
    piped = run_cli("check", "--jobs", "1", str(EXAMPLES))
    assert b"left" not in piped.stderr


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " ", "\t", "  \t"]),
            st.sampled_from(["Gender", "Phase", "Public title", "Gende", "Placebo", "xPhase", "Purpose"]),
            st.sampled_from(["", " ", "\t"]),
            st.sampled_from([":", "", ";", ": "]),
            st.sampled_from(["", " ", "\t"]),
            st.sampled_from(["Both", "", "\n", " x", "\u00a0"]),
        ),
        max_size=6,
    ),
    st.sampled_from(["\n", "\r\n", " "]),
)
def test_the_print_out_is_told_by_its_field_lines_as_the_expression_told_it(lines, end):
    # The expression the reader used before it searched with str.find: the same count.
    import re

    from irct_lint.readers.irct_text import ExportReader, _pdf_field_lines

    text = end.join("".join(parts) for parts in lines)
    expression = re.compile(
        r"\n[ \t]*(?:Recruitment status|Scientific title|Public title|Gender|Phase|Purpose|"
        r"Placebo|Assignment)[ \t]*:[ \t]*\S"
    )
    expected = min(2, len(expression.findall("\n" + text)))
    assert _pdf_field_lines(text, ExportReader._PDF_FIELDS, 2) == expected


def _label_texts():
    from irct_lint.readers import irct_labels as L

    labels = sorted({*L.GENERAL, *L.SECTION_HEADERS, *L.INLINE_LABELS, *L.SUMMARY})
    for section in L.SECTIONS.values():
        labels += list(section.fields)
    return st.tuples(
        st.sampled_from(sorted(set(labels))),
        st.sampled_from(["", "s", "S", " ", "  ", "\t", "No 21", "(a)", '"x', "س", "2", "ـ", "é", "x"]),
        st.sampled_from(["", ":", " :", ": value", " : v: w", "\u00a0: v"]),
        st.sampled_from([str.upper, str.lower, str, lambda t: t[:3]]),
    ).map(lambda t: t[3](t[0]) + t[1] + t[2])


@settings(max_examples=500, deadline=None, database=None)
@given(_label_texts(), st.sampled_from(["general", "sponsors", "contact_general", "summary", "header"]), st.booleans())
def test_the_label_lookups_find_what_the_label_expressions_found(text, name, inline_summary):
    # The expressions the reader used before it looked labels up in dicts.
    import re

    from irct_lint.readers import irct_labels as L
    from irct_lint.readers.irct_text import _scope

    if name not in ("summary", "header") and name not in L.SECTIONS:
        name = "general"
    scope = _scope(name, inline_summary)
    # The glued-label expression over all the scope's labels, longest first; none matched in
    # the summary and the header.
    m = None
    if name not in ("summary", "header"):
        m = re.match(rf"^({scope._alternation})(?=[A-Z0-9(<\"'\u0600-\u06FF])", text)
    assert scope.glued_label(text) == (m.group(1) if m else None)
    colon = re.compile(scope._colon_source, re.I) if scope._colon_source else None
    m = colon.match(text) if colon else None
    assert scope.colon_label(text) == ((m.group(1), m.end()) if m else None)
