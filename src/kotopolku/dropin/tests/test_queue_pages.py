"""The public check-in, ticket, kiosk and display pages, the staff queue, and the ticket API."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.dropin import services
from kotopolku.dropin.models import DropinExtraSession, DropinTicket, DropinVisit
from kotopolku.dropin.views import KIOSK_COOKIE

pytestmark = pytest.mark.django_db
EN_HEADERS = {"Accept-Language": "en"}


def english() -> Client:
    return Client(headers=EN_HEADERS)


def public(name: str, organization, lang: str = "en", **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"public:{name}", kwargs={"org": organization.slug, **kwargs})


def staff(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


CHECK_IN = {
    "language": "ar",
    "topic": "letter",
    "needs_interpreter": "yes",
    "name": "Amina",
    "phone": "040 123 4567",
}


# --- Check-in on your own phone -----------------------------------------------------------------------


def test_check_in_outside_a_session_says_when_the_next_one_is(organization, tuesday):
    page = english().get(public("dropin_checkin", organization))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Check-in is closed now" in text and "Next drop-in hour" in text
    assert public("book_service", organization) in text
    response = english().post(public("dropin_checkin", organization), CHECK_IN)
    assert "Check-in is closed now" in response.content.decode()
    assert not DropinTicket.objects.exists()


def test_check_in_on_a_phone_gives_a_number_and_a_live_status_page(organization, open_session):
    client = english()
    form = client.get(public("dropin_checkin", organization))
    assert form.status_code == 200 and "Get a queue number" in form.content.decode()
    response = client.post(public("dropin_checkin", organization), CHECK_IN)
    ticket = DropinTicket.objects.get()
    assert response.status_code == 302 and response["Location"] == public(
        "dropin_ticket", organization, token=ticket.token
    )
    assert (ticket.language, ticket.topic, ticket.needs_interpreter, ticket.name, ticket.phone) == (
        "ar",
        "letter",
        True,
        "Amina",
        "+358401234567",
    )
    page = client.get(response["Location"]).content.decode()
    assert f'<p class="ticket-number">{ticket.number}</p>' in page
    assert "You are next." in page and "Estimated wait: about 10 minutes." in page
    assert 'hx-trigger="every 10s"' in page and 'http-equiv="refresh"' in page  # htmx, or a reload without JS
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "You are next." in partial


def test_bad_check_in_input_is_explained_and_saves_nothing(organization, open_session):
    response = english().post(
        public("dropin_checkin", organization), {"language": "xx", "topic": "", "phone": "12"}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the languages in the list." in text
    assert "Choose what you are coming about." in text
    assert "This phone number does not look right" in text or "Write the phone number" in text
    assert not DropinTicket.objects.exists()


def test_check_in_pages_work_in_every_language(organization, open_session, settings):
    for code, _name in settings.LANGUAGES:
        page = Client().get(public("dropin_checkin", organization, lang=code))
        assert page.status_code == 200
        assert f'lang="{code}"' in page.content.decode()
    rtl = Client().get(public("dropin_checkin", organization, lang="fa")).content.decode()
    assert 'dir="rtl"' in rtl


def test_visitor_can_leave_and_a_called_visitor_is_told_to_come(organization, open_session, counselor):
    client = english()
    client.post(public("dropin_checkin", organization), CHECK_IN)
    client.post(public("dropin_checkin", organization), CHECK_IN | {"name": "Ali"})
    first, second = DropinTicket.objects.order_by("number")
    services.ticket_call_next(queue=first.queue, actor=counselor)
    assert (
        "It is your turn now!"
        in client.get(public("dropin_ticket", organization, token=first.token)).content.decode()
    )
    response = client.post(public("dropin_ticket_leave", organization, token=second.token))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == "left"
    assert "You left the queue." in client.get(response["Location"]).content.decode()


def test_ticket_of_another_municipality_or_unknown_token_is_404(
    organization, other_organization, open_session
):
    ticket = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other"
    )
    assert Client().get(public("dropin_ticket", other_organization, token=ticket.token)).status_code == 404
    assert Client().get(public("dropin_ticket", organization, token="nope")).status_code == 404


def test_closed_session_page_shows_next_session_and_booking(organization, open_session, counselor, tuesday):
    ticket = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other"
    )
    services.queue_close(queue=ticket.queue, actor=counselor)
    page = english().get(public("dropin_ticket", organization, token=ticket.token)).content.decode()
    assert "we could not see you today" in page and "Next drop-in hour" in page
    assert public("book_service", organization) in page
    assert "hx-get" not in page  # nothing more to wait for


# --- Kiosk ---------------------------------------------------------------------------------------------


def test_kiosk_needs_staff_to_start_it(organization, open_session, counselor_client):
    locked = english().get(public("dropin_kiosk", organization))
    assert locked.status_code == 403 and "Kiosk mode is not on" in locked.content.decode()
    response = counselor_client.post(staff("dropin_kiosk_start", organization))
    assert response.status_code == 302 and response["Location"].endswith("/drop-in/kiosk/")
    assert KIOSK_COOKIE in response.cookies and response.cookies[KIOSK_COOKIE]["httponly"]
    # The staff member was logged out: the tablet holds no staff session.
    assert counselor_client.get(staff("dropin_today", organization)).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_KIOSK_STARTED).count() == 1
    assert counselor_client.get(public("dropin_kiosk", organization)).status_code == 200


def test_kiosk_resets_after_each_check_in_and_keeps_nothing(organization, open_session, counselor_client):
    counselor_client.post(staff("dropin_kiosk_start", organization))
    kiosk = counselor_client
    kiosk.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    done = kiosk.post(public("dropin_kiosk", organization), CHECK_IN | {"name": "Fatima", "phone": ""})
    text = done.content.decode()
    ticket = DropinTicket.objects.get()
    assert ticket.source == "kiosk"
    assert f'<p class="ticket-number">{ticket.number}</p>' in text
    assert 'data-reset-seconds="25"' in text and "kotopolku/dropin.js" in text  # resets itself
    assert 'http-equiv="refresh" content="25;url=' in text  # also without JavaScript
    assert "data:image/svg+xml;base64," in text  # QR code to follow the queue on a phone
    assert "Fatima" not in text
    fresh = kiosk.get(public("dropin_kiosk", organization)).content.decode()
    assert "Fatima" not in fresh and ticket.token not in fresh
    assert not any("Fatima" in str(value) for value in kiosk.session.values())


def test_a_kiosk_cookie_is_for_one_municipality_only(
    organization, other_organization, open_session, counselor_client
):
    counselor_client.post(staff("dropin_kiosk_start", organization))
    assert counselor_client.get(public("dropin_kiosk", other_organization)).status_code == 403
    forged = Client()
    forged.cookies[KIOSK_COOKIE] = "heinola"
    assert forged.get(public("dropin_kiosk", organization)).status_code == 403


# --- Display --------------------------------------------------------------------------------------------


def test_display_shows_called_numbers_and_no_personal_data(organization, open_session, counselor):
    first = services.ticket_check_in(
        organization=organization,
        session=open_session,
        language="ar",
        topic="housing",
        name="Zainab",
        phone="+358401234567",
    )
    services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other", name="Matti"
    )
    services.ticket_call_next(queue=first.queue, actor=counselor, counter="Pöytä 2")
    page = english().get(public("dropin_display", organization)).content.decode()
    assert '<span class="display-number">1</span>' in page and "Pöytä 2" in page
    assert '<p class="display-count">1</p>' in page
    assert 'aria-live="polite"' in page
    for personal in (
        "Zainab",
        "Matti",
        "358401234567",
        first.token,
        counselor.first_name + " " + counselor.last_name,
    ):
        assert personal not in page
    # Several languages at once, each marked with its language and direction.
    assert 'lang="ar" dir="rtl"' in page and 'lang="fi" dir="ltr"' in page
    board = (
        english().get(public("dropin_display", organization), headers={"HX-Request": "true"}).content.decode()
    )
    assert "<html" not in board and "display-number" in board


# --- Staff queue -------------------------------------------------------------------------------------------


def test_staff_queue_call_serve_and_book_a_follow_up(organization, open_session, counselor_client, counselor):
    Client().post(public("dropin_checkin", organization), CHECK_IN)
    ticket = DropinTicket.objects.get()
    queue_url = staff("dropin_queue", organization, session=open_session.id)
    counselor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = counselor_client.get(queue_url).content.decode()
    assert "Amina" in page and "Call next" in page
    counselor_client.post(
        staff("dropin_call_next", organization, session=open_session.id), {"counter": "Pöytä 1"}
    )
    ticket.refresh_from_db()
    assert ticket.status == "called" and ticket.counter == "Pöytä 1" and ticket.served_by == counselor
    counselor_client.post(staff("dropin_ticket_action", organization, pk=ticket.pk, action="serve"))
    response = counselor_client.post(
        staff("dropin_ticket_finish", organization, pk=ticket.pk), {"outcome": "follow_up"}
    )
    visit = DropinVisit.objects.get()
    location = urlparse(response["Location"])
    query = parse_qs(location.query)
    assert location.path == staff("appointment_new", organization)
    assert query["language"] == ["ar"] and query["from_dropin"] == [str(visit.pk)]
    assert "interpreter" in query and "letter" in query["topic"][0].lower()
    # The booking page opens with the free times of the chosen service, prefilled.
    booking_page = counselor_client.get(response["Location"])
    assert booking_page.status_code == 200


def test_staff_add_a_walk_in_and_close_the_queue(organization, open_session, counselor_client):
    counselor_client.post(
        staff("dropin_queue_add", organization, session=open_session.id), {"language": "so", "topic": "kela"}
    )
    ticket = DropinTicket.objects.get()
    assert ticket.source == "staff" and ticket.language == "so"
    counselor_client.post(staff("dropin_queue_close", organization, session=open_session.id))
    ticket.refresh_from_db()
    assert ticket.status == "not_served" and ticket.queue.is_closed


def test_unknown_session_or_action_is_404(organization, open_session, counselor_client):
    assert (
        counselor_client.get(staff("dropin_queue", organization, session="s999-20261201")).status_code == 404
    )
    assert counselor_client.get(staff("dropin_queue", organization, session="rubbish")).status_code == 404
    ticket = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other"
    )
    assert (
        counselor_client.post(
            staff("dropin_ticket_action", organization, pk=ticket.pk, action="fly")
        ).status_code
        == 404
    )


def test_reporting_role_cannot_serve_the_queue(organization, open_session, login_as, reporting_user):
    client = login_as(reporting_user)
    assert client.get(staff("dropin_queue", organization, session=open_session.id)).status_code == 403
    assert client.post(staff("dropin_call_next", organization, session=open_session.id)).status_code == 403


def test_poster_has_a_qr_code_to_the_check_in_page(organization, counselor_client, settings):
    page = counselor_client.get(staff("dropin_poster", organization)).content.decode()
    assert "data:image/svg+xml;base64," in page
    assert settings.KOTOPOLKU_PUBLIC_BASE_URL + public("dropin_checkin", organization, lang="fi") in page


# --- API ---------------------------------------------------------------------------------------------


def api_tickets(session_id: str) -> str:
    return reverse("api-dropin-tickets", kwargs={"session_id": session_id})


def test_api_check_in_and_status(organization, open_session):
    client = english()
    created = client.post(
        api_tickets(open_session.id),
        {"language": "fa", "topic": "residence_permit"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"number", "token", "position", "estimated_wait_minutes"}
    assert body["number"] == 1 and body["position"] == 1 and body["estimated_wait_minutes"] == 10
    status = client.get(reverse("api-dropin-ticket", kwargs={"token": body["token"]}))
    assert status.status_code == 200
    assert {"number": 1, "status": "waiting", "position": 1}.items() <= status.json().items()
    assert client.get(reverse("api-dropin-ticket", kwargs={"token": "missing"})).json()["code"] == "not_found"


def test_api_closed_session_is_409_with_the_next_session(organization, tuesday, heimo):
    now = timezone.now()
    ended = DropinExtraSession.objects.create(
        organization=organization,
        place=heimo,
        start=now - datetime.timedelta(hours=2),
        end=now - datetime.timedelta(hours=1),
    )
    response = english().post(
        api_tickets(f"x{ended.pk}"), {"language": "fi", "topic": "other"}, content_type="application/json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "session_closed" and body["message"]
    assert body["next_session"]["id"].startswith(f"s{tuesday.pk}-")
    assert set(body["next_session"]) >= {"id", "start", "end", "place", "status"}


def test_api_bad_input_and_unknown_session(organization, open_session):
    client = english()
    bad = client.post(
        api_tickets(open_session.id), {"language": "fi", "topic": "weather"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    phone = client.post(
        api_tickets(open_session.id),
        {"language": "fi", "topic": "other", "phone": "abc"},
        content_type="application/json",
    )
    assert phone.status_code == 400
    assert client.post(api_tickets("x999999"), {}, content_type="application/json").status_code == 404
    assert client.post(api_tickets("garbage"), {}, content_type="application/json").status_code == 404
    assert not DropinTicket.objects.exists()


def test_public_check_in_is_rate_limited(organization, open_session, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_DROPIN_CHECKIN = "2/h"
    client = english()
    statuses = [
        client.post(
            api_tickets(open_session.id),
            {"language": "fi", "topic": "other"},
            content_type="application/json",
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    page = client.post(public("dropin_checkin", organization), CHECK_IN)
    assert page.status_code == 429


def test_demo_has_an_open_session_with_people_waiting(settings):
    from io import StringIO

    from django.core.management import call_command

    from kotopolku.organizations.models import Organization

    settings.IS_DEMO = True
    call_command("load_demo_data", stdout=StringIO())
    heinola = Organization.objects.get(slug="heinola")
    sessions = Client().get(reverse("api-organization-dropin-sessions", kwargs={"org": "heinola"})).json()
    open_now = [s for s in sessions if s["status"] == "open"]
    assert len(open_now) == 1
    assert DropinTicket.objects.filter(organization=heinola, status="waiting").count() == 3
    page = english().get(public("dropin", heinola)).content.decode()
    assert public("dropin_checkin", heinola) in page and "Check in now" in page
    display = english().get(public("dropin_display", heinola)).content.decode()
    assert '<p class="display-count">3</p>' in display


def test_counselor_links_their_drop_in_visit_to_a_client(
    organization, open_session, counselor_client, counselor
):
    from kotopolku.testing import factories

    ticket = services.ticket_check_in(
        organization=organization, session=open_session, language="ar", topic="letter"
    )
    services.ticket_call(ticket=ticket, actor=counselor)
    visit = services.ticket_finish(ticket=ticket, actor=counselor, outcome="solved")
    client_record = factories.ClientRecordFactory.create(organization=organization)
    counselor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = counselor_client.get(staff("client_detail", organization, pk=client_record.pk)).content.decode()
    assert staff("dropin_visit_link", organization, pk=visit.pk) in page
    response = counselor_client.post(
        staff("dropin_visit_link", organization, pk=visit.pk), {"client": client_record.pk}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.client == client_record
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_VISIT_LINKED).count() == 1
    page = counselor_client.get(staff("client_detail", organization, pk=client_record.pk)).content.decode()
    assert "Drop-in visits" in page and "No drop-in visits linked." not in page


def test_a_visit_cannot_be_linked_to_another_municipalitys_client(
    organization, other_organization, open_session, counselor_client, counselor
):
    from kotopolku.testing import factories

    ticket = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other"
    )
    services.ticket_call(ticket=ticket, actor=counselor)
    visit = services.ticket_finish(ticket=ticket, actor=counselor, outcome="solved")
    foreign = factories.ClientRecordFactory.create(organization=other_organization)
    response = counselor_client.post(
        staff("dropin_visit_link", organization, pk=visit.pk), {"client": foreign.pk}
    )
    assert response.status_code == 302 and response["Location"] == staff("dropin_today", organization)
    visit.refresh_from_db()
    assert visit.client is None


def test_a_letter_shared_with_the_letter_helper_comes_with_the_queue_number(
    organization, open_session, counselor_client, counselor
):
    from kotopolku.testing import factories

    letter = factories.shared_letter(organization)
    client = english()
    form = client.get(public("dropin_checkin", organization) + f"?letter={letter.code[:4]}-{letter.code[4:]}")
    text = form.content.decode()
    assert f'value="{letter.code[:4]}-{letter.code[4:]}"' in text
    assert 'name="topic" value="letter" id="id_topic_0" checked' in text
    assert "Your shared letter" in text
    client.post(
        public("dropin_checkin", organization),
        CHECK_IN | {"letter": f"{letter.code[:4]}-{letter.code[4:]}"},
    )
    ticket = DropinTicket.objects.get()
    assert ticket.letter_code == letter.code
    counselor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    queue_page = counselor_client.get(
        staff("dropin_queue", organization, session=open_session.id)
    ).content.decode()
    assert staff("shared_letter_detail", organization, pk=letter.pk) in queue_page
    # A malformed code is dropped, nothing else changes.
    client.post(public("dropin_checkin", organization), CHECK_IN | {"letter": "<script>"})
    assert DropinTicket.objects.get(number=2).letter_code == ""


@pytest.mark.parametrize("page_name", ["dropin_display", "dropin_ticket", "staff_queue"])
def test_polled_pages_make_a_constant_number_of_queries(
    page_name, organization, open_session, counselor, login_as
):
    """These pages are polled every few seconds by every waiting phone and the café screen."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="other"
    )
    services.ticket_call_next(queue=first.queue, actor=counselor)
    waiting = services.ticket_check_in(
        organization=organization, session=open_session, language="fi", topic="kela"
    )
    staff_client = login_as(counselor)

    def queries() -> int:
        if page_name == "staff_queue":
            client, url = staff_client, staff("dropin_queue", organization, session=open_session.id)
        elif page_name == "dropin_ticket":
            client, url = Client(), public("dropin_ticket", organization, token=waiting.token)
        else:
            client, url = Client(), public("dropin_display", organization)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
        return len(context)

    few = queries()
    for _ in range(15):
        services.ticket_check_in(
            organization=organization, session=open_session, language="ar", topic="letter"
        )
    assert queries() == few
