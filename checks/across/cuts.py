"""XR008: values of one field cut at one length across the records of a run."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

from irct_lint.across import CrossProblem, Entry, Key
from irct_lint.model import Record
from irct_lint.registry import across_records

from ..common import text_values

MIN_LENGTH = 100  # shorter values are not long enough to meet a cell limit
MIN_CUT = 3  # values stopping at the limit that make it one
_INDEX = re.compile(r"\.\d+(?=\.|$)")
_CLOSED = frozenset(".!?)]}\"'”’»:;")


@across_records("XR008", "cut-at-cell-limit", category="conformance", severity="warning")
class CutAtCellLimit:
    """Values of one field stop at one shared length, the longest any has: an export's cell limit.

    What it checks: across the records of a run, the text values of each field (titles,
    criteria, outcomes, ...) of at least 100 characters. When three or more of them are
    exactly as long as the longest value of that field (three different values: copies of
    one do not count), at least two of those end without closing punctuation, the length is
    a cell limit, and each value at it that does not end
    with punctuation is reported as cut.
    Why it matters: an export that cuts every value at its limit loses the end of every long
    criterion and title without a sign; the cut value reads as whole.
    Failing example:
        TrialID,Public title,Scientific title
        IRCT20200101000001N1,Fictional trial,Effect of weekly vitamin D3 supplementation on fatigue and mood in women with relapsing multiple sclerosis: a r
        IRCT20200101000002N1,Fictional trial,Effect of daily magnesium supplementation on sleep quality and daytime fatigue in adults with chronic insomnia:
        IRCT20200101000003N1,Fictional trial,Effect of a twelve-week supervised walking programme on pain and function in older adults with knee osteoarthri
        IRCT20200101000004N1,Fictional trial,Effect of melatonin on sleep in shift nurses: a randomized trial
    Passing example:
        TrialID,Public title,Scientific title
        IRCT20200101000001N1,Fictional trial,Effect of weekly vitamin D3 supplementation on fatigue and mood in women with relapsing multiple sclerosis: a randomized trial
        IRCT20200101000002N1,Fictional trial,Effect of daily magnesium supplementation on sleep quality and daytime fatigue in adults with chronic insomnia: a randomized trial
        IRCT20200101000003N1,Fictional trial,Effect of a twelve-week supervised walking programme on pain and function in older adults with knee osteoarthritis: a randomized trial
        IRCT20200101000004N1,Fictional trial,Effect of melatonin on sleep in shift nurses: a randomized trial
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        # Only a record's longest values of a field can be the run's longest: the others are
        # not sent (a record of thirty outcomes sends one or two keys, not thirty).
        longest: dict[str, list[tuple[str, Any]]] = {}
        for path, node in text_values(record):
            if len(node.value) >= MIN_LENGTH:
                field = _INDEX.sub(".*", path)
                kept = longest.get(field)
                if kept is None or len(node.value) > len(kept[0][1].value):
                    longest[field] = [(path, node)]
                elif len(node.value) == len(kept[0][1].value):
                    kept.append((path, node))
        for field, values in longest.items():
            for path, node in values:
                text = node.value
                open_end = text.rstrip()[-1:] not in _CLOSED
                yield Key(f"field:{field}", path, node, (len(text), open_end, zlib.crc32(text.encode("utf-8"))))

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < MIN_CUT:
            return
        longest = max(e.data[0] for e in entries)
        at_limit = [e for e in entries if e.data[0] == longest]
        open_ended = [e for e in at_limit if e.data[1]]
        # Copies of one value (one trial in two exports) are one value.
        if len({e.data[2] for e in at_limit}) < MIN_CUT or len({e.data[2] for e in open_ended}) < 2:
            return
        for entry in open_ended:
            yield CrossProblem(
                entry,
                f"cut at {longest} characters: {len(at_limit)} values of {key[6:]} stop at exactly this length "
                "and none in the run is longer (an export's cell limit)",
            )
