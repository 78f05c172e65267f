"""Findings in another language: the checks' messages and titles from a gettext catalogue
(irct_lint/locale/<lang>/LC_MESSAGES/checks.po, read with Babel), for `check --lang` and the
web page. A message's msgid is its English template, `{name}` standing for each value it
quotes; a finding whose message no template of its check matches keeps its English message.
The code, the field, the values and the fingerprint never change: baselines and waivers are
the same in every language."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple, get_args

from .model import Finding

Language = Literal["en", "fa"]  # the one list of languages: the CLI, the API and the page take it
LANGUAGES: tuple[str, ...] = get_args(Language)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Template(NamedTuple):
    literals: tuple[str, ...]  # the text between the placeholders (one more than names)
    names: tuple[str, ...]
    translation: str


class Catalogue(NamedTuple):
    titles: dict[str, str]  # code -> the check's title
    templates: dict[str, list[Template]]  # code -> its message templates


@cache
def catalogue(lang: str) -> Catalogue:
    if lang == "en":
        return Catalogue({}, {})
    if lang not in LANGUAGES:
        raise ValueError(f"no language {lang!r} (irct-lint speaks {', '.join(LANGUAGES)})")
    titles: dict[str, str] = {}
    templates: dict[str, list[Template]] = {}
    for context, msgid, msgstr in po_messages("irct_lint", lang, "checks"):
        if context == "name":
            titles[msgid] = msgstr
        elif context:
            parts = _PLACEHOLDER.split(msgid)
            templates.setdefault(context, []).append(Template(tuple(parts[0::2]), tuple(parts[1::2]), msgstr))
    return Catalogue(titles, templates)


def po_messages(package: str, lang: str, domain: str) -> list[tuple[str | None, str, str]]:
    """(context, msgid, msgstr) of each translated message of a package's gettext catalogue
    `locale/<lang>/LC_MESSAGES/<domain>.po`, read with Babel (the checks' texts here, the
    web page's in irct_lint.web)."""
    from babel.messages.pofile import read_po

    path = resources.files(package).joinpath("locale", lang, "LC_MESSAGES", f"{domain}.po")
    with path.open("rb") as f:
        po = read_po(f, locale=lang)
    return [
        (m.context, m.id, m.string)
        for m in po
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    ]


def _match(template: Template, text: str) -> dict[str, str] | None:
    """The values of a message made from the template, found by its literal parts in order
    (str.find, left to right: no regular expression over record text)."""
    literals = template.literals
    if not text.startswith(literals[0]) or not text.endswith(literals[-1]):
        return None
    if len(literals) == 1:
        return {} if text == literals[0] else None
    values: dict[str, str] = {}
    at = len(literals[0])
    end = len(text) - len(literals[-1])
    for name, literal in zip(template.names[:-1], literals[1:-1]):
        found = text.find(literal, at + 1, end) if literal else -1
        if found < 0:
            return None
        values[name] = text[at:found]
        at = found + len(literal)
    if at > end or (at == end and template.names):
        return None
    values[template.names[-1]] = text[at:end]
    return values


def message(code: str, text: str, lang: str) -> str:
    """The message in the language, or as it is when no template of the check matches it."""
    for template in catalogue(lang).templates.get(code, ()):
        values = _match(template, text)
        if values is not None:
            return _fill(template.translation, values)
    return text


def _fill(translation: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), translation)


def title(code: str, lang: str) -> str | None:
    return catalogue(lang).titles.get(code)


def finding(f: Finding, lang: str) -> Finding:
    if lang == "en":
        return f
    return replace(f, message=message(f.code, f.message, lang))
