"""The client records in a real browser: live search (htmx), the record with the audited "show"
of the identity code by keyboard, the forms with their errors, the printable export. axe-core on
every screen (staff pages are held to the same WCAG 2.1 AA as the public ones)."""

from __future__ import annotations

from typing import Any

import pytest

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.core.demo_content import DEMO_PASSWORD
from kotopolku.core.tests.browser.pages import STAFF_LOGIN, Findings, axe_violations, format_violations

pytestmark = pytest.mark.browser

CLIENTS = "/staff/heinola/clients/"


def _axe(page: Any, findings: Findings, where: str) -> None:
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, where))


def _log_in(page: Any, site: str, username: str) -> None:
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(site + STAFF_LOGIN)
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()


def test_search_open_show_and_export_a_client(page, site):
    findings = Findings()
    _log_in(page, site, "ohjaaja")
    page.goto(site + CLIENTS)
    assert page.locator("h1").inner_text() == "Clients"
    _axe(page, findings, "client list")

    # Live search: typing is enough (htmx posts the form and swaps the results).
    page.fill("#id_q", "esimerkki lina")
    page.locator("#client-results", has_text="1 client found.").wait_for(timeout=10_000)
    assert "Esimerkki, Lina" in page.locator("#client-results").inner_text()
    assert "Kuvitelma" not in page.locator("#client-results").inner_text()
    assert page.url.endswith(CLIENTS)  # the query never goes into the address
    _axe(page, findings, "client list with results")

    page.fill("#id_q", "esimerkki amal")
    page.locator("#client-results", has_text="Esimerkki, Amal").wait_for(timeout=10_000)
    with page.expect_navigation():
        page.get_by_role("link", name="Esimerkki, Amal").click()
    assert "150385-****" in page.content()
    _axe(page, findings, "client record")

    # Show the identity code by keyboard: focus the button, press Enter; htmx swaps it in place.
    page.get_by_role("button", name="Show the personal identity code").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#identity-code .secret")
    assert page.locator("#identity-code .secret").inner_text() == "150385-9013"
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_IDENTITY_CODE_SHOWN).count() == 1
    _axe(page, findings, "client record, code shown")

    with page.expect_navigation():
        page.get_by_role("link", name="All data of the client (printable, GDPR art. 15)").click()
    assert "150385-9013" in page.content()
    _axe(page, findings, "GDPR export page")

    page.goto(site + CLIENTS + "households/")
    _axe(page, findings, "households")
    assert not findings.items, findings.report("client pages")


def test_the_forms_and_their_errors(page, site):
    findings = Findings()
    _log_in(page, site, "ohjaaja")
    page.goto(site + CLIENTS + "new/")
    _axe(page, findings, "new client")
    page.fill("#id_first_name", "Testi")
    page.fill("#id_personal_identity_code", "150385-9010")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert page.locator(".error-summary").first.is_visible()
    assert "check character" in page.content()
    _axe(page, findings, "new client with errors")

    page.fill("#id_last_name", "Kokeilu")
    page.fill("#id_personal_identity_code", "")
    page.get_by_label("Somali", exact=True).check()
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Testi Kokeilu"

    with page.expect_navigation():
        page.get_by_role("link", name="Log a guidance contact").click()
    _axe(page, findings, "guidance contact form")
    page.select_option("#id_channel", "phone")
    page.select_option("#id_service_type", "guidance")
    page.select_option("#id_interpreter_language", "so")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert "Choose how the interpreter took part." in page.content()
    _axe(page, findings, "guidance contact form with errors")
    assert not findings.items, findings.report("client forms")
