"""Reads of the partner network, the hobby catalogue and referrals (public ones: published only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kotopolku.appointments.selectors import TZ
from kotopolku.network.models import (
    Activity,
    ActivityAgeGroup,
    ActivityLanguage,
    ActivitySuggestion,
    CooperationEntry,
    Event,
    JoinHelpRequest,
    Partner,
    Referral,
)
from kotopolku.organizations.models import Organization


@dataclass(frozen=True)
class HobbyFilters:
    """What the hobby finder and the API filter by; empty means "any"."""

    category: str = ""
    language: str = ""
    age_group: str = ""
    free_only: bool = False


class CooperationCount(TypedDict):
    month: datetime.date
    kind: str
    count: int


class ReferralCount(TypedDict):
    category: str
    outcome: str
    count: int


def _with_tags(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related("organizer").prefetch_related(
        Prefetch("spoken_languages", queryset=ActivityLanguage.objects.order_by("id")),
        Prefetch("age_groups", queryset=ActivityAgeGroup.objects.order_by("id")),
    )


def hobby_list_public(*, organization: Organization, filters: HobbyFilters) -> QuerySet[Activity]:
    """Published activities matching ``filters`` (three queries whatever the number of results)."""
    activities = Activity.objects.for_organization(organization).published()
    if filters.category:
        activities = activities.filter(category=filters.category)
    if filters.language:
        activities = activities.filter(spoken_languages__code=filters.language)
    if filters.age_group:
        activities = activities.filter(age_groups__group=filters.age_group)
    if filters.free_only:
        activities = activities.filter(price=Activity.Price.FREE)
    return _with_tags(activities.distinct()).order_by("category", "name", "id")


def hobby_get_public(*, organization: Organization, pk: int) -> Activity:
    return get_object_or_404(_with_tags(Activity.objects.for_organization(organization).published()), pk=pk)


def activity_list_for_staff(*, organization: Organization) -> QuerySet[Activity]:
    return _with_tags(Activity.objects.for_organization(organization)).order_by("-is_published", "name", "id")


def activity_get(*, organization: Organization, pk: int) -> Activity:
    return get_object_or_404(_with_tags(Activity.objects.for_organization(organization)), pk=pk)


def partner_list(
    *, organization: Organization, kind: str = "", active_only: bool = False
) -> QuerySet[Partner]:
    partners = Partner.objects.for_organization(organization).annotate(activity_count=Count("activities"))
    if kind:
        partners = partners.filter(kind=kind)
    if active_only:
        partners = partners.filter(is_active=True)
    return partners.order_by("-is_active", "name", "id")


def partner_get(*, organization: Organization, pk: int) -> Partner:
    return get_object_or_404(Partner.objects.for_organization(organization), pk=pk)


def cooperation_list(*, organization: Organization) -> QuerySet[CooperationEntry]:
    return (
        CooperationEntry.objects.for_organization(organization)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
    )


def cooperation_get(*, organization: Organization, pk: int) -> CooperationEntry:
    return get_object_or_404(CooperationEntry.objects.for_organization(organization), pk=pk)


def cooperation_counts(
    *, organization: Organization, date_from: datetime.date, date_to: datetime.date
) -> list[CooperationCount]:
    """Cooperation entries per month and kind, e.g. for the regional programme's report:
    ``[{"month": date(2026, 3, 1), "kind": "network_meeting", "count": 2}, …]`` (both ends included)."""
    rows = (
        CooperationEntry.objects.for_organization(organization)
        .filter(date__gte=date_from, date__lte=date_to)
        .annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(count=Count("id"))
        .order_by("month", "kind")
    )
    return [CooperationCount(month=row["month"], kind=row["kind"], count=row["count"]) for row in rows]


def cooperation_counts_by_partner_kind(
    *, organization: Organization, date_from: datetime.date, date_to: datetime.date
) -> dict[str, int]:
    """How many cooperation entries involved each kind of partner (an entry counts once per kind)."""
    rows = (
        CooperationEntry.objects.for_organization(organization)
        .filter(date__gte=date_from, date__lte=date_to)
        .values("partners__kind")
        .annotate(count=Count("id", distinct=True))
        .order_by("partners__kind")
    )
    return {row["partners__kind"]: row["count"] for row in rows if row["partners__kind"]}


def suggestion_list(*, organization: Organization, status: str = "") -> QuerySet[ActivitySuggestion]:
    suggestions = ActivitySuggestion.objects.for_organization(organization)
    if status:
        suggestions = suggestions.filter(status=status)
    return suggestions


def suggestion_get(*, organization: Organization, pk: int) -> ActivitySuggestion:
    return get_object_or_404(ActivitySuggestion.objects.for_organization(organization), pk=pk)


def join_request_list(*, organization: Organization, status: str = "") -> QuerySet[JoinHelpRequest]:
    requests = JoinHelpRequest.objects.for_organization(organization).select_related("activity")
    if status:
        requests = requests.filter(status=status)
    return requests


def join_request_get(*, organization: Organization, pk: int) -> JoinHelpRequest:
    return get_object_or_404(
        JoinHelpRequest.objects.for_organization(organization).select_related("activity", "handled_by"), pk=pk
    )


def event_list_public(
    *, organization: Organization, start_from: datetime.datetime, start_to: datetime.datetime | None = None
) -> QuerySet[Event]:
    """Published events that have not ended by ``start_from`` (and start before ``start_to``)."""
    events = Event.objects.for_organization(organization).published().filter(end__gt=start_from)
    if start_to is not None:
        events = events.filter(start__lt=start_to)
    return events.select_related("organizer").order_by("start", "id")


def events_between(
    *, organization: Organization, date_from: datetime.date, date_to: datetime.date
) -> QuerySet[Event]:
    """Published events overlapping the days ``date_from``–``date_to`` (Helsinki time, both included)."""
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=TZ)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ)
    return event_list_public(organization=organization, start_from=start, start_to=end)


def event_list_for_staff(*, organization: Organization, include_past: bool = False) -> QuerySet[Event]:
    events = Event.objects.for_organization(organization).select_related("organizer")
    if not include_past:
        events = events.filter(end__gt=timezone.now())
    return events.order_by("start", "id")


def event_get(*, organization: Organization, pk: int) -> Event:
    return get_object_or_404(Event.objects.for_organization(organization), pk=pk)


def referral_list(
    *, organization: Organization, outcome: str = "", client_id: int | None = None
) -> QuerySet[Referral]:
    referrals = Referral.objects.for_organization(organization).select_related(
        "client", "activity", "partner", "referred_by"
    )
    if outcome:
        referrals = referrals.filter(outcome=outcome)
    if client_id is not None:
        referrals = referrals.filter(client_id=client_id)
    return referrals


def referrals_due(*, organization: Organization, on: datetime.date | None = None) -> QuerySet[Referral]:
    """Pending referrals whose follow-up date has come."""
    day = on or timezone.localdate(timezone.now(), TZ)
    return referral_list(organization=organization, outcome=Referral.Outcome.PENDING).filter(
        follow_up_on__lte=day
    )


def referral_get(*, organization: Organization, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.for_organization(organization).select_related("client", "activity", "partner"), pk=pk
    )


def referral_counts(
    *, organization: Organization, date_from: datetime.date, date_to: datetime.date
) -> list[ReferralCount]:
    """Referrals made in the period by category and outcome (no personal data), for the statistics:
    ``[{"category": "sports", "outcome": "joined", "count": 3}, …]``."""
    rows = (
        Referral.objects.for_organization(organization)
        .filter(referred_on__gte=date_from, referred_on__lte=date_to)
        .values("category", "outcome")
        .annotate(count=Count("id"))
        .order_by("category", "outcome")
    )
    return [ReferralCount(category=r["category"], outcome=r["outcome"], count=r["count"]) for r in rows]
