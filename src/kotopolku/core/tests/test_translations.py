"""Every UI string is translated: no empty and no fuzzy entry in any catalogue (see docs/translations.md)."""

from __future__ import annotations

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue(code: str) -> polib.POFile:
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing"
    return polib.pofile(str(path))


def is_empty(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or any(not text.strip() for text in entry.msgstr_plural.values())
    return not entry.msgstr.strip()


def describe(entry: polib.POEntry) -> str:
    return entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_no_empty_or_fuzzy_entries(code):
    po = catalogue(code)
    entries = [entry for entry in po if not entry.obsolete]

    empty = [describe(entry) for entry in entries if is_empty(entry)]
    fuzzy = [describe(entry) for entry in entries if entry.fuzzy]

    assert entries, f"{code}: the catalogue has no entries"
    assert not po.metadata_is_fuzzy, f"{code}: the header is marked fuzzy (msgfmt would drop it)"
    assert not empty, f"{code}: {len(empty)} untranslated entries, e.g. {empty[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy entries, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_header_names_its_language(code):
    po = catalogue(code)

    assert po.metadata.get("Language") == code
    assert "nplurals=" in po.metadata.get("Plural-Forms", "")


def placeholders_differ(entry: polib.POEntry) -> bool:
    wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    for text in filter(None, texts):
        found = set(PLACEHOLDER.findall(text))
        # A plural form may leave the number out ("one day"); nothing else may differ.
        if not (found <= wanted if entry.msgid_plural else found == wanted):
            return True
    return False


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code):
    """A translation that drops or renames ``%(name)s`` would break the page at render time."""
    broken = [describe(e) for e in catalogue(code) if not (e.obsolete or e.fuzzy) and placeholders_differ(e)]

    assert not broken, f"{code}: placeholders differ from the source in {broken[:5]}"
