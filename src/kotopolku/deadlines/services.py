"""Every write of the deadlines app, audited in the same transaction: follow-up tasks, consent to
permit-renewal reminders, and queuing those reminders (``send_permit_reminders``)."""

from __future__ import annotations

import datetime
import logging
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, can
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.clients.models import Client
from kotopolku.deadlines import selectors
from kotopolku.deadlines.models import FollowUpTask, PermitReminder, ReminderConsent
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import message_enqueue
from kotopolku.organizations.models import Organization

logger = logging.getLogger(__name__)

ENTER_FINLAND_URL = "https://enterfinland.fi"
_BLANK_LINES = re.compile(r"\n{3,}")


def _check_client(organization: Organization, client: Client | None) -> None:
    if client is None:
        return
    if client.organization_id != organization.pk or client.anonymized_at is not None:
        raise ValidationError({"client": _("Choose a client of this municipality.")})


@transaction.atomic
def task_create(
    *,
    organization: Organization,
    title: str,
    due_on: datetime.date,
    assignee: User,
    actor: Actor,
    client: Client | None = None,
) -> FollowUpTask:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Write what is to be done.")})
    if not can(assignee, Perm.WORK_ON_TASKS, organization) or assignee.is_superuser:
        raise ValidationError(
            {"assignee": _("Choose a staff member of this municipality who works on tasks.")}
        )
    _check_client(organization, client)
    task = FollowUpTask.objects.create(
        organization=organization,
        title=title[:200],
        due_on=due_on,
        assignee=assignee,
        client=client,
        created_by=actor if isinstance(actor, User) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.TASK_CREATED,
        target=task,
        details={
            "due_on": due_on.isoformat(),
            "assignee": assignee.pk,
            "client": client.pk if client else None,
        },
    )
    return task


@transaction.atomic
def task_complete(*, task: FollowUpTask, actor: Actor) -> FollowUpTask:
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = actor if isinstance(actor, User) else None
        task.save(update_fields=["done_at", "done_by", "updated_at"])
        audit_record(actor=actor, action=AuditAction.TASK_COMPLETED, target=task)
    return task


@transaction.atomic
def task_reopen(*, task: FollowUpTask, actor: Actor) -> FollowUpTask:
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is not None:
        task.done_at = None
        task.done_by = None
        task.save(update_fields=["done_at", "done_by", "updated_at"])
        audit_record(actor=actor, action=AuditAction.TASK_REOPENED, target=task)
    return task


@transaction.atomic
def reminder_consent_give(*, client: Client, given_on: datetime.date, actor: Actor) -> ReminderConsent:
    """Record that the client wants a reminder when their permit renewal window opens."""
    if client.anonymized_at is not None:
        raise ValidationError(_("This record is anonymized."))
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    consent, _created = ReminderConsent.objects.update_or_create(
        client=client,
        defaults={
            "organization_id": client.organization_id,
            "given_on": given_on,
            "withdrawn_at": None,
            "recorded_by": actor if isinstance(actor, User) else None,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.REMINDER_CONSENT_GIVEN,
        target=client,
        details={"given_on": given_on.isoformat()},
    )
    return consent


@transaction.atomic
def reminder_consent_withdraw(*, client: Client, actor: Actor) -> None:
    changed = ReminderConsent.objects.filter(client=client, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), updated_at=timezone.now()
    )
    if changed:
        audit_record(actor=actor, action=AuditAction.REMINDER_CONSENT_WITHDRAWN, target=client)


# --- Permit-renewal reminders -------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderTexts:
    language: str
    subject: str
    email_body: str
    sms_body: str


def message_language(client: Client) -> str:
    """The client's language of messages when the installation has it, otherwise Finnish."""
    languages = {code for code, _name in settings.LANGUAGES}
    return client.preferred_language if client.preferred_language in languages else settings.LANGUAGE_CODE


def permit_reminder_texts(*, client: Client, organization: Organization) -> ReminderTexts:
    """The reminder in the client's language. No name, no permit type: only the expiry date, where
    to apply and whom to ask (a text message can be read by others)."""
    assert client.permit_expires_on is not None
    language = message_language(client)
    with translation.override(language):
        context = {
            "expires": formats.date_format(client.permit_expires_on, "DATE_FORMAT"),
            "enter_finland_url": ENTER_FINLAND_URL,
            "sender": organization.name,
            "unit": organization.unit_name,
            "contact_phone": organization.contact_phone,
        }
        subject = " ".join(render_to_string("deadlines/permit_renewal/subject.txt", context).split())
        rendered = render_to_string("deadlines/permit_renewal/email.txt", context)
        email = (
            _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in rendered.strip().splitlines()))
            + "\n"
        )
        sms = " ".join(render_to_string("deadlines/permit_renewal/sms.txt", context).split())
    return ReminderTexts(language=language, subject=subject[:200], email_body=email, sms_body=sms)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)


def permit_reminder_queue(*, client: Client) -> PermitReminder | None:
    """Queue the renewal reminder of ``client``'s current permit, unless it was queued before.

    The :class:`PermitReminder` row (unique per client and expiry date) and the outbox messages are
    written in one transaction: of two simultaneous runs only one inserts the row, the other gets
    ``None``. Messages that could not be sent before the permit expires are dropped by the worker.
    """
    expiry = client.permit_expires_on
    if expiry is None or not (client.email or client.phone):
        return None
    organization = client.organization
    texts = permit_reminder_texts(client=client, organization=organization)
    try:
        with transaction.atomic():
            reminder = PermitReminder.objects.create(
                organization=organization, client=client, permit_expires_on=expiry, language=texts.language
            )
            expires_at = _end_of_day(expiry)
            count = 0
            if client.email:
                message_enqueue(
                    organization_id=organization.pk,
                    kind=OutboxMessage.Kind.PERMIT_RENEWAL,
                    channel=OutboxMessage.Channel.EMAIL,
                    recipient=client.email,
                    language=texts.language,
                    subject=texts.subject,
                    body=texts.email_body,
                    expires_at=expires_at,
                )
                count += 1
            if client.phone:
                message_enqueue(
                    organization_id=organization.pk,
                    kind=OutboxMessage.Kind.PERMIT_RENEWAL,
                    channel=OutboxMessage.Channel.SMS,
                    recipient=client.phone,
                    language=texts.language,
                    body=texts.sms_body,
                    expires_at=expires_at,
                )
                count += 1
            reminder.messages = count
            reminder.save(update_fields=["messages"])
            audit_record(
                actor=None,
                action=AuditAction.PERMIT_REMINDER_QUEUED,
                target=client,
                organization=organization,
                details={
                    "permit_expires_on": expiry.isoformat(),
                    "messages": count,
                    "language": texts.language,
                },
            )
    except IntegrityError:
        return None
    return reminder


def permit_reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Queue a reminder for every consenting client whose permit renewal window is open today and who
    has not had one for this permit. Safe to run any number of times (``send_permit_reminders``)."""
    today = today or timezone.localdate()
    queued = 0
    for client in selectors.clients_due_for_permit_reminder(today=today):
        if permit_reminder_queue(client=client) is not None:
            queued += 1
    if queued:
        logger.info("Permit reminders queued: %s", queued)
    return queued


@transaction.atomic
def client_deadline_data_anonymize(*, client: Client) -> int:
    """Remove what this app holds about a client whose record is anonymized: the titles of their
    follow-up tasks (free text that may name them) become "–" (due and done dates stay for the
    statistics) and their reminder consent is deleted. Meant to be called inside ``client_anonymize``;
    returns the number of tasks blanked."""
    blanked = FollowUpTask.objects.filter(client=client).exclude(title="–").update(title="–")
    ReminderConsent.objects.filter(client=client).delete()
    return blanked
