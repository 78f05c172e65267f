"""TX001: powers of ten whose superscript the export lost (`1011 particles` for 10^11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import text_values

# Units whose counts are written as powers of ten in trial protocols.
_UNITS = (
    r"(?:viral\s+particles|vector\s+genomes|genome\s+copies|particles|cells|CFU|cfu|vg|VG|vp|VP"
    r"|PFU|pfu|TCID50|copies|spores|organisms|bacteria|exosomes|colonies|EV|EVs)\b"
)
# `1011 particles`: 10 followed by the lost exponent (3-20), then a unit.
_BARE = re.compile(r"(?<![\d.,^×x*/-])10(1\d|20|[3-9])(?=\s*" + _UNITS + ")")
# `2 × 106 cells/kg`: a mantissa times 10 followed by the lost exponent.
_TIMES = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*+([×xX*])\s*+10([1-9]\d?)(?![\d.,^])")


# Necessary parts of the two expressions, without their look-behinds, which make the
# engine try every position: most texts fail these and skip the full expressions.
_TIMES_GATE = re.compile(r"[×xX*]\s*10[1-9]")
_BARE_GATE = re.compile(r"10(?:1\d|20|[3-9])")


def find_garbled(text: str) -> Iterator[tuple[int, int, str]]:
    """(offset, length, replacement) of each garbled power of ten in `text`."""
    taken = []
    times = _TIMES.finditer(text) if _TIMES_GATE.search(text) else ()
    for m in times:
        taken.append((m.start(), m.end()))
        yield m.start(), m.end() - m.start(), f"{m.group(1)} {m.group(2)} 10^{m.group(3)}"
    for m in _BARE.finditer(text) if _BARE_GATE.search(text) else ():
        if not any(start <= m.start() < end for start, end in taken):
            yield m.start(), m.end() - m.start(), f"10^{m.group(1)}"


@check("TX001", "garbled-exponent", category="plausibility", severity="warning")
def garbled_exponent(record: Record, options: dict) -> Iterator[Problem]:
    """A power of ten lost its superscript in the export: `1011 particles` for 10^11.

    What it checks: free text for `10` followed by a one- or two-digit exponent before a
    unit counted in powers of ten (particles, cells, CFU, vg, PFU, copies, ...), and for
    `2 × 106`-style products.
    Why it matters: a dose of 1011 particles is a hundred million times smaller than the
    10^11 the investigators meant; readers of the registry take the number as written.
    Failing example:
        Intervention groups
        1
        Description
        Each patient receives 3 × 108 cells/kg of mesenchymal stem cells.
    Passing example:
        Intervention groups
        1
        Description
        Each patient receives 3 × 10^8 cells/kg of mesenchymal stem cells.
    """
    for path, node in text_values(record):
        text = node.value
        if "10" not in text:
            continue
        for offset, length, replacement in find_garbled(text):
            found = text[offset : offset + length]
            unit = re.match(r"\s*" + _UNITS, text[offset + length :])
            unit_text = unit.group(0) if unit else ""
            yield Problem(
                path,
                f"'{found}{unit_text}' looks like a power of ten that lost its superscript: {replacement}{unit_text}?",
                node=node,
                offset=offset,
                fix=f"{replacement}{unit_text}",
            )
