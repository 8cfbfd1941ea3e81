"""The letter helper in a real browser: paste or photograph a letter, read the result, share it for
the counselor; axe-core on every screen in every language (the upload page itself is in PUBLIC_PAGES)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from kotopolku.core.tests.browser.pages import (
    LANGUAGES,
    RTL_LANGUAGES,
    Findings,
    axe_violations,
    format_violations,
)
from kotopolku.letters import corpus
from kotopolku.letters.models import LetterJob, SharedLetter
from kotopolku.organizations.models import Organization

pytestmark = pytest.mark.browser


def _axe(page: Any, findings: Findings, where: str) -> None:
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, where))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paste_read_and_share_passes_axe(page, site, lang):
    findings = Findings()
    page.goto(f"{site}/{lang}/heinola/letters/")
    page.locator("textarea[name=text]").fill(corpus.LETTERS[1].text)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "FI21 1234 5600 0007 85" in page.locator("main").inner_text()
    assert page.get_attribute("html", "dir") == ("rtl" if lang in RTL_LANGUAGES else "ltr")
    _axe(page, findings, f"result ({lang})")

    with page.expect_navigation():
        page.locator("button[name=handoff][value=booking]").click()
    letter = SharedLetter.objects.order_by("-created_at", "-pk").first()
    assert letter is not None
    assert letter.display_code in page.locator("main").inner_text()
    _axe(page, findings, f"shared ({lang})")

    job = LetterJob.objects.create(
        organization=Organization.objects.get(slug="heinola"),
        source="image",
        language=lang,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    page.goto(f"{site}/{lang}/heinola/letters/{job.token}/")
    assert page.locator("#letter-progress").count() == 1
    _axe(page, findings, f"reading in progress ({lang})")
    assert not findings.items, findings.report(f"letter helper, {lang}")


def test_photo_upload_is_read(page, site, tmp_path: Path):
    """A phone photo (turned, slanted) through the real form and the real OCR."""
    photo = corpus.photograph(
        corpus.render_page(corpus.LETTERS[2].text), rng=random.Random(5), rotate90=1, skew=1.5
    )
    path = tmp_path / "kirje.jpg"
    path.write_bytes(corpus.to_bytes(photo))
    page.goto(f"{site}/en/heinola/letters/")
    page.locator("input[type=file]").set_input_files(str(path))
    with page.expect_navigation(timeout=120_000):
        page.locator("main form button[type=submit]").first.click()
    text = page.locator("main").inner_text()
    assert "Payment reminder" in text
    assert "RF18 5390 0754 7034" in text


def test_the_waiting_page_shows_the_result_by_itself(page, site):
    """htmx polls the status; when the reading is done the page turns into the result, no reload."""
    from playwright.sync_api import expect

    from kotopolku.letters import services

    job = LetterJob.objects.create(
        organization=Organization.objects.get(slug="heinola"),
        source="text",
        language="en",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    page.goto(f"{site}/en/heinola/letters/{job.token}/")
    expect(page.locator("#letter-progress")).to_be_visible()
    services.job_process(job_id=job.pk, data=None, text=corpus.LETTERS[5].text)
    expect(page.locator("h1")).to_have_text("What the letter says", timeout=15_000)
    assert "Invitation to an appointment" in page.locator("main").inner_text()
