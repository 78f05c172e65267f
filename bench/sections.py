"""Each benchmark script owns one section of bench/results.md, between its two markers,
and rewrites only that: a run of one script never erases another's figures."""

from __future__ import annotations

import os


def write_section(path: str, name: str, body: str) -> str:
    """Put `body` between `<!-- name:start -->` and `<!-- name:end -->` in the file at
    `path` (appended, markers and all, when the file has no such section). Returns the
    section as written."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return section
