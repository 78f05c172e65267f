"""ID001, ID002: the IRCT registration number's form, and the date inside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record, Value
from irct_lint.registry import Problem, check
from irct_lint.values import gregorian_iso, jalali_to_gregorian

# IRCT + an 8-digit date + a serial + N + a sequence number. The date is Solar Hijri (13xx)
# in the first years of the registry and Gregorian since; the serial has 1-5 digits in
# older numbers and 6 in current ones.
IRCT_NUMBER = re.compile(r"^IRCT(?P<date>(?:13|19|20)\d{6})(?P<serial>\d{1,6})N(?P<seq>[1-9]\d{0,2})$")


def _parts(record: Record) -> tuple[Value | None, re.Match[str] | None]:
    node = record.node("registration.number")
    if node is None or not isinstance(node.value, str) or not node.value.strip():
        return None, None
    return node, IRCT_NUMBER.match(node.value.strip())


@check("ID001", "irct-number-format", category="conformance", severity="error", registries=("IRCT",))
def irct_number_format(record: Record, options: dict) -> Iterator[Problem]:
    """The IRCT registration number is not in any of the registry's formats.

    What it checks: `registration.number` against the three IRCT formats: `IRCT` + a
    Solar Hijri date (13xx) + serial + `N` + sequence (the first years), `IRCT` + a
    Gregorian date + a 1-5 digit serial + `N` + sequence (older), and `IRCT` + a Gregorian
    date + a 6-digit serial + `N` + sequence (current), e.g. IRCT20230801058996N5.
    Why it matters: the registration number is the trial's identity in publications,
    ethics files and the WHO portal; a malformed one cannot be looked up.
    Failing example:
        IRCT registration information
        IRCT registration number: **IRCT2023080105899N**
    Passing example:
        IRCT registration information
        IRCT registration number: **IRCT20230801058996N5**
    """
    node, match = _parts(record)
    if node is not None and match is None:
        yield Problem(
            "registration.number",
            f"{node.value.strip()!r} is not an IRCT registration number (IRCT + 8-digit date + serial + N + sequence)",
            node=node,
        )


@check("ID002", "irct-number-date", category="plausibility", severity="error", registries=("IRCT",))
def irct_number_date(record: Record, options: dict) -> Iterator[Problem]:
    """The date inside the IRCT number is not a real date, or comes after the registration date.

    What it checks: the 8 digits after `IRCT`, read as a Solar Hijri date when they start
    with 13 and as a Gregorian date otherwise, must be a real calendar date on or before
    `registration.date`.
    Why it matters: the number is issued from that date; an impossible date, or one after
    the trial was registered, means the number was mistyped.
    Failing example:
        IRCT registration information
        IRCT registration number: **IRCT20241301058996N1**
        Registration date: **2024-06-22, 1403/04/02**
    Passing example:
        IRCT registration information
        IRCT registration number: **IRCT20240101058996N1**
        Registration date: **2024-06-22, 1403/04/02**
    """
    node, match = _parts(record)
    if match is None:
        return
    digits = match.group("date")
    y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if digits.startswith("13"):
        iso = jalali_to_gregorian(y, m, d)
        calendar = "Solar Hijri"
    else:
        iso = gregorian_iso(y, m, d)
        calendar = "Gregorian"
    if iso is None:
        yield Problem(
            "registration.number",
            f"the number holds {digits[:4]}-{digits[4:6]}-{digits[6:8]}, which is not a real {calendar} date",
            node=node,
            offset=4,
        )
        return
    registered = record.get("registration.date")
    if isinstance(registered, str) and len(registered) == 10 and registered[:2] in ("19", "20") and iso > registered:
        yield Problem(
            "registration.number",
            f"the number's date {iso} is after the registration date {registered}",
            node=node,
            offset=4,
        )
