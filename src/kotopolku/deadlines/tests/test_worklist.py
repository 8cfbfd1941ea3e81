"""The worklist: legal deadlines from the client dates and follow-up tasks, mine or the team's."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kotopolku.deadlines import selectors
from kotopolku.deadlines.legal_rules import DeadlineKind, DeadlineState, add_years
from kotopolku.deadlines.models import FollowUpTask
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)


def _kinds(items):
    return sorted(
        (item.deadline.kind if item.deadline else "task", item.client.pk if item.client else None)
        for item in items
    )


def test_worklist_lists_what_falls_due_in_30_days_and_what_is_overdue(organization, counselor):
    # Assessment due 2026-07-01 (within 30 days): listed. First plan due the same day: listed.
    soon = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=datetime.date(2023, 7, 1),
    )
    # Referral due 2026-05-01 (missed 40 days ago, plan made 2025-11-01): overdue.
    late = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=datetime.date(2025, 1, 1),
        assessment_date=datetime.date(2025, 3, 1),
        integration_plan_date=datetime.date(2025, 11, 1),
    )
    # Everything far away or done: not listed.
    factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=datetime.date(2026, 1, 1),
    )
    # Missed long ago (over the 90-day look-back): not listed.
    factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=datetime.date(2020, 1, 1),
    )

    result = selectors.worklist(organization=organization, user=counselor, who="mine", today=TODAY)

    assert _kinds(result.coming) == sorted(
        [(DeadlineKind.ASSESSMENT, soon.pk), (DeadlineKind.FIRST_PLAN, soon.pk)]
    )
    assert _kinds(result.overdue) == [(DeadlineKind.REFERRAL, late.pk)]
    assert result.overdue[0].due == datetime.date(2026, 5, 1)


def test_permit_renewal_is_listed_from_when_its_window_opens_until_expiry(organization, counselor):
    opening = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=None,
        permit_expires_on=datetime.date(2026, 9, 30),  # window opens 30.6., within 30 days
    )
    later = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=None,
        permit_expires_on=datetime.date(2026, 12, 31),  # window opens 1.10.
    )
    result = selectors.worklist(organization=organization, user=counselor, who="mine", today=TODAY)

    clients = [item.client.pk for item in result.coming if item.client]
    assert opening.pk in clients and later.pk not in clients
    deadline = result.coming[0].deadline
    assert deadline is not None
    assert deadline.kind == DeadlineKind.PERMIT_RENEWAL
    assert deadline.opens == datetime.date(2026, 6, 30)


def test_mine_shows_my_clients_and_tasks_team_shows_everyone(organization, counselor, coordinator):
    mine = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=counselor,
        first_residence_permit_date=datetime.date(2023, 7, 1),
    )
    helping = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=coordinator,
        first_residence_permit_date=datetime.date(2023, 7, 2),
    )
    helping.additional_workers.add(counselor)
    theirs = factories.ClientRecordFactory.create(
        organization=organization,
        responsible_worker=coordinator,
        first_residence_permit_date=datetime.date(2023, 7, 3),
    )
    my_task = factories.FollowUpTaskFactory.create(
        organization=organization, assignee=counselor, due_on=TODAY
    )
    their_task = factories.FollowUpTaskFactory.create(
        organization=organization, assignee=coordinator, due_on=TODAY
    )
    factories.FollowUpTaskFactory.create(
        organization=organization, assignee=counselor, due_on=TODAY + datetime.timedelta(days=31)
    )
    factories.FollowUpTaskFactory.create(
        organization=organization, assignee=counselor, due_on=TODAY, done_at=timezone.now()
    )

    mine_list = selectors.worklist(organization=organization, user=counselor, who="mine", today=TODAY)
    team_list = selectors.worklist(organization=organization, user=counselor, who="team", today=TODAY)

    assert {item.client.pk for item in mine_list.coming if item.client} == {mine.pk, helping.pk}
    assert {item.task.pk for item in mine_list.coming if item.task} == {my_task.pk}
    assert {item.client.pk for item in team_list.coming if item.client} == {mine.pk, helping.pk, theirs.pk}
    assert {item.task.pk for item in team_list.coming if item.task} == {my_task.pk, their_task.pk}


def test_other_municipality_and_anonymized_clients_never_appear(organization, other_organization, counselor):
    factories.ClientRecordFactory.create(
        organization=other_organization, first_residence_permit_date=datetime.date(2023, 7, 1)
    )
    factories.ClientRecordFactory.create(
        organization=organization,
        first_residence_permit_date=datetime.date(2023, 7, 1),
        anonymized_at=timezone.now(),
        first_name="",
        last_name="",
    )
    factories.FollowUpTaskFactory.create(organization=other_organization, due_on=TODAY)

    result = selectors.worklist(organization=organization, user=counselor, who="team", today=TODAY)

    assert result.count == 0


def test_overdue_tasks_stay_until_done(organization, counselor):
    old = factories.FollowUpTaskFactory.create(
        organization=organization, assignee=counselor, due_on=TODAY - datetime.timedelta(days=400)
    )
    result = selectors.worklist(organization=organization, user=counselor, who="mine", today=TODAY)
    assert [item.task for item in result.overdue] == [old]
    assert result.overdue[0].state == DeadlineState.OVERDUE


def test_worklist_page_shows_both_lists_in_constant_queries(
    organization, counselor, en_counselor_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(6):
        client = factories.ClientRecordFactory.create(
            organization=organization,
            responsible_worker=counselor,
            first_name=f"Asiakas{n}",
            first_residence_permit_date=add_years(today, -3) + datetime.timedelta(days=n + 1),
        )
        factories.FollowUpTaskFactory.create(
            organization=organization, assignee=counselor, client=client, title=f"Tehtävä {n}", due_on=today
        )
    url = reverse("staff:worklist", kwargs={"org": organization.slug})

    with django_assert_max_num_queries(14):
        response = en_counselor_client.get(url + "?who=mine")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Assessment of skills and service needs" in page
    assert "Asiakas5" in page and "Tehtävä 5" in page
    assert reverse("staff:client_detail", kwargs={"org": organization.slug, "pk": client.pk}) in page


def test_add_a_task_and_complete_it_over_http(organization, counselor, en_counselor_client):
    client = factories.ClientRecordFactory.create(organization=organization)
    due = timezone.localdate() + datetime.timedelta(days=2)

    response = en_counselor_client.post(
        reverse("staff:task_new", kwargs={"org": organization.slug}),
        {
            "title": "Soita takaisin Kela-päätöksestä",
            "due_on": due.isoformat(),
            "assignee": counselor.pk,
            "client": client.pk,
            "who": "team",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("?who=team")
    task = FollowUpTask.objects.get()
    assert (task.title, task.due_on, task.client, task.assignee) == (
        "Soita takaisin Kela-päätöksestä",
        due,
        client,
        counselor,
    )
    page = en_counselor_client.get(response["Location"]).content.decode()
    assert "Soita takaisin Kela-päätöksestä" in page

    done = en_counselor_client.post(
        reverse("staff:task_done", kwargs={"org": organization.slug, "pk": task.pk})
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.is_done


def test_bad_task_input_gets_400_with_messages_and_saves_nothing(
    organization, other_organization, counselor, en_counselor_client
):
    stranger = factories.ClientRecordFactory.create(organization=other_organization)
    response = en_counselor_client.post(
        reverse("staff:task_new", kwargs={"org": organization.slug}),
        {"title": "", "due_on": "31.2.2026", "assignee": counselor.pk, "client": stranger.pk},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not FollowUpTask.objects.exists()


def test_a_task_of_another_municipality_is_404(organization, other_organization, en_counselor_client):
    task = factories.FollowUpTaskFactory.create(organization=other_organization)
    response = en_counselor_client.post(
        reverse("staff:task_done", kwargs={"org": organization.slug, "pk": task.pk})
    )
    assert response.status_code == 404
    task.refresh_from_db()
    assert not task.is_done


def test_reporting_user_has_no_worklist(organization, reporting_user, login_as):
    response = login_as(reporting_user).get(reverse("staff:worklist", kwargs={"org": organization.slug}))
    assert response.status_code == 403


def test_htmx_mark_done_replaces_the_row_with_a_status(organization, counselor, en_counselor_client):
    task = factories.FollowUpTaskFactory.create(organization=organization, assignee=counselor, title="Soita")

    response = en_counselor_client.post(
        reverse("staff:task_done", kwargs={"org": organization.slug, "pk": task.pk}),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.content.decode().strip() == '<tr><td colspan="6" role="status">Done: Soita</td></tr>'
    task.refresh_from_db()
    assert task.is_done


def test_client_deadlines_include_renders_every_rule(organization):
    client = factories.ClientRecordFactory.create(
        organization=organization,
        first_residence_permit_date=datetime.date(2025, 1, 15),
        assessment_date=datetime.date(2025, 3, 1),
        integration_plan_date=datetime.date(2025, 4, 1),
        permit_expires_on=datetime.date(2026, 1, 14),
    )
    with translation.override("en"):
        html = render_to_string(
            "deadlines/_client_deadlines.html",
            {"deadlines": selectors.client_deadlines(client, today=datetime.date(2025, 11, 1))},
        )
    for text in (
        "Assessment of skills",
        "First integration plan",
        "Referral",
        "Residence permit renewal",
        "Overdue",
    ):
        assert text in html
