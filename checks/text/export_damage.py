"""TX009, TX010: text an export damaged: mojibake, and runs of "?" where another script stood."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import text_values


@lru_cache(maxsize=16384)
def _repaired(text: str) -> str | None:
    """The text ftfy makes of it when it is mojibake, else None."""
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    fixed = ftfy.fix_text(text, normalization=None)
    return fixed if fixed != text else None


@check("TX009", "mojibake", category="conformance", severity="warning")
def mojibake(record: Record, options: dict) -> Iterator[Problem]:
    """Text was decoded with the wrong encoding on its way out: "Ã©" for "é", "â‰¥" for "≥".

    What it checks: every text value with characters outside ASCII, with ftfy, which tells
    UTF-8 read as Windows-1252, Latin-1 or Mac Roman from text that only looks unusual, and
    repairs it; the repaired text is the suggested fix.
    Why it matters: the damaged text is unreadable ("â‰¥ 18 years" for "≥ 18 years"), and a
    search for the word or the threshold misses the record.
    Failing example:
        Inclusion criteria:
        Adults aged â‰¥ 18 years
    Passing example:
        Inclusion criteria:
        Adults aged ≥ 18 years
    """
    for path, node in text_values(record):
        text = node.value
        if text.isascii():
            continue
        fixed = _repaired(text)
        if fixed is not None:
            offset = next((i for i, (a, b) in enumerate(zip(text, fixed)) if a != b), 0)
            shown = fixed if len(fixed) <= 120 else None
            yield Problem(
                path,
                f"mojibake: {text[offset : offset + 12]!r} reads as {fixed[offset : offset + 6]!r}",
                node=node,
                offset=offset,
                fix=shown,
            )


# A run of three or more "?", starting where the run starts (linear: never tried inside it).
_QUESTION_MARKS = re.compile(r"(?<!\?)\?{3,}+")
_NAME_KEYS = ("name", "responsible_person")


@check("TX010", "lost-script", category="conformance", severity="warning")
def lost_script(record: Record, options: dict) -> Iterator[Problem]:
    """Runs of "?" stand where text in another script (Persian) was lost by an export.

    What it checks: every text value for a run of three or more question marks, what an
    export leaves of characters its encoding cannot hold. In a person's name, the name is
    then a placeholder, not a name.
    Why it matters: the text is gone and cannot be recovered from the export; only the
    source record (or its Persian version) still has it.
    Failing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        ???? ??????
    Passing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Sara Rahimi
    """
    for path, node in record.leaves():
        text = node.value
        if not isinstance(text, str) or "???" not in text:
            continue
        m = _QUESTION_MARKS.search(text)
        if m is None:
            continue
        if path.rsplit(".", 1)[-1] in _NAME_KEYS:
            message = f"the name {text[:40]!r} is question marks where its letters were lost: a placeholder"
        else:
            message = f"{m.group(0)!r} stands where text in another script was lost by the export"
        yield Problem(path, message, node=node, offset=m.start())
