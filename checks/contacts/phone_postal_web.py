"""CT006-CT008: phone and fax numbers, postal codes and web addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from irct_lint.model import Record, Value, per_record
from irct_lint.registry import Problem, check

from .blocks import address_blocks, text_of

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*+://", re.I)
# Labels that start and end with a letter or digit; possessive, so that a long label is not
# cut two ways (`[a-z0-9-]*[a-z0-9]` backtracked through every split).
_HOST = re.compile(r"(?<![a-z0-9.-])(?:[a-z0-9][a-z0-9-]*+(?<!-)\.)++[a-z]{2,}", re.I)
_COUNTRY_REGIONS = {
    "iran": "IR",
    "iran (islamic republic of)": "IR",
    "islamic republic of iran": "IR",
    "iraq": "IQ",
    "afghanistan": "AF",
    "turkey": "TR",
    "türkiye": "TR",
    "germany": "DE",
    "united kingdom": "GB",
    "united states": "US",
    "united states of america": "US",
    "canada": "CA",
    "france": "FR",
    "italy": "IT",
    "china": "CN",
    "india": "IN",
    "switzerland": "CH",
}


def _region(record: Record, block: dict) -> str | None:
    """The phone region of a block: its own country, else the registrant's, else the
    record's one country of recruitment, else Iran for an IRCT record; None when unknown
    (only numbers in international form are then checked)."""
    node = block.get("country")
    if isinstance(node, Value) and isinstance(node.value, str) and node.value.strip():
        return _COUNTRY_REGIONS.get(node.value.strip().lower())
    return _record_region(record)


@per_record
def _record_region(record: Record) -> str | None:
    """The phone region of a block that names no country (see _region)."""
    countries = record.items("countries")
    only = countries[0] if len(countries) == 1 else None
    for node in (record.node("registrant.country"), only):
        if isinstance(node, Value) and isinstance(node.value, str) and node.value.strip():
            return _COUNTRY_REGIONS.get(node.value.strip().lower())
    return "IR" if record.registry == "IRCT" else None


# A trailing extension ("ext. 123", "x12") or a range of lines ("-5", "/9") is not part of
# the number; possessive, starting only where a run of spaces starts, anchored at the end.
_EXTENSION = re.compile(
    r"(?<![ \t])[ \t]*+"
    r"(?:(?:ext|extension|int|internal)\.?+[ \t]*+\d{1,5}+|x[ \t]*+\d{1,5}+|[-–/][ \t]*+\d{1,2}+)[ \t]*+$",
    re.I,
)


@lru_cache(maxsize=65536)
def phone_valid(text: str, region: str | None) -> bool:
    if _EXTENSION.search(text) and _valid(_EXTENSION.sub("", text), region):
        return True
    return _valid(text, region)


def _valid(text: str, region: str | None) -> bool:
    import phonenumbers

    candidate = "+" + text[2:] if text.startswith("00") else text
    plain = plain_international(candidate)
    if plain is not None:
        return plain
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, region))
    except phonenumbers.NumberParseException:
        return False


# "+98 21 2243 9872": a plus, digits, spaces and hyphens, ending with a digit.
_PLAIN_INTERNATIONAL = re.compile(r"\+[1-9](?:[\d \-]*\d)?")


def plain_international(text: str) -> bool | None:
    """phonenumbers' verdict on a number in plain international form, without its parser
    (which costs most of a verdict): the country code read off the digits as the parser
    reads it, the rest the national number, checked against the same metadata. None when
    the text is not that plain, or its country's national prefix or leading zeros could
    make the parser read it otherwise; the parser then decides. A test holds the two
    verdicts equal on generated numbers."""
    if _PLAIN_INTERNATIONAL.fullmatch(text) is None:
        return None
    import phonenumbers

    digits = text[1:].replace(" ", "").replace("-", "")
    for size in (1, 2, 3):  # country codes are prefix-free: the first known prefix is the code
        code = int(digits[:size])
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code)
        if regions:
            break
    else:
        return None
    national = digits[size:]
    if not 2 <= len(national) <= 17 or national[0] == "0":
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
    if metadata is None or metadata.national_prefix_transform_rule is not None:
        return None
    prefix = metadata.national_prefix_for_parsing
    if prefix and (not prefix.isdigit() or national.startswith(prefix)):
        return None
    return phonenumbers.is_valid_number(phonenumbers.PhoneNumber(country_code=code, national_number=int(national)))


@check("CT006", "phone-invalid", category="conformance", severity="warning")
def phone_invalid(record: Record, options: dict) -> Iterator[Problem]:
    """A phone or fax number is not a valid number for its country.

    What it checks: phone and fax numbers of the registrant, contacts, centers and sponsors
    with phonenumbers (Google's libphonenumber), read for the block's country (else the
    record's one country of recruitment; Iran for an IRCT record that names none). Numbers
    of countries it does not know are skipped unless written in international form.
    Why it matters: a number with a digit missing reaches no one; participants and
    monitors cannot call the trial.
    Failing example:
        Registrant information
        Phone
        +98 21 2243 987
    Passing example:
        Registrant information
        Phone
        +98 21 2243 9872
    """
    for path, block in address_blocks(record):
        region = _region(record, block)
        for key in ("phone", "fax"):
            node, text = text_of(block, key)
            if text is None:
                continue
            # Some registries hold a person's numbers in one field: "+55 11 3665 9890; +55 11 ...",
            # "+86 18971387168/+86 15729577635" (a "/" between two whole numbers, not in one).
            for number in _numbers(text):
                # A national number of a country not known is not read: asked of each number.
                if not number or (region is None and not number.startswith(("+", "00"))):
                    continue
                if not phone_valid(number, region):
                    yield Problem(
                        f"{path}.{key}",
                        f"{number!r} is not a valid {key} number" + (f" for {region}" if region else ""),
                        node=node,
                    )


@check(
    "CT007",
    "postal-code-format",
    category="conformance",
    severity="warning",
    options={"formats": {"IR": r"\d{10}|\d{5}-\d{5}"}},
)
def postal_code_format(record: Record, options: dict) -> Iterator[Problem]:
    """A postal code is not in the format of its country (Iran: 10 digits).

    What it checks: postal codes of addresses in countries with a known format: for Iran
    ten digits, optionally written 12345-67890. Addresses abroad with no known format are
    skipped.
    Why it matters: a postal code with digits missing (`91375-345`) does not deliver the
    participants' mail or the monitors' parcels.
    Options: formats (mapping of country code to regular expression): the postal code
    format of each country.
    Failing example:
        Ethics committees
        1
        Ethics committee
        Postal code
        91375-345
    Passing example:
        Ethics committees
        1
        Ethics committee
        Postal code
        9137913316
    """
    formats = {k: re.compile(rf"^(?:{v})$") for k, v in options["formats"].items()}
    for path, block in address_blocks(record):
        node, text = text_of(block, "postal_code")
        region = _region(record, block)
        pattern = formats.get(region or "")
        if text is not None and pattern is not None and not pattern.match(text):
            digits = sum(ch.isdigit() for ch in text)
            yield Problem(
                f"{path}.postal_code",
                f"postal code {text!r} is not of the form of {region} postal codes ({digits} digits; ten are expected)"
                if region == "IR"
                else f"postal code {text!r} is not of the form of {region} postal codes",
                node=node,
            )


@check("CT008", "web-address-malformed", category="conformance", severity="warning")
def web_address_malformed(record: Record, options: dict) -> Iterator[Problem]:
    """A web page address is not a well-formed web address.

    What it checks: web addresses of centers, sponsors and contacts: an http or https
    address (or a bare domain) with a host that has a dot and no spaces.
    Why it matters: a broken link leads readers nowhere.
    Failing example:
        Recruitment centers
        1
        Recruitment center
        Web page address
        https//www.sbmu.ac
    Passing example:
        Recruitment centers
        1
        Recruitment center
        Web page address
        <https://www.sbmu.ac.ir/>
    """
    for path, block in address_blocks(record):
        node, text = text_of(block, "web")
        if text is None:
            continue
        url = text if _SCHEME.match(text) else "http://" + text
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:  # urllib refuses some malformed addresses outright ("http://[::1")
            ok = False
        else:
            ok = parts.scheme.lower() in ("http", "https") and " " not in text and _HOST.fullmatch(host) is not None
        if not ok:
            yield Problem(f"{path}.web", f"{text!r} is not a well-formed web address", node=node)


_JOINED = re.compile(r"\s*+[;/]\s*+(?=\+|00)")


def _numbers(text: str) -> list[str]:
    """The numbers of a phone field: parted at ";", and at a "/" that a "+" or "00" follows."""
    parts = [p.strip() for p in text.split(";")] if ";" in text else [text]
    return [n for part in parts for n in _JOINED.split(part)]
