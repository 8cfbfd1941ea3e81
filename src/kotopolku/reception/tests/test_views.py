"""The reception pages end to end over HTTP: board, proposal, decision, arrival, checklist, template."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement
from kotopolku.reception.tests import objects
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_en(coordinator) -> Client:
    return factories.login_staff(Client(headers={"Accept-Language": "en"}), coordinator)


@pytest.fixture
def counselor_en(counselor) -> Client:
    return factories.login_staff(Client(headers={"Accept-Language": "en"}), counselor)


def url(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def test_from_proposal_to_a_done_checklist_item(organization, coordinator_en, counselor, counselor_en):
    today = timezone.localdate()
    response = coordinator_en.post(
        url("placement_new", organization),
        {
            "reference": "ELY-2026-021",
            "received_on": (today - datetime.timedelta(days=30)).isoformat(),
            "family_size": "4",
            "ages": "38, 35, 9, 4",
            "needs": "Koulupaikka ja päivähoito.",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.ages == [38, 35, 9, 4]

    response = coordinator_en.post(
        url("placement_decision", organization, pk=placement.pk),
        {"decision": "accept", "decided_on": today.isoformat(), "arrival_date": today.isoformat()},
    )
    assert response.status_code == 302
    response = coordinator_en.post(
        url("placement_arrival", organization, pk=placement.pk),
        {"arrival_date": today.isoformat(), "arrived": "on"},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ARRIVED

    dvv = placement.checklist.get(key="dvv_registration")
    response = counselor_en.post(
        url("checklist_item", organization, pk=dvv.pk),
        {
            f"item{dvv.pk}-status": "done",
            f"item{dvv.pk}-done_on": today.isoformat(),
            f"item{dvv.pk}-owner": counselor.pk,
            f"item{dvv.pk}-offset_days": "7",
            f"item{dvv.pk}-note": "Käynti DVV:llä tehty.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{dvv.pk}")
    dvv.refresh_from_db()
    assert (dvv.status, dvv.done_on, dvv.owner) == ("done", today, counselor)

    quick = placement.checklist.get(key="kela")
    counselor_en.post(url("checklist_item", organization, pk=quick.pk), {"quick_done": "1"})
    quick.refresh_from_db()
    assert quick.status == "done"

    board = counselor_en.get(url("reception_board", organization)).content.decode()
    assert "ELY-2026-021" in board
    # The family arrived today: the steps before the arrival (housing, electricity, furniture) are late.
    assert "2 of 13 done" in board and "3 overdue" in board
    detail = counselor_en.get(url("placement_detail", organization, pk=placement.pk)).content.decode()
    assert "Käynti DVV:llä tehty." in detail


def test_board_in_constant_queries(organization, counselor_en, django_assert_max_num_queries):
    for _ in range(3):
        objects.arrived_placement(organization)
        objects.placement(organization)

    with django_assert_max_num_queries(12):
        response = counselor_en.get(url("reception_board", organization))

    assert response.status_code == 200
    assert response.content.decode().count("of 13 done") == 3


def test_bad_proposal_gets_400_and_saves_nothing(organization, coordinator_en):
    response = coordinator_en.post(
        url("placement_new", organization),
        {"reference": "ELY-1", "received_on": "2026-01-01", "family_size": "2", "ages": "34, kolme"},
    )
    assert response.status_code == 400
    assert "whole number" in response.content.decode()
    assert not Placement.objects.exists()


def test_decline_without_a_reason_gets_400(organization, coordinator_en):
    placement = objects.placement(organization)
    response = coordinator_en.post(
        url("placement_decision", organization, pk=placement.pk),
        {"decision": "decline", "decided_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Write the reason for declining." in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED


def test_counselor_works_on_items_but_cannot_decide(organization, counselor_en):
    placement = objects.placement(organization)
    assert counselor_en.get(url("reception_board", organization)).status_code == 200
    assert counselor_en.get(url("placement_detail", organization, pk=placement.pk)).status_code == 200
    response = counselor_en.post(
        url("placement_decision", organization, pk=placement.pk),
        {"decision": "accept", "decided_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    assert counselor_en.get(url("checklist_template", organization)).status_code == 403
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED


def test_checklist_item_of_another_municipality_is_404(organization, other_organization, counselor_en):
    item = objects.checklist_item(other_organization)
    response = counselor_en.post(url("checklist_item", organization, pk=item.pk), {"quick_done": "1"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ChecklistItem.Status.TODO


def test_template_page_seeds_defaults_and_adds_a_step(organization, coordinator_en):
    page = coordinator_en.get(url("checklist_template", organization))
    assert page.status_code == 200
    assert ChecklistTemplateItem.objects.filter(organization=organization).count() == 13

    response = coordinator_en.post(
        url("checklist_template", organization),
        {"new-title": "Kirjastokortti", "new-offset_days": "21", "new-is_active": "on"},
    )
    assert response.status_code == 302
    assert ChecklistTemplateItem.objects.filter(organization=organization, title="Kirjastokortti").exists()

    bad = coordinator_en.post(
        url("checklist_template", organization), {"new-title": "X", "new-offset_days": "-500"}
    )
    assert bad.status_code == 400
    assert ChecklistTemplateItem.objects.filter(organization=organization).count() == 14


def test_household_link_over_http(organization, coordinator_en):
    placement = objects.arrived_placement(organization)
    household = factories.HouseholdFactory.create(organization=organization, name="Perhe Keksitty")
    factories.ClientRecordFactory.create(organization=organization, household=household, first_name="Lina")

    response = coordinator_en.post(
        url("placement_household", organization, pk=placement.pk), {"household": household.pk}
    )

    assert response.status_code == 302
    detail = coordinator_en.get(url("placement_detail", organization, pk=placement.pk)).content.decode()
    assert "Lina" in detail


def test_htmx_quick_done_returns_the_updated_row(organization, counselor_en):
    item = objects.checklist_item(organization)

    response = counselor_en.post(
        url("checklist_item", organization, pk=item.pk), {"quick_done": "1"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<tr") and f'id="item-{item.pk}"' in html
    assert "Saved:" in html and "badge-ok" in html
    item.refresh_from_db()
    assert item.status == ChecklistItem.Status.DONE
