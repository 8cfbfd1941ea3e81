"""The public booking flow in a real browser, in every language: axe-core on every step (error
states included), keyboard checks, right-to-left, and a real booking with an interpreter that is
then managed and cancelled through its link."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from kotopolku.appointments.models import Appointment
from kotopolku.core.tests.browser.pages import (
    LANGUAGES,
    Findings,
    axe_violations,
    format_violations,
    skip_link_check,
    skip_link_problems,
    tab_walk,
    tab_walk_problems,
)
from kotopolku.notifications.models import OutboxMessage

pytestmark = pytest.mark.browser

RTL = {"ar", "fa"}


def _submit(page: Any) -> None:
    """Send the page's main form and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def _check_page(page: Any, findings: Findings, where: str, lang: str, *, keyboard: bool = True) -> None:
    """axe, lang and dir; with ``keyboard``, the page is loaded afresh (GET) and walked with Tab.
    Error states are answers to a POST: they get axe, lang and dir only."""
    if keyboard:
        page.goto(page.url.split("#")[0])
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, where))
    findings.check(page.get_attribute("html", "lang") == lang, f"{where}: html lang is not {lang}")
    expected_dir = "rtl" if lang in RTL else "ltr"
    findings.check(
        page.get_attribute("html", "dir") == expected_dir, f"{where}: html dir is not {expected_dir}"
    )
    if not keyboard:
        return
    walk = tab_walk(page)
    findings.items.extend(tab_walk_problems(walk, where))
    findings.items.extend(skip_link_problems(walk, skip_link_check(page), where))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_booking_flow_is_accessible_and_books(page, site, lang):
    findings = Findings()
    base = f"{site}/{lang}/heinola"

    page.goto(f"{base}/book/")
    _check_page(page, findings, f"{lang} service step", lang)
    _submit(page)  # nothing chosen: the error state
    _check_page(page, findings, f"{lang} service step with errors", lang, keyboard=False)
    page.locator("input[name=service]").first.check()
    _submit(page)

    assert urlsplit(page.url).path.endswith("/book/details/"), page.url
    _check_page(page, findings, f"{lang} details step", lang)
    page.locator("input[name=interpreter][value=yes]").check()
    _submit(page)  # interpreter language missing
    _check_page(page, findings, f"{lang} details step with errors", lang, keyboard=False)
    page.locator("select[name=language]").select_option(lang)
    page.locator("input[name=interpreter][value=yes]").check()
    page.fill("input[name=interpreter_language]", "Dari")
    page.locator("input[name=interpreter_mode][value=remote]").check()
    _submit(page)

    assert urlsplit(page.url).path.endswith("/book/time/"), page.url
    _check_page(page, findings, f"{lang} time step", lang)
    first_time = page.locator("button[name=slot]").first
    assert first_time.count() == 1, "the demo data offers no free time within the first week"
    with page.expect_navigation():
        first_time.click()

    assert urlsplit(page.url).path.endswith("/book/contact/"), page.url
    _submit(page)  # nothing given: the error state
    _check_page(page, findings, f"{lang} contact step with errors", lang, keyboard=False)
    page.fill("input[name=name]", "Testi Asiakas")
    page.fill("input[name=phone]", "040 123 4567")
    _submit(page)

    assert urlsplit(page.url).path.endswith("/book/confirm/"), page.url
    _check_page(page, findings, f"{lang} confirm step", lang)
    assert page.locator(".fee-notice").count() == 1, "the §32a fee notice is missing"
    page.locator("input[name=privacy]").check()
    _submit(page)

    assert urlsplit(page.url).path.endswith("/book/done/"), page.url
    _check_page(page, findings, f"{lang} done page", lang)
    reference = page.locator("main strong.reference").inner_text().strip()
    appointment = Appointment.objects.get(reference=reference)
    assert appointment.language == lang
    assert appointment.interpreter_language == "Dari"
    assert appointment.reference in page.inner_text("main")
    assert OutboxMessage.objects.filter(appointment=appointment, channel="sms").exists()

    page.goto(f"{base}/booking/{appointment.manage_token}/")
    _check_page(page, findings, f"{lang} manage page", lang)
    page.goto(f"{base}/booking/{appointment.manage_token}/cancel/")
    _check_page(page, findings, f"{lang} cancel page", lang)
    _submit(page)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED

    page.goto(f"{base}/book/callback/")
    _check_page(page, findings, f"{lang} call-back request", lang)

    assert not findings.items, findings.report(f"booking flow, {lang}")
