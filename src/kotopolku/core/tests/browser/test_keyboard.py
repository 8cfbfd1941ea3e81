"""Keyboard alone: the skip link, the tab order with a visible focus, and the feedback form."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from kotopolku.core.demo_content import DEMO_PASSWORD
from kotopolku.core.tests.browser.pages import (
    LANGUAGES,
    PUBLIC_PAGES,
    STAFF_LOGIN,
    Findings,
    check_status,
    describe_focus,
    skip_link_check,
    skip_link_problems,
    tab_walk,
    tab_walk_problems,
)
from kotopolku.feedback.models import AccessibilityFeedback

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_on_every_page(survey, lang):
    """The first Tab focuses the skip link, which then shows with a focus indicator; Enter on it
    moves the focus to <main>, and the next Tab goes on inside <main>."""
    findings = Findings()
    for visit in survey(lang).values():
        check_status(findings, visit)
        findings.items.extend(skip_link_problems(visit.tab_walk, visit.skip_link, visit.where))
    assert not findings.items, findings.report(f"skip link, {lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tab_order_and_visible_focus_on_every_page(survey, lang):
    """Tab reaches every link, button and field in DOM order, each with a visible focus
    indicator, and then leaves the page; Shift+Tab goes back the same way."""
    findings = Findings()
    for visit in survey(lang).values():
        check_status(findings, visit)
        # At least the skip link, the site name, eight languages and a link in <main>.
        findings.check(len(visit.tab_walk["stops"]) >= 11, f"{visit.where}: too few tab stops found")
        findings.items.extend(tab_walk_problems(visit.tab_walk, visit.where))
    assert not findings.items, findings.report(f"tab order, {lang}")


def test_staff_login_by_keyboard(page, site):
    """The staff login page: the same keyboard checks, then a login with the keyboard alone."""
    page.set_extra_http_headers({"Accept-Language": "fi"})
    page.goto(site + STAFF_LOGIN)
    walk = tab_walk(page)
    skip = skip_link_check(page)
    problems = tab_walk_problems(walk, "staff login") + skip_link_problems(walk, skip, "staff login")
    assert not problems, "\n".join(problems)

    # Log in with the keyboard alone.
    page.goto(site + STAFF_LOGIN)
    tab_to(page, "#id_username")
    page.keyboard.type("koordinaattori")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_password"
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path != STAFF_LOGIN
    assert page.locator("nav.main-nav form[action$='/logout/'] button").is_visible()


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus (never more than ``limit``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab did not reach {selector}; at {describe_focus(page)}")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feedback_form_by_keyboard_alone(page, site, lang):
    """Skip link, Tab to the form, type, Tab from field to field, Enter or Space on the button."""
    page.goto(PUBLIC_PAGES["statement"].url(site, lang))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    tab_to(page, "#id_message")
    page.keyboard.type(f"Keyboard feedback in {lang}: the map is hard to use.")
    for field_id, text in [
        ("id_page_url", "/heinola/"),
        ("id_name", "Testi Käyttäjä"),
        ("id_email", "testi@example.com"),
        ("id_phone", "040 123 4567"),
    ]:
        page.keyboard.press("Tab")
        assert focused_id(page) == field_id, describe_focus(page)
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('form.form button[type=submit]')"), describe_focus(
        page
    )
    with page.expect_navigation() as navigation:
        page.keyboard.press("Space" if lang in {"sv", "fa", "uk", "so"} else "Enter")
    assert navigation.value.status == 200
    assert urlsplit(page.url).path == f"/{lang}/heinola/accessibility/thanks/"
    assert page.locator("main h1").is_visible()

    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == f"Keyboard feedback in {lang}: the map is hard to use."
    assert (feedback.page_url, feedback.name, feedback.email, feedback.phone) == (
        "/heinola/",
        "Testi Käyttäjä",
        "testi@example.com",
        "040 123 4567",
    )
    assert feedback.language == lang
    assert feedback.organization.slug == "heinola"


@pytest.mark.parametrize("lang", ["fi", "ar"])
def test_feedback_form_errors_by_keyboard_alone(page, site, lang):
    """An empty submit shows the error summary; its link takes the focus to the field to correct."""
    page.goto(PUBLIC_PAGES["statement"].url(site, lang))
    tab_to(page, "form.form button[type=submit]")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 400
    assert page.locator("#error-summary").is_visible()
    assert AccessibilityFeedback.objects.count() == 0

    tab_to(page, "#error-summary a[href='#id_message']")
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_message", describe_focus(page)
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    page.keyboard.type("Now with a message.")
    tab_to(page, "form.form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == f"/{lang}/heinola/accessibility/thanks/"
    assert AccessibilityFeedback.objects.get().message == "Now with a message."
