"""Lines of a record's text: split only where a line ends in a file.

`str.splitlines` also splits at form feed, vertical tab, U+0085, U+2028 and U+2029, which
record text may hold inside a line; every finding after such a character would point one
line too low.
"""

from __future__ import annotations

_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(text: str) -> list[str]:
    """The lines of `text`, split at `\\n`, `\\r\\n` and `\\r` only (as a text editor does)."""
    # Eight searches for one character each, at memchr speed: some 50 times faster than
    # one search for a class of eight characters over a record's text.
    if not any(mark in text for mark in _OTHER_BREAKS):
        return text.splitlines()  # the same split, at C speed
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
