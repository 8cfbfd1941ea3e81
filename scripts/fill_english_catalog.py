"""The source strings are English: the English catalogue repeats them, so it is never "incomplete".

Run after `manage.py makemessages` (the Makefile's `messages` target does).
"""

from __future__ import annotations

from pathlib import Path

import polib

path = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
catalog = polib.pofile(str(path))
catalog.metadata["Language"] = "en"
catalog.metadata_is_fuzzy = False
catalog.metadata.update(
    {
        "Project-Id-Version": "Kotopolku",
        "Last-Translator": "Kotopolku developers (English is the source language)",
        "Language-Team": "English",
        "PO-Revision-Date": catalog.metadata.get("POT-Creation-Date", ""),
    }
)
for entry in catalog:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalog.save(str(path))
