"""Languages a client may speak or need an interpreter in: ISO 639 codes with names for staff.

The site's own languages (``settings.LANGUAGES``) are the languages of messages to the client;
this longer list covers the languages of the municipality's clients and of interpreting.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

CLIENT_LANGUAGES: list[tuple[str, Any]] = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Pashto")),
    ("ckb", _("Kurdish (Sorani)")),
    ("kmr", _("Kurdish (Kurmanji)")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("sw", _("Swahili")),
    ("fr", _("French")),
    ("ln", _("Lingala")),
    ("kar", _("Karen")),
    ("my", _("Burmese")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("et", _("Estonian")),
    ("tr", _("Turkish")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("zh", _("Chinese")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("ne", _("Nepali")),
    ("hi", _("Hindi")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("ta", _("Tamil")),
    ("tl", _("Tagalog")),
    ("sq", _("Albanian")),
    ("bs", _("Bosnian, Croatian or Serbian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
]
LANGUAGE_NAMES = dict(CLIENT_LANGUAGES)


def language_name(code: str) -> str:
    """The staff-facing name of a language code (the code itself when it is not in the list)."""
    return str(LANGUAGE_NAMES.get(code, code))
