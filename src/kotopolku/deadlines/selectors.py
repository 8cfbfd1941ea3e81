"""Reads of the deadlines app: the worklist (legal deadlines + follow-up tasks), the clients due for a
permit reminder, and the counts statistics need (deadlines met or missed, tasks done on time)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kotopolku.clients.models import Client
from kotopolku.deadlines import legal_rules
from kotopolku.deadlines.legal_rules import Deadline, DeadlineKind, DeadlineState, PersonDates
from kotopolku.deadlines.models import FollowUpTask, PermitReminder, ReminderConsent
from kotopolku.organizations.models import Organization

if TYPE_CHECKING:
    from kotopolku.accounts.models import User

# The worklist looks this many days ahead ("what falls due in the next 30 days").
HORIZON_DAYS = 30
# Missed legal deadlines stay on the worklist this long; after that the right to the service has
# usually lapsed and the entry would only hide the current work. Tasks stay until done.
OVERDUE_LOOKBACK_DAYS = 90

Who = Literal["mine", "team"]


def person_dates(client: Client) -> PersonDates:
    return PersonDates(
        first_permit_date=client.first_residence_permit_date,
        is_trafficking_victim=client.target_group == Client.TargetGroup.TRAFFICKING_VICTIM,
        assessment_date=client.assessment_date,
        plan_date=client.integration_plan_date,
        plan_ends_on=client.plan_ends_on,
        referral_date=client.first_referral_date,
        permit_expires_on=client.permit_expires_on,
    )


def client_deadlines(client: Client, *, today: datetime.date | None = None) -> list[Deadline]:
    """Every legal deadline of one client (for the client page and the worklist)."""
    return legal_rules.deadlines_for(person_dates(client), today=today or timezone.localdate())


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist: a legal deadline of a client, or a follow-up task."""

    due: datetime.date
    state: DeadlineState
    title: str
    client: Client | None
    worker: User | None
    deadline: Deadline | None = None
    task: FollowUpTask | None = None

    @property
    def is_overdue(self) -> bool:
        return self.state == DeadlineState.OVERDUE


@dataclass
class Worklist:
    today: datetime.date
    horizon: datetime.date
    who: Who
    overdue: list[WorkItem] = field(default_factory=list)
    coming: list[WorkItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.coming)


def _on_worklist(deadline: Deadline, *, today: datetime.date, horizon: datetime.date) -> bool:
    if deadline.state == DeadlineState.OVERDUE:
        return deadline.due >= today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    if deadline.state not in {DeadlineState.UPCOMING, DeadlineState.DUE_SOON}:
        return False
    if deadline.kind == DeadlineKind.PERMIT_RENEWAL:
        # From the day the window opens within the horizon until the expiry: tell the client to apply.
        return deadline.opens is not None and deadline.opens <= horizon
    return deadline.due <= horizon


def _worklist_clients(organization: Organization, *, user: User, who: Who) -> QuerySet[Client]:
    clients = (
        Client.objects.for_organization(organization)
        .filter(anonymized_at__isnull=True)
        .filter(
            Q(first_residence_permit_date__isnull=False)
            | Q(integration_plan_date__isnull=False)
            | Q(permit_expires_on__isnull=False)
        )
        .select_related("responsible_worker")
    )
    if who == "mine":
        mine = Client.additional_workers.through.objects.filter(client_id=OuterRef("pk"), user_id=user.pk)
        clients = clients.filter(Q(responsible_worker=user) | Exists(mine))
    return clients


def worklist(
    *, organization: Organization, user: User, who: Who = "mine", today: datetime.date | None = None
) -> Worklist:
    """What falls due in the next ``HORIZON_DAYS`` days and what is overdue, for ``user`` ("mine": the
    clients they are responsible for or work with, and their own tasks) or the whole team.

    Two queries whatever the number of clients: the clients with dates, and the open tasks.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    result = Worklist(today=today, horizon=horizon, who=who)
    items: list[WorkItem] = []
    for client in _worklist_clients(organization, user=user, who=who):
        for deadline in client_deadlines(client, today=today):
            if _on_worklist(deadline, today=today, horizon=horizon):
                items.append(
                    WorkItem(
                        due=deadline.due,
                        state=deadline.state,
                        title=deadline.kind.label,
                        client=client,
                        worker=client.responsible_worker,
                        deadline=deadline,
                    )
                )
    tasks = (
        FollowUpTask.objects.for_organization(organization)
        .filter(done_at__isnull=True, due_on__lte=horizon)
        .select_related("client", "assignee")
    )
    if who == "mine":
        tasks = tasks.filter(assignee=user)
    for task in tasks:
        items.append(
            WorkItem(
                due=task.due_on,
                state=_task_state(task.due_on, today),
                title=task.title,
                client=task.client,
                worker=task.assignee,
                task=task,
            )
        )
    items.sort(key=lambda item: (item.due, item.task is not None, item.title))
    result.overdue = [item for item in items if item.state == DeadlineState.OVERDUE]
    result.coming = [item for item in items if item.state != DeadlineState.OVERDUE]
    return result


def _task_state(due: datetime.date, today: datetime.date) -> DeadlineState:
    if due < today:
        return DeadlineState.OVERDUE
    return (
        DeadlineState.DUE_SOON if (due - today).days <= legal_rules.DUE_SOON_DAYS else DeadlineState.UPCOMING
    )


def recently_done_tasks(
    *, organization: Organization, user: User, who: Who, limit: int = 10
) -> QuerySet[FollowUpTask]:
    tasks = (
        FollowUpTask.objects.for_organization(organization)
        .filter(done_at__isnull=False)
        .select_related("client", "assignee")
        .order_by("-done_at")
    )
    if who == "mine":
        tasks = tasks.filter(assignee=user)
    return tasks[:limit]


# --- Permit reminders ---------------------------------------------------------------------------


def clients_due_for_permit_reminder(*, today: datetime.date) -> list[Client]:
    """Clients of every municipality who consented, whose permit renewal window is open today, who can
    be reached, and who have had no reminder for this permit yet."""
    consented = ReminderConsent.objects.filter(client_id=OuterRef("pk"), withdrawn_at__isnull=True)
    reminded = PermitReminder.objects.filter(
        client_id=OuterRef("pk"), permit_expires_on=OuterRef("permit_expires_on")
    )
    candidates = (
        Client.objects.filter(
            anonymized_at__isnull=True,
            permit_expires_on__gte=today,
            permit_expires_on__lte=today + datetime.timedelta(days=100),
        )
        .filter(~Q(phone="") | ~Q(email=""))
        .filter(Exists(consented))
        .exclude(Exists(reminded))
        .select_related("organization")
        .order_by("pk")
    )
    return [
        client
        for client in candidates
        if client.permit_expires_on is not None
        and legal_rules.permit_renewal_window_is_open(client.permit_expires_on, today)
    ]


def permit_reminder_overview(*, organization: Organization, today: datetime.date | None = None) -> list[dict]:
    """The municipality's clients whose permit expires within the next six months: consent and whether
    a reminder was queued for the current permit (the staff's reminder page)."""
    today = today or timezone.localdate()
    clients = (
        Client.objects.for_organization(organization)
        .filter(
            anonymized_at__isnull=True,
            permit_expires_on__gte=today,
            permit_expires_on__lte=legal_rules.add_months(today, 6),
        )
        .select_related("responsible_worker", "reminder_consent")
        .order_by("permit_expires_on", "last_name", "pk")
    )
    reminded = {
        (client_id, expiry)
        for client_id, expiry in PermitReminder.objects.for_organization(organization)
        .filter(permit_expires_on__gte=today)
        .values_list("client_id", "permit_expires_on")
    }
    rows = []
    for client in clients:
        assert client.permit_expires_on is not None
        consent = getattr(client, "reminder_consent", None)
        rows.append(
            {
                "client": client,
                "deadline": legal_rules.permit_renewal_deadline(
                    permit_expires_on=client.permit_expires_on, today=today
                ),
                "consent": consent if consent is not None and consent.is_active else None,
                "reachable": bool(client.phone or client.email),
                "reminded": (client.pk, client.permit_expires_on) in reminded,
            }
        )
    return rows


# --- Counts for statistics ----------------------------------------------------------------------


def deadline_outcomes(
    *,
    organization: Organization,
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date | None = None,
) -> dict[str, dict[str, int]]:
    """For each obligation of the municipality (assessment, first plan, referral): how many deadlines
    that end in ``[date_from, date_to]`` were met on time, done late, are overdue (missed and not
    done) or still open. Anonymized records count too (only their dates are used).

    ``{"assessment": {"met": 3, "late": 1, "overdue": 0, "open": 2}, ...}``
    """
    today = today or timezone.localdate()
    counts: dict[str, Counter[str]] = {str(kind): Counter() for kind in legal_rules.OBLIGATIONS}
    clients = (
        Client.objects.for_organization(organization)
        .filter(Q(first_residence_permit_date__isnull=False) | Q(integration_plan_date__isnull=False))
        .only(
            "target_group",
            "first_residence_permit_date",
            "assessment_date",
            "integration_plan_date",
            "plan_ends_on",
            "first_referral_date",
            "permit_expires_on",
        )
    )
    for client in clients:
        for deadline in client_deadlines(client, today=today):
            if deadline.kind not in legal_rules.OBLIGATIONS or not date_from <= deadline.due <= date_to:
                continue
            bucket = {
                DeadlineState.MET: "met",
                DeadlineState.LATE: "late",
                DeadlineState.OVERDUE: "overdue",
            }.get(deadline.state, "open")
            counts[str(deadline.kind)][bucket] += 1
    return {
        kind: {bucket: counter[bucket] for bucket in ("met", "late", "overdue", "open")}
        for kind, counter in counts.items()
    }


def task_outcomes(
    *,
    organization: Organization,
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Follow-up tasks due in ``[date_from, date_to]``: done on time, done late, overdue, open."""
    today = today or timezone.localdate()
    result = {"met": 0, "late": 0, "overdue": 0, "open": 0}
    tasks = FollowUpTask.objects.for_organization(organization).filter(
        due_on__gte=date_from, due_on__lte=date_to
    )
    for due_on, done_at in tasks.values_list("due_on", "done_at"):
        if done_at is not None:
            result["met" if timezone.localdate(done_at) <= due_on else "late"] += 1
        else:
            result["overdue" if due_on < today else "open"] += 1
    return result
