"""Call-back requests on the staff side: the list, the audited read, marking handled, booking a time."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kotopolku.accounts.models import User
from kotopolku.appointments.models import CallbackRequest
from kotopolku.appointments.tests import staff_objects as make
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations.models import Organization
from kotopolku.organizations.services import organization_create
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Organization:
    return organization_create(data={"slug": "heinola", "name_fi": "Heinola"}, actor=None)


@pytest.fixture
def counselor(town: Organization) -> User:
    return make.staff_member(town, weekly=False)


@pytest.fixture
def browser(counselor: User) -> Client:
    return factories.login_staff(Client(), counselor)


def url(name: str, town: Organization, **kwargs: object) -> str:
    return reverse(f"staff:{name}", kwargs={"org": town.slug, **kwargs})


def test_list_shows_waiting_requests_by_default_with_first_names_only(town, browser):
    service = make.service(town, name="Oleskelulupa-asiat")
    waiting = make.callback_request(town, name="Hassan Ali Mohamed", service=service)
    handled = make.callback_request(town, name="Käsitelty Pyyntö", status="handled")

    html = browser.get(url("callbacks", town)).content.decode()

    assert url("callback_detail", town, pk=waiting.pk) in html
    assert url("callback_detail", town, pk=handled.pk) not in html
    assert "Hassan" in html and "Mohamed" not in html
    assert "+358401112233" not in html and "Oleskelulupa" in html
    assert not AuditEvent.objects.filter(action=AuditAction.CALLBACK_VIEWED).exists()

    handled_list = browser.get(url("callbacks", town) + "?status=handled").content.decode()
    assert url("callback_detail", town, pk=handled.pk) in handled_list
    assert url("callback_detail", town, pk=waiting.pk) not in handled_list
    everything = browser.get(url("callbacks", town) + "?status=all").content.decode()
    assert (
        url("callback_detail", town, pk=handled.pk) in everything
        and url("callback_detail", town, pk=waiting.pk) in everything
    )


def test_opening_a_request_is_an_audited_read_with_a_prefilled_booking_link(town, counselor, browser):
    service = make.service(town)
    item = make.callback_request(town, service=service)

    response = browser.get(url("callback_detail", town, pk=item.pk))

    html = response.content.decode()
    assert "Hassan Ali" in html and "+358401112233" in html and "Oleskelulupa" in html
    [event] = AuditEvent.objects.filter(action=AuditAction.CALLBACK_VIEWED)
    assert (event.actor, event.target_id) == (counselor, str(item.pk))
    book = response.context["book_url"]
    assert book.startswith(url("appointment_new", town) + "?")
    assert "language=so" in book and f"service={service.pk}" in book and "interpreter=somali" in book
    assert "Hassan" not in book and "358" not in book  # no personal data in the address
    prefilled = browser.get(book).context["form"]
    assert (prefilled["language"].value(), prefilled["interpreter_language"].value()) == ("so", "somali")


def test_mark_handled_with_a_note(town, counselor, browser):
    item = make.callback_request(town)

    response = browser.post(url("callback_detail", town, pk=item.pk), {"note": "Soitettu, aika varattu."})

    assert response.status_code == 302
    stored = CallbackRequest.objects.get(pk=item.pk)
    assert (stored.status, stored.handled_by, stored.handled_note) == (
        "handled",
        counselor,
        "Soitettu, aika varattu.",
    )
    assert stored.handled_at is not None
    [event] = AuditEvent.objects.filter(action=AuditAction.CALLBACK_HANDLED)
    assert event.actor == counselor
    page = browser.get(url("callback_detail", town, pk=item.pk)).content.decode()
    assert "Soitettu, aika varattu." in page

    again = browser.post(url("callback_detail", town, pk=item.pk), {"note": "Toinen kerta"})
    assert again.status_code == 302
    assert CallbackRequest.objects.get(pk=item.pk).handled_note == "Soitettu, aika varattu."
    assert AuditEvent.objects.filter(action=AuditAction.CALLBACK_HANDLED).count() == 1


def test_another_municipalitys_request_is_404(town, browser):
    other = organization_create(data={"slug": "jarvela", "name_fi": "Järvelä"}, actor=None)
    theirs = make.callback_request(other)

    assert browser.get(url("callback_detail", town, pk=theirs.pk)).status_code == 404
    assert browser.post(url("callback_detail", town, pk=theirs.pk), {"note": "x"}).status_code == 404
    assert CallbackRequest.objects.get(pk=theirs.pk).status == "new"
    assert not AuditEvent.objects.filter(action=AuditAction.CALLBACK_VIEWED).exists()


def test_list_query_count_is_bounded(town, browser, django_assert_max_num_queries):
    service = make.service(town)
    for _ in range(30):
        make.callback_request(town, service=service)

    with django_assert_max_num_queries(7):
        assert browser.get(url("callbacks", town)).status_code == 200
