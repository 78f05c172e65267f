"""CT003-CT005: e-mail syntax, free-mail addresses, and the e-mail domain against the web domain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import email_domain, registrable_domain, web_domain
from .blocks import address_blocks, text_of

FREE_MAIL = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mail.com",
    "gmx.com",
    "gmx.de",
    "protonmail.com",
    "proton.me",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "chmail.ir",
    "yahoo.fr",
    "hotmail.co.uk",
)


@check("CT003", "email-syntax", category="conformance", severity="error")
def email_syntax(record: Record, options: dict) -> Iterator[Problem]:
    """An e-mail address is not a valid address.

    What it checks: every e-mail address of the record with email-validator, offline (no
    DNS query is ever made): one `@`, a valid local part, a domain with a dot.
    Why it matters: mail to the address cannot be delivered; the person cannot be reached.
    Failing example:
        Registrant information
        Email address
        reza.ahmadi@tbzmed
    Passing example:
        Registrant information
        Email address
        reza.ahmadi@tbzmed.ac.ir
    """
    for path, block in address_blocks(record):
        node, text = text_of(block, "email")
        if text is None:
            continue
        # Some registries hold a person's addresses in one field: "a@x.org; b@y.org".
        for address in _ADDRESSES.split(text) if _ADDRESSES.search(text) else (text,):
            error = email_error(address)
            if address and error:
                yield Problem(f"{path}.email", f"{address!r} is not a valid e-mail address: {error}", node=node)


_ADDRESSES = re.compile(r"\s*+[;,]\s*+|\s++(?=\S+@)")


# The plainest addresses, which email-validator accepts as they are: a dot-atom of ASCII
# letters, digits and _ % + - (no leading, trailing or double dot), @, labels of letters and
# digits with inner hyphens, an alphabetic top-level label. They are answered without
# loading the library (most addresses of a registry are of this form); every other address
# goes to it. Possessive throughout, each label at most 63 characters: linear.
_PLAIN = re.compile(
    r"[A-Za-z0-9_%+-]++(?:\.[A-Za-z0-9_%+-]++)*+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}+(?<=[A-Za-z0-9]))?+\.)++"
    r"[A-Za-z]{2,63}+"
)
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})  # refused by email-validator


def plainly_valid(address: str) -> bool:
    """Whether the address is of the plainest valid form (see _PLAIN), by its syntax alone."""
    if len(address) > 254 or _PLAIN.fullmatch(address) is None:
        return False
    local, _, domain = address.partition("@")
    return len(local) <= 64 and domain.rsplit(".", 1)[-1].lower() not in _SPECIAL_USE


@lru_cache(maxsize=65536)
def email_error(address: str) -> str | None:
    """Why an address is invalid (email-validator, offline), or None."""
    if plainly_valid(address):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


@check(
    "CT004",
    "free-mail-address",
    category="plausibility",
    severity="info",
    options={"free_mail_domains": list(FREE_MAIL)},
)
def free_mail_address(record: Record, options: dict) -> Iterator[Problem]:
    """A responsible person gives a free-mail address (gmail.com, yahoo.com, ...) rather than an institutional one.

    What it checks: the e-mail domains of the registrant, the three contacts and the
    responsible persons of centers and sponsors against a list of free-mail providers.
    Why it matters: IRCT asks for institutional addresses, which outlive a person's
    private mailbox and show the affiliation. This is advice, not an error.
    Options: free_mail_domains (list of domains): the providers counted as free mail.
    Failing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Sara Rahimi
        Email
        sara.rahimi1990@gmail.com
    Passing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Sara Rahimi
        Email
        s.rahimi@sbmu.ac.ir
    """
    free = {d.lower() for d in options["free_mail_domains"]}
    for path, block in address_blocks(record):
        if path.startswith("ethics"):
            continue
        node, text = text_of(block, "email")
        domain = email_domain(text)
        if domain in free:
            yield Problem(
                f"{path}.email",
                f"{text} is a free-mail address; "
                + (
                    "IRCT asks for an institutional one"
                    if record.registry == "IRCT"
                    else "an institutional one outlives the person"
                ),
                node=node,
            )


@check("CT005", "email-web-domain-mismatch", category="plausibility", severity="info")
def email_web_domain_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """An organization's e-mail address is on another domain than its web address.

    What it checks: blocks (centers, sponsors, contacts) that give both an e-mail and a
    web page address, comparing their registrable domains (`shmc.sbmu.ac.ir` and
    `sbmu.ac.ir` match). Free-mail addresses are left to CT004.
    Why it matters: an institution's mail usually shares its web domain; a different one
    can be a mistyped domain, or an address of another organization.
    Failing example:
        Recruitment centers
        1
        Recruitment center
        Email
        info@imamreza-hospital.ir
        Web page address
        <https://imamreza.mums.ac.ir/>
    Passing example:
        Recruitment centers
        1
        Recruitment center
        Email
        imamreza@mums.ac.ir
        Web page address
        <https://imamreza.mums.ac.ir/>
    """
    free = set(FREE_MAIL)
    for path, block in address_blocks(record):
        node, email = text_of(block, "email")
        _, web = text_of(block, "web")
        e_domain, w_domain = email_domain(email), web_domain(web)
        if not e_domain or not w_domain or e_domain in free:
            continue
        if registrable_domain(e_domain) != registrable_domain(w_domain):
            yield Problem(
                f"{path}.email", f"e-mail domain {e_domain} differs from the web domain {w_domain}", node=node
            )
