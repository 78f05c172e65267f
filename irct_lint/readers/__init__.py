"""One reader per input format, and the detection of a file's format from its content.

Each reader turns the text of a file into normalized records (irct_lint/model.py,
docs/record.md) with the position of every value, so that findings point at the place
to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Record
from .xml_stream import root_element

# Every format irct-lint reads: name -> what it is (for --input-format and the docs).
FORMATS = {
    "irct-text": "the IRCT 'Clinical Trial Protocol' export, as text",
    "json": "records in irct-lint's own shape, as JSON (what `irct-lint parse` prints)",
    "yaml": "records in irct-lint's own shape, as YAML",
    "who-xml": "the WHO trial XML (<trials><trial><main>), IRCT's own XML export among others",
    "ictrp-xml": "the WHO ICTRP XML export (<Trials_downloaded_from_ICTRP>)",
    "ictrp-csv": "the WHO ICTRP CSV export (a header row with TrialID, Public title, ...)",
    "ctgov-json": "ClinicalTrials.gov API v2 JSON: one study, a `studies` page, an array or JSON lines",
    "ctgov-xml": "the legacy ClinicalTrials.gov XML (<clinical_study>)",
}
# The layouts of the IRCT text reader are one format.
_LAYOUT_FORMATS = dict.fromkeys(("export", "pdf", "web-page", "snippet", "older-summary"), "irct-text")


def format_of(layout: str) -> str:
    """The format (a key of FORMATS) a record's layout belongs to."""
    return _LAYOUT_FORMATS.get(layout, layout)


XML_ROOTS = {"trials": "who-xml", "Trials_downloaded_from_ICTRP": "ictrp-xml", "clinical_study": "ctgov-xml"}
XML_FORMATS = frozenset(XML_ROOTS.values())

_CTGOV_JSON = re.compile(r'"(?:protocolSection|studies)"\s*+:')


def detect_xml(head: bytes) -> tuple[str | None, str | None]:
    """(format, root element) of a file that starts as XML; (None, None) for one that does not."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return None, None
    root = root_element(head)
    return XML_ROOTS.get(root or ""), root


def detect_text(head: str) -> str | None:
    """`ictrp-csv` or `ctgov-json` from the start of a decoded text; None for the others
    (JSON, YAML and the IRCT export are told apart by the sources, as before)."""
    body = head.lstrip("\ufeff \t\r\n")
    if body[:1] in ("{", "["):
        return "ctgov-json" if _CTGOV_JSON.search(body[:4096]) else None
    first_line = body.split("\n", 1)[0]
    if "trialid" not in first_line.casefold():  # no TrialID column: no need to load the ICTRP reader
        return None
    from .ictrp import is_ictrp_header

    return "ictrp-csv" if is_ictrp_header(first_line) else None


def read_text(text: str, path: str = "<text>") -> Iterator[Record]:
    """The records of a text in any format irct-lint reads, told from its content (for the
    API and the checks' documented examples; files go through irct_lint.sources)."""
    fmt, _root = detect_xml(text[:65536].encode("utf-8", "replace"))
    if fmt == "who-xml":
        from .who_xml import read_who_xml

        return read_who_xml(text.encode("utf-8"), path)
    if fmt == "ictrp-xml":
        from .ictrp import read_ictrp_xml

        return read_ictrp_xml(text.encode("utf-8"), path)
    if fmt == "ctgov-xml":
        from .ctgov import read_ctgov_xml

        return read_ctgov_xml(text.encode("utf-8"), path)
    fmt = detect_text(text[:4096])
    if fmt == "ictrp-csv":
        from .ictrp import read_ictrp_csv

        return read_ictrp_csv(text, path)
    if fmt == "ctgov-json":
        from .ctgov import read_ctgov_json

        return read_ctgov_json(text, path)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        from .structured import read_json

        return read_json(text, path)
    from .irct_text import read_export

    return iter([read_export(text, path)[0]])
