"""XR005: one person with other contact details across the records of one registrant."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from irct_lint.across import CrossProblem, Entry, Key
from irct_lint.model import Record, Value
from irct_lint.registry import across_records

from ..common import levenshtein, people, person_key
from .keys import registrant, trial_id


@across_records("XR005", "contact-differs-across-records", category="plausibility", severity="info")
class ContactDiffers:
    """One person of one registrant's trials has another e-mail address in some records than in most.

    What it checks: every person a record names with an e-mail (registrant, contacts,
    responsible persons), keyed by their name (titles and degrees removed) and the record's
    registrant (or primary sponsor). Where one person's records give more than one address,
    the records whose address is not the one most of them give are reported; an address one
    or two letters from it is called a probable typing slip.
    Why it matters: a person with two addresses may simply have two; but a slip in one
    record sends the registry's and the participants' mail nowhere, and an old address
    outlives the mailbox.
    Failing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"name": "Sara Rahimi"},
          "contacts": {"general": {"name": "Sara Rahimi", "email": "s.rahimi@example.ac.ir"}}},
         {"registration": {"number": "IRCT20200101000002N1"}, "registrant": {"name": "Sara Rahimi"},
          "contacts": {"general": {"name": "Sara Rahimi", "email": "s.rahimi@example.ac.ir"}}},
         {"registration": {"number": "IRCT20200101000003N1"}, "registrant": {"name": "Sara Rahimi"},
          "contacts": {"general": {"name": "Sara Rahimi", "email": "s.rahimy@example.ac.ir"}}}]
    Passing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"name": "Sara Rahimi"},
          "contacts": {"general": {"name": "Sara Rahimi", "email": "s.rahimi@example.ac.ir"}}},
         {"registration": {"number": "IRCT20200101000002N1"}, "registrant": {"name": "Sara Rahimi"},
          "contacts": {"general": {"name": "Sara Rahimi", "email": "s.rahimi@example.ac.ir"}}}]
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        who = registrant(record)
        if not who:
            return
        seen = set()
        for path, name, email, _org in people(record):
            if not (isinstance(name, Value) and isinstance(email, Value)):
                continue
            person = person_key(name.value if isinstance(name.value, str) else None)
            address = email.value.strip().casefold() if isinstance(email.value, str) else ""
            if len(person) < 5 or "@" not in address or (person, address) in seen:
                continue
            seen.add((person, address))
            yield Key(f"person:{who}|{person}", f"{path}.email", email, (address, trial_id(record), name.value))

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        addresses: Counter[str] = Counter()
        for entry in entries:
            addresses[entry.data[0]] += 1
        if len(addresses) < 2:
            return
        usual, most = addresses.most_common(1)[0]
        if most < 2 or list(addresses.values()).count(most) > 1:  # no address most records give
            return
        for entry in entries:
            address, _ident, name = entry.data
            if address == usual:
                continue
            slip = levenshtein(address, usual, limit=3) <= 2
            yield CrossProblem(
                entry,
                f"{name} has {address} here, but {usual} in {most} other records of the same registrant"
                + (": probably a typing slip" if slip else ""),
                fix=usual if slip else None,
            )
