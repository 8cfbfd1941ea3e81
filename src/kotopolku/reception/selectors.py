"""Reads of the reception: the board, one placement with its checklist, and the counts statistics
need ("items done on time", "days to each milestone")."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kotopolku.organizations.models import Organization
from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement

ITEM_ORDER = ("offset_days", "position", "id")


@dataclass(frozen=True)
class Progress:
    total: int
    closed: int
    overdue: int
    next_item: ChecklistItem | None
    next_due: datetime.date | None

    @property
    def percent(self) -> int:
        return round(100 * self.closed / self.total) if self.total else 0


def checklist_progress(placement: Placement, items: list[ChecklistItem], *, today: datetime.date) -> Progress:
    """Done (or not needed) out of all, open items past their due date, and the next open item."""
    open_items = [item for item in items if not item.is_closed]
    arrival = placement.arrival_date
    overdue = [item for item in open_items if arrival is not None and item.due_on(arrival) < today]  # type: ignore[operator]
    next_item = open_items[0] if open_items else None
    return Progress(
        total=len(items),
        closed=len(items) - len(open_items),
        overdue=len(overdue),
        next_item=next_item,
        next_due=next_item.due_on(arrival) if next_item is not None else None,
    )


@dataclass(frozen=True)
class BoardRow:
    placement: Placement
    progress: Progress | None


@dataclass
class Board:
    proposals: list[BoardRow]
    coming: list[BoardRow]
    arrived: list[BoardRow]
    declined: list[BoardRow]


def _with_checklist(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    return queryset.prefetch_related(
        Prefetch("checklist", queryset=ChecklistItem.objects.select_related("owner").order_by(*ITEM_ORDER))
    )


def board(*, organization: Organization, today: datetime.date | None = None) -> Board:
    """Every placement of the municipality, grouped by its stage; two queries whatever the size."""
    today = today or timezone.localdate()
    result = Board(proposals=[], coming=[], arrived=[], declined=[])
    placements = _with_checklist(Placement.objects.for_organization(organization).select_related("household"))
    for placement in placements:
        items = list(placement.checklist.all())
        progress = checklist_progress(placement, items, today=today) if items else None
        row = BoardRow(placement=placement, progress=progress)
        {
            Placement.Status.PROPOSED: result.proposals,
            Placement.Status.ACCEPTED: result.coming,
            Placement.Status.ARRIVED: result.arrived,
            Placement.Status.DECLINED: result.declined,
        }[Placement.Status(placement.status)].append(row)
    far = datetime.date.max
    result.coming.sort(key=lambda row: row.placement.arrival_date or far)
    result.arrived.sort(key=lambda row: row.placement.arrival_date or far, reverse=True)
    return result


def placement_with_checklist(*, organization: Organization, pk: int) -> Placement | None:
    return (
        _with_checklist(
            Placement.objects.for_organization(organization).select_related("household", "decided_by")
        )
        .filter(pk=pk)
        .first()
    )


def template_items(*, organization: Organization) -> QuerySet[ChecklistTemplateItem]:
    return (
        ChecklistTemplateItem.objects.for_organization(organization)
        .select_related("default_owner")
        .order_by("-is_active", "offset_days", "position", "id")
    )


# --- Counts for statistics ----------------------------------------------------------------------


def items_done_on_time(
    *,
    organization: Organization,
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Checklist items due in ``[date_from, date_to]`` (arrival + offset): done on time, done late,
    overdue (open past the due date), open, and not needed."""
    today = today or timezone.localdate()
    counts = {"met": 0, "late": 0, "overdue": 0, "open": 0, "not_needed": 0}
    rows = ChecklistItem.objects.filter(
        placement__organization=organization,
        placement__arrival_date__isnull=False,
        placement__status__in=[Placement.Status.ACCEPTED, Placement.Status.ARRIVED],
    ).values_list("placement__arrival_date", "offset_days", "status", "done_on")
    for arrival, offset, status, done_on in rows:
        if arrival is None:
            continue
        due = arrival + datetime.timedelta(days=offset)
        if not date_from <= due <= date_to:
            continue
        if status == ChecklistItem.Status.NOT_NEEDED:
            counts["not_needed"] += 1
        elif status == ChecklistItem.Status.DONE and done_on is not None:
            counts["met" if done_on <= due else "late"] += 1
        else:
            counts["overdue" if due < today else "open"] += 1
    return counts


def days_to_milestones(
    *, organization: Organization, arrived_from: datetime.date, arrived_to: datetime.date
) -> dict[str, dict[str, float | int | str]]:
    """For households that arrived in ``[arrived_from, arrived_to]``: how many days from the arrival
    each default step (by its key, e.g. ``dvv_registration``) took when it was done.

    ``{"dvv_registration": {"title": …, "count": 4, "median": 6, "average": 6.5, "max": 12}, …}``
    """
    titles = dict(
        ChecklistTemplateItem.objects.for_organization(organization)
        .exclude(key="")
        .values_list("key", "title")
    )
    days: dict[str, list[int]] = defaultdict(list)
    rows = (
        ChecklistItem.objects.filter(
            placement__organization=organization,
            placement__status=Placement.Status.ARRIVED,
            placement__arrival_date__gte=arrived_from,
            placement__arrival_date__lte=arrived_to,
            status=ChecklistItem.Status.DONE,
        )
        .exclude(key="")
        .values_list("key", "placement__arrival_date", "done_on")
    )
    for key, arrival, done_on in rows:
        if arrival is not None and done_on is not None:
            days[key].append((done_on - arrival).days)
    return {
        key: {
            "title": titles.get(key, key),
            "count": len(values),
            "median": statistics.median(values),
            "average": round(statistics.fmean(values), 1),
            "max": max(values),
        }
        for key, values in sorted(days.items())
    }
