"""The dashboard over HTTP: who may see it, filters and bad input, exports that open, suppression
in everything that leaves the staff view, and the system administrators' view."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from kotopolku.statistics.periods import Period
from kotopolku.statistics.selectors import Filters, build_report
from kotopolku.statistics.suppression import SMALL
from kotopolku.statistics.tables import COUNTS
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

QUERY = "date_from=2026-01-01&date_to=2026-06-30"


def url(organization, suffix: str = "", query: str = QUERY) -> str:
    return f"/staff/{organization.slug}/statistics/{suffix}?{query}"


@pytest.fixture
def english(login_as):
    def make(user):
        return login_as(user, headers={"Accept-Language": "en"})

    return make


def test_coordinator_and_reporting_see_the_dashboard_counselor_does_not(
    activity, organization, coordinator, reporting_user, counselor, english
):
    for person in (coordinator, reporting_user):
        response = english(person).get(url(organization))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Guidance contacts by month and service" in body
        assert "<svg" in body and "<desc" in body
        assert "Interpreter use by language" in body
    assert english(counselor).get(url(organization)).status_code == 403
    assert english(counselor).get(url(organization, "export.xlsx")).status_code == 403


def test_staff_nav_links_the_statistics_for_those_who_may(organization, reporting_user, counselor, english):
    link = f'href="/staff/{organization.slug}/statistics/"'
    assert link in english(reporting_user).get(f"/staff/{organization.slug}/").content.decode()
    assert link not in english(counselor).get(f"/staff/{organization.slug}/").content.decode()


def test_another_municipality_gets_404(activity, organization, other_coordinator, english):
    assert english(other_coordinator).get(url(organization)).status_code == 404
    assert (
        english(other_coordinator)
        .get(url(organization, "export.csv", QUERY + "&table=dropin_outcomes"))
        .status_code
        == 404
    )


def test_presets_work_and_bad_dates_are_explained(organization, coordinator, english):
    client = english(coordinator)
    for preset in ("this_month", "last_month", "this_year", "last_year"):
        assert client.get(url(organization, query=f"preset={preset}")).status_code == 200
    assert client.get(f"/staff/{organization.slug}/statistics/").status_code == 200  # this year by default
    response = client.get(url(organization, query="date_from=2026-06-01&date_to=2026-01-01"))
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert client.get(url(organization, query="date_from=nonsense&date_to=2026-01-01")).status_code == 400
    assert client.get(url(organization, query="date_from=2020-01-01&date_to=2026-01-01")).status_code == 400
    assert client.get(url(organization, query=QUERY + "&place=999999")).status_code == 400
    assert client.get(url(organization, "export.csv", QUERY + "&table=nope")).status_code == 404
    assert client.get(url(organization, "export.exe")).status_code == 404


def test_worker_of_another_municipality_is_not_a_valid_filter(
    organization, other_organization, coordinator, english
):
    stranger = factories.CounselorFactory.create(organization=other_organization)
    assert (
        english(coordinator).get(url(organization, query=QUERY + f"&worker={stranger.pk}")).status_code == 400
    )


def test_csv_export_parses_back_and_suppresses_small_counts(activity, organization, coordinator, english):
    response = english(coordinator).get(
        url(organization, "export.csv", QUERY + "&table=contacts_month_service")
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Month"
    assert rows[-1][0] == "Total"
    cells = [cell for row in rows[1:-1] for cell in row[1:]]
    assert all(cell in (SMALL, "x") or int(cell) == 0 or int(cell) >= 5 for cell in cells)
    assert SMALL in cells  # a few contacts per service and month: some are small


def test_xlsx_has_every_table_and_no_small_count(activity, organization, coordinator, english):
    response = english(coordinator).get(url(organization, "export.xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert {
        "info",
        "contacts_month_service",
        "dropin_times",
        "interpreter_language",
        "appointments_cancelled",
    } <= set(workbook.sheetnames)
    report = build_report(
        Filters(organization=organization, period=Period(date(2026, 1, 1), date(2026, 6, 30)))
    )
    count_tables = {table.key for table in report.tables() if table.kind == COUNTS}
    for sheet in workbook.worksheets[1:]:
        if sheet.title not in count_tables:
            continue  # measures (minutes, medians, sessions) are hidden by the number of people behind them
        for row in sheet.iter_rows(min_row=3, values_only=True):
            for value in row[1:]:
                assert not (isinstance(value, int) and 1 <= value <= 4), (sheet.title, row)


def test_pdf_report_opens_and_has_the_title(activity, organization, coordinator, english):
    response = english(coordinator).get(url(organization, "export.pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Statistics of integration services" in text
    assert "Interpreter use by language" in text


def test_system_wide_view_is_for_system_administrators_only_and_suppressed(
    activity, other_activity, organization, coordinator, system_admin, english
):
    assert english(coordinator).get("/staff/statistics/?" + QUERY).status_code == 404
    assert Client().get("/staff/statistics/?" + QUERY).status_code == 302  # to the login
    client = english(system_admin)
    response = client.get("/staff/statistics/?" + QUERY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Statistics of all municipalities" in body
    assert "Contacts, drop-in visits and appointments by municipality" in body
    assert "<svg" not in body  # charts would show exact small numbers
    assert "&lt;5" in body
    export = client.get("/staff/statistics/export.xlsx?" + QUERY)
    assert export.status_code == 200
    assert "municipalities" in load_workbook(io.BytesIO(export.content)).sheetnames


def test_csv_of_every_table_starts_with_the_title(activity, organization, coordinator, english):
    response = english(coordinator).get(url(organization, "export.csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [f"Statistics of integration services – {organization.name}"]
    assert ["Drop-in visits by outcome"] in rows


def test_api_gives_suppressed_figures_to_own_staff_only(
    activity, organization, coordinator, reporting_user, counselor, other_coordinator, english
):
    api = f"/api/v1/organizations/{organization.slug}/statistics/?from=2026-01-01&to=2026-06-30"
    response = english(reporting_user).get(api)
    assert response.status_code == 200
    data = response.json()
    assert data["period"] == {"start": "2026-01-01", "end": "2026-06-30"}
    tables = {table["key"]: table for section in data["sections"] for table in section["tables"]}
    cells = [cell for row in tables["contacts_month_service"]["rows"] for cell in row[1:]]
    assert SMALL in cells
    assert not any(isinstance(cell, int) and 1 <= cell <= 4 for cell in cells)
    assert english(counselor).get(api).status_code == 403
    assert english(other_coordinator).get(api).status_code == 404
    assert Client().get(api).status_code == 403
    bad = english(coordinator).get(api.replace("to=2026-06-30", "to=2025-01-01"))
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"
    assert english(coordinator).get(api.replace("from=2026-01-01", "from=yesterday")).status_code == 400
