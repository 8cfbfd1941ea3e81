"""The staff pages of the client records, through HTTP: search, create, correct, record, contacts,
linking appointments, exports, anonymization; permissions, audit and query counts."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.appointments.models import Appointment
from kotopolku.appointments.tests import staff_objects
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.clients import services
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

EN = {"headers": {"Accept-Language": "en"}}


def url(name, organization, **kwargs):
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


@pytest.fixture
def amal(organization, counselor):
    return factories.ClientRecordFactory.create(
        organization=organization,
        first_name="Amal",
        last_name="Esimerkki",
        personal_identity_code="131052-308T",
        phone="+358401234501",
        responsible_worker=counselor,
    )


@pytest.fixture
def en_counselor(login_as, counselor):
    return login_as(counselor, **EN)


@pytest.fixture
def en_coordinator(login_as, coordinator):
    return login_as(coordinator, **EN)


def _count(action):
    return AuditEvent.objects.filter(action=action).count()


# --- List and search ---------------------------------------------------------------------------------


def test_the_list_shows_recent_clients_and_the_nav_links_to_it(en_counselor, organization, amal):
    response = en_counselor.get(url("client_list", organization))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Esimerkki, Amal" in body
    assert f'href="{url("client_list", organization)}"' in body  # the staff navigation


@pytest.mark.parametrize(
    "query", ["amal", "esimerkki amal", "040 123 4501", "+358401234501", "1234501", "131052-308t"]
)
def test_search_finds_by_name_phone_and_identity_code(en_counselor, organization, amal, query):
    factories.ClientRecordFactory.create(organization=organization, first_name="Olena", last_name="Kuvitelma")

    response = en_counselor.post(url("client_list", organization), {"q": query})

    body = response.content.decode()
    assert "Esimerkki, Amal" in body
    assert "Kuvitelma" not in body


def test_search_finds_by_booking_reference(en_counselor, organization, amal, counselor):
    appointment = staff_objects.appointment(organization, reference="K7M2QX")
    services.client_link_appointment(client=amal, appointment=appointment, actor=counselor)

    response = en_counselor.post(url("client_list", organization), {"q": "k7m2qx"})

    assert "Esimerkki, Amal" in response.content.decode()


def test_search_is_audited_without_the_query_and_never_lists_other_municipalities(
    en_counselor, organization, other_organization, amal
):
    factories.ClientRecordFactory.create(
        organization=other_organization, first_name="Amal", last_name="Muualla"
    )

    response = en_counselor.post(url("client_list", organization), {"q": "Amal"})

    assert "Muualla" not in response.content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.CLIENT_SEARCHED).latest("id")
    assert event.details == {"results": 1, "via": "page"}


def test_htmx_search_gets_the_same_page_and_swaps_the_results(en_counselor, organization, amal):
    response = en_counselor.post(url("client_list", organization), {"q": "amal"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="client-results"' in response.content.decode()


def test_mine_lists_only_my_clients(en_counselor, organization, amal):
    factories.ClientRecordFactory.create(organization=organization, first_name="Olena", last_name="Kuvitelma")

    body = en_counselor.post(url("client_list", organization), {"q": "", "mine": "on"}).content.decode()

    assert "Esimerkki, Amal" in body and "Kuvitelma" not in body


def test_reporting_staff_cannot_see_clients(login_as, reporting_user, organization, amal):
    client = login_as(reporting_user)
    assert client.get(url("client_list", organization)).status_code == 403
    assert client.get(url("client_detail", organization, pk=amal.pk)).status_code == 403


# --- Create and correct ------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "first_name": "Olena",
        "last_name": "Kuvitelma",
        "personal_identity_code": "121015a903t",
        "languages": ["uk", "ru"],
        "preferred_language": "uk",
        "interpreter_needed": "on",
        "interpreter_language": "uk",
        "phone": "040 123 4503",
        "target_group": "other_in_need",
        "permit_type": "temporary_protection",
        "permit_expires_on": "2027-03-31",
    }
    data.update(overrides)
    return data


def test_create_normalises_and_derives_then_shows_the_record(en_counselor, organization, counselor):
    response = en_counselor.post(url("client_new", organization), _form())

    client = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("client_detail", organization, pk=client.pk)
    assert client.phone == "+358401234503"
    assert client.personal_identity_code == "121015A903T"
    assert client.date_of_birth == datetime.date(2015, 10, 12)
    assert client.languages == ["uk", "ru"]
    assert client.responsible_worker == counselor


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("personal_identity_code", "121015A903X", "check character"),
        ("phone", "12", "phone number"),
        ("interpreter_language", "", "Choose the interpreter language"),
        ("date_of_birth", "2015-10-13", "differs from the one in the personal identity code"),
        ("first_name", "", "This field is required"),
    ],
)
def test_create_shows_errors_for_bad_input(en_counselor, organization, field, value, message):
    response = en_counselor.post(url("client_new", organization), _form(**{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Client.objects.exists()


def test_every_error_is_shown_at_once(en_counselor, organization):
    response = en_counselor.post(
        url("client_new", organization), _form(last_name="", personal_identity_code="121015A903X")
    )

    body = response.content.decode()
    assert "This field is required" in body and "check character" in body


def test_no_interpreter_language_is_kept_when_none_is_needed(en_counselor, organization):
    data = _form()
    del data["interpreter_needed"]
    en_counselor.post(url("client_new", organization), data)
    assert Client.objects.get().interpreter_language == ""


def test_a_duplicate_identity_code_is_refused_in_the_form(en_counselor, organization, amal):
    response = en_counselor.post(url("client_new", organization), _form(personal_identity_code="131052-308T"))

    assert response.status_code == 400
    assert "already has this personal identity code" in response.content.decode()


def test_correcting_a_record(en_counselor, organization, amal):
    page = en_counselor.get(url("client_edit", organization, pk=amal.pk))
    assert page.status_code == 200
    assert "131052-308T" in page.content.decode()  # the form shows it for correcting: an audited read
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED, details__via="edit").exists()

    response = en_counselor.post(
        url("client_edit", organization, pk=amal.pk),
        _form(first_name="Amal", last_name="Esimerkki-Korjattu", personal_identity_code="131052-308T"),
    )

    assert response.status_code == 302
    amal.refresh_from_db()
    assert amal.last_name == "Esimerkki-Korjattu"
    assert _count(AuditAction.CLIENT_UPDATED) == 1


def test_a_failed_correction_changes_nothing(en_counselor, organization, amal):
    response = en_counselor.post(url("client_edit", organization, pk=amal.pk), _form(phone="12"))

    assert response.status_code == 400
    amal.refresh_from_db()
    assert amal.phone == "+358401234501"


# --- The record --------------------------------------------------------------------------------------


def test_the_record_is_audited_and_masks_the_identity_code(en_counselor, organization, amal, counselor):
    response = en_counselor.get(url("client_detail", organization, pk=amal.pk))

    body = response.content.decode()
    assert response.status_code == 200
    assert "131052-****" in body and "131052-308T" not in body
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_VIEWED)
    assert (event.actor, event.target_id, event.details) == (counselor, str(amal.pk), {"via": "page"})


def test_showing_the_identity_code_is_audited(en_counselor, organization, amal):
    response = en_counselor.post(url("client_identity_code", organization, pk=amal.pk))

    assert response.status_code == 200
    assert "131052-308T" in response.content.decode()
    assert _count(AuditAction.CLIENT_IDENTITY_CODE_SHOWN) == 1

    fragment = en_counselor.post(
        url("client_identity_code", organization, pk=amal.pk), HTTP_HX_REQUEST="true"
    )
    assert "131052-308T" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert _count(AuditAction.CLIENT_IDENTITY_CODE_SHOWN) == 2


def test_the_identity_code_cannot_be_shown_with_a_get(en_counselor, organization, amal):
    assert en_counselor.get(url("client_identity_code", organization, pk=amal.pk)).status_code == 405
    assert _count(AuditAction.CLIENT_IDENTITY_CODE_SHOWN) == 0


def test_the_record_page_query_count_is_bounded(
    en_counselor, organization, amal, counselor, django_assert_max_num_queries
):
    household = factories.HouseholdFactory.create(organization=organization)
    Client.objects.filter(pk=amal.pk).update(household=household)
    for _ in range(3):
        factories.ClientRecordFactory.create(organization=organization, household=household)
        factories.GuidanceContactFactory.create(client=amal, worker=counselor)
        appointment = staff_objects.appointment(organization)
        Appointment.objects.filter(pk=appointment.pk).update(client=amal)

    with django_assert_max_num_queries(16):
        response = en_counselor.get(url("client_detail", organization, pk=amal.pk))
    assert response.status_code == 200


def test_the_list_query_count_is_bounded(
    en_counselor, organization, counselor, django_assert_max_num_queries
):
    for _ in range(10):
        factories.ClientRecordFactory.create(organization=organization, responsible_worker=counselor)

    with django_assert_max_num_queries(10):
        response = en_counselor.post(url("client_list", organization), {"q": "keksitty"})
    assert response.content.decode().count("Keksitty, Testi") == 10


def test_household_members_are_on_the_record(en_counselor, organization, amal):
    household = factories.HouseholdFactory.create(organization=organization, name="Perhe Esimerkki")
    Client.objects.filter(pk=amal.pk).update(household=household)
    factories.ClientRecordFactory.create(organization=organization, household=household, first_name="Lina")

    body = en_counselor.get(url("client_detail", organization, pk=amal.pk)).content.decode()
    household_page = en_counselor.get(url("household_detail", organization, pk=household.pk)).content.decode()

    assert "Household members" in body and "Lina Keksitty" in body
    assert "Lina Keksitty" in household_page and "Amal Esimerkki" in household_page


def test_creating_a_household_and_adding_a_new_member(en_counselor, organization):
    response = en_counselor.post(url("household_new", organization), {"name": "Perhe Kuvitelma", "note": ""})
    household = organization.households.get()
    assert response["Location"] == url("household_detail", organization, pk=household.pk)

    form = en_counselor.get(url("client_new", organization) + f"?household={household.pk}").content.decode()
    assert f'<option value="{household.pk}" selected>' in form


# --- Guidance contacts and their notes ---------------------------------------------------------------


def _contact_form(**overrides):
    data = {
        "contact_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "channel": "home_visit",
        "service_type": "quota_reception",
        "topics": ["housing", "registration"],
        "duration_minutes": "90",
        "interpreter_language": "ar",
        "interpreter_mode": "in_person",
        "interpreter_minutes": "80",
        "note": "Sähkösopimus siirretty.",
    }
    data.update(overrides)
    return data


def test_logging_a_contact(en_counselor, organization, amal, counselor):
    response = en_counselor.post(url("guidance_contact_new", organization, pk=amal.pk), _contact_form())

    assert response.status_code == 302
    contact = GuidanceContact.objects.get()
    assert (contact.client, contact.worker, contact.topics) == (amal, counselor, ["housing", "registration"])
    detail = en_counselor.get(url("client_detail", organization, pk=amal.pk)).content.decode()
    assert "Home visit" in detail and "Sähkösopimus siirretty." in detail and "interpreted 80 min" in detail


def test_a_contact_with_an_incomplete_interpreter_is_refused(en_counselor, organization, amal):
    response = en_counselor.post(
        url("guidance_contact_new", organization, pk=amal.pk), _contact_form(interpreter_minutes="")
    )
    assert response.status_code == 400
    assert "how many minutes were interpreted" in response.content.decode()
    assert not GuidanceContact.objects.exists()


def test_notes_are_only_for_the_clients_workers_and_the_coordinator(
    login_as, organization, amal, counselor, coordinator
):
    factories.GuidanceContactFactory.create(client=amal, note="Arkaluonteinen muistiinpano.")
    outsider = factories.CounselorFactory.create(organization=organization)
    colleague = factories.CounselorFactory.create(organization=organization)
    amal.additional_workers.add(colleague)
    page = url("client_detail", organization, pk=amal.pk)

    for person, sees in [(counselor, True), (colleague, True), (coordinator, True), (outsider, False)]:
        body = login_as(person, **EN).get(page).content.decode()
        assert ("Arkaluonteinen muistiinpano." in body) is sees, person
    outsider_body = login_as(outsider, **EN).get(page).content.decode()
    assert "Notes are shown only to the client's workers and the coordinator." in outsider_body


def test_an_outsider_corrects_a_contact_without_seeing_or_losing_the_note(login_as, organization, amal):
    contact = factories.GuidanceContactFactory.create(client=amal, note="Arkaluonteinen muistiinpano.")
    outsider = login_as(factories.CounselorFactory.create(organization=organization), **EN)
    edit = url("guidance_contact_edit", organization, pk=contact.pk)

    page = outsider.get(edit).content.decode()
    response = outsider.post(edit, _contact_form(duration_minutes="45", note="Ylikirjoitus"))

    assert "Arkaluonteinen" not in page and 'name="note"' not in page
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.duration_minutes, contact.note) == (45, "Arkaluonteinen muistiinpano.")


# --- Linking appointments ----------------------------------------------------------------------------


def test_linking_by_reference_from_the_client_page(en_counselor, organization, amal):
    appointment = staff_objects.appointment(organization, reference="K7M2QX")

    response = en_counselor.post(
        url("client_appointment_link", organization, pk=amal.pk), {"reference": "k7m2qx"}
    )

    assert response.status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).client == amal
    assert "K7M2QX" in en_counselor.get(url("client_detail", organization, pk=amal.pk)).content.decode()


def test_an_unknown_or_foreign_reference_is_refused(en_counselor, organization, other_organization, amal):
    staff_objects.appointment(other_organization, reference="K7M2QX")

    response = en_counselor.post(
        url("client_appointment_link", organization, pk=amal.pk), {"reference": "K7M2QX"}
    )

    assert response.status_code == 400
    assert "No booking of this municipality has this reference code." in response.content.decode()
    assert not Appointment.objects.filter(client__isnull=False).exists()


def test_linking_and_unlinking_from_the_appointment_page(en_counselor, organization, amal):
    appointment = staff_objects.appointment(organization)
    detail = url("appointment_detail", organization, pk=appointment.pk)
    link = url("appointment_client_link", organization, pk=appointment.pk)

    assert f'href="{link}"' in en_counselor.get(detail).content.decode()
    results = en_counselor.post(link, {"q": "esimerkki"}).content.decode()
    assert "Esimerkki, Amal" in results and f'value="{amal.pk}"' in results

    response = en_counselor.post(link, {"client": str(amal.pk)})
    assert response["Location"] == detail
    page = en_counselor.get(detail).content.decode()
    assert url("client_detail", organization, pk=amal.pk) in page

    en_counselor.post(link, {"unlink": "1"})
    assert Appointment.objects.get(pk=appointment.pk).client is None


def test_a_client_of_another_municipality_cannot_be_linked(en_counselor, organization, other_organization):
    appointment = staff_objects.appointment(organization)
    foreign = factories.ClientRecordFactory.create(organization=other_organization)

    en_counselor.post(
        url("appointment_client_link", organization, pk=appointment.pk), {"client": str(foreign.pk)}
    )

    assert Appointment.objects.get(pk=appointment.pk).client is None


def test_unlinking_from_the_client_page(en_counselor, organization, amal, counselor):
    appointment = staff_objects.appointment(organization)
    services.client_link_appointment(client=amal, appointment=appointment, actor=counselor)

    response = en_counselor.post(url("client_appointment_unlink", organization, pk=appointment.pk))

    assert response["Location"] == url("client_detail", organization, pk=amal.pk)
    assert Appointment.objects.get(pk=appointment.pk).client is None


# --- Exports and anonymization -----------------------------------------------------------------------


def test_gdpr_export_as_json_and_printable_page(en_counselor, organization, amal):
    factories.GuidanceContactFactory.create(client=amal, note="Muistiinpano.")

    download = en_counselor.get(url("client_export_json", organization, pk=amal.pk))
    page = en_counselor.get(url("client_export_html", organization, pk=amal.pk))

    assert download["Content-Type"].startswith("application/json")
    assert download["Content-Disposition"] == f'attachment; filename="kotopolku-client-{amal.pk}.json"'
    assert "no-store" in download["Cache-Control"]
    data = json.loads(download.content)
    assert data["client"]["personal_identity_code"] == "131052-308T"
    assert data["guidance_contacts"][0]["note"] == "Muistiinpano."
    assert page.status_code == 200 and "131052-308T" in page.content.decode()
    assert "Muistiinpano." in page.content.decode()
    assert list(
        AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORTED)
        .order_by("id")
        .values_list("details__format", flat=True)
    ) == ["json", "html"]


def test_koto_aj_hand_off_download(en_counselor, organization, amal):
    response = en_counselor.get(url("client_koto_aj", organization, pk=amal.pk))

    assert response["Content-Disposition"] == f'attachment; filename="koto-aj-client-{amal.pk}.json"'
    data = json.loads(response.content)
    assert data["format"] == "kotopolku.koto_aj_handoff"
    assert data["person"]["last_name"] == "Esimerkki"
    assert _count(AuditAction.CLIENT_KOTO_AJ_EXPORTED) == 1


def test_only_the_coordinator_anonymizes(en_counselor, en_coordinator, organization, amal):
    page = url("client_anonymize", organization, pk=amal.pk)
    assert en_counselor.get(page).status_code == 403
    assert (
        "Anonymize the record"
        not in en_counselor.get(url("client_detail", organization, pk=amal.pk)).content.decode()
    )

    refused = en_coordinator.post(page, {"reason": "erasure_request"})
    assert refused.status_code == 400
    amal.refresh_from_db()
    assert amal.anonymized_at is None

    response = en_coordinator.post(page, {"reason": "erasure_request", "confirm": "on"})

    assert response["Location"] == url("client_detail", organization, pk=amal.pk)
    amal.refresh_from_db()
    assert amal.anonymized_at is not None and amal.personal_identity_code == ""
    detail = en_coordinator.get(url("client_detail", organization, pk=amal.pk)).content.decode()
    assert "This record was anonymized" in detail
    results = en_coordinator.post(url("client_list", organization), {"q": "Esimerkki"}).content.decode()
    assert "Esimerkki, Amal" not in results
    assert en_coordinator.get(url("client_edit", organization, pk=amal.pk)).status_code == 302


def test_anonymization_with_coming_appointments_is_explained(en_coordinator, organization, amal, counselor):
    appointment = staff_objects.appointment(organization)
    services.client_link_appointment(client=amal, appointment=appointment, actor=counselor)

    response = en_coordinator.post(
        url("client_anonymize", organization, pk=amal.pk), {"reason": "erasure_request", "confirm": "on"}
    )

    assert response.status_code == 400
    assert "Cancel them first" in response.content.decode()
