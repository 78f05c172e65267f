"""Where each value of a JSON document stands: (line, column) by its path of keys and indices.

The json module gives none. One pass over the tokens (strings, punctuation, bare words),
each matched once from its own start, so the pass is linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r'"(?:[^"\\\n]++|\\.)*+"|[{}\[\]:,]|[^\s{}\[\]:,"]++|\n')


def positions(
    text: str, base_line: int = 1, start: int = 0, end: int | None = None, line_start: int | None = None
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """{path: (line, column)} of every scalar value of the JSON value in `text[start:end]`,
    path as a tuple of keys and indices; lines count from `base_line` at `start`, whose line
    starts at `line_start` (found when not given: give it when reading many values of one
    long line, or finding it costs the line's length each time)."""
    out: dict[tuple[Any, ...], tuple[int, int]] = {}
    stack: list[list[Any]] = []  # per open container: [kind, key or index, expecting a key]
    line = base_line
    if line_start is None:
        line_start = text.rfind("\n", 0, start) + 1
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        token = m.group()
        if token == "\n":
            line, line_start = line + 1, m.end()
            continue
        if token in "{[":
            stack.append(["o" if token == "{" else "a", None if token == "{" else 0, token == "{"])
            continue
        if token in "}]":
            if stack:
                stack.pop()
            continue
        if token == ":":
            if stack:
                stack[-1][2] = False
            continue
        if token == ",":
            if stack:
                top = stack[-1]
                if top[0] == "a":
                    top[1] += 1
                else:
                    top[2] = True
            continue
        if stack and stack[-1][0] == "o" and stack[-1][2]:
            stack[-1][1] = _unquote(token)
            continue
        path = tuple(frame[1] for frame in stack)
        out[path] = (line, m.start() - line_start + 1)
    return out


def _unquote(token: str) -> str:
    if token.startswith('"'):
        import json

        try:
            return json.loads(token)
        except ValueError:
            return token[1:-1]
    return token
