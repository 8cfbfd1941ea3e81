"""The drop-in queue: check-in, calling, serving, outcomes, closing. Every write is audited (staff
actions) in the same transaction; messages to visitors go through the outbox.

Concurrency: a ticket number comes from a counter on the queue row, taken under a row lock (and a
unique constraint backs it). Calling a ticket is a compare-and-set ``UPDATE … WHERE status =
'waiting'``: of two staff members pressing "call next" together, exactly one update changes the row;
the other moves on to the next ticket. On PostgreSQL ``SKIP LOCKED`` keeps them from even trying
the same row; a partial unique index lets one staff member hold at most one called ticket.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.clients.models import Client
from kotopolku.dropin import selectors
from kotopolku.dropin.models import DropinOutcome, DropinQueue, DropinTicket, DropinTopic, DropinVisit
from kotopolku.dropin.selectors import Session
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import message_enqueue
from kotopolku.organizations.models import Organization

Status = DropinTicket.Status

# "Your turn is near" goes to a waiting visitor who gave a phone number when this many or fewer
# people are ahead of them.
NEAR_AHEAD = 2
# A "your turn is near" text that could not be sent by this long after the session is dropped.
NEAR_MESSAGE_GRACE = datetime.timedelta(minutes=15)


class QueueError(Exception):
    """A queue action that cannot be done now; ``message`` is shown to the person who tried."""

    code = "queue_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or str(self.default_message))
        self.message = message or str(self.default_message)

    default_message = _("This cannot be done now. Reload the page and try again.")


class CheckInClosed(QueueError):
    code = "session_closed"
    default_message = _("Check-in for this session is closed.")

    def __init__(self, message: str = "", *, next_session: Session | None = None) -> None:
        super().__init__(message)
        self.next_session = next_session


class TicketNotAvailable(QueueError):
    code = "ticket_not_available"
    default_message = _("Someone else already called this number, or it is no longer in the queue.")


class StaffBusy(QueueError):
    code = "staff_busy"
    default_message = _("Finish the visitor you called first (served, or did not come).")


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _message_language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- The queue of a session ------------------------------------------------------------------------


def queue_for_session(*, organization: Organization, session: Session) -> DropinQueue:
    """The stored queue of ``session``, created on first use (safe when two requests race)."""
    queue = DropinQueue.objects.filter(organization=organization, session_key=session.id).first()
    if queue is not None:
        return queue
    try:
        with transaction.atomic():
            return DropinQueue.objects.create(
                organization=organization,
                session_key=session.id,
                place=session.place,
                start=session.start,
                end=session.end,
            )
    except IntegrityError:
        return DropinQueue.objects.get(organization=organization, session_key=session.id)


def _next_session_after(organization: Organization, now: datetime.datetime) -> Session | None:
    return next(
        (
            s
            for s in selectors.next_sessions(organization=organization, count=10, now=now)
            if not s.is_cancelled and s.start > now
        ),
        None,
    )


@transaction.atomic
def ticket_check_in(
    *,
    organization: Organization,
    session: Session,
    language: str,
    topic: str,
    language_other: str = "",
    letter_code: str = "",
    needs_interpreter: bool = False,
    name: str = "",
    phone: str = "",
    source: str = DropinTicket.Source.PHONE,
    actor: Actor = None,
    now: datetime.datetime | None = None,
) -> DropinTicket:
    """Take a number in the session's queue.

    Visitors can check in while check-in is open (from ``checkin_opens`` until the end); staff may
    add someone as long as the queue has not been closed. Raises :class:`CheckInClosed` otherwise,
    with the next session to suggest.
    """
    now = _now(now)
    if topic not in DropinTopic.values:
        raise QueueError(gettext("Choose what you are coming about."))
    by_staff = source == DropinTicket.Source.STAFF
    window_open = session.checkin_opens <= now < session.end and not session.is_cancelled
    if not window_open and not (by_staff and not session.is_cancelled and now < session.end + _STAFF_GRACE):
        raise CheckInClosed(next_session=_next_session_after(organization, now))
    queue = queue_for_session(organization=organization, session=session)
    queue = DropinQueue.objects.select_for_update().get(pk=queue.pk)
    if queue.is_closed:
        raise CheckInClosed(next_session=_next_session_after(organization, now))
    queue.last_number = F("last_number") + 1
    queue.save(update_fields=["last_number", "updated_at"])
    queue.refresh_from_db(fields=["last_number"])
    ticket = DropinTicket.objects.create(
        organization=organization,
        queue=queue,
        number=queue.last_number,
        token=secrets.token_urlsafe(32),
        language=language[:10],
        language_other=" ".join(language_other.split())[:60],
        topic=topic,
        needs_interpreter=needs_interpreter,
        name=" ".join(name.split())[:60],
        letter_code=letter_code[:8],
        phone=phone,
        source=source,
        checked_in_at=now,
    )
    if by_staff:
        audit_record(
            actor=actor,
            action=AuditAction.DROPIN_TICKET_ADDED,
            target=ticket,
            organization=organization,
            details={"queue": queue.session_key, "number": ticket.number},
        )
    return ticket


# Staff may still add a walk-in for a little while after the official end.
_STAFF_GRACE = datetime.timedelta(minutes=30)


# --- Calling ---------------------------------------------------------------------------------------


def _staff_has_active_ticket(queue: DropinQueue, actor: User) -> bool:
    return DropinTicket.objects.filter(queue=queue, served_by=actor, status__in=DropinTicket.ACTIVE).exists()


def _claim(ticket_pk: int, *, actor: User, counter: str, now: datetime.datetime) -> bool:
    """Compare-and-set: take the ticket only if it is still waiting. True if this call took it."""
    try:
        with transaction.atomic():
            changed = DropinTicket.objects.filter(pk=ticket_pk, status=Status.WAITING).update(
                status=Status.CALLED,
                served_by=actor,
                called_at=now,
                counter=counter[:40],
                updated_at=now,
            )
    except IntegrityError as error:  # this staff member already holds a ticket (partial unique index)
        raise StaffBusy() from error
    return changed == 1


def _after_call(ticket: DropinTicket, *, actor: User, now: datetime.datetime, how: str) -> DropinTicket:
    ticket.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_TICKET_CALLED,
        target=ticket,
        organization=ticket.queue.organization,
        details={"queue": ticket.queue.session_key, "number": ticket.number, "how": how},
    )
    _notify_near(ticket.queue, now=now)
    return ticket


@transaction.atomic
def ticket_call_next(
    *, queue: DropinQueue, actor: User, counter: str = "", now: datetime.datetime | None = None
) -> DropinTicket | None:
    """Call the person who has waited longest (first come, first served). None if nobody waits."""
    now = _now(now)
    if _staff_has_active_ticket(queue, actor):
        raise StaffBusy()
    while True:
        candidate = (
            DropinTicket.objects.filter(queue=queue, status=Status.WAITING)
            .order_by("checked_in_at", "number")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
            .first()
        )
        if candidate is None:
            return None
        if _claim(candidate, actor=actor, counter=counter, now=now):
            return _after_call(DropinTicket.objects.get(pk=candidate), actor=actor, now=now, how="next")
        # Someone else took it between the read and the update: try the next one.


@transaction.atomic
def ticket_call(
    *, ticket: DropinTicket, actor: User, counter: str = "", now: datetime.datetime | None = None
) -> DropinTicket:
    """Call a specific waiting ticket (e.g. when an interpreter for its language is free)."""
    now = _now(now)
    if _staff_has_active_ticket(ticket.queue, actor):
        raise StaffBusy()
    if not _claim(ticket.pk, actor=actor, counter=counter, now=now):
        raise TicketNotAvailable()
    return _after_call(ticket, actor=actor, now=now, how="chosen")


def _transition(
    ticket: DropinTicket,
    *,
    actor: User,
    allowed_from: Sequence[str],
    changes: dict[str, object],
    action: AuditAction,
    details: dict[str, object] | None = None,
    extra_filter: Q | None = None,
) -> DropinTicket:
    """Move a ticket that this staff member holds from one of ``allowed_from``; compare-and-set."""
    rows = DropinTicket.objects.filter(pk=ticket.pk, status__in=allowed_from, served_by=actor)
    if extra_filter is not None:
        rows = rows.filter(extra_filter)
    if rows.update(**changes, updated_at=timezone.now()) != 1:
        raise TicketNotAvailable()
    ticket.refresh_from_db()
    audit_record(
        actor=actor,
        action=action,
        target=ticket,
        organization=ticket.queue.organization,
        details={"queue": ticket.queue.session_key, "number": ticket.number, **(details or {})},
    )
    return ticket


@transaction.atomic
def ticket_recall(*, ticket: DropinTicket, actor: User, now: datetime.datetime | None = None) -> DropinTicket:
    """Show and announce the number once more (once only; then mark no-show or serve)."""
    if ticket.recall_count >= DropinTicket.MAX_RECALLS:
        raise QueueError(gettext("This number has already been called again once."))
    return _transition(
        ticket,
        actor=actor,
        allowed_from=[Status.CALLED],
        changes={"recall_count": F("recall_count") + 1, "called_at": _now(now)},
        action=AuditAction.DROPIN_TICKET_CALLED,
        details={"how": "recall"},
        extra_filter=Q(recall_count__lt=DropinTicket.MAX_RECALLS),
    )


@transaction.atomic
def ticket_return_to_queue(*, ticket: DropinTicket, actor: User) -> DropinTicket:
    """Called by mistake: the ticket goes back to its place in the queue."""
    return _transition(
        ticket,
        actor=actor,
        allowed_from=[Status.CALLED],
        changes={"status": Status.WAITING, "served_by": None, "called_at": None, "counter": ""},
        action=AuditAction.DROPIN_TICKET_RETURNED,
    )


@transaction.atomic
def ticket_no_show(
    *, ticket: DropinTicket, actor: User, now: datetime.datetime | None = None
) -> DropinTicket:
    now = _now(now)
    ticket = _transition(
        ticket,
        actor=actor,
        allowed_from=[Status.CALLED],
        changes={"status": Status.NO_SHOW, "finished_at": now},
        action=AuditAction.DROPIN_TICKET_NO_SHOW,
    )
    _notify_near(ticket.queue, now=now)
    return ticket


@transaction.atomic
def ticket_start(*, ticket: DropinTicket, actor: User, now: datetime.datetime | None = None) -> DropinTicket:
    """The visitor came to the table: service time starts."""
    return _transition(
        ticket,
        actor=actor,
        allowed_from=[Status.CALLED],
        changes={"status": Status.SERVING, "started_at": _now(now)},
        action=AuditAction.DROPIN_TICKET_SERVED,
    )


def _minutes(start: datetime.datetime | None, end: datetime.datetime | None) -> int:
    if start is None or end is None or end <= start:
        return 0
    return round((end - start).total_seconds() / 60)


@transaction.atomic
def ticket_finish(
    *, ticket: DropinTicket, actor: User, outcome: str, now: datetime.datetime | None = None
) -> DropinVisit:
    """End the visit with its outcome and record the anonymous contact (topic, language, outcome,
    waiting and service time). A called ticket may be finished directly (service started on call)."""
    now = _now(now)
    if outcome not in DropinOutcome.values:
        raise QueueError(gettext("Choose how the visit ended."))
    started = ticket.started_at or ticket.called_at
    ticket = _transition(
        ticket,
        actor=actor,
        allowed_from=[Status.CALLED, Status.SERVING],
        changes={"status": Status.DONE, "finished_at": now, "started_at": started or now},
        action=AuditAction.DROPIN_TICKET_FINISHED,
        details={"outcome": outcome},
    )
    queue = ticket.queue
    return DropinVisit.objects.create(
        organization_id=ticket.organization_id,
        place_id=queue.place_id,
        session_key=queue.session_key,
        session_date=timezone.localtime(queue.start, TZ).date(),
        topic=ticket.topic,
        language=ticket.language,
        language_other=ticket.language_other,
        needs_interpreter=ticket.needs_interpreter,
        outcome=outcome,
        waited_minutes=_minutes(ticket.checked_in_at, ticket.called_at),
        service_minutes=_minutes(ticket.started_at, ticket.finished_at),
        served_by=actor,
        ticket=ticket,
    )


@transaction.atomic
def visit_link_follow_up(*, visit: DropinVisit, appointment: Appointment, actor: Actor) -> DropinVisit:
    """The follow-up appointment booked from a drop-in visit (same municipality only)."""
    if appointment.organization_id != visit.organization_id:
        raise QueueError()
    visit.follow_up_appointment = appointment
    visit.outcome = DropinOutcome.FOLLOW_UP_BOOKED
    visit.save(update_fields=["follow_up_appointment", "outcome"])
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_FOLLOW_UP_LINKED,
        target=visit,
        organization=visit.organization,
        details={"appointment": appointment.pk},
    )
    return visit


@transaction.atomic
def visit_link_client(*, visit: DropinVisit, client: Client, actor: Actor) -> DropinVisit:
    """A counselor links the drop-in visit to the client's record (same municipality only)."""
    if client.organization_id != visit.organization_id or client.is_anonymized:
        raise QueueError()
    visit.client = client
    visit.save(update_fields=["client"])
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_VISIT_LINKED,
        target=visit,
        organization=visit.organization,
        details={"client": client.pk},
    )
    return visit


# --- Visitors ---------------------------------------------------------------------------------------


@transaction.atomic
def ticket_leave(*, ticket: DropinTicket, now: datetime.datetime | None = None) -> DropinTicket:
    """The visitor leaves the queue from their status page (only while still waiting)."""
    now = _now(now)
    changed = DropinTicket.objects.filter(pk=ticket.pk, status=Status.WAITING).update(
        status=Status.LEFT, finished_at=now, name="", phone="", updated_at=now
    )
    if changed != 1:
        raise TicketNotAvailable(gettext("You are no longer in the queue."))
    ticket.refresh_from_db()
    _notify_near(ticket.queue, now=now)
    return ticket


def _status_url(ticket: DropinTicket, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "public:dropin_ticket", kwargs={"org": ticket.queue.organization.slug, "token": ticket.token}
        )
    return settings.KOTOPOLKU_PUBLIC_BASE_URL + path


def _notify_near(queue: DropinQueue, *, now: datetime.datetime) -> None:
    """Text "your turn is near" (once) to waiting visitors with a phone number near the front."""
    waiting = list(
        DropinTicket.objects.filter(queue=queue, status=Status.WAITING).order_by("checked_in_at", "number")[
            : NEAR_AHEAD + 1
        ]
    )
    for ticket in waiting:
        if not ticket.phone or ticket.near_notified_at is not None:
            continue
        language = _message_language(ticket.language)
        with translation.override(language):
            body = gettext(
                "Kotopolku drop-in: your turn is near (number %(number)s). Please come back to %(place)s. "
                "Your place in the queue: %(url)s"
            ) % {"number": ticket.number, "place": queue.place.name, "url": _status_url(ticket, language)}
        message_enqueue(
            organization_id=queue.organization_id,
            kind=OutboxMessage.Kind.DROPIN_TURN_NEAR,
            channel=OutboxMessage.Channel.SMS,
            recipient=ticket.phone,
            language=language,
            body=body,
            expires_at=queue.end + NEAR_MESSAGE_GRACE,
        )
        DropinTicket.objects.filter(pk=ticket.pk).update(near_notified_at=now)


def _closed_text(ticket: DropinTicket, next_session: Session | None, language: str) -> str:
    organization = ticket.queue.organization
    with translation.override(language):
        booking = settings.KOTOPOLKU_PUBLIC_BASE_URL + reverse(
            "public:book_service", kwargs={"org": organization.slug}
        )
        if next_session is None:
            return gettext(
                "Kotopolku drop-in: the session has ended and we could not see you today, sorry. "
                "You can book an appointment: %(booking)s"
            ) % {"booking": booking}
        start = timezone.localtime(next_session.start, TZ)
        return gettext(
            "Kotopolku drop-in: the session has ended and we could not see you today, sorry. "
            "Next drop-in: %(date)s at %(time)s, %(place)s. Or book an appointment: %(booking)s"
        ) % {
            "date": formats.date_format(start, "SHORT_DATE_FORMAT"),
            "time": formats.time_format(start, "TIME_FORMAT"),
            "place": next_session.place.name,
            "booking": booking,
        }


@transaction.atomic
def queue_close(*, queue: DropinQueue, actor: User | None, now: datetime.datetime | None = None) -> int:
    """Close the queue: no more check-ins; everyone still waiting is told (status page, and a text
    message when they gave a number) when the next session is and how to book. Names and phone
    numbers of finished tickets are removed. Returns how many were still waiting."""
    now = _now(now)
    queue = DropinQueue.objects.select_for_update().get(pk=queue.pk)
    if queue.is_closed:
        raise QueueError(gettext("The queue is already closed."))
    queue.closed_at = now
    queue.closed_by = actor
    queue.save(update_fields=["closed_at", "closed_by", "updated_at"])
    next_session = _next_session_after(queue.organization, now)
    waiting = list(DropinTicket.objects.filter(queue=queue, status=Status.WAITING))
    for ticket in waiting:
        if ticket.phone:
            language = _message_language(ticket.language)
            message_enqueue(
                organization_id=queue.organization_id,
                kind=OutboxMessage.Kind.DROPIN_SESSION_CLOSED,
                channel=OutboxMessage.Channel.SMS,
                recipient=ticket.phone,
                language=language,
                body=_closed_text(ticket, next_session, language),
                expires_at=now + datetime.timedelta(hours=12),
            )
    DropinTicket.objects.filter(queue=queue, status=Status.WAITING).update(
        status=Status.NOT_SERVED, finished_at=now, updated_at=now
    )
    DropinTicket.objects.filter(queue=queue, status__in=DropinTicket.FINAL).update(name="", phone="")
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_QUEUE_CLOSED,
        target=queue,
        organization=queue.organization,
        details={"queue": queue.session_key, "not_served": len(waiting)},
    )
    return len(waiting)


# A queue that staff did not close is closed this long after the session's end (by the worker).
AUTO_CLOSE_AFTER = datetime.timedelta(minutes=30)


def queues_close_ended(*, now: datetime.datetime | None = None) -> int:
    """Close the queues of sessions that ended more than ``AUTO_CLOSE_AFTER`` ago and were left
    open, so nobody keeps waiting for a call that will not come. Returns how many were closed."""
    now = _now(now)
    closed = 0
    for pk in DropinQueue.objects.filter(closed_at__isnull=True, end__lt=now - AUTO_CLOSE_AFTER).values_list(
        "pk", flat=True
    ):
        try:
            queue_close(queue=DropinQueue.objects.get(pk=pk), actor=None, now=now)
        except QueueError:
            continue  # closed by someone else meanwhile
        closed += 1
    return closed


@transaction.atomic
def tickets_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Names and phone numbers go the day after the session; tickets themselves after
    ``KOTOPOLKU_DROPIN_TICKET_RETENTION_DAYS`` (the anonymous visits stay). Returns tickets deleted."""
    now = _now(now)
    DropinTicket.objects.filter(queue__end__lt=now - datetime.timedelta(hours=12)).exclude(
        name="", phone=""
    ).update(name="", phone="")
    cutoff = now - datetime.timedelta(days=settings.KOTOPOLKU_DROPIN_TICKET_RETENTION_DAYS)
    deleted, _by_model = DropinTicket.objects.filter(queue__end__lt=cutoff).delete()
    return deleted
