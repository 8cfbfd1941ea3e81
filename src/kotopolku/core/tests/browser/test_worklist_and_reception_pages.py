"""The worklist and the quota-refugee reception in a real browser, with the Heinola demo data:
htmx "mark done" and "done today" in place, the forms with their errors, axe-core on every screen
(staff pages are held to the same WCAG 2.1 AA as the public ones)."""

from __future__ import annotations

from typing import Any

import pytest

from kotopolku.core.demo_content import DEMO_PASSWORD
from kotopolku.core.tests.browser.pages import STAFF_LOGIN, Findings, axe_violations, format_violations
from kotopolku.deadlines.models import FollowUpTask
from kotopolku.reception.models import ChecklistItem, Placement

pytestmark = pytest.mark.browser

WORKLIST = "/staff/heinola/worklist/"
RECEPTION = "/staff/heinola/reception/"


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


def test_worklist_mark_a_task_done_and_add_one(page, site):
    findings = Findings()
    _log_in(page, site, "ohjaaja")
    page.goto(site + WORKLIST)
    assert page.locator("h1").inner_text() == "Worklist"
    assert "Varaa tulkki kotoutumissuunnitelman laatimiseen" in page.locator("main").inner_text()
    _axe(page, findings, "worklist (mine)")

    # htmx: the task's row becomes a status line, the page stays.
    row = page.get_by_role("row").filter(has_text="Varaa tulkki kotoutumissuunnitelman laatimiseen")
    row.get_by_role("button", name="Mark done").click()
    page.get_by_role("status").filter(has_text="Done: Varaa tulkki").wait_for(timeout=10_000)
    assert page.url.endswith(WORKLIST)
    assert FollowUpTask.objects.get(title__startswith="Varaa tulkki").done_at is not None
    _axe(page, findings, "worklist after mark done")

    page.goto(site + WORKLIST + "?who=team")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the task").click()
    assert page.locator(".error-summary").first.is_visible()
    _axe(page, findings, "worklist, task form with errors")
    page.fill("#id_title", "Tarkista Kela-päätös")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the task").click()
    assert "Tarkista Kela-päätös" in page.locator("main").inner_text()

    page.goto(site + WORKLIST + "permit-reminders/")
    assert "Esimerkki, Amal" in page.locator("main").inner_text()
    _axe(page, findings, "permit reminders")
    assert not findings.items, findings.report("worklist pages")


def test_reception_board_checklist_and_decision(page, site):
    findings = Findings()
    _log_in(page, site, "koordinaattori")
    page.goto(site + RECEPTION)
    assert "11 of 13 done" in page.locator("main").inner_text()
    _axe(page, findings, "reception board")

    with page.expect_navigation():
        page.get_by_role("link", name="ELY-2026-007").click()
    _axe(page, findings, "arrived household")
    # htmx: "Done today" swaps the row in place. (The steps are titled in the staff's default
    # language, Finnish, when the template is seeded; the coordinator edits them.)
    title = ChecklistItem.objects.get(placement__reference="ELY-2026-007", key="civic_orientation").title
    row = page.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Done today").click()
    page.get_by_role("status").filter(has_text=f"Saved: {title}").wait_for(timeout=10_000)
    assert (
        ChecklistItem.objects.get(placement__reference="ELY-2026-007", key="civic_orientation").status
        == "done"
    )
    _axe(page, findings, "arrived household after done today")

    page.goto(site + RECEPTION)
    with page.expect_navigation():
        page.get_by_role("link", name="ELY-2026-031").click()
    page.get_by_label("Decline the placement").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    assert "Write the reason for declining." in page.content()
    _axe(page, findings, "decision with errors")
    assert Placement.objects.get(reference="ELY-2026-031").status == Placement.Status.PROPOSED

    page.goto(site + RECEPTION + "new/")
    _axe(page, findings, "new proposal")
    page.goto(site + RECEPTION + "template/")
    _axe(page, findings, "checklist template")
    assert not findings.items, findings.report("reception pages")
