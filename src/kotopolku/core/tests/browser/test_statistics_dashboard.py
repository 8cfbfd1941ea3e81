"""The statistics dashboard in a real browser: a coordinator logs in, the dashboard with a year of
generated activity (SVG charts, tables), the filter form with an error; axe-core finds nothing."""

from __future__ import annotations

import pytest

from kotopolku.core.demo_content import DEMO_PASSWORD
from kotopolku.core.tests.browser.pages import STAFF_LOGIN, Findings, axe_violations, format_violations
from kotopolku.organizations.models import Organization
from kotopolku.statistics.tests.conftest import make_activity

pytestmark = pytest.mark.browser

DASHBOARD = "/staff/heinola/statistics/"


def test_dashboard_charts_and_tables_have_no_axe_violations(page, site):
    make_activity(Organization.objects.get(slug="heinola"), seed=5, appointments=200, first_number=500_000)
    findings = Findings()
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(site + STAFF_LOGIN)
    page.fill("#id_username", "koordinaattori")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()

    page.goto(site + DASHBOARD + "?date_from=2025-07-01&date_to=2026-06-30")
    assert page.locator("h1").inner_text() == "Statistics"
    assert page.locator("svg[role=img] title").count() >= 5
    assert page.get_by_role("img", name="Guidance contacts by month and service").is_visible()
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, "statistics dashboard"))

    page.goto(site + DASHBOARD + "?date_from=2026-06-30&date_to=2026-01-01")
    assert page.locator(".error-summary").first.is_visible()
    violations = axe_violations(page)
    if violations:
        findings.add(format_violations(violations, "statistics dashboard, filter error"))
    assert not findings.items, findings.report("statistics pages")
