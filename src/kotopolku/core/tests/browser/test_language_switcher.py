"""The language switcher leads to the same page in the other language."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from kotopolku.core.tests.browser.pages import LANGUAGE_NAMES, LANGUAGES, PUBLIC_PAGES, Findings, check_status

pytestmark = pytest.mark.browser


def same_page_in(path: str, lang: str) -> str:
    """/fi/heinola/accessibility/ → /sv/heinola/accessibility/"""
    _empty, _old, rest = path.split("/", 2)
    return f"/{lang}/{rest}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_keeps_the_page(survey, lang):
    """On every public page each language link points at the same page in its language (also on
    404 pages), marks the current language, and a link followed for real lands there."""
    findings = Findings()
    followed = 0
    for visit in survey(lang).values():
        check_status(findings, visit)
        where, links = visit.where, visit.switcher
        findings.check(
            [link["lang"] for link in links] == LANGUAGES,
            f"{where}: the switcher lists {[link['lang'] for link in links]}, expected {LANGUAGES}",
        )
        for link in links:
            code = link["lang"]
            target = urlsplit(link["href"])
            expected = same_page_in(visit.path, code)
            findings.check(
                link["text"] == LANGUAGE_NAMES.get(code) and link["hreflang"] == code,
                f"{where}: switcher link {link}",
            )
            findings.check(
                target.path == expected and target.netloc == visit.host,
                f"{where}: the {link['text']} link goes to {link['href']}, expected {expected}",
            )
            findings.check(
                (link["current"] == "true") == (code == lang),
                f"{where}: aria-current={link['current']!r} on the {link['text']} link",
            )

        # On one page of each language a link was followed for real: the same page, in that language.
        switched = visit.switched
        if not switched:
            continue
        followed += 1
        expected = same_page_in(visit.path, switched["to"])
        spec = PUBLIC_PAGES[visit.key]
        status = 200 if spec.submit_empty_form else spec.status  # a link does not re-post the form
        landed = (switched["path"], switched["lang"], switched["status"])
        findings.check(
            landed == (expected, switched["to"], status),
            f"{where}: {LANGUAGE_NAMES[switched['to']]} led to {switched}, not {expected}, HTTP {status}",
        )
    findings.check(followed == 1, f"{followed} switcher links were followed, expected 1")
    assert not findings.items, findings.report(f"language switcher, {lang}")
