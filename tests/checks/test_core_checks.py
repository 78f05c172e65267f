"""The five checks the core names: age range, funding proportions, contact e-mails,
registration number, garbled exponent; each with failing and passing cases."""

from __future__ import annotations

import pytest

from ..conftest import codes_of, lint


def age(text: str, criteria: str = "") -> str:
    return (f"Inclusion criteria:\n{criteria}\n" if criteria else "") + f"Age\n{text}\n"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("From **65 years** old to **18 years** old", ["EL001"]),
        ("From **30 months** old to **2 years** old", ["EL001"]),  # 30 months > 24 months
        ("From **18 months** old to **2 years** old", []),
        ("From **18 years** old to **18 years** old", []),
        ("From **18 years** old", []),
    ],
)
def test_age_range_order(text, expected):
    assert codes_of(lint(age(text), "EL001")) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("From **18 years** old to **650 years** old", ["EL002"]),
        ("From **18 years** old to **99 years** old", []),
        ("From **0 days** old to **28 days** old", []),
    ],
)
def test_age_implausible(text, expected):
    assert codes_of(lint(age(text), "EL002")) == expected


def test_age_implausible_limit_is_configurable():
    assert codes_of(lint(age("From **18 years** old to **99 years** old"), "EL002", options={"max_years": 90})) == [
        "EL002"
    ]


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Patients aged between 35-60 years", []),
        ("Patients aged between 35-65 years", ["EL003"]),
        ("Men and women 30 to 60 years old", ["EL003"]),
        ("Women aged 35-50 years\nMen aged 40-60 years", []),  # together: 35-60
        ("Disease duration of 6-12 months", []),  # not an age
        ("", []),
    ],
)
def test_age_text_mismatch(criteria, expected):
    found = lint(age("From **35 years** old to **60 years** old", criteria), "EL003")
    assert codes_of(found) == expected


def test_age_text_mismatch_points_at_the_stated_range():
    found = lint(age("From **35 years** old to **60 years** old", "Stable disease\nPatients aged 35-65 years"), "EL003")
    assert found[0].line == 3 and found[0].column == 10


def sponsors(*proportions) -> str:
    out = "Sponsors / Funding sources\n"
    for i, p in enumerate(proportions, 1):
        out += f"{i}\nSponsor\nName of organization / entity\nSource {i}\n"
        if p is not None:
            out += f"Proportion provided by this source\n{p}\n"
    return out


@pytest.mark.parametrize(
    "props,expected",
    [
        ((50, 50), []),
        ((75, 25), []),
        ((33.3, 33.3, 33.3), []),  # 99.9: within the tolerance
        ((60, 30), ["FN002"]),
        ((100, 20), ["FN002"]),
        ((None, None), []),  # no proportions: nothing to add up
        ((100, None), []),
        ((60, None), ["FN002"]),
    ],
)
def test_funding_sum(props, expected):
    assert codes_of(lint(sponsors(*props), "FN002")) == expected


def test_funding_sum_names_missing_sponsors():
    [finding] = lint(sponsors(60, None), "FN002")
    assert "sponsor 2 gives no proportion" in finding.message and "60" in finding.message


@pytest.mark.parametrize("props,expected", [((150,), ["FN001"]), ((-5, 105), ["FN001", "FN001"]), ((0, 100), [])])
def test_funding_range(props, expected):
    assert codes_of(lint(sponsors(*props), "FN001")) == expected


def people(registrant_email: str, contact_name: str, contact_email: str) -> str:
    return (
        "Registrant information\nName\nSara Rahimi\nEmail address\n" + registrant_email + "\n"
        "Person responsible for general inquiries\nContact\nFull name of responsible person\n"
        + contact_name
        + "\nEmail\n"
        + contact_email
        + "\n"
        "Person responsible for scientific inquiries\nContact\nFull name of responsible person\n"
        + contact_name
        + "\nEmail\n"
        + contact_email
        + "\n"
    )


@pytest.mark.parametrize(
    "reg,name,email,expected",
    [
        ("s.rahimi@sbmu.ac.ir", "Sara Rahimi", "sara.rahimi@gmail.com", ["CT001"]),
        ("s.rahimi@sbmu.ac.ir", "Dr. Sara Rahimi", "S.Rahimi@sbmu.ac.ir", []),  # title and case
        ("s.rahimi@sbmu.ac.ir", "Reza Amini", "r.amini@sbmu.ac.ir", []),  # another person
    ],
)
def test_contact_email_mismatch(reg, name, email, expected):
    assert codes_of(lint(people(reg, name, email), "CT001")) == expected


def test_contact_email_mismatch_reports_the_address_used_least():
    [finding] = lint(people("s.rahimi@sbm.ac.ir", "Sara Rahimi", "sara.rahimi@gmail.com"), "CT001")
    assert finding.field == "registrant.email"
    assert "contacts.general, contacts.scientific" in finding.message


@pytest.mark.parametrize(
    "reg,other,expected",
    [
        ("s.rahimi@sbm.ac.ir", "info@sbmu.ac.ir", ["CT002"]),
        ("s.rahimi@sbmu.ac.ir", "info@sbmu.ac.ir", []),
        ("s.rahimi@sums.ac.ir", "info@mums.ac.ir", []),  # two real universities
        ("s.rahimi@gmial.com", "info@mums.ac.ir", ["CT002"]),  # a slip for a mail provider
        ("s.rahimi@tums.ac.ir", "info@mums.ac.ir", []),
    ],
)
def test_email_domain_near_miss(reg, other, expected):
    text = people(reg, "Reza Amini", other)
    assert codes_of(lint(text, "CT002")) == expected


def test_near_miss_known_domains_option():
    text = people("s.rahimi@sbm.ac.ir", "Reza Amini", "info@sbmu.ac.ir")
    assert codes_of(lint(text, "CT002")) == ["CT002"]  # the near miss, as the option is what silences it
    assert lint(text, "CT002", options={"known_domains": ["sbm.ac.ir"]}) == []


def test_near_miss_suggests_the_fix():
    [finding] = lint(people("s.rahimi@sbm.ac.ir", "Reza Amini", "info@sbmu.ac.ir"), "CT002")
    assert finding.fix == "s.rahimi@sbmu.ac.ir"


def number(value: str, registered: str = "2024-06-22, 1403/04/02") -> str:
    return f"IRCT registration number: **{value}**\nRegistration date: **{registered}**\n"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("IRCT20230801058996N5", []),  # current: 6-digit serial
        ("IRCT2015102824760N1", []),  # older Gregorian: 5-digit serial
        ("IRCT201012244010N3", []),  # older Gregorian: 4-digit serial
        ("IRCT138707072539N1", []),  # Solar Hijri era
        ("IRCT20230801058996", ["ID001"]),  # no N + sequence
        ("IRCT-20230801058996N5", ["ID001"]),
        ("IRCT20230801058996N0", ["ID001"]),
        ("NCT01234567", ["ID001"]),
    ],
)
def test_irct_number_format(value, expected):
    assert codes_of(lint(number(value), "ID001")) == expected


@pytest.mark.parametrize(
    "value,registered,expected",
    [
        ("IRCT20230801058996N5", "2024-06-22, 1403/04/02", []),
        ("IRCT20231301058996N5", "2024-06-22, 1403/04/02", ["ID002"]),  # month 13
        ("IRCT20240701058996N5", "2024-06-22, 1403/04/02", ["ID002"]),  # after registration
        ("IRCT138912312539N1", "2011-06-22, 1390/04/01", []),  # 1389/12/31: no (1389 is not leap)
        ("IRCT138707072539N1", "2008-10-01, 1387/07/10", []),
        ("IRCT138707152539N1", "2008-10-01, 1387/07/10", ["ID002"]),
    ],
)
def test_irct_number_date(value, registered, expected):
    found = codes_of(lint(number(value, registered), "ID002"))
    if value == "IRCT138912312539N1":
        # 1389 is not a leap year in the Solar Hijri calendar: Esfand has 29 days.
        assert found == ["ID002"]
    else:
        assert found == expected


@pytest.mark.parametrize(
    "text,fixes",
    [
        ("equivalent to 1011 particles or 250 micrograms", ["10^11 particles"]),
        ("a dose of 108 CFU per capsule", ["10^8 CFU"]),
        ("109 vg/kg of vector", ["10^9 vg"]),
        ("2 × 106 cells/kg", ["2 × 10^6 cells"]),
        ("1.5 x 108 cells", ["1.5 x 10^8 cells"]),
        ("3 x 1010 particles", ["3 x 10^10 particles"]),
        ("2000000 to 3000000 cells/Kg", []),
        ("108 patients were enrolled", []),
        ("10^11 particles", []),
        ("1011 patients", []),
        ("2 × 10 mg tablets", []),
    ],
)
def test_garbled_exponent(text, fixes):
    found = lint(f"Intervention groups\n1\nDescription\n{text}\n", "TX001")
    assert [f.fix for f in found] == fixes


def test_garbled_exponent_points_into_a_wrapped_value():
    found = lint("Intervention groups\n1\nDescription\nFirst line of text,\nthen 1011 particles daily\n", "TX001")
    assert (found[0].line, found[0].column) == (5, 6)


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Adults aged ? 18 years", ["EL008"]),
        ("(? 65 years)", ["EL008"]),
        ("BMI = 30 kg/m2", ["EL008"]),
        ("Are you pregnant? 2 questions follow", []),  # a question, not a lost sign
        ("Adults aged ≥ 18 years", []),
    ],
)
def test_lost_comparison_signs(criteria, expected):
    assert codes_of(lint(f"Inclusion criteria:\n{criteria}\n", "EL008")) == expected


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Adults aged 18-5 years", ["EL009"]),
        ("BMI 25-3", ["EL009"]),
        ("Children aged 2-5 years", []),
        ("BMI 25-30", []),
        ("at weeks 12-4 of the study", []),  # no age, no BMI
    ],
)
def test_reversed_ranges(criteria, expected):
    assert codes_of(lint(f"Inclusion criteria:\n{criteria}\n", "EL009")) == expected


def test_age_strata_whose_union_is_the_field_match_it():
    strata = "Two strata: adults aged 18-40 years and adults aged 41-65 years"
    assert lint(age("From **18 years** old to **65 years** old", strata), "EL003") == []


def test_a_field_without_maximum_does_not_match_a_text_that_states_one():
    [finding] = lint(age("From **18 years** old", "Patients aged 18-65 years"), "EL003")
    assert "no maximum" in finding.message
    assert lint(age("From **18 years** old", "Patients aged 18 years or older"), "EL003") == []


@pytest.mark.parametrize(
    "inclusion,exclusion,expected",
    [
        ("1. Type 2 diabetes; adults", "- type 2 diabetes.", ["EL010"]),
        ("Type 2 diabetes", "Type 1 diabetes", []),
        ("Pregnancy", "Pregnancy", []),  # one word: too short to tell a slip from a restatement
        ("Adults aged 18-65 years", "N/A", []),
    ],
)
def test_a_criterion_in_both_lists(inclusion, exclusion, expected):
    text = f"Inclusion criteria:\n{inclusion}\nExclusion criteria:\n{exclusion}\n"
    assert codes_of(lint(text, "EL010")) == expected


@pytest.mark.parametrize(
    "field,exclusion,expected",
    [
        ("From **18 years** old to **80 years** old", "Age > 70 years", ["EL011"]),
        ("From **18 years** old to **80 years** old", "Patients younger than 25", ["EL011"]),
        ("From **18 years** old to **80 years** old", "Age > 80 years", []),  # at the bound: consistent
        ("From **18 years** old to **80 years** old", "Age < 18 years", []),
        ("From **18 years** old", "Age > 70 years", []),  # no maximum to compare with
    ],
)
def test_exclusion_ages_inside_the_age_field(field, exclusion, expected):
    assert codes_of(lint(f"Age\n{field}\nExclusion criteria:\n{exclusion}\n", "EL011")) == expected


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Children aged 5-Oct years", ["TX011"]),
        ("Sessions of 10-May minutes", []),  # minutes: not one of the units it reads
        ("Children aged 5-10 years", []),
        ("Seen on 5-Oct-2020 at the clinic", []),  # a real date
        ("5-Oct", ["TX011"]),  # the whole value
        ("Oct-15", ["TX011"]),
    ],
)
def test_ranges_a_spreadsheet_made_dates(criteria, expected):
    assert codes_of(lint(f"Inclusion criteria:\n{criteria}\n", "TX011")) == expected


def test_a_range_made_a_date_is_restored_as_the_fix_and_date_fields_are_left_alone():
    csv = (
        "TrialID,Public title,Inclusion Criteria,Date enrollement\nChiCTR2000012345,Vitamin D,Aged 5-Oct years,5-Oct\n"
    )
    [finding] = lint(csv, "TX011")
    assert (finding.field, finding.fix) == ("eligibility.inclusion", "Aged 5-10 years")


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Inclusion criteria:\nType 2 diabetes\nAdults aged 18-65\nType 2 diabetes\n", ["EL012"]),
        ("Inclusion criteria:\nFor patients:\nAdults aged 18-65\nFor controls:\nAdults aged 18-65\n", []),
        ("Exclusion criteria:\nPregnancy; kidney failure; pregnancy\n", []),  # one word: too short to tell
        ("Exclusion criteria:\nActive cancer; kidney failure; active cancer\n", ["EL012"]),
    ],
)
def test_a_criterion_twice_in_one_list(criteria, expected):
    assert codes_of(lint(criteria, "EL012")) == expected


@pytest.mark.parametrize(
    "criteria,expected",
    [
        ("Inclusion criteria:\nAdults aged 18-65\nNot pregnant\n", ["EL013"]),
        ("Inclusion criteria:\n1. Without heart failure\n", ["EL013"]),
        ("Inclusion criteria:\nAdults aged 18-65\nNormal kidney function\n", []),
        ("Inclusion criteria:\nNoncommunicable disease clinic patients\n", []),  # "Non..." is not "no"
        ("Exclusion criteria:\nNo consent\n", []),  # in the exclusion list, where it belongs
    ],
)
def test_an_exclusion_written_in_the_inclusion_list(criteria, expected):
    assert codes_of(lint(criteria, "EL013")) == expected


def test_a_condition_listed_twice():
    block = "{n}\nDescription of health condition studied\n{d}\nICD-10 code\n{c}\n"
    text = "Health conditions studied\n" + block.format(n=1, d="Knee osteoarthritis", c="M17")
    assert lint(text + block.format(n=2, d="knee osteoarthritis.", c="M17"), "CD006") != []
    assert lint(text + block.format(n=2, d="Knee osteoarthritis", c="M16"), "CD006") == []


def test_a_wrapped_line_and_not_specified_are_not_criteria_that_exclude():
    wrapped = "Inclusion criteria:\n- Adults in whom the infection is confirmed or suspected\nwithout symptoms\n"
    assert codes_of(lint(wrapped, "EL013")) == []
    assert codes_of(lint("Inclusion criteria:\n- Not specified\n", "EL013")) == []


@pytest.mark.parametrize("item", ["No more than 10 days since the onset", "No age limit"])
def test_a_bound_or_no_limit_is_not_an_exclusion(item):
    assert codes_of(lint(f"Inclusion criteria:\n- {item}\n", "EL013")) == []


@pytest.mark.parametrize(
    "address",
    [
        "s.rahimi@tbzmed.ac.ir",
        "a_b%c+d-e@x-y.example.org",
        "x@a.io",
        "a..b@x.org",
        ".a@x.org",
        "a.@x.org",
        "a@-x.org",
        "a@x-.org",
        "a@x.o",
        "a@x.123",
        "a@localhost",
        "a@x.test",
        "a@x..org",
        "a@" + "x" * 64 + ".org",
        "a" * 65 + "@x.org",
        "a@@x.org",
        "ali@دانشگاه.ایران",
    ],
)
def test_the_plain_address_gate_accepts_only_what_email_validator_accepts(address):
    from email_validator import EmailNotValidError, validate_email

    from irct_lint.checks.contacts.email_quality import plainly_valid

    try:
        validate_email(address, check_deliverability=False)
        valid = True
    except EmailNotValidError:
        valid = False
    assert not plainly_valid(address) or valid
    if address in ("s.rahimi@tbzmed.ac.ir", "a_b%c+d-e@x-y.example.org", "x@a.io"):
        assert plainly_valid(address)  # the common case never loads the library


def test_the_plain_address_gate_never_passes_what_email_validator_refuses():
    from email_validator import EmailNotValidError, validate_email
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from irct_lint.checks.contacts.email_quality import plainly_valid

    part = st.text(alphabet="ab1.-_%+", min_size=0, max_size=12)
    tld = st.sampled_from(["org", "ir", "io", "test", "local", "x", "c0m", ""])

    @settings(max_examples=300, deadline=None, database=None)
    @given(part, part, tld)
    def gate(local, domain, top):
        address = f"{local}@{domain}.{top}"
        if plainly_valid(address):
            try:
                validate_email(address, check_deliverability=False)
            except EmailNotValidError as exc:
                raise AssertionError(f"{address!r} passed the gate but {exc}") from None

    gate()


def test_a_gestational_age_is_not_the_participants_age():
    text = (
        "Inclusion criteria:\nPregnant women\nGestational age of 14 to 30 weeks\n"
        "Age\nFrom **18 years** old to **45 years** old\n"
    )
    assert codes_of(lint(text, "EL003")) == []
    assert codes_of(lint(text.replace("Gestational age", "Women aged"), "EL003")) == ["EL003"]


def _parser_verdict(text: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return False


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("+98 21 2243 9872", True),  # Tehran, fixed line
        ("+98 912 345 6789", True),  # Iranian mobile
        ("+98 21 2243 987", False),  # a digit missing
        ("+1 202-555-0143", True),  # hyphens as separators
        ("+49 30 901820", True),
    ],
)
def test_the_plain_phone_gate_gives_the_parsers_verdict(text, verdict):
    from irct_lint.checks.contacts.phone_postal_web import plain_international

    assert _parser_verdict(text) is verdict
    assert plain_international(text) is verdict  # the common form never reaches the parser


@pytest.mark.parametrize(
    "text", ["+98 (21) 2243 9872", "+98 021 2243 9872", "+0 21 2243", "+98 21 x 55", "+54 9 11 1234"]
)
def test_the_plain_phone_gate_leaves_other_forms_to_the_parser(text):
    from irct_lint.checks.contacts.phone_postal_web import plain_international

    assert plain_international(text) is None


def test_the_plain_phone_gate_agrees_with_the_parser_on_generated_numbers():
    import phonenumbers
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from irct_lint.checks.contacts.phone_postal_web import plain_international

    # Real numbers of every region (valid ones, which random digits seldom are), with a
    # digit changed, added or dropped now and then; and plain random digits.
    examples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = phonenumbers.example_number(region)
        if number is not None:
            examples.append((number.country_code, str(number.national_number)))
    national = st.one_of(
        st.sampled_from(examples).map(lambda e: e[1]),
        st.text(alphabet="0123456789", min_size=1, max_size=18),
    )

    @settings(max_examples=1500, deadline=None, database=None)
    @given(
        st.sampled_from(examples).map(lambda e: e[0]),
        national,
        st.sampled_from(["", " ", "-", " 0"]),
        st.integers(min_value=-1, max_value=17),
        st.sampled_from(["", "0", "5", "drop"]),
    )
    def gate(code, digits, separator, at, edit):
        if edit == "drop" and 0 <= at < len(digits):
            digits = digits[:at] + digits[at + 1 :]
        elif edit and 0 <= at <= len(digits):
            digits = digits[:at] + edit + digits[at:]
        text = f"+{code}{separator}{digits}"
        verdict = plain_international(text)
        assert verdict is None or verdict == _parser_verdict(text), text

    gate()
