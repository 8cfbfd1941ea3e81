"""Staff management pages and the workbench, through HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.forms import StaffForm
from kotopolku.accounts.models import Role, User
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.testing import factories, form_post_data
from kotopolku.testing.factories import translated

pytestmark = pytest.mark.django_db


def url(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def changes() -> list[AuditEvent]:
    """Audit events other than the test client's own login."""
    return list(AuditEvent.objects.exclude(action=AuditAction.LOGIN))


def edit_data(person: User, **changes) -> dict:
    return form_post_data(StaffForm(instance=User.objects.get(pk=person.pk)), **changes)


# --- Staff list and creation ------------------------------------------------------------------


def test_staff_list_shows_own_staff_and_authenticator_status(
    organization, coordinator, counselor, other_coordinator, coordinator_client
):
    factories.totp_device(counselor)

    response = coordinator_client.get(url("staff_list", organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert counselor.username in html and coordinator.username in html
    assert other_coordinator.username not in html
    # The reset button is offered for the counselor (has an authenticator), not for oneself.
    assert url("staff_reset_totp", organization, pk=counselor.pk) in html
    assert url("staff_reset_totp", organization, pk=coordinator.pk) not in html


def test_coordinator_adds_a_staff_member(organization, coordinator, coordinator_client):
    response = coordinator_client.post(
        url("staff_new", organization),
        {
            "username": "uusi.ohjaaja",
            "first_name": "Uusi",
            "last_name": "Ohjaaja",
            "email": "uusi@heinola.example",
            "role": "counselor",
            "job_title_fi": "kotouttamisohjaaja",
            "password": "Kaivokatu-14-Heinola-kevät",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("staff_list", organization)
    person = User.objects.get(username="uusi.ohjaaja")
    assert (person.organization, person.role, translated(person, "job_title", "fi")) == (
        organization,
        Role.COUNSELOR,
        "kotouttamisohjaaja",
    )
    assert person.check_password("Kaivokatu-14-Heinola-kevät")
    event = AuditEvent.objects.get(action=AuditAction.STAFF_CREATED)
    assert (event.actor, event.organization, event.target_id) == (coordinator, organization, str(person.pk))


def test_weak_first_password_is_refused_with_a_message(organization, coordinator_client):
    response = coordinator_client.post(
        url("staff_new", organization),
        {
            "username": "heikko",
            "first_name": "H",
            "last_name": "K",
            "email": "h@example.fi",
            "role": "counselor",
            "password": "lyhyt",
        },
    )

    assert response.status_code == 400
    assert 'id="id_password_errors"' in response.content.decode()
    assert not User.objects.filter(username="heikko").exists()
    assert changes() == []


def test_role_is_required_and_system_admin_cannot_be_made_here(organization, coordinator_client):
    response = coordinator_client.post(
        url("staff_new", organization),
        {
            "username": "x",
            "first_name": "X",
            "last_name": "Y",
            "email": "x@example.fi",
            "role": "",
            "password": "Kaivokatu-14-Heinola-kevät",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 400
    assert not User.objects.filter(username="x").exists()


# --- Editing ---------------------------------------------------------------------------------


def test_saving_an_unchanged_form_writes_no_audit_event(organization, counselor, coordinator_client):
    response = coordinator_client.post(url("staff_edit", organization, pk=counselor.pk), edit_data(counselor))

    assert response.status_code == 302
    assert changes() == []


def test_coordinator_edits_a_staff_member(organization, coordinator, counselor, coordinator_client):
    response = coordinator_client.post(
        url("staff_edit", organization, pk=counselor.pk),
        edit_data(counselor, job_title_sv="integrationshandledare", show_on_public_pages=True),
    )

    assert response.status_code == 302
    stored = User.objects.get(pk=counselor.pk)
    assert (translated(stored, "job_title", "sv"), stored.show_on_public_pages) == (
        "integrationshandledare",
        True,
    )
    [event] = changes()
    assert (event.action, event.actor) == (AuditAction.STAFF_UPDATED, coordinator)
    assert event.details == {"fields": ["job_title_sv", "show_on_public_pages"]}


@pytest.mark.parametrize("change", [{"role": "counselor"}, {"is_active": False}])
def test_the_last_coordinator_cannot_be_removed_through_the_page(
    organization, coordinator, coordinator_client, change
):
    response = coordinator_client.post(
        url("staff_edit", organization, pk=coordinator.pk), edit_data(coordinator, **change)
    )

    assert response.status_code == 400
    with translation.override("fi"):
        assert (
            gettext("The municipality must keep at least one active coordinator.")
            in response.content.decode()
        )
    stored = User.objects.get(pk=coordinator.pk)
    assert (stored.role, stored.is_active) == (Role.COORDINATOR, True)
    assert changes() == []


def test_staff_of_another_municipality_cannot_be_edited_through_own_address(
    organization, other_coordinator, coordinator_client
):
    response = coordinator_client.post(
        url("staff_edit", organization, pk=other_coordinator.pk),
        edit_data(other_coordinator, first_name="Muutettu"),
    )

    assert response.status_code == 404
    assert User.objects.get(pk=other_coordinator.pk).first_name != "Muutettu"


# --- Authenticator reset --------------------------------------------------------------------


def test_coordinator_removes_a_lost_authenticator(organization, coordinator, counselor, coordinator_client):
    factories.totp_device(counselor)

    response = coordinator_client.post(url("staff_reset_totp", organization, pk=counselor.pk))

    assert response["Location"] == url("staff_list", organization)
    assert not TOTPDevice.objects.filter(user=counselor).exists()
    [event] = changes()
    assert (event.action, event.actor, event.target_id) == (
        AuditAction.OTP_DEVICE_RESET,
        coordinator,
        str(counselor.pk),
    )


def test_own_authenticator_cannot_be_removed_from_the_staff_list(organization, coordinator, login_as):
    client = login_as(coordinator, verified=True)

    response = client.post(url("staff_reset_totp", organization, pk=coordinator.pk))

    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_reset_is_post_only(organization, counselor, coordinator_client):
    factories.totp_device(counselor)

    assert coordinator_client.get(url("staff_reset_totp", organization, pk=counselor.pk)).status_code == 405
    assert TOTPDevice.objects.filter(user=counselor).exists()


# --- Workbench --------------------------------------------------------------------------------


def test_workbench_lists_waiting_feedback_with_deadline(organization, counselor, counselor_client):
    today = timezone.localdate()
    waiting = factories.FeedbackFactory.create(
        organization=organization, answer_due=today + datetime.timedelta(days=9)
    )
    factories.FeedbackFactory.create(organization=organization, status="answered", answered_at=timezone.now())

    response = counselor_client.get(url("dashboard", organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert url("inbox_item", organization, pk=waiting.pk) in html
    assert url("inbox", organization) in html
    with translation.override("fi"):
        assert formats.date_format(waiting.answer_due, "SHORT_DATE_FORMAT") in html
    # Counselors do not get the coordinator's menu.
    assert url("staff_list", organization) not in html
    assert url("audit_log", organization) not in html


def test_workbench_menu_of_a_coordinator(organization, coordinator_client):
    html = coordinator_client.get(url("dashboard", organization)).content.decode()

    for name in ("inbox", "setup", "settings", "staff_list", "audit_log"):
        assert url(name, organization) in html


def test_workbench_reminds_to_set_up_the_authenticator(organization, counselor, login_as):
    without = login_as(counselor).get(url("dashboard", organization)).content.decode()
    with_device = login_as(counselor, verified=True).get(url("dashboard", organization)).content.decode()

    assert reverse("staff:totp_setup") in without
    assert reverse("staff:totp_setup") not in with_device


def test_staff_pages_are_not_cached_or_indexed(organization, counselor_client):
    response = counselor_client.get(url("dashboard", organization))

    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_reporting_role_lands_on_its_home_and_sees_only_what_it_may(login_as, reporting_user, organization):
    client = login_as(reporting_user)
    response = client.get("/staff/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/staff/{organization.slug}/"
    body = response.content.decode()
    assert "statistics only" in body
    # No workbench sections or links for this role.
    assert f"/staff/{organization.slug}/agenda/" not in body
    assert f"/staff/{organization.slug}/inbox/" not in body
