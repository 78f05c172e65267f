"""A check's documentation, as text for `irct-lint rule` and as Markdown for docs/checks.md."""

from __future__ import annotations

from .registry import DOC_HEADINGS, Check


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else "" for line in text.splitlines())


def check_text(c: Check) -> str:
    lines = [
        f"{c.code} {c.name}",
        "",
        c.summary,
        "",
        f"Severity: {c.severity}    Category: {c.category}    Family: {c.family}",
    ]
    if c.options:
        lines.append("Options: " + ", ".join(f"{k} = {v!r}" for k, v in c.options.items()))
    for heading in DOC_HEADINGS + ("Options",):
        body = c.doc.get(heading)
        if not body:
            continue
        lines += ["", f"{heading}:"]
        lines.append(_indent(body) if heading.endswith("example") else _indent(body, "  "))
    return "\n".join(lines)


def checks_markdown(checks: list[Check]) -> str:
    out = [
        "# Checks",
        "",
        "Generated from the check registry by `irct-lint rules --format markdown`; do not edit by hand.",
        "",
        f"{len(checks)} checks.",
        "",
        "| Code | Name | Severity | Category | What it finds |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in checks:
        out.append(f"| [{c.code}](#{c.code.lower()}-{c.name}) | {c.name} | {c.severity} | {c.category} | {c.summary} |")
    for c in checks:
        out += ["", f"## {c.code} {c.name}", "", c.summary, "", f"Severity: **{c.severity}**. Category: {c.category}."]
        if c.options:
            out.append("Options: " + ", ".join(f"`{k}` (default `{v!r}`)" for k, v in c.options.items()) + ".")
        for heading in DOC_HEADINGS + ("Options",):
            body = c.doc.get(heading)
            if not body:
                continue
            if heading.endswith("example"):
                out += ["", f"**{heading}**", "", "```text", body, "```"]
            elif heading != "Options":
                out += ["", f"**{heading}.** {body}"]
    return "\n".join(out) + "\n"


def check_json(c: Check, full: bool = False) -> dict:
    """A check as `irct-lint rules --format json` and the service's API give it; `full`
    adds its documentation (what it checks, why, the examples)."""
    out: dict[str, object] = {
        "code": c.code,
        "name": c.name,
        "category": c.category,
        "severity": c.severity,
        "summary": c.summary,
        "options": c.options,
    }
    if full:
        out["doc"] = dict(c.doc)
        out["across_records"] = c.across is not None
    return out
