"""XR001, XR002: the same trial registered twice; one trial ID on records that differ."""

from __future__ import annotations

import re
import string
import zlib
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.across import CrossProblem, Entry, Key
from irct_lint.model import Record, Value
from irct_lint.registry import across_records

from ..common import levenshtein, person_key
from .keys import institution, normalized, secondary_ids, text_of, trial_id

MIN_TITLE = 30  # characters of a normalized title: shorter ones ("Vitamin D") say too little
MAX_CONDITIONS = 3
SIMILAR = 95  # rapidfuzz ratio, 0-100: near-identical, a word or a typo apart
MAX_GROUP = 2000  # a larger group is compared among neighbours in title order only
NEIGHBOURS = 8


@across_records("XR001", "probable-duplicate-registration", category="plausibility", severity="warning")
class ProbableDuplicate:
    """Two records probably register the same trial: near-identical titles, a shared condition or sponsor.

    What it checks: across the records of a run (within a registry or across registries),
    scientific titles at least 95% alike (rapidfuzz) among the records that share a condition
    or a primary sponsor, whose words are the same but for spelling ("randomized" and
    "randomised"): a word one title has and the other lacks ("suspected", "not", another
    drug, another number) makes two trials. Within one registry the two must also name the
    same contact person, where both name one: one protocol run by two centres under one
    title is two registrations on purpose. Not a pair with the same trial ID (two copies of
    one registration, XR002's), and not a pair that names each other as secondary IDs: that
    is a linked registration, as a trial registered in two registries should be. The later
    record of the pair is reported, naming the earlier.
    Why it matters: a trial registered twice counts twice in every review of the registry
    and in every meta-analysis that searches it, and its two records drift apart.
    Failing example:
        TrialID,Public title,Scientific title,Primary sponsor,Condition,Secondary IDs
        IRCT20200101000001N1,Fictional trial,Effect of vitamin D3 on fatigue in women with multiple sclerosis: a randomized trial,Fictional University,Multiple sclerosis,
        IRCT20200101000002N1,Fictional trial,Effect of vitamin D3 on fatigue in women with multiple sclerosis: a randomised trial,Fictional University,Multiple sclerosis,
    Passing example:
        TrialID,Public title,Scientific title,Primary sponsor,Condition,Secondary IDs
        IRCT20200101000001N1,Fictional trial,Effect of vitamin D3 on fatigue in women with multiple sclerosis: a randomized trial,Fictional University,Multiple sclerosis,NCT01234567
        NCT01234567,Fictional trial,Effect of vitamin D3 on fatigue in women with multiple sclerosis: a randomised trial,Fictional University,Multiple sclerosis,IRCT20200101000001N1
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        title, node = text_of(record, "titles.scientific")
        if not title:
            title, node = text_of(record, "titles.public")
        short = normalized(title)
        if len(short) < MIN_TITLE:
            return
        contact = next(
            (person_key(n) for n in (record.get("contacts.scientific.name"), record.get("contacts.general.name")) if n),
            "",
        )
        data = (short, trial_id(record), ";".join(secondary_ids(record)), record.registry, contact)
        field = "titles.scientific" if record.node("titles.scientific") is node else "titles.public"
        seen = set()
        for block in record.items("conditions")[:MAX_CONDITIONS]:
            if isinstance(block, dict):
                cond = block.get("description")
                text = normalized(cond.value) if isinstance(cond, Value) and isinstance(cond.value, str) else ""
                if text and text not in seen:
                    seen.add(text)
                    yield Key(f"condition:{text[:80]}", field, node, data)
        sponsor = institution(record)
        if sponsor:
            yield Key(f"sponsor:{sponsor[:80]}", field, node, data)

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < 2:
            return
        # Records of one title are compared with that title's first record (the lowest trial
        # ID), and titles alike with each other through their first records: one finding a
        # later record, naming the first, never a finding for every pair of a large cluster.
        by_title: dict[str, list[Entry]] = {}
        for entry in entries:
            by_title.setdefault(entry.data[0], []).append(entry)
        clusters = [sorted(group, key=lambda e: (e.data[1], e.file)) for group in by_title.values()]
        found: list[tuple[Entry, Entry, float]] = []
        for group in clusters:
            head = group[0]
            found.extend((head, other, 100.0) for other in group[1:])
        heads = [group[0] for group in clusters]
        for a, b, score in _similar_pairs(heads):
            first, later = (a, b) if (a.data[1], a.file) <= (b.data[1], b.file) else (b, a)
            found.extend((first, other, score) for other in by_title[later.data[0]])
        best: dict[str, tuple[Entry, Entry, float]] = {}
        for first, later, score in found:
            if (later.data[1], later.file) < (first.data[1], first.file):
                first, later = later, first
            if not _one_trial(first, later):
                continue
            kept = best.get(later.data[1])
            if kept is None or (first.data[1], first.file, later.file) < (kept[0].data[1], kept[0].file, kept[1].file):
                best[later.data[1]] = (first, later, score)
        for _later_id, (first, later, score) in sorted(best.items()):
            yield CrossProblem(
                later,
                f"probably registers the same trial as {first.data[1]} ({first.file}): their scientific titles are "
                f"{score:.0f}% alike and they share a condition or sponsor",
            )


def _one_trial(first: Entry, later: Entry) -> bool:
    """Whether two records of alike titles are one trial registered twice."""
    id_a, id_b = first.data[1], later.data[1]
    if id_a == id_b or not _same_words(first.data[0], later.data[0]):
        return False  # one registration; or titles that differ in a word (suspected, 10 mg) are two trials
    if first.data[3] == later.data[3] and first.data[4] and later.data[4] and first.data[4] != later.data[4]:
        return False  # one registry, two contact persons: one protocol at two centres
    linked_a, linked_b = set(first.data[2].split(";")), set(later.data[2].split(";"))
    return id_a.upper() not in linked_b and id_b.upper() not in linked_a


def _same_words(a: str, b: str) -> bool:
    """Whether two normalized titles have the same words but for spelling: each word one
    has and the other lacks is within two letters of a word the other has and it lacks."""
    if a == b:
        return True  # a cluster of one title: most of the pairs a large registry gives
    words_a, words_b = _words(a), _words(b)
    only_a, only_b = words_a - words_b, words_b - words_a
    if len(only_a) != len(only_b):
        return False
    return all(
        not w.isdigit() and any(not v.isdigit() and levenshtein(w, v, limit=3) <= 2 for v in only_b) for w in only_a
    )


@lru_cache(maxsize=4096)  # a title is compared with its neighbours (a group of up to 2,000 at once)
def _words(title: str) -> frozenset[str]:
    return frozenset(title.split())


def _similar_pairs(entries: list[Entry]) -> Iterator[tuple[Entry, Entry, float]]:
    """Pairs of entries whose titles are at least SIMILAR alike, each pair once. A group
    larger than MAX_GROUP (a sponsor of thousands of trials) is compared among titles that
    sort near each other, not all pairs."""
    from rapidfuzz import fuzz, process

    titles = [e.data[0] for e in entries]
    if len(entries) > MAX_GROUP:
        order = sorted(range(len(entries)), key=titles.__getitem__)
        for n, i in enumerate(order):
            for j in order[n + 1 : n + 1 + NEIGHBOURS]:
                score = fuzz.ratio(titles[i], titles[j], score_cutoff=SIMILAR)
                if score:
                    yield entries[min(i, j)], entries[max(i, j)], score
        return
    for i in range(len(entries) - 1):
        later = titles[i + 1 :]
        for _title, score, j in process.extract(titles[i], later, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None):
            yield entries[i], entries[i + 1 + j], score


# The sections whose content is compared; the registry's own bookkeeping (when it last
# refreshed its copy) is not content.
_SECTIONS = (
    "titles",
    "recruitment",
    "eligibility",
    "design",
    "conditions",
    "interventions",
    "outcomes",
    "sponsors",
    "contacts",
    "ethics",
    "countries",
)


# Punctuation as spaces: line breaks and commas do not count (the ";" between items
# separates the parts, so it stays). A table for ASCII text, which str.translate handles at
# C speed; a character class for any other (translate then looks each character up in a dict: 1 ms
# for a 13 KB record in Persian, against 0.1 ms).
_PUNCTUATION_TABLE = str.maketrans({c: " " for c in string.punctuation if c != ";"})
_PUNCTUATION = re.compile("[" + re.escape("".join(c for c in string.punctuation if c != ";")) + "]")


def _digests(record: Record) -> str:
    """Four hex digits for each section: a sum of checksums of its values' ";"-separated
    parts, each part's words lower-cased with punctuation and line breaks ignored. The sum
    does not depend on order: ICTRP reorders a trial's interventions between exports, and
    one export writes CRLF where another writes blank lines."""
    texts: dict[str, list[str]] = {section: [] for section in _SECTIONS}
    for path, value in record.index.leaves:
        parts = texts.get(path.partition(".")[0])
        if parts is not None and value.value is not None:
            parts.append(str(value.value))
    sums = []
    for parts in texts.values():
        if not parts:
            sums.append(0)
            continue
        # A section's values joined by ";" split into the same parts as each value split
        # alone; case and punctuation are dealt with once for the section, and each part's
        # words joined and summed by C-level iteration, not a Python loop over the parts.
        text = ";".join(parts).casefold()
        text = text.translate(_PUNCTUATION_TABLE) if text.isascii() else _PUNCTUATION.sub(" ", text)
        words = filter(None, map(" ".join, map(str.split, text.split(";"))))
        sums.append(sum(map(zlib.crc32, map(str.encode, words))))
    return "".join(f"{total & 0xFFFF:04x}" for total in sums)


@across_records("XR002", "trial-id-conflict", category="plausibility", severity="warning")
class TrialIdConflict:
    """One trial ID is on two records whose content differs, and neither is the later version.

    What it checks: records of the same trial ID, section by section (titles, recruitment,
    eligibility, design, conditions, interventions, outcomes, sponsors, contacts, ethics,
    countries; words compared, not their order or line breaks). Two versions of a record are
    not a conflict: when their last-update or last-refreshed dates differ, or copies in two
    files give no such date, they are taken as versions and left alone. A trial ID repeated
    within one ICTRP export is RD007's, not this check's.
    Why it matters: two different records under one ID mean that one of them is wrong or
    stale with nothing to tell which; whatever is computed from the registry depends on
    which copy a reader happens to take.
    Failing example:
        [{"registration": {"number": "IRCT20200101000001N1", "last_update": "2021-01-01"},
          "design": {"target_sample_size": 60}},
         {"registration": {"number": "IRCT20200101000001N1", "last_update": "2021-01-01"},
          "design": {"target_sample_size": 80}}]
    Passing example:
        [{"registration": {"number": "IRCT20200101000001N1", "last_update": "2021-01-01"},
          "design": {"target_sample_size": 60}},
         {"registration": {"number": "IRCT20200101000001N1", "last_update": "2021-03-01"},
          "design": {"target_sample_size": 80}}]
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        ident = trial_id(record)
        if not ident:
            return
        digests = _digests(record)
        version = str(record.get("registration.last_update") or record.get("registration.last_refreshed") or "")
        node = record.node("registration.number")
        in_file = any(note[0] in ("RD007", "RD008") for note in record.notes)  # the reader compared it
        yield Key(f"id:{ident.upper()}", "registration.number", node, (digests, version, in_file))

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < 2:
            return
        # Linear in the copies: for each version date, the first record of each content; a
        # later record is compared with the first of its date, not with every earlier one.
        first_of: dict[str, Entry] = {}
        for later in entries:
            digests_b, version_b, compared_in_file = later.data
            first = first_of.setdefault(version_b, later)
            if first is later:
                continue
            digests_a, version_a, _ = first.data
            if first.file == later.file and compared_in_file:
                continue
            # Copies in two files with no date to tell them apart are taken as versions.
            if digests_a == digests_b or (first.file != later.file and not version_a):
                continue
            differ = [
                s for n, s in enumerate(_SECTIONS) if digests_a[4 * n : 4 * n + 4] != digests_b[4 * n : 4 * n + 4]
            ]
            where = "earlier in this file" if first.file == later.file else f"in {first.file}"
            yield CrossProblem(
                later,
                f"trial {key[3:]} is also {where} with other content ({', '.join(differ)}), "
                + (f"though both were last updated on {version_a}" if version_a else "and neither is dated"),
            )
