"""The curated glossary of Finnish official words: matching inflected forms in a letter's text.

Each term has its Finnish form, a stem pattern that matches its inflected forms (Finnish inflects
words: *päätös*, *päätöksen*, *päätöstä*), a plain-Finnish (selkosuomi) explanation and the
explanation in the other UI languages. The texts are in ``glossary_terms.py``; their translations
need a native speaker's review (docs/translations.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language


@dataclass(frozen=True)
class Term:
    key: str
    term: str  # the Finnish dictionary form
    stem: str  # regex: the start of every inflected form (matched at a word start, then \w*)
    explanations: dict[str, str]  # language code → explanation; "fi" is plain Finnish (selkosuomi)

    def explanation(self, language: str | None = None) -> str:
        code = (language or get_language() or "fi").split("-")[0]
        return self.explanations.get(code) or self.explanations["fi"]


@cache
def terms() -> dict[str, Term]:
    from kotopolku.letters.glossary_terms import TERMS

    return {term.key: term for term in TERMS}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (term.key, re.compile(r"(?<![\w-])(" + term.stem + r")[\w-]*", re.IGNORECASE))
        for term in terms().values()
    ]


def find_terms(text: str) -> list[tuple[str, list[str]]]:
    """The glossary terms in the text, in order of first appearance, each with the words as they
    are written in the letter (at most five distinct forms). Where a longer term covers a shorter
    one ("lisäselvityspyyntö" over "lisäselvitys"), only the longer one counts there."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, key, word
    for key, pattern in _patterns():
        spans.extend((match.start(), match.end(), key, match[0]) for match in pattern.finditer(text))
    covered = {
        (start, end, key)
        for start, end, key, _word in spans
        for other_start, other_end, other_key, _other in spans
        if other_key != key
        and other_start <= start
        and end <= other_end
        and (other_end - other_start, other_key) > (end - start, key)
    }
    found: dict[str, tuple[int, list[str]]] = {}
    for start, end, key, word in sorted(spans):
        if (start, end, key) in covered:
            continue
        _first, words = found.setdefault(key, (start, []))
        if word not in words and len(words) < 5:
            words.append(word)
    return [(key, words) for key, (_first, words) in sorted(found.items(), key=lambda item: item[1][0])]
