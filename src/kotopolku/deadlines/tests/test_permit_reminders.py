"""Permit-renewal reminders: consent, window, language, idempotency (``send_permit_reminders``)."""

from __future__ import annotations

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.deadlines import services
from kotopolku.deadlines.models import PermitReminder
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import outbox_send_due
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TODAY = datetime.date(2026, 6, 30)
EXPIRY = datetime.date(2026, 9, 30)  # the window opens on 30.6.2026


def _client(organization, **kwargs):
    values = {
        "organization": organization,
        "first_name": "Amina",
        "last_name": "Keksitty",
        "preferred_language": "ar",
        "phone": "+358401234567",
        "email": "amina@example.fi",
        "permit_expires_on": EXPIRY,
    }
    values.update(kwargs)
    client = factories.ClientRecordFactory.create(**values)
    factories.ReminderConsentFactory.create(client=client, organization=organization)
    return client


def test_reminder_goes_by_email_and_sms_in_the_clients_language(organization):
    client = _client(organization)

    assert services.permit_reminders_send_due(today=TODAY) == 1

    messages = {m.channel: m for m in OutboxMessage.objects.all()}
    assert set(messages) == {"email", "sms"}
    for message in messages.values():
        assert message.kind == OutboxMessage.Kind.PERMIT_RENEWAL
        assert message.language == "ar"
        assert message.appointment is None
        assert message.organization == organization
        assert "Amina" not in message.body and "Keksitty" not in message.body  # no name in a text message
        assert "https://enterfinland.fi" in message.body
        assert message.expires_at == datetime.datetime(
            2026, 10, 1, 0, 0, tzinfo=HELSINKI
        )  # after the last day
    assert messages["email"].recipient == "amina@example.fi"
    assert messages["sms"].recipient == "+358401234567"
    reminder = PermitReminder.objects.get()
    assert (reminder.client, reminder.permit_expires_on, reminder.messages) == (client, EXPIRY, 2)
    event = AuditEvent.objects.get(action=AuditAction.PERMIT_REMINDER_QUEUED)
    assert event.organization == organization and event.details["messages"] == 2


def test_english_text_says_when_and_where_to_apply(organization):
    _client(organization, preferred_language="en", phone="")

    services.permit_reminders_send_due(today=TODAY)

    email = OutboxMessage.objects.get()
    assert "expires on" in email.subject
    assert "Apply before your current permit expires" in email.body
    assert organization.name in email.body


def test_unknown_language_falls_back_to_finnish(organization):
    _client(organization, preferred_language="xx", email="")
    services.permit_reminders_send_due(today=TODAY)
    assert OutboxMessage.objects.get().language == "fi"


def test_running_twice_never_sends_twice_but_a_new_permit_gets_its_own(organization):
    client = _client(organization)

    assert services.permit_reminders_send_due(today=TODAY) == 1
    assert services.permit_reminders_send_due(today=TODAY) == 0
    assert services.permit_reminders_send_due(today=TODAY + datetime.timedelta(days=5)) == 0
    assert services.permit_reminder_queue(client=client) is None  # the unique row stops a racing run
    assert OutboxMessage.objects.count() == 2

    client.permit_expires_on = datetime.date(2030, 9, 30)
    client.save()
    assert services.permit_reminders_send_due(today=datetime.date(2030, 7, 1)) == 1
    assert OutboxMessage.objects.count() == 4


@pytest.mark.parametrize(
    "case",
    ["before_window", "after_expiry", "no_consent", "withdrawn", "anonymized", "no_contact", "no_expiry"],
)
def test_no_reminder_when_it_does_not_apply(case, organization):
    today = TODAY
    if case == "before_window":
        _client(organization)
        today = TODAY - datetime.timedelta(days=1)
    elif case == "after_expiry":
        _client(organization)
        today = EXPIRY + datetime.timedelta(days=1)
    elif case == "no_consent":
        factories.ClientRecordFactory.create(
            organization=organization, phone="+358401234567", permit_expires_on=EXPIRY
        )
    elif case == "withdrawn":
        client = _client(organization)
        services.reminder_consent_withdraw(client=client, actor=None)
    elif case == "anonymized":
        _client(organization, first_name="", last_name="", phone="", email="", anonymized_at=timezone.now())
    elif case == "no_contact":
        _client(organization, phone="", email="")
    else:
        _client(organization, permit_expires_on=None)

    assert services.permit_reminders_send_due(today=today) == 0
    assert not OutboxMessage.objects.exists()
    assert not PermitReminder.objects.exists()


def test_the_command_is_idempotent_and_validates_its_date(organization):
    _client(organization)
    out = StringIO()

    call_command("send_permit_reminders", "--date", TODAY.isoformat(), stdout=out)
    call_command("send_permit_reminders", "--date", TODAY.isoformat(), stdout=out)

    assert out.getvalue().splitlines() == ["1 permit reminder(s) queued.", "0 permit reminder(s) queued."]
    assert OutboxMessage.objects.count() == 2
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_permit_reminders", "--date", "30.6.2026")


def test_the_worker_sends_the_reminder(organization, mailoutbox, settings):
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.LocmemSmsBackend"
    today = timezone.localdate()
    _client(organization, preferred_language="en", permit_expires_on=today + datetime.timedelta(days=60))
    services.permit_reminders_send_due(today=today)

    report = outbox_send_due()

    assert report.sent == 2
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["amina@example.fi"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}


def test_consent_page_records_and_withdraws_consent(organization, counselor, en_counselor_client):
    client = factories.ClientRecordFactory.create(
        organization=organization,
        first_name="Omar",
        phone="+358401234567",
        permit_expires_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    page_url = f"/staff/{organization.slug}/worklist/permit-reminders/"
    consent_url = f"{page_url}{client.pk}/consent/"

    page = en_counselor_client.get(page_url).content.decode()
    assert "Omar" in page and "No consent" in page

    response = en_counselor_client.post(consent_url, {"given_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    page = en_counselor_client.get(page_url).content.decode()
    assert "Withdraw the consent" in page

    en_counselor_client.post(consent_url, {"withdraw": "1"})
    client.refresh_from_db()
    assert not client.reminder_consent.is_active


def test_consent_with_a_bad_date_changes_nothing(organization, en_counselor_client):
    client = factories.ClientRecordFactory.create(organization=organization, permit_expires_on=TODAY)
    response = en_counselor_client.post(
        f"/staff/{organization.slug}/worklist/permit-reminders/{client.pk}/consent/",
        {"given_on": "eilen"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not hasattr(client, "reminder_consent") or client.reminder_consent is None
