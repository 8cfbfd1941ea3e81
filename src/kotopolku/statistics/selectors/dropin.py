"""The drop-in hour: sessions and visits, waiting and service time, outcomes, topics, languages."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from kotopolku.dropin.models import DropinOutcome, DropinTicket, DropinTopic, DropinVisit
from kotopolku.statistics.periods import Period
from kotopolku.statistics.selectors.common import (
    Filters,
    _choice_labels,
    _columns,
    _in,
    _in_time,
    _matrix_rows,
    _percentiles,
    _scoped,
    _single_rows,
    language_label,
    month_label,
)
from kotopolku.statistics.tables import MEASURES, Figure, Row, Section, Table

# --- Drop-in --------------------------------------------------------------------------------------


def _dropin_visits(filters: Filters) -> QuerySet[DropinVisit]:
    visits = _scoped(DropinVisit.objects.all(), filters)
    if filters.place is not None:
        visits = visits.filter(place=filters.place)
    if filters.worker is not None:
        visits = visits.filter(served_by=filters.worker)
    return visits


def dropin_section(filters: Filters, previous: Period) -> Section:
    period = filters.period
    base = _dropin_visits(filters)
    headline = base.filter(_in(period, "session_date") | _in(previous, "session_date")).aggregate(
        current=Count("id", filter=_in(period, "session_date")),
        previous=Count("id", filter=_in(previous, "session_date")),
        current_sessions=Count("session_key", filter=_in(period, "session_date"), distinct=True),
        previous_sessions=Count("session_key", filter=_in(previous, "session_date"), distinct=True),
    )
    visits = base.filter(_in(period, "session_date"))
    grouped = visits.values("outcome", "topic", "language").annotate(n=Count("id")).order_by()
    by_outcome: Counter[str] = Counter()
    by_topic_outcome: Counter[tuple[str, str]] = Counter()
    by_language: Counter[str] = Counter()
    for row in grouped:
        by_outcome[row["outcome"]] += row["n"]
        by_topic_outcome[(row["topic"], row["outcome"])] += row["n"]
        by_language[row["language"]] += row["n"]

    per_month = (
        visits.annotate(month=TruncMonth("session_date"))
        .values("month")
        .annotate(visits=Count("id"), sessions=Count("session_key", distinct=True))
        .order_by("month")
    )
    month_rows = [
        Row(
            month_label(row["month"]),
            [float(row["sessions"]), float(row["visits"]), round(row["visits"] / row["sessions"], 1)],
            [row["visits"]] * 3,
        )
        for row in per_month
    ]

    measures = _percentiles(
        visits,
        {"wait": F("waited_minutes"), "service": F("service_minutes")},
        lambda qs: _columns(qs.values_list("waited_minutes", "service_minutes"), ["wait", "service"]),
    )
    n_visits = sum(by_outcome.values())
    ticket_states = (
        _scoped(DropinTicket.objects.all(), filters)
        .filter(_in_time(period, "queue__start"))
        .filter(**({"queue__place": filters.place} if filters.place is not None else {}))
        .filter(
            status__in=[DropinTicket.Status.NO_SHOW, DropinTicket.Status.LEFT, DropinTicket.Status.NOT_SERVED]
        )
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    not_served = Counter({row["status"]: row["n"] for row in ticket_states})

    outcome_keys = [key for key, _label in DropinOutcome.choices]
    outcome_labels = _choice_labels(DropinOutcome.choices)
    topic_keys = [key for key, _label in DropinTopic.choices]
    topic_labels = _choice_labels(DropinTopic.choices)
    ticket_labels = _choice_labels(DropinTicket.Status.choices)
    solved = by_outcome[DropinOutcome.SOLVED]
    follow_up = by_outcome[DropinOutcome.FOLLOW_UP_BOOKED]

    def share(part: int) -> float | None:
        return round(100 * part / n_visits, 1) if n_visits else None

    tables = [
        Table(
            key="dropin_month",
            title=_("Drop-in sessions and visits by month"),
            row_header=_("Month"),
            columns=[_("Sessions"), _("Visits"), _("Visits per session")],
            rows=month_rows,
            kind=MEASURES,
            chart_column=1,
        ),
        Table(
            key="dropin_times",
            title=_("Waiting and service time at the drop-in hour (minutes)"),
            row_header=_("Measure"),
            columns=[_("Median"), _("90th percentile")],
            rows=[
                Row(_("Waiting time"), [measures["wait_p50"], measures["wait_p90"]], [n_visits] * 2),
                Row(_("Service time"), [measures["service_p50"], measures["service_p90"]], [n_visits] * 2),
            ]
            if n_visits
            else [],
            kind=MEASURES,
            chart_column=0,
        ),
        Table(
            key="dropin_outcomes",
            title=_("Drop-in visits by outcome"),
            row_header=_("Outcome"),
            columns=[_("Visits")],
            rows=_single_rows(by_outcome, outcome_labels.get, outcome_keys),
        ),
        Table(
            key="dropin_topics",
            title=_("Drop-in visits by topic and outcome"),
            row_header=_("Topic"),
            columns=[outcome_labels[key] for key in outcome_keys],
            rows=_matrix_rows(by_topic_outcome, topic_keys, outcome_keys, topic_labels.get),
        ),
        Table(
            key="dropin_languages",
            title=_("Drop-in visits by language"),
            row_header=_("Language"),
            columns=[_("Visits")],
            rows=_single_rows(by_language, language_label),
        ),
        Table(
            key="dropin_not_served",
            title=_("Drop-in visitors who were not served"),
            row_header=_("Why"),
            columns=[_("People")],
            rows=_single_rows(not_served, ticket_labels.get, list(not_served)),
        ),
    ]
    return Section(
        key="dropin",
        title=_("Drop-in hour"),
        tables=tables,
        figures=[
            Figure(_("Visits"), headline["current"], headline["previous"]),
            Figure(_("Sessions"), headline["current_sessions"], headline["previous_sessions"]),
            Figure(_("Solved at once (%)"), share(solved), None),
            Figure(_("Follow-up appointment booked (%)"), share(follow_up), None),
            Figure(_("Median waiting time (minutes)"), measures["wait_p50"], None),
        ],
    )
