"""Two (or more) staff pressing "call next" at the same moment never get the same ticket.

Real concurrent transactions on PostgreSQL, one database connection per thread. (SQLite serializes
writers, so the race cannot happen there; the compare-and-set fallback is tested in
test_queue_services.)"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from kotopolku.dropin import services
from kotopolku.dropin.models import DropinTicket, DropinVisit
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = 4


def _require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs concurrent writers: PostgreSQL")


def _run_together(workers):
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work):
        try:
            barrier.wait(timeout=10)
            work()
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.fixture
def desks(organization):
    return [factories.CounselorFactory.create(organization=organization) for _ in range(STAFF)]


def test_simultaneous_call_next_gives_different_tickets(organization, open_session, desks):
    _require_postgresql()
    for _ in range(STAFF):
        services.ticket_check_in(
            organization=organization, session=open_session, language="fi", topic="other"
        )
    queue = DropinTicket.objects.get(number=1).queue
    called: dict[int, int | None] = {}

    def desk(person):
        def work():
            ticket = services.ticket_call_next(queue=queue, actor=person)
            called[person.pk] = ticket.pk if ticket else None

        return work

    _run_together([desk(person) for person in desks])
    assert None not in called.values()
    assert len(set(called.values())) == STAFF  # everyone got someone, nobody the same ticket
    assert DropinTicket.objects.filter(status="called").count() == STAFF


def test_a_busy_session_serves_everyone_exactly_once(organization, open_session, desks):
    _require_postgresql()
    total = 40
    for _ in range(total):
        services.ticket_check_in(
            organization=organization, session=open_session, language="fi", topic="letter"
        )
    queue = DropinTicket.objects.get(number=1).queue
    served: list[int] = []
    lock = threading.Lock()

    def desk(person):
        def work():
            while (ticket := services.ticket_call_next(queue=queue, actor=person)) is not None:
                services.ticket_finish(ticket=ticket, actor=person, outcome="solved")
                with lock:
                    served.append(ticket.pk)

        return work

    _run_together([desk(person) for person in desks])
    assert len(served) == total
    assert max(Counter(served).values()) == 1
    assert DropinVisit.objects.count() == total
    assert not DropinTicket.objects.exclude(status="done").exists()
