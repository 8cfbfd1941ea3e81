"""The queue: check-in windows, numbering, first come first served, calling, recall once, no-show,
outcomes and the anonymous visit, closing the session, "your turn is near", retention."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.dropin import selectors, services
from kotopolku.dropin.models import DropinOutcome, DropinTicket, DropinVisit
from kotopolku.notifications.models import OutboxMessage
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db
Status = DropinTicket.Status


def check_in(organization, session, *, minutes_after_start: int | None = None, **kwargs):
    values = {"language": "ar", "topic": "letter"} | kwargs
    now = (
        None
        if minutes_after_start is None
        else session.start + datetime.timedelta(minutes=minutes_after_start)
    )
    return services.ticket_check_in(organization=organization, session=session, now=now, **values)


def tuesday_session(organization, tuesday, day=datetime.date(2026, 12, 1)):
    session = selectors.session_get(organization=organization, key=f"s{tuesday.pk}-{day:%Y%m%d}")
    assert session is not None
    return session


# --- Check-in window --------------------------------------------------------------------------------


def test_check_in_opens_before_the_start_and_closes_at_the_end(organization, tuesday):
    session = tuesday_session(organization, tuesday)  # Tue 1.12.2026 12:15–13:00, opens 12:00
    with pytest.raises(services.CheckInClosed) as too_early:
        check_in(organization, session, minutes_after_start=-16)
    assert too_early.value.next_session is not None
    assert check_in(organization, session, minutes_after_start=-15).number == 1
    assert check_in(organization, session, minutes_after_start=44).number == 2
    with pytest.raises(services.CheckInClosed) as too_late:
        check_in(organization, session, minutes_after_start=45)
    # The suggestion is a later session, not the one that just ended.
    assert too_late.value.next_session is not None
    assert too_late.value.next_session.start > session.end


def test_a_cancelled_session_takes_no_check_ins(organization, tuesday, coordinator):
    services.dropin_session_cancel(
        schedule=tuesday, date=datetime.date(2026, 12, 1), reason="Sairas", actor=coordinator
    )
    session = tuesday_session(organization, tuesday)
    with pytest.raises(services.CheckInClosed):
        check_in(organization, session, minutes_after_start=5)
    assert not DropinTicket.objects.exists()


def test_staff_may_add_a_walk_in_a_little_after_the_end(organization, tuesday, counselor):
    session = tuesday_session(organization, tuesday)
    ticket = check_in(
        organization, session, minutes_after_start=50, source=DropinTicket.Source.STAFF, actor=counselor
    )
    assert ticket.source == "staff"
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_TICKET_ADDED).count() == 1


def test_unknown_topic_changes_nothing(organization, open_session):
    with pytest.raises(services.QueueError):
        check_in(organization, open_session, topic="gossip")
    assert not DropinTicket.objects.exists()


# --- Numbers, positions, estimates ------------------------------------------------------------------


def test_numbers_are_sequential_per_session_and_unique_in_the_database(organization, open_session):
    tickets = [check_in(organization, open_session) for _ in range(3)]
    assert [t.number for t in tickets] == [1, 2, 3]
    assert len({t.token for t in tickets}) == 3 and all(len(t.token) >= 40 for t in tickets)
    with pytest.raises(IntegrityError):
        DropinTicket.objects.create(
            organization=organization,
            queue=tickets[0].queue,
            number=2,
            token="x" * 43,
            language="fi",
            topic="other",
            source="phone",
            checked_in_at=timezone.now(),
        )


def test_position_and_estimated_wait(organization, open_session, counselor):
    first, second, third = (check_in(organization, open_session) for _ in range(3))
    assert [selectors.ticket_position(t) for t in (first, second, third)] == [1, 2, 3]
    # Without earlier visits a visit is assumed to take 10 minutes; one person serving.
    assert selectors.estimated_wait_minutes(third) == 30
    services.ticket_call_next(queue=first.queue, actor=counselor)
    second.refresh_from_db()
    third.refresh_from_db()
    assert selectors.ticket_position(second) == 1
    assert selectors.ticket_position(third) == 2
    first.refresh_from_db()
    assert selectors.ticket_position(first) is None
    assert selectors.estimated_wait_minutes(first) is None


def test_estimate_learns_from_recent_service_times(organization, open_session, counselor):
    for minutes in (4, 6, 20):
        DropinVisit.objects.create(
            organization=organization,
            session_key="old",
            session_date=datetime.date(2026, 11, 3),
            topic="letter",
            language="fi",
            outcome="solved",
            waited_minutes=5,
            service_minutes=minutes,
        )
    ticket = check_in(organization, open_session)
    assert selectors.typical_service_minutes(organization_id=organization.pk) == 6
    assert selectors.estimated_wait_minutes(ticket) == 10  # 1 × 6 min, rounded up to 5


# --- Calling -------------------------------------------------------------------------------------------


def test_call_next_is_first_come_first_served(organization, open_session, counselor, coordinator):
    first, second, _third = (check_in(organization, open_session) for _ in range(3))
    called = services.ticket_call_next(queue=first.queue, actor=counselor, counter="Pöytä 1")
    assert called is not None and called.pk == first.pk
    assert called.status == Status.CALLED and called.served_by == counselor and called.counter == "Pöytä 1"
    by_coordinator = services.ticket_call_next(queue=first.queue, actor=coordinator)
    assert by_coordinator is not None and by_coordinator.pk == second.pk
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_TICKET_CALLED).count() == 2


def test_nobody_waiting_returns_none(organization, open_session, counselor):
    queue = services.queue_for_session(organization=organization, session=open_session)
    assert services.ticket_call_next(queue=queue, actor=counselor) is None


def test_a_staff_member_holds_one_visitor_at_a_time(organization, open_session, counselor):
    first, second = (check_in(organization, open_session) for _ in range(2))
    services.ticket_call_next(queue=first.queue, actor=counselor)
    with pytest.raises(services.StaffBusy):
        services.ticket_call_next(queue=first.queue, actor=counselor)
    with pytest.raises(services.StaffBusy):
        services.ticket_call(ticket=second, actor=counselor)
    second.refresh_from_db()
    assert second.status == Status.WAITING


def test_the_database_refuses_a_second_active_ticket_for_one_staff_member(
    organization, open_session, counselor
):
    first, second = (check_in(organization, open_session) for _ in range(2))
    services.ticket_call(ticket=first, actor=counselor)
    with pytest.raises(IntegrityError):
        DropinTicket.objects.filter(pk=second.pk).update(
            status=Status.CALLED, served_by=counselor, called_at=timezone.now()
        )


def test_a_race_for_the_same_ticket_moves_on_to_the_next(organization, open_session, counselor, coordinator):
    """The compare-and-set: when another desk took the candidate between read and update, call_next
    takes the next waiting ticket instead of the same one."""
    first, second = (check_in(organization, open_session) for _ in range(2))
    from kotopolku.dropin.services import queue as queue_services

    original = queue_services._claim
    raced = {"done": False}

    def claim_after_someone_else(ticket_pk, **kwargs):
        if not raced["done"]:
            raced["done"] = True
            assert original(ticket_pk, actor=coordinator, counter="", now=timezone.now())
        return original(ticket_pk, **kwargs)

    queue_services._claim = claim_after_someone_else
    try:
        called = services.ticket_call_next(queue=first.queue, actor=counselor)
    finally:
        queue_services._claim = original
    first.refresh_from_db()
    assert first.served_by == coordinator
    assert called is not None and called.pk == second.pk and called.served_by == counselor


def test_call_a_specific_ticket(organization, open_session, counselor, coordinator):
    _first, second = (check_in(organization, open_session) for _ in range(2))
    assert services.ticket_call(ticket=second, actor=counselor).status == Status.CALLED
    with pytest.raises(services.TicketNotAvailable):
        services.ticket_call(ticket=second, actor=coordinator)


def test_recall_once_only(organization, open_session, counselor):
    ticket = check_in(organization, open_session)
    services.ticket_call_next(queue=ticket.queue, actor=counselor)
    ticket.refresh_from_db()
    recalled = services.ticket_recall(ticket=ticket, actor=counselor)
    assert recalled.recall_count == 1
    with pytest.raises(services.QueueError):
        services.ticket_recall(ticket=recalled, actor=counselor)
    with pytest.raises(IntegrityError):
        DropinTicket.objects.filter(pk=ticket.pk).update(recall_count=2)


def test_only_the_caller_can_act_on_a_called_ticket(organization, open_session, counselor, coordinator):
    ticket = check_in(organization, open_session)
    services.ticket_call(ticket=ticket, actor=counselor)
    with pytest.raises(services.TicketNotAvailable):
        services.ticket_no_show(ticket=ticket, actor=coordinator)


def test_no_show_and_return_to_queue(organization, open_session, counselor):
    first, _second = (check_in(organization, open_session) for _ in range(2))
    services.ticket_call(ticket=first, actor=counselor)
    returned = services.ticket_return_to_queue(ticket=first, actor=counselor)
    assert returned.status == Status.WAITING and returned.served_by is None
    assert selectors.ticket_position(returned) == 1  # keeps its place
    services.ticket_call_next(queue=first.queue, actor=counselor)
    gone = services.ticket_no_show(ticket=first, actor=counselor)
    assert gone.status == Status.NO_SHOW and gone.finished_at is not None
    assert not DropinVisit.objects.exists()


# --- Outcomes -------------------------------------------------------------------------------------------


def test_finishing_records_an_anonymous_visit(organization, tuesday, counselor):
    session = tuesday_session(organization, tuesday)
    ticket = check_in(
        organization,
        session,
        minutes_after_start=0,
        name="Amina",
        phone="+358401234567",
        needs_interpreter=True,
    )
    services.ticket_call(ticket=ticket, actor=counselor, now=session.start + datetime.timedelta(minutes=12))
    services.ticket_start(ticket=ticket, actor=counselor, now=session.start + datetime.timedelta(minutes=13))
    visit = services.ticket_finish(
        ticket=ticket,
        actor=counselor,
        outcome=DropinOutcome.SOLVED,
        now=session.start + datetime.timedelta(minutes=31),
    )
    assert (visit.waited_minutes, visit.service_minutes) == (12, 18)
    assert (visit.topic, visit.language, visit.needs_interpreter, visit.outcome) == (
        "letter",
        "ar",
        True,
        "solved",
    )
    assert visit.session_date == datetime.date(2026, 12, 1) and visit.served_by == counselor
    # The anonymous contact holds nothing personal.
    row = DropinVisit.objects.filter(pk=visit.pk).values().first()
    assert row is not None
    values = " ".join(str(v) for v in row.values())
    assert "Amina" not in values and "358401234567" not in values
    with pytest.raises(services.QueueError):
        services.ticket_finish(ticket=ticket, actor=counselor, outcome=DropinOutcome.SOLVED)


def test_finish_needs_a_known_outcome(organization, open_session, counselor):
    ticket = check_in(organization, open_session)
    services.ticket_call(ticket=ticket, actor=counselor)
    with pytest.raises(services.QueueError):
        services.ticket_finish(ticket=ticket, actor=counselor, outcome="magic")
    ticket.refresh_from_db()
    assert ticket.status == Status.CALLED


def test_follow_up_links_only_an_appointment_of_the_same_municipality(
    organization, other_organization, open_session, counselor
):
    ticket = check_in(organization, open_session)
    services.ticket_call(ticket=ticket, actor=counselor)
    visit = services.ticket_finish(ticket=ticket, actor=counselor, outcome=DropinOutcome.FOLLOW_UP_BOOKED)
    foreign = factories.AppointmentFactory.create(organization=other_organization)
    with pytest.raises(services.QueueError):
        services.visit_link_follow_up(visit=visit, appointment=foreign, actor=counselor)
    own = factories.AppointmentFactory.create(organization=organization)
    assert (
        services.visit_link_follow_up(visit=visit, appointment=own, actor=counselor).follow_up_appointment
        == own
    )


# --- Visitors leave, near messages, closing -----------------------------------------------------------


def test_visitor_leaves_the_queue(organization, open_session):
    ticket = check_in(organization, open_session, name="Ali", phone="+358401234567")
    left = services.ticket_leave(ticket=ticket)
    assert left.status == Status.LEFT and left.name == "" and left.phone == ""
    with pytest.raises(services.TicketNotAvailable):
        services.ticket_leave(ticket=left)


def test_your_turn_is_near_is_texted_once_in_the_visitors_language(organization, open_session, counselor):
    tickets = [
        check_in(organization, open_session, phone=f"+35840123456{i}", language="uk") for i in range(5)
    ]
    queue = tickets[0].queue
    services.ticket_call_next(queue=queue, actor=counselor)
    near = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.DROPIN_TURN_NEAR)
    # After the call: numbers 2, 3 and 4 have at most two people ahead of them.
    assert sorted(m.recipient[-1] for m in near) == ["1", "2", "3"]
    assert all(m.language == "uk" and m.channel == "sms" and m.expires_at is not None for m in near)
    services.ticket_no_show(ticket=tickets[0], actor=counselor)
    services.ticket_call_next(queue=queue, actor=counselor)
    assert near.all().count() == 4  # number 5 now; nobody texted twice
    assert OutboxMessage.objects.filter(recipient=tickets[1].phone).count() == 1


def test_closing_tells_those_waiting_and_removes_names(organization, open_session, counselor, tuesday):
    served = check_in(organization, open_session, name="Olga")
    waiting_sms = check_in(organization, open_session, phone="+358401112223", language="ru")
    waiting_plain = check_in(organization, open_session, name="Nimi")
    services.ticket_call(ticket=served, actor=counselor)
    services.ticket_finish(ticket=served, actor=counselor, outcome="solved")
    assert services.queue_close(queue=served.queue, actor=counselor) == 2
    for ticket in (served, waiting_sms, waiting_plain):
        ticket.refresh_from_db()
    assert served.status == Status.DONE and served.name == ""
    assert waiting_sms.status == Status.NOT_SERVED and waiting_sms.phone == ""
    assert waiting_plain.status == Status.NOT_SERVED and waiting_plain.name == ""
    closed = OutboxMessage.objects.get(kind=OutboxMessage.Kind.DROPIN_SESSION_CLOSED)
    assert closed.recipient == "+358401112223" and closed.language == "ru"
    assert "/ru/" in closed.body and "/book/" in closed.body  # booking link in the visitor's language
    with pytest.raises(services.CheckInClosed):
        check_in(organization, open_session)
    with pytest.raises(services.QueueError):
        services.queue_close(queue=served.queue, actor=counselor)
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_QUEUE_CLOSED).count() == 1


def test_retention_removes_names_then_tickets_but_keeps_visits(organization, tuesday, counselor, settings):
    session = tuesday_session(organization, tuesday)
    ticket = check_in(organization, session, minutes_after_start=1, name="Sara", phone="+358401234567")
    services.ticket_call(ticket=ticket, actor=counselor, now=session.start + datetime.timedelta(minutes=2))
    services.ticket_finish(
        ticket=ticket, actor=counselor, outcome="solved", now=session.start + datetime.timedelta(minutes=9)
    )
    services.tickets_apply_retention(now=session.end + datetime.timedelta(days=1))
    ticket.refresh_from_db()
    assert ticket.name == "" and ticket.phone == ""
    settings.KOTOPOLKU_DROPIN_TICKET_RETENTION_DAYS = 30
    assert services.tickets_apply_retention(now=session.end + datetime.timedelta(days=31)) == 1
    assert not DropinTicket.objects.exists()
    assert DropinVisit.objects.count() == 1


def test_the_worker_closes_a_queue_staff_left_open(organization, tuesday, counselor):
    session = tuesday_session(organization, tuesday)
    waiting = check_in(organization, session, minutes_after_start=30, phone="+358401234567")
    assert services.queues_close_ended(now=session.end + datetime.timedelta(minutes=29)) == 0
    assert services.queues_close_ended(now=session.end + datetime.timedelta(minutes=31)) == 1
    waiting.refresh_from_db()
    assert waiting.status == Status.NOT_SERVED and waiting.queue.closed_by is None
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.DROPIN_SESSION_CLOSED).count() == 1
    assert services.queues_close_ended(now=session.end + datetime.timedelta(hours=2)) == 0
