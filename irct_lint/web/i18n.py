"""The languages of the page: English and Persian. The language comes from `?lang=`, then the
`lang` cookie (the only cookie the service sets), then Accept-Language. Its strings live in a
gettext catalogue per language (locale/<lang>/LC_MESSAGES/messages.po), read with Babel."""

from __future__ import annotations

from functools import cache
from importlib import resources

from starlette.requests import Request

LANGUAGES = {"en": ("English", "ltr"), "fa": ("فارسی", "rtl")}
DEFAULT = "en"


def choose(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get("lang")
    if kept in LANGUAGES:
        return kept
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag[:2] in LANGUAGES:
            return tag[:2]
    return DEFAULT


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of a language ({} for English, the language of the msgids)."""
    if lang == DEFAULT:
        return {}
    from babel.messages.pofile import read_po

    path = resources.files("irct_lint.web").joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and isinstance(m.string, str) and m.string}


def gettext(lang: str):
    strings = catalogue(lang)

    def _(text: str) -> str:
        return strings.get(text, text)

    return _
