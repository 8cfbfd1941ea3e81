"""Tenant isolation over every staff page of a municipality (``/staff/<org>/...``).

The pages are read from ``kotopolku.accounts.urls.organization_patterns``, so a new page is in
these tests the moment it is added. A page with a ``pk`` needs an entry in ``PK_OBJECTS`` and every
page an entry in ``REQUIRED_PERM``: the tests below fail and say so until it has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.models import Role, User
from kotopolku.accounts.policy import ROLE_PERMISSIONS, Perm
from kotopolku.accounts.urls import organization_patterns
from kotopolku.appointments.tests import staff_objects
from kotopolku.organizations.models import Organization
from kotopolku.reception.tests import objects as reception_objects
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def _flatten(patterns: list[Any]) -> Iterator[URLPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _flatten(entry.url_patterns)
        else:
            yield entry


STAFF_PAGES: list[URLPattern] = list(_flatten(organization_patterns))


def _staff_with_device(organization: Organization) -> User:
    person = factories.CounselorFactory.create(organization=organization)
    factories.totp_device(person)
    return person


# An object of the given municipality for each page that takes a pk.
PK_OBJECTS: dict[str, Callable[[Organization], Any]] = {
    "inbox_item": lambda org: factories.FeedbackFactory.create(organization=org),
    "service_edit": lambda org: factories.ServiceFactory.create(organization=org),
    "place_edit": lambda org: factories.PlaceFactory.create(organization=org),
    "hours_edit": lambda org: factories.RegularHoursFactory.create(organization=org),
    "hours_delete": lambda org: factories.RegularHoursFactory.create(organization=org),
    "staff_edit": lambda org: factories.CounselorFactory.create(organization=org),
    "staff_reset_totp": _staff_with_device,
    "appointment_detail": staff_objects.appointment,
    "appointment_cancel": staff_objects.appointment,
    "appointment_move": staff_objects.appointment,
    "appointment_outcome": staff_objects.appointment,
    "working_hours_add": staff_objects.staff_member,
    "working_hours_delete": staff_objects.working_hours,
    "availability_exception_add": staff_objects.staff_member,
    "availability_exception_delete": staff_objects.absence,
    "staff_schedule_edit": staff_objects.staff_member,
    "closed_day_delete": staff_objects.closed_day,
    "callback_detail": staff_objects.callback_request,
    "dropin_cancel": staff_objects.dropin_schedule,
    "dropin_schedule_edit": staff_objects.dropin_schedule,
    "dropin_restore": staff_objects.dropin_cancellation,
    "dropin_extra_delete": staff_objects.dropin_extra_session,
    "shared_letter_detail": factories.shared_letter,
    "shared_letter_delete": factories.shared_letter,
    "dropin_ticket_action": staff_objects.dropin_waiting_ticket,
    "dropin_visit_link": staff_objects.dropin_visit,
    "dropin_ticket_finish": staff_objects.dropin_waiting_ticket,
    **dict.fromkeys(
        [
            "client_detail",
            "client_edit",
            "client_identity_code",
            "guidance_contact_new",
            "client_appointment_link",
            "client_export_json",
            "client_export_html",
            "client_koto_aj",
            "client_anonymize",
        ],
        lambda org: factories.ClientRecordFactory.create(organization=org),
    ),
    "guidance_contact_edit": lambda org: factories.GuidanceContactFactory.create(
        client=factories.ClientRecordFactory.create(organization=org)
    ),
    "client_appointment_unlink": staff_objects.appointment,  # pk: the appointment
    "appointment_client_link": staff_objects.appointment,  # pk: the appointment
    "household_detail": lambda org: factories.HouseholdFactory.create(organization=org),
    "household_edit": lambda org: factories.HouseholdFactory.create(organization=org),
    "task_done": reception_objects.task,
    "permit_consent": lambda org: factories.ClientRecordFactory.create(organization=org),
    "placement_detail": reception_objects.placement,
    "placement_edit": reception_objects.placement,
    "placement_decision": reception_objects.placement,
    "placement_arrival": reception_objects.placement,
    "placement_household": reception_objects.placement,
    "checklist_item": reception_objects.checklist_item,
    "checklist_template_item": reception_objects.template_item,
    "partner_edit": lambda org: factories.PartnerFactory.create(organization=org),
    "cooperation_edit": lambda org: factories.CooperationEntryFactory.create(organization=org),
    "cooperation_delete": lambda org: factories.CooperationEntryFactory.create(organization=org),
    "activity_edit": lambda org: factories.ActivityFactory.create(organization=org),
    "suggestion_review": lambda org: factories.ActivitySuggestionFactory.create(organization=org),
    "suggestion_reject": lambda org: factories.ActivitySuggestionFactory.create(organization=org),
    "event_edit": lambda org: factories.EventFactory.create(organization=org),
    "event_delete": lambda org: factories.EventFactory.create(organization=org),
    "join_request": lambda org: factories.JoinHelpRequestFactory.create(organization=org),
    "referral_new": lambda org: factories.ClientRecordFactory.create(organization=org),  # pk: the client
    "referral": lambda org: factories.ReferralFactory.create(organization=org),
}

# Values for URL arguments other than ``pk``, made in the given municipality.
OTHER_ARGS: dict[str, Callable[[Organization], str]] = {
    "session": staff_objects.dropin_open_session_key,  # a drop-in session open now
    "action": lambda org: "call",  # a queue action on a ticket
    "fmt": lambda org: "csv",  # a statistics export (every table, suppressed)
}

# The permission each page asks of the policy.
ORG = Perm.MANAGE_ORGANIZATION
REQUIRED_PERM: dict[str, Perm] = {
    **dict.fromkeys(
        ["shared_letters", "shared_letter_detail", "shared_letter_delete"], Perm.VIEW_SHARED_LETTERS
    ),
    "dashboard": Perm.VIEW_HOME,
    "inbox": Perm.HANDLE_FEEDBACK,
    "inbox_item": Perm.HANDLE_FEEDBACK,
    "settings": ORG,
    "setup": ORG,
    "service_new": ORG,
    "service_edit": ORG,
    "place_new": ORG,
    "place_edit": ORG,
    "hours_new": ORG,
    "hours_edit": ORG,
    "hours_delete": ORG,
    "staff_list": Perm.MANAGE_STAFF,
    "staff_new": Perm.MANAGE_STAFF,
    "staff_edit": Perm.MANAGE_STAFF,
    "staff_reset_totp": Perm.MANAGE_STAFF,
    "audit_log": Perm.VIEW_AUDIT_LOG,
    **dict.fromkeys(
        [
            "agenda",
            "calendar_subscription",
            "calendar_renew",
            "appointment_new",
            "appointment_detail",
            "appointment_cancel",
            "appointment_move",
            "appointment_outcome",
            "availability",
            "working_hours_add",
            "working_hours_delete",
            "availability_exception_add",
            "availability_exception_delete",
            "callbacks",
            "callback_detail",
        ],
        Perm.MANAGE_APPOINTMENTS,
    ),
    **dict.fromkeys(
        ["staff_schedule_edit", "closed_day_add", "closed_day_delete", "booking_rules"],
        Perm.MANAGE_AVAILABILITY,
    ),
    **dict.fromkeys(
        [
            "dropin_sessions",
            "dropin_schedule_new",
            "dropin_schedule_edit",
            "dropin_cancel",
            "dropin_restore",
            "dropin_extra_new",
            "dropin_extra_delete",
        ],
        Perm.MANAGE_DROPIN,
    ),
    **dict.fromkeys(
        [
            "dropin_today",
            "dropin_poster",
            "dropin_kiosk_start",
            "dropin_queue",
            "dropin_call_next",
            "dropin_queue_add",
            "dropin_queue_close",
            "dropin_ticket_action",
            "dropin_ticket_finish",
        ],
        Perm.SERVE_DROPIN,
    ),
    **dict.fromkeys(
        ["client_list", "client_detail", "client_identity_code", "household_list", "household_detail"],
        Perm.VIEW_CLIENTS,
    ),
    **dict.fromkeys(
        [
            "client_new",
            "client_edit",
            "guidance_contact_new",
            "guidance_contact_edit",
            "client_appointment_link",
            "client_appointment_unlink",
            "appointment_client_link",
            "household_new",
            "household_edit",
        ],
        Perm.MANAGE_CLIENTS,
    ),
    **dict.fromkeys(["client_export_json", "client_export_html", "client_koto_aj"], Perm.EXPORT_CLIENT_DATA),
    "client_anonymize": Perm.ERASE_CLIENT_DATA,
    "dropin_visit_link": Perm.MANAGE_CLIENTS,
    **dict.fromkeys(
        ["worklist", "task_new", "task_done", "permit_reminders", "permit_consent"], Perm.WORK_ON_TASKS
    ),
    **dict.fromkeys(["reception_board", "placement_detail", "checklist_item"], Perm.WORK_ON_RECEPTION),
    **dict.fromkeys(
        [
            "placement_new",
            "placement_edit",
            "placement_decision",
            "placement_arrival",
            "placement_household",
            "checklist_template",
            "checklist_template_item",
        ],
        Perm.MANAGE_RECEPTION,
    ),
    **dict.fromkeys(
        [
            "partners",
            "partner_new",
            "partner_edit",
            "cooperation",
            "cooperation_new",
            "cooperation_edit",
            "cooperation_delete",
            "activities",
            "activity_new",
            "activity_edit",
            "suggestions",
            "suggestion_review",
            "suggestion_reject",
            "network_events",
            "event_new",
            "event_edit",
            "event_delete",
            "join_requests",
            "join_request",
        ],
        Perm.MANAGE_NETWORK,
    ),
    **dict.fromkeys(["referrals", "referral_new", "referral"], Perm.MANAGE_REFERRALS),
    **dict.fromkeys(["statistics", "statistics_export"], Perm.VIEW_STATISTICS),
}

# Valid for every staff form, so a POST that got through would really change something.
ATTACK_POST = {
    "name_fi": "Hyökkääjän nimi",
    "street_address": "Hyökkääjänkatu 1",
    "city": "Muualla",
    "service_type": "guidance",
    "duration_minutes": "45",
    "position": "0",
    "is_active": "on",
    "bookable": "on",
    "kind": "phone",
    "weekday": "2",
    "start_time": "09:00",
    "end_time": "10:00",
    "username": "hyokkaaja",
    "first_name": "Hyökkääjä",
    "last_name": "Muualta",
    "email": "hyokkaaja@example.fi",
    "role": "coordinator",
    "password": "Hyvin-pitka-ja-outo-salasana-991",
    "answer_note": "Merkitty vastatuksi muualta.",
    "mode": "video",
    "reason": "Peruttu muualta.",
    "date": "2031-01-02",
    "preferred_language": "fi",
    "channel": "phone",
    "contact_date": "2026-01-02",
}

# Pages whose POST writes when it is allowed (the positive control below).
WRITING_PAGES = {
    "shared_letter_delete",
    "settings",
    "service_new",
    "service_edit",
    "place_new",
    "place_edit",
    "hours_new",
    "hours_edit",
    "hours_delete",
    "staff_new",
    "staff_edit",
    "staff_reset_totp",
    "inbox_item",
    "appointment_cancel",
    "working_hours_add",
    "working_hours_delete",
    "availability_exception_delete",
    "closed_day_add",
    "closed_day_delete",
    "callback_detail",
    "calendar_renew",
    "dropin_cancel",
    "dropin_restore",
    "dropin_extra_delete",
    "dropin_kiosk_start",  # audited
    "dropin_queue_close",
    "dropin_ticket_action",  # calls the waiting ticket
    "client_list",  # a search is audited
    "client_new",
    "client_edit",
    "client_identity_code",  # showing the code is audited
    "guidance_contact_new",
    "guidance_contact_edit",
    "cooperation_delete",
    "event_delete",
    "suggestion_reject",
    "join_request",
    "task_done",
}


def page_id(pattern: URLPattern) -> str:
    return pattern.name or str(pattern.pattern)


def url_for(pattern: URLPattern, organization: Organization, pk_owner: Organization) -> str:
    """The page's address in ``organization``; a pk is an object of ``pk_owner``."""
    kwargs: dict[str, Any] = {"org": organization.slug}
    for name in pattern.pattern.converters:
        if name == "org":
            continue
        if name in OTHER_ARGS:
            kwargs[name] = OTHER_ARGS[name](pk_owner)
            continue
        if name != "pk" or pattern.name not in PK_OBJECTS:
            pytest.fail(
                f"Staff page {page_id(pattern)!r} takes {name!r}: add an object for it in PK_OBJECTS."
            )
        kwargs["pk"] = PK_OBJECTS[pattern.name](pk_owner).pk
    return reverse(f"staff:{pattern.name}", kwargs=kwargs)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every Kotopolku table, plus the authenticators."""
    models = [m for m in apps.get_models() if m.__module__.startswith("kotopolku.")] + [TOTPDevice]
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in models}


pages = pytest.mark.parametrize("pattern", STAFF_PAGES, ids=page_id)


def test_every_staff_page_is_classified():
    names = [p.name for p in STAFF_PAGES]
    assert all(names), "Every staff page needs a URL name."
    missing = sorted({str(name) for name in names} - set(REQUIRED_PERM))
    assert not missing, f"Add the permission of these staff pages to REQUIRED_PERM: {missing}"


@pages
@pytest.mark.parametrize("pk_from", ["target", "own"])
def test_staff_of_another_municipality_get_404_and_change_nothing(
    pattern, pk_from, organization, other_organization, other_coordinator
):
    """A coordinator of Järvelä (every permission at home) gets 404 on every Heinola page."""
    pk_owner = organization if pk_from == "target" else other_organization
    url = url_for(pattern, organization, pk_owner)
    client = factories.login_staff(Client(), other_coordinator)
    before = snapshot()

    get = client.get(url)
    post = client.post(url, ATTACK_POST)

    assert get.status_code == 404, url
    assert post.status_code == 404, url
    assert snapshot() == before
    # Not even the municipality's name leaks through the error page.
    assert organization.name_fi.encode() not in get.content + post.content


@pages
def test_unknown_municipality_is_404_even_for_a_system_admin(pattern, system_admin, organization):
    url = url_for(pattern, organization, organization).replace("/heinola/", "/no-such-town/", 1)
    client = factories.login_staff(Client(), system_admin)

    assert client.get(url).status_code == 404
    assert client.post(url, ATTACK_POST).status_code == 404


@pages
@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.REPORTING])
def test_own_staff_without_the_permission_get_403(pattern, role, organization):
    person = factories.UserFactory.create(organization=organization, role=role)
    url = url_for(pattern, organization, organization)
    client = factories.login_staff(Client(), person)
    allowed = REQUIRED_PERM[pattern.name] in ROLE_PERMISSIONS[role]
    before = snapshot()

    get = client.get(url)

    if allowed:
        assert get.status_code in {200, 405}, url
    else:
        assert get.status_code == 403, url
        assert client.post(url, ATTACK_POST).status_code == 403, url
        assert snapshot() == before
        with translation.override("fi"):
            assert gettext("You do not have permission to open this page.") in get.content.decode()


@pages
def test_system_admin_can_open_every_page_of_every_municipality(
    pattern, system_admin, organization, other_organization
):
    client = factories.login_staff(Client(), system_admin)
    for municipality in (organization, other_organization):
        response = client.get(url_for(pattern, municipality, municipality))
        if response.status_code == 405:
            assert "POST" in response["Allow"]
        else:
            assert response.status_code == 200
            assert municipality.name_fi in response.content.decode()


@pages
def test_the_attack_post_really_writes_when_allowed(pattern, organization, coordinator):
    """Positive control: the same POST from the municipality's own coordinator is not refused."""
    url = url_for(pattern, organization, organization)
    client = factories.login_staff(Client(), coordinator)
    before = snapshot()

    response = client.post(url, ATTACK_POST)

    assert response.status_code not in {403, 404}
    assert response.status_code < 500
    if pattern.name in WRITING_PAGES:
        assert snapshot() != before, f"{pattern.name}: the attack payload did not change anything"


@pages
def test_anonymous_visitors_are_sent_to_login(pattern, organization, client):
    url = url_for(pattern, organization, organization)
    before = snapshot()

    for response in (client.get(url), client.post(url, ATTACK_POST)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("staff:login") + "?next=")

    assert snapshot() == before


def test_a_deactivated_session_loses_access(organization, counselor):
    client = factories.login_staff(Client(), counselor)
    assert client.get(reverse("staff:inbox", kwargs={"org": organization.slug})).status_code == 200

    User.objects.filter(pk=counselor.pk).update(is_active=False)

    response = client.get(reverse("staff:inbox", kwargs={"org": organization.slug}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


def test_other_staff_home_lists_only_own_municipality(organization, other_organization, other_coordinator):
    client = factories.login_staff(Client(), other_coordinator)

    response = client.get(reverse("staff:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard", kwargs={"org": other_organization.slug})


def test_system_admin_home_lists_every_municipality(organization, other_organization, system_admin):
    client = factories.login_staff(Client(), system_admin)

    response = client.get(reverse("staff:home"))

    assert response.status_code == 200
    for municipality in (organization, other_organization):
        assert reverse("staff:dashboard", kwargs={"org": municipality.slug}) in response.content.decode()


# --- Staff API: every endpoint of a municipality's staff API (a ``StaffApi`` view) -----------------
#
# Read from the API's URL patterns, so a new staff endpoint is in these tests the moment it is added;
# one that takes a ``pk`` needs an object in STAFF_API_PK_OBJECTS.


def _staff_api_patterns() -> list[URLPattern]:
    from kotopolku.api.urls import urlpatterns as api_patterns
    from kotopolku.clients.apis import StaffApi

    found = []
    for pattern in _flatten(api_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, StaffApi):
            found.append(pattern)
    return found


STAFF_API_PATTERNS = _staff_api_patterns()
STAFF_API_PK_OBJECTS: dict[str, Callable[[Organization], Any]] = {
    "api-organization-client": lambda org: factories.ClientRecordFactory.create(organization=org),
}
api_endpoints = pytest.mark.parametrize("pattern", STAFF_API_PATTERNS, ids=page_id)


def api_url_for(pattern: URLPattern, organization: Organization, pk_owner: Organization) -> str:
    kwargs: dict[str, Any] = {"org": organization.slug}
    for name in pattern.pattern.converters:
        if name == "org":
            continue
        if name in OTHER_ARGS:
            kwargs[name] = OTHER_ARGS[name](pk_owner)
            continue
        if name != "pk" or pattern.name not in STAFF_API_PK_OBJECTS:
            pytest.fail(
                f"Staff API {page_id(pattern)!r} takes {name!r}: add an object in STAFF_API_PK_OBJECTS."
            )
        kwargs["pk"] = STAFF_API_PK_OBJECTS[pattern.name](pk_owner).pk
    return reverse(pattern.name, kwargs=kwargs)


def test_the_staff_api_has_endpoints_to_test():
    assert {p.name for p in STAFF_API_PATTERNS} >= {"api-organization-clients", "api-organization-client"}


@api_endpoints
@pytest.mark.parametrize("pk_from", ["target", "own"])
def test_staff_api_of_another_municipality_is_404_and_changes_nothing(
    pattern, pk_from, organization, other_organization, other_coordinator
):
    pk_owner = organization if pk_from == "target" else other_organization
    url = api_url_for(pattern, organization, pk_owner)
    client = factories.login_staff(
        Client(), other_coordinator, device=factories.totp_device(other_coordinator)
    )
    before = snapshot()

    response = client.get(url, {"q": "a"})

    assert response.status_code == 404, url
    assert response.json()["code"] == "not_found"
    assert snapshot() == before
    assert organization.name_fi.encode() not in response.content


@api_endpoints
def test_staff_api_answers_own_staff_and_refuses_roles_without_the_permission(pattern, organization):
    url = api_url_for(pattern, organization, organization)
    for role in (Role.COUNSELOR, Role.REPORTING):
        person = factories.UserFactory.create(organization=organization, role=role)
        response = factories.login_staff(Client(), person).get(url)
        allowed = pattern.callback.view_class.perm in ROLE_PERMISSIONS[role]
        assert response.status_code == (200 if allowed else 403), (role, url)


@api_endpoints
def test_staff_api_refuses_anonymous_callers(pattern, organization, client):
    response = client.get(api_url_for(pattern, organization, organization))
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
