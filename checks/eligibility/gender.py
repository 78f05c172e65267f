"""EL004: the gender field against conditions that occur in one sex only."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

# Conditions of one sex: by ICD-10 code (chapter XV pregnancy, female and male genital
# organs) and by words in the condition's description.
_FEMALE_CODES = re.compile(r"^(O\d|N7\d|N8\d|N9[0-8]|C5[1-8]|D2[5-8]|E28)", re.I)
_MALE_CODES = re.compile(r"^(C6[0-3]|N4\d|N5[01]|D29|E29)", re.I)
_FEMALE_WORDS = re.compile(
    r"\b(pregnan\w*|preeclampsia|pre-eclampsia|eclampsia|gestation\w*|labou?r|postpartum|obstetric\w*|"
    r"uter\w+|ovar\w+|cervix|cervical\s+(?:cancer|carcinoma|neoplas\w*|intraepithelial|screening|insufficiency|ripening|cerclage)|endometri\w+|vagin\w*|vulv\w+|menopaus\w*|menstrua\w*|dysmenorrh\w+|"
    r"polycystic ovary|pcos|breast[- ]?feeding|lactation|caesarean|cesarean|fallopian|placenta\w*)\b",
    re.I,
)
_MALE_WORDS = re.compile(
    r"\b(prostat\w+|testic\w+|testis|testes|scrot\w+|erectile|penile|penis|epididym\w+|male infertility|"
    r"varicocele|hypospadias|cryptorchidism)\b",
    re.I,
)


def _sex_of_conditions(record: Record) -> tuple[list, list]:
    female, male = [], []
    for index, block in enumerate(record.items("conditions")):
        if not isinstance(block, dict):
            continue
        code = block.get("icd10_code")
        code = code.value.strip() if code is not None and isinstance(code.value, str) else ""
        text = " ".join(
            str(block[k].value)
            for k in ("description", "icd10_description")
            if block.get(k) is not None and block[k].value
        )
        if _FEMALE_CODES.match(code) or _FEMALE_WORDS.search(text):
            female.append((index, text or code))
        if _MALE_CODES.match(code) or _MALE_WORDS.search(text):
            male.append((index, text or code))
    return female, male


@check("EL004", "gender-condition-mismatch", category="plausibility", severity="warning")
def gender_condition_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The gender of the participants contradicts a condition that occurs in one sex only.

    What it checks: the Gender field against the health conditions studied (their ICD-10
    codes and descriptions): pregnancy and female genital conditions with "Male", prostate
    and male genital conditions with "Female", and "Both" for a trial whose every condition
    occurs in one sex (not one such condition among others).
    Why it matters: the gender field drives registry searches; a preeclampsia trial listed
    for both sexes, or a prostate trial for women, is a selection slip.
    Failing example:
        Gender
        Both
        Health conditions studied
        1
        Description of health condition studied
        Benign prostatic hyperplasia
        ICD-10 code
        N40
    Passing example:
        Gender
        Male
        Health conditions studied
        1
        Description of health condition studied
        Benign prostatic hyperplasia
        ICD-10 code
        N40
    """
    gender = record.get("eligibility.gender")
    if not isinstance(gender, str):
        return
    gender = gender.strip().lower()
    female, male = _sex_of_conditions(record)
    if female and male:
        return  # a trial of both (infertile couples, for instance)
    if gender == "both" and len(female or male) < len(record.items("conditions")):
        return  # one sex's condition among others (a trial of many childhood cancers)
    if female and gender in ("male", "both"):
        index, text = female[0]
        yield Problem(
            "eligibility.gender",
            f"gender is {gender.title()}, but condition {index + 1} ({text[:60]}) occurs in women only",
        )
    if male and gender in ("female", "both"):
        index, text = male[0]
        yield Problem(
            "eligibility.gender",
            f"gender is {gender.title()}, but condition {index + 1} ({text[:60]}) occurs in men only",
        )
