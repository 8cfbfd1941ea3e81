"""The public accessibility statement and feedback form; the staff inbox with the 14-day deadline."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

VALID = {
    "message": "Painike ei toimi näppäimistöllä.",
    "page_url": "/fi/heinola/",
    "name": "Matti",
    "email": "matti@example.fi",
    "phone": "040 123 4567",
}


def statement(lang: str, organization) -> str:
    with translation.override(lang):
        return reverse("public:accessibility", kwargs={"org": organization.slug})


def staff_url(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def in_language(lang: str, message: str) -> str:
    with translation.override(lang):
        return gettext(message)


# --- Public form -------------------------------------------------------------------------------


def test_statement_page_has_the_form_and_the_contact_email(client, organization):
    organization.accessibility_feedback_email = "saavutettavuus@heinola.example"
    organization.save()

    response = client.get(statement("fi", organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="message"' in html and 'name="email"' in html
    assert "mailto:saavutettavuus@heinola.example" in html


def test_feedback_is_saved_with_deadline_and_language(client, organization):
    response = client.post(statement("ar", organization), VALID)

    assert response.status_code == 302
    with translation.override("ar"):
        assert response["Location"] == reverse("public:feedback_thanks", kwargs={"org": organization.slug})
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.organization == organization
    assert feedback.language == "ar"
    assert feedback.answer_due == timezone.localdate() + datetime.timedelta(days=14)
    assert (feedback.message, feedback.email, feedback.phone) == (
        VALID["message"],
        VALID["email"],
        VALID["phone"],
    )
    assert AuditEvent.objects.get().action == AuditAction.FEEDBACK_RECEIVED
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and '<html lang="ar" dir="rtl">' in thanks.content.decode()


def test_only_the_message_is_required(client, organization):
    response = client.post(statement("fi", organization), {"message": "Kontrasti on liian heikko."})

    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.name, feedback.email, feedback.phone) == ("", "", "")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**VALID, "message": ""}, "message"),
        ({**VALID, "email": "ei-sahkoposti"}, "email"),
        ({**VALID, "phone": "soita minulle"}, "phone"),
        ({**VALID, "message": "x" * 5001}, "message"),
    ],
)
def test_invalid_feedback_is_400_with_messages_and_nothing_saved(client, organization, data, field):
    response = client.post(statement("sv", organization), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="sv"' in html
    assert 'id="error-summary"' in html
    assert f'id="id_{field}_errors"' in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert not AccessibilityFeedback.objects.exists()
    assert not AuditEvent.objects.exists()


def test_feedback_for_an_unpublished_municipality_is_404(client):
    hidden = factories.OrganizationFactory.create(is_active=False)

    assert client.post(statement("fi", hidden), VALID).status_code == 404
    assert not AccessibilityFeedback.objects.exists()


# --- Rate limit --------------------------------------------------------------------------------


def test_third_post_in_a_minute_is_429_with_a_clear_message(organization, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "2/m"
    client = Client()
    url = statement("en", organization)

    first, second = client.post(url, VALID), client.post(url, VALID)
    third = client.post(url, VALID)

    assert (first.status_code, second.status_code) == (302, 302)
    assert third.status_code == 429
    assert third["Retry-After"] == "60"
    html = third.content.decode()
    assert '<html lang="en"' in html
    assert (
        in_language("en", "You have sent too many requests in a short time. Wait a moment and try again.")
        in html
    )
    assert AccessibilityFeedback.objects.count() == 2
    # Reading the page is not limited.
    assert client.get(url).status_code == 200


def test_rate_limit_counts_per_address(organization, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "1/m"
    url = statement("fi", organization)

    assert Client(REMOTE_ADDR="192.0.2.1").post(url, VALID).status_code == 302
    assert Client(REMOTE_ADDR="192.0.2.1").post(url, VALID).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.2").post(url, VALID).status_code == 302


def test_no_rate_limit_when_turned_off(organization, settings):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "1/m"
    settings.RATELIMIT_ENABLE = False
    client = Client()

    statuses = [client.post(statement("fi", organization), VALID).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 302]
    assert AccessibilityFeedback.objects.count() == 4


# --- Staff inbox -------------------------------------------------------------------------------


def test_submitted_feedback_appears_in_the_inbox_with_its_deadline(organization, counselor_client):
    Client().post(statement("fa", organization), VALID)
    feedback = AccessibilityFeedback.objects.get()

    response = counselor_client.get(staff_url("inbox", organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert staff_url("inbox_item", organization, pk=feedback.pk) in html
    with translation.override("fi"):
        due = formats.date_format(feedback.answer_due, "SHORT_DATE_FORMAT")
        days = ngettext(
            "Answer by %(date)s (%(days)s day left)", "Answer by %(date)s (%(days)s days left)", 14
        ) % {"date": due, "days": 14}
    assert due in html
    assert days in html
    assert "<td>fa</td>" in html


def test_overdue_feedback_is_marked_late(organization, counselor_client):
    factories.FeedbackFactory.create(
        organization=organization, answer_due=timezone.localdate() - datetime.timedelta(days=2)
    )

    html = counselor_client.get(staff_url("inbox", organization)).content.decode()

    assert "badge-late" in html


def test_inbox_filters_by_status(organization, counselor_client):
    waiting = factories.FeedbackFactory.create(organization=organization)
    answered = factories.FeedbackFactory.create(
        organization=organization, status="answered", answered_at=timezone.now()
    )
    waiting_url = staff_url("inbox_item", organization, pk=waiting.pk)
    answered_url = staff_url("inbox_item", organization, pk=answered.pk)

    default = counselor_client.get(staff_url("inbox", organization)).content.decode()
    done = counselor_client.get(staff_url("inbox", organization) + "?status=answered").content.decode()
    everything = counselor_client.get(staff_url("inbox", organization) + "?status=all").content.decode()

    assert waiting_url in default and answered_url not in default
    assert answered_url in done and waiting_url not in done
    assert waiting_url in everything and answered_url in everything


def test_inbox_shows_only_own_municipality(organization, other_organization, counselor_client):
    foreign = factories.FeedbackFactory.create(organization=other_organization)

    html = counselor_client.get(staff_url("inbox", organization) + "?status=all").content.decode()

    assert f"/inbox/{foreign.pk}/" not in html


def test_reading_feedback_is_audited(organization, counselor, counselor_client):
    feedback = factories.FeedbackFactory.create(organization=organization, email="matti@example.fi")

    response = counselor_client.get(staff_url("inbox_item", organization, pk=feedback.pk))

    assert response.status_code == 200
    assert "matti@example.fi" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.FEEDBACK_VIEWED)
    assert (event.actor, event.target_id) == (counselor, str(feedback.pk))


def test_mark_feedback_answered(organization, counselor, counselor_client):
    feedback = factories.FeedbackFactory.create(organization=organization)

    response = counselor_client.post(
        staff_url("inbox_item", organization, pk=feedback.pk), {"answer_note": "Vastattu sähköpostilla."}
    )

    assert response["Location"] == staff_url("inbox", organization)
    stored = AccessibilityFeedback.objects.get(pk=feedback.pk)
    assert (stored.status, stored.answered_by, stored.answer_note) == (
        "answered",
        counselor,
        "Vastattu sähköpostilla.",
    )
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_ANSWERED).count() == 1


def test_answer_needs_a_note_and_happens_once(organization, counselor_client):
    feedback = factories.FeedbackFactory.create(organization=organization)
    item = staff_url("inbox_item", organization, pk=feedback.pk)

    empty = counselor_client.post(item, {"answer_note": ""})
    assert empty.status_code == 400
    assert 'aria-invalid="true"' in empty.content.decode()
    assert AccessibilityFeedback.objects.get(pk=feedback.pk).status == "new"

    counselor_client.post(item, {"answer_note": "Ensimmäinen."})
    counselor_client.post(item, {"answer_note": "Toinen."})

    assert AccessibilityFeedback.objects.get(pk=feedback.pk).answer_note == "Ensimmäinen."
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_ANSWERED).count() == 1
