"""The languages of the page: English and Persian. The language comes from `?lang=`, then the
`lang` cookie (the only cookie the service sets), then Accept-Language. Its strings live in a
gettext catalogue per language (locale/<lang>/LC_MESSAGES/messages.po), read with Babel."""

from __future__ import annotations

from functools import cache

from starlette.requests import Request

from irct_lint.translate import LANGUAGES as _CODES

_NAMES = {"en": ("English", "ltr"), "fa": ("فارسی", "rtl")}
LANGUAGES = {code: _NAMES[code] for code in _CODES}  # name and direction of each language
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
    from irct_lint.translate import po_messages

    return {msgid: msgstr for _context, msgid, msgstr in po_messages("irct_lint.web", lang, "messages")}


def gettext(lang: str):
    strings = catalogue(lang)

    def _(text: str) -> str:
        return strings.get(text, text)

    return _
