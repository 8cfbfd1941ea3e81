"""The drop-in hour in a real browser: a visitor checks in on a phone and sees the call arrive on
their page without reloading; the call-up display updates by itself; the café kiosk takes a
check-in by keyboard alone and starts over for the next person. axe-core on every screen."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from kotopolku.accounts.models import User
from kotopolku.core.tests.browser.pages import Findings, axe_violations, format_violations
from kotopolku.dropin import selectors, services
from kotopolku.dropin import views as dropin_views
from kotopolku.dropin.models import DropinTicket
from kotopolku.organizations.models import Organization

pytestmark = pytest.mark.browser

# htmx polls the ticket page every 10 s and the display every 5 s.
LIVE_UPDATE_TIMEOUT_MS = 20_000


def _axe(page: Any, findings: Findings, where: str) -> None:
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, where))


def _call_next(number: int) -> DropinTicket:
    """A counselor presses "call next" (until the given number is called)."""
    heinola = Organization.objects.get(slug="heinola")
    counselor = User.objects.filter(organization=heinola, role="counselor").first()
    assert counselor is not None
    queue = DropinTicket.objects.get(organization=heinola, number=number).queue
    while True:
        ticket = services.ticket_call_next(queue=queue, actor=counselor, counter="Pöytä 1")
        assert ticket is not None
        if ticket.number == number:
            return ticket
        services.ticket_finish(ticket=ticket, actor=counselor, outcome="solved")


def test_phone_check_in_and_the_call_arrives_live(page, site):
    findings = Findings()
    page.goto(f"{site}/en/heinola/drop-in/check-in/")
    _axe(page, findings, "check-in (en)")
    page.get_by_role("radio", name="A letter or other post").check()
    page.locator("input[name=language][value=ar]").check()
    page.get_by_role("textbox", name="Your first name or a nickname (optional)").fill("Amina")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/drop-in/ticket/" in urlsplit(page.url).path
    number = int(page.locator(".ticket-number").inner_text())
    assert number == 4  # three demo visitors were already waiting
    assert "3 people are before you." in page.locator("#ticket-status").inner_text()
    _axe(page, findings, "ticket page (en)")

    display = page.context.new_page()
    display.goto(f"{site}/ar/heinola/drop-in/display/")
    assert display.get_attribute("html", "dir") == "rtl"
    _axe(display, findings, "display (ar)")

    _call_next(number)

    # No reload: htmx brings the news to both screens.
    expect(page.locator("#ticket-status")).to_contain_text(
        "It is your turn now!", timeout=LIVE_UPDATE_TIMEOUT_MS
    )
    expect(display.locator(".display-number").first).to_have_text(str(number), timeout=LIVE_UPDATE_TIMEOUT_MS)
    assert "Amina" not in display.content()
    _axe(page, findings, "ticket page, called (en)")
    _axe(display, findings, "display with a call (ar)")
    assert not findings.items, findings.report("drop-in phone check-in")


def test_kiosk_by_keyboard_and_it_starts_over(new_context, site, monkeypatch):
    monkeypatch.setattr(dropin_views, "KIOSK_RESET_SECONDS", 3)
    heinola = Organization.objects.get(slug="heinola")
    host = urlsplit(site).hostname
    context = new_context()
    context.add_cookies(
        [
            {
                "name": dropin_views.KIOSK_COOKIE,
                "value": dropin_views.kiosk_cookie_value(heinola),
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    findings = Findings()
    page.goto(f"{site}/fa/heinola/drop-in/kiosk/")
    assert page.get_attribute("html", "dir") == "rtl"
    _axe(page, findings, "kiosk (fa)")
    # Keyboard only: focus the first language radio, move with the arrows, tab to the topics…
    page.locator("input[name=language]").first.focus()
    page.keyboard.press("Space")
    page.locator("input[name=topic]").first.focus()
    page.keyboard.press("ArrowDown")
    page.locator("input[name=name]").focus()
    page.keyboard.type("Sara")
    page.locator("button.kiosk-submit").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    number = page.locator(".ticket-number").inner_text()
    assert number.strip().isdigit()
    ticket = DropinTicket.objects.get(organization=heinola, number=int(number))
    assert ticket.source == "kiosk" and ticket.topic != "letter"  # the arrow moved to the second topic
    _axe(page, findings, "kiosk, number shown (fa)")
    # It starts over by itself, with an empty form: nothing of the last visitor remains.
    page.wait_for_url(f"{site}/fa/heinola/drop-in/kiosk/", timeout=10_000)
    page.wait_for_selector("button.kiosk-submit")
    assert page.locator("input[name=name]").input_value() == ""
    assert "Sara" not in page.content()
    assert selectors.ticket_state(token=ticket.token) is not None
    assert not findings.items, findings.report("drop-in kiosk")
