"""Public pages stay light (old phones, little data) and load nothing from other hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from kotopolku.core.tests.browser.pages import LANGUAGES, Findings, check_status

pytestmark = pytest.mark.browser

MAX_PAGE_BYTES = 100 * 1024


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_are_light_and_self_hosted(survey, lang):
    """The response bodies of all the requests a page makes add up to less than 100 KB, and every
    request goes to the live server (the browser context refuses others, and they are recorded)."""
    findings = Findings()
    for visit in survey(lang).values():
        check_status(findings, visit)
        total = sum(size for _url, size in visit.requests)
        findings.check(
            visit.requests and urlsplit(visit.requests[0][0]).path == visit.path,
            f"{visit.where}: the page's own request was not recorded: {visit.requests}",
        )
        findings.check(
            total < MAX_PAGE_BYTES,
            f"{visit.where}: {total} bytes, limit {MAX_PAGE_BYTES}: "
            + ", ".join(f"{url} {size}" for url, size in visit.requests),
        )
        foreign = [
            url
            for url, _size in visit.requests
            if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != visit.host
        ]
        findings.check(not foreign, f"{visit.where}: requests to other hosts: {foreign}")
    assert not findings.items, findings.report(f"page weight, {lang}")
