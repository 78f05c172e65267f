"""CT001, CT002: one person, one address; and addresses whose domain is a near miss."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import email_domain, levenshtein, people, person_key, registrable_domain, value_of, web_domain


@check("CT001", "contact-email-mismatch", category="plausibility", severity="warning")
def contact_email_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The same person is given different e-mail addresses in different parts of the record.

    What it checks: the registrant, the three contacts (general, scientific, updating) and
    the responsible persons of centers and sponsors. People are matched by name, ignoring
    titles ("Dr."), case and spacing; addresses are compared without case. The address used
    least is reported, with where the other one is used.
    Why it matters: IRCT asks for one reachable, institutional address per person. Two
    addresses for one person usually mean one is mistyped or outdated, and mail to the
    trial goes unanswered.
    Failing example:
        Registrant information
        Name
        Maryam Karimi
        Email address
        m.karimi@tbzmed.ac.ir
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Maryam Karimi
        Email
        maryam.karimi@gmail.com
    Passing example:
        Registrant information
        Name
        Maryam Karimi
        Email address
        m.karimi@tbzmed.ac.ir
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Dr. Maryam Karimi
        Email
        M.Karimi@tbzmed.ac.ir
    """
    by_person: dict[str, list] = defaultdict(list)
    display: dict[str, str] = {}
    for path, name, email, _org in people(record):
        key = person_key(value_of(name))
        address = value_of(email)
        if key and address:
            by_person[key].append((path, address.lower(), email))
            display.setdefault(key, value_of(name) or key)
    for key, uses in by_person.items():
        counts: dict[str, list] = defaultdict(list)
        for path, address, node in uses:
            counts[address].append((path, node))
        if len(counts) < 2:
            continue
        # The address used most is taken as the person's; the others are reported.
        order = sorted(counts, key=lambda a: (-len(counts[a]), uses.index(next(u for u in uses if u[1] == a))))
        main = order[0]
        main_places = ", ".join(p for p, _ in counts[main])
        for other in order[1:]:
            path, node = counts[other][0]
            places = ", ".join(p for p, _ in counts[other])
            yield Problem(
                f"{path}.email",
                f"{display[key]} has {node.value.strip()} here ({places}) but {main} in {main_places}",
                node=node,
            )


# Domains known to be real, so that two real neighbours (mums.ac.ir, sums.ac.ir) are never
# taken for a slip. Iranian universities of medical sciences and large mail providers.
KNOWN_DOMAINS = (
    "tums.ac.ir",
    "sbmu.ac.ir",
    "iums.ac.ir",
    "mums.ac.ir",
    "sums.ac.ir",
    "tbzmed.ac.ir",
    "mui.ac.ir",
    "ajums.ac.ir",
    "kums.ac.ir",
    "kmu.ac.ir",
    "umsha.ac.ir",
    "arums.ac.ir",
    "umsu.ac.ir",
    "gums.ac.ir",
    "mazums.ac.ir",
    "goums.ac.ir",
    "semums.ac.ir",
    "muq.ac.ir",
    "kaums.ac.ir",
    "zums.ac.ir",
    "abzums.ac.ir",
    "bums.ac.ir",
    "zbmu.ac.ir",
    "muk.ac.ir",
    "lums.ac.ir",
    "skums.ac.ir",
    "yums.ac.ir",
    "hums.ac.ir",
    "bpums.ac.ir",
    "jums.ac.ir",
    "fums.ac.ir",
    "ssu.ac.ir",
    "rums.ac.ir",
    "arakmu.ac.ir",
    "medilam.ac.ir",
    "nkums.ac.ir",
    "gmu.ac.ir",
    "thums.ac.ir",
    "bmsu.ac.ir",
    "ajaums.ac.ir",
    "shahed.ac.ir",
    "uswr.ac.ir",
    "iautmu.ac.ir",
    "ut.ac.ir",
    "modares.ac.ir",
    "sharif.edu",
    "pasteur.ac.ir",
    "tehranheart.ac.ir",
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "aol.com",
    "icloud.com",
    "mail.com",
    "ymail.com",
    "protonmail.com",
    "yahoo.co.uk",
    "googlemail.com",
)
FREE_MAIL_REFERENCES = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com")


@lru_cache(maxsize=64)
def _known(configured: tuple[str, ...]) -> frozenset[str]:
    return frozenset(d.lower() for d in KNOWN_DOMAINS + configured)


def _near(domain: str, reference: str) -> bool:
    """Whether two registrable domains differ by a slip: the same suffix, names 1-2 edits apart."""
    d_name, _, d_suffix = domain.partition(".")
    r_name, _, r_suffix = reference.partition(".")
    if d_suffix != r_suffix or d_name == r_name or min(len(d_name), len(r_name)) < 3:
        return (
            levenshtein(domain, reference, 1) == 1 and min(len(d_name), len(r_name)) >= 3 and d_name == r_name
        )  # a suffix slip such as gmail.con
    limit = 2 if min(len(d_name), len(r_name)) >= 8 else 1
    return levenshtein(d_name, r_name, limit) <= limit


@check("CT002", "email-domain-near-miss", category="plausibility", severity="warning", options={"known_domains": []})
def email_domain_near_miss(record: Record, options: dict) -> Iterator[Problem]:
    """An e-mail address's domain is one or two letters away from a domain the record uses.

    What it checks: each e-mail domain against the domains of the record's other e-mail
    and web addresses (and of the large mail providers). A domain that is not itself used
    elsewhere in the record, not a known real domain, and a letter or two away from one
    that is, is reported: `sbm.ac.ir` beside the university's own `sbmu.ac.ir`.
    Why it matters: mail to a mistyped domain bounces; participants and reviewers cannot
    reach the trial.
    Options: known_domains (list of domains): real domains that must never be reported,
    added to the built-in list of Iranian medical universities and mail providers.
    Failing example:
        Registrant information
        Name
        Reza Ahmadi
        Email address
        r.ahmadi@tbzmd.ac.ir
        Recruitment centers
        1
        Recruitment center
        Name of recruitment center
        Imam Reza Hospital
        Email
        info@tbzmed.ac.ir
    Passing example:
        Registrant information
        Name
        Reza Ahmadi
        Email address
        r.ahmadi@tbzmed.ac.ir
        Recruitment centers
        1
        Recruitment center
        Name of recruitment center
        Imam Reza Hospital
        Email
        info@tbzmed.ac.ir
    """
    known = _known(tuple(options.get("known_domains") or ()))
    uses: dict[str, list] = defaultdict(list)  # registrable domain -> [(path, node)]
    emails = []
    for path, _name, email, _org in people(record):
        domain = email_domain(value_of(email))
        if domain:
            emails.append((f"{path}.email", email, registrable_domain(domain)))
    for section in ("centers", "sponsors"):
        for index, block in enumerate(record.items(section)):
            domain = web_domain(value_of(block.get("web"))) if isinstance(block, dict) else None
            if domain:
                uses[registrable_domain(domain)].append((f"{section}.{index}.web", None))
    for path, node, domain in emails:
        uses[domain].append((path, node))
    reported = set()
    for path, node, domain in emails:
        if domain in known or len(uses[domain]) > 1 or domain in reported:
            continue
        references = [d for d in uses if d != domain] + [d for d in FREE_MAIL_REFERENCES if d not in uses]
        for reference in references:
            if _near(domain, reference):
                reported.add(domain)
                text = node.value if node is not None and isinstance(node.value, str) else None
                offset = text.find("@") + 1 if text is not None else None
                yield Problem(
                    path,
                    f"e-mail domain {domain} looks like a slip for {reference}, which the record uses elsewhere"
                    if reference in uses
                    else f"e-mail domain {domain} looks like a slip for {reference}",
                    node=node,
                    offset=offset,
                    fix=text.replace(domain, reference) if text is not None else None,
                )
                break
