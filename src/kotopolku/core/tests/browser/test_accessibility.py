"""axe-core on every public page in every language; the language and the writing direction."""

from __future__ import annotations

import pytest

from kotopolku.core.tests.browser.pages import (
    LANGUAGES,
    RTL_LANGUAGES,
    STAFF_LOGIN,
    Findings,
    axe_violations,
    check_status,
    format_violations,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_passes_axe(survey, lang):
    """WCAG 2.0/2.1 A and AA plus axe's best practices: zero violations on the choose page, the
    municipality homes, the accessibility statement, its form after an invalid submit, the thanks
    page and two 404 pages."""
    findings = Findings()
    for visit in survey(lang).values():
        check_status(findings, visit)
        if visit.violations:
            findings.add(format_violations(visit.violations, visit.where))
    assert not findings.items, findings.report(f"axe-core, language {lang}")


def test_staff_login_passes_axe(page, site):
    findings = Findings()
    page.set_extra_http_headers({"Accept-Language": "fi"})
    response = page.goto(site + STAFF_LOGIN)
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == "fi"
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, f"staff login ({page.url})"))

    # The same page after an empty submit: the error summary and the invalid fields.
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()
    assert page.locator(".error-summary").first.is_visible()
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, f"staff login with errors ({page.url})"))
    assert not findings.items, findings.report("axe-core, staff login")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_and_direction(survey, lang):
    """``<html lang dir>`` match the language, and right-to-left pages are laid out right to left."""
    rtl = lang in RTL_LANGUAGES
    direction = "rtl" if rtl else "ltr"
    findings = Findings()
    for visit in survey(lang).values():
        layout, where = visit.layout, visit.where
        findings.check(layout["lang"] == lang, f"{where}: <html lang={layout['lang']!r}>, not {lang}")
        findings.check(layout["dir"] == direction, f"{where}: <html dir={layout['dir']!r}>, not {direction}")
        findings.check(
            layout["mainDirection"] == direction and layout["headerDirection"] == direction,
            f"{where}: computed direction of <main> {layout['mainDirection']}, "
            f"of <header> {layout['headerDirection']}, expected {direction}",
        )

        # The site name and the heading sit at the start edge of the content column (the right
        # edge for right-to-left); when the switcher shares the header row, it comes after the name.
        row, name, switcher, h1 = layout["row"], layout["siteName"], layout["languages"], layout["h1"]
        one_row = switcher["top"] < name["bottom"] and name["top"] < switcher["bottom"]
        if rtl:
            at_start = abs(name["right"] - row["right"]) <= 20 and abs(h1["right"] - row["right"]) <= 20
            in_order = name["left"] >= switcher["right"] - 1
        else:
            at_start = abs(name["left"] - row["left"]) <= 20 and abs(h1["left"] - row["left"]) <= 20
            in_order = name["right"] <= switcher["left"] + 1
        findings.check(
            at_start and (in_order or not one_row),
            f"{where}: the header and the heading are not laid out {direction}: {layout}",
        )

        # The skip link shows at the start corner (top right for right-to-left) when focused.
        skip = visit.skip_link
        start_gap = skip["width"] - skip["right"] if rtl else skip["left"]
        findings.check(
            skip["isSkipLink"] and skip["top"] >= 0 and 0 <= start_gap < 40,
            f"{where}: the focused skip link is not at the {'right' if rtl else 'left'} top corner: {skip}",
        )
    assert not findings.items, findings.report(f"language and direction, {lang}")
