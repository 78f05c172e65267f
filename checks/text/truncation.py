"""TX002: text cut off mid-word at a field limit, found where another field holds it whole."""
from __future__ import annotations

import re

from irct_lint.model import iter_values
from irct_lint.registry import Problem, check

from ..common import text_values


@check("TX002", "truncated-text", category="plausibility", severity="warning")
def truncated_text(record, options):
    """A value is cut off mid-word, while another field of the record holds the whole text.

    What it checks: each value of 20 characters or more whose last word continues, in
    another field of the same record, into a longer word: "... Vice pr" in the sponsor name
    against "... Vice presidency for Science and Technology" in the funding source.
    Why it matters: the registry's form cut the text at its length limit; the name is
    wrong everywhere it is shown, and the full name is known.
    Failing example:
        Funding source
        Council for Stem Cells, Vice presidency for Science and Technology
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Council for Stem Cells, Vice pr
    Passing example:
        Funding source
        Council for Stem Cells, Vice presidency for Science and Technology
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Council for Stem Cells, Vice presidency for Science and Technology
    """
    values = [(p, v) for p, v in text_values(record)]
    texts = [(p, v.value) for p, v in values]
    for path, node in values:
        text = node.value.rstrip()
        if len(text) < 20 or not re.search(r"[A-Za-z]{1,}$", text) or "\n" in text[-40:]:
            continue
        tail = text[-40:] if len(text) > 40 else text
        for other_path, other in texts:
            if other_path == path or len(other) <= len(text) - 40 + len(tail):
                continue
            at = other.find(tail)
            while at >= 0:
                after = other[at + len(tail):at + len(tail) + 1]
                if after.isalpha() and after.islower():
                    word = re.match(r"[A-Za-z]+", other[at + len(tail):]).group(0)
                    last = re.search(r"[A-Za-z]+$", text).group(0)
                    yield Problem(path, f"the text ends in the middle of a word ({last!r}); {other_path} has "
                                  f"{last + word!r}", node=node, offset=len(text) - len(last),
                                  fix=last + word)
                    break
                at = other.find(tail, at + 1)
            else:
                continue
            break
