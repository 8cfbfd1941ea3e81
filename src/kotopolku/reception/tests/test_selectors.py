"""The board's progress and the counts statistics need."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kotopolku.reception import selectors, services
from kotopolku.reception.models import ChecklistItem
from kotopolku.reception.tests import objects

pytestmark = pytest.mark.django_db


def _done(placement, key, days_after_arrival):
    assert placement.arrival_date is not None
    item = placement.checklist.get(key=key)
    services.checklist_item_update(
        item=item,
        data={
            "status": ChecklistItem.Status.DONE,
            "done_on": placement.arrival_date + datetime.timedelta(days=days_after_arrival),
        },
        actor=None,
    )


def test_board_groups_placements_and_counts_progress(organization, other_organization):
    proposal = objects.placement(organization)
    arrived = objects.arrived_placement(organization, days_ago=10)
    # Done: housing, electricity, furniture (before the arrival), town introduction; dvv (day 7) overdue.
    for key in ("housing", "electricity", "furniture"):
        _done(arrived, key, -3)
    _done(arrived, "town_introduction", 5)
    objects.arrived_placement(other_organization)

    board = selectors.board(organization=organization)

    assert [row.placement for row in board.proposals] == [proposal]
    assert [row.placement for row in board.arrived] == [arrived]
    progress = board.arrived[0].progress
    assert progress is not None
    assert (progress.total, progress.closed, progress.overdue) == (13, 4, 1)
    assert progress.next_item is not None and progress.next_item.key == "dvv_registration"
    assert arrived.arrival_date is not None
    assert progress.next_due == arrived.arrival_date + datetime.timedelta(days=7)


def test_items_done_on_time(organization):
    arrived = objects.arrived_placement(organization, days_ago=40)
    _done(arrived, "housing", -20)  # due -14: on time
    _done(arrived, "electricity", 0)  # due -7: late
    services.checklist_item_update(
        item=arrived.checklist.get(key="furniture"),
        data={"status": ChecklistItem.Status.NOT_NEEDED},
        actor=None,
    )
    today = timezone.localdate()

    counts = selectors.items_done_on_time(
        organization=organization, date_from=today - datetime.timedelta(days=365), date_to=today
    )

    # Due by today (arrival + up to 40 days): housing, electricity, furniture, dvv(7), kela(10), id(21),
    # bank(30), health(30), school(14), town(7) = 10; the rest (60, 90, 90) are due later.
    assert counts == {"met": 1, "late": 1, "overdue": 7, "open": 0, "not_needed": 1}


def test_days_to_milestones(organization):
    first = objects.arrived_placement(organization, days_ago=40)
    second = objects.arrived_placement(organization, days_ago=30)
    _done(first, "dvv_registration", 4)
    _done(second, "dvv_registration", 8)
    _done(second, "kela", 12)
    today = timezone.localdate()

    result = selectors.days_to_milestones(
        organization=organization, arrived_from=today - datetime.timedelta(days=60), arrived_to=today
    )

    assert result["dvv_registration"]["count"] == 2
    assert result["dvv_registration"]["median"] == 6
    assert result["dvv_registration"]["max"] == 8
    assert result["kela"]["count"] == 1
    assert set(result) == {"dvv_registration", "kela"}
