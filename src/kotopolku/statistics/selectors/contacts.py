"""Guidance contacts (clients app): month × service, service × channel, topic × month, language, channel."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from kotopolku.clients.models import GuidanceContact
from kotopolku.organizations.models import ServiceType
from kotopolku.statistics.periods import Period
from kotopolku.statistics.selectors.common import (
    Filters,
    _choice_labels,
    _in,
    _matrix_rows,
    _month_key,
    _scoped,
    _single_rows,
    language_label,
    month_label,
)
from kotopolku.statistics.tables import Figure, Section, Table

# --- Guidance contacts ----------------------------------------------------------------------------


def _has_topic(topic: str) -> Q:
    """The contact's topic list holds ``topic``: JSON containment (``@>``) on PostgreSQL; SQLite has no
    containment lookup, so there the quoted code is looked for in the JSON text (codes are distinct words)."""
    if connection.vendor == "postgresql":
        return Q(topics__contains=[topic])
    return Q(topics__icontains=f'"{topic}"')


def contacts_section(filters: Filters, previous: Period) -> Section:
    period = filters.period
    base = _scoped(GuidanceContact.objects.all(), filters)
    if filters.worker is not None:
        base = base.filter(worker=filters.worker)
    headline = base.filter(_in(period, "contact_date") | _in(previous, "contact_date")).aggregate(
        current=Count("id", filter=_in(period, "contact_date")),
        previous=Count("id", filter=_in(previous, "contact_date")),
        current_minutes=Sum("duration_minutes", filter=_in(period, "contact_date")),
        previous_minutes=Sum("duration_minutes", filter=_in(previous, "contact_date")),
    )
    contacts = base.filter(_in(period, "contact_date"))
    grouped = (
        contacts.annotate(month=TruncMonth("contact_date"))
        .values("month", "service_type", "channel", "client__preferred_language")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_month_service: Counter[tuple[Any, str]] = Counter()
    by_channel: Counter[str] = Counter()
    by_language: Counter[str] = Counter()
    by_service_channel: Counter[tuple[str, str]] = Counter()
    for row in grouped:
        month = _month_key(row["month"])
        by_month_service[(month, row["service_type"])] += row["n"]
        by_channel[row["channel"]] += row["n"]
        by_language[row["client__preferred_language"] or ""] += row["n"]
        by_service_channel[(row["service_type"], row["channel"])] += row["n"]

    topics = [key for key, _label in GuidanceContact.Topic.choices]
    topic_counts = (
        contacts.annotate(month=TruncMonth("contact_date"))
        .values("month")
        .annotate(**{f"t_{topic}": Count("id", filter=_has_topic(topic)) for topic in topics})
        .order_by("month")
    )
    by_topic_month: dict[tuple[str, Any], int] = {}
    for row in topic_counts:
        month = _month_key(row["month"])
        for topic in topics:
            by_topic_month[(topic, month)] = by_topic_month.get((topic, month), 0) + row[f"t_{topic}"]

    months = period.months()
    services = [key for key, _label in ServiceType.choices]
    service_labels = _choice_labels(ServiceType.choices)
    channel_labels = _choice_labels(GuidanceContact.Channel.choices)
    topic_labels = _choice_labels(GuidanceContact.Topic.choices)
    channels = [key for key, _label in GuidanceContact.Channel.choices]
    tables = [
        Table(
            key="contacts_month_service",
            title=_("Guidance contacts by month and service"),
            row_header=_("Month"),
            columns=[service_labels[key] for key in services],
            rows=_matrix_rows(by_month_service, months, services, month_label),
        ),
        Table(
            key="contacts_service_channel",
            title=_("Guidance contacts by service and channel"),
            row_header=_("Service"),
            columns=[channel_labels[key] for key in channels],
            rows=_matrix_rows(by_service_channel, services, channels, service_labels.get),
        ),
        Table(
            key="contacts_topic_month",
            title=_("Topics of guidance contacts by month"),
            row_header=_("Topic"),
            columns=[month_label(month) for month in months],
            rows=_matrix_rows(by_topic_month, topics, months, topic_labels.get),
            note=_("A contact about several topics counts once for each topic."),
        ),
        Table(
            key="contacts_language",
            title=_("Guidance contacts by the client's language"),
            row_header=_("Language"),
            columns=[_("Contacts")],
            rows=_single_rows(by_language, language_label),
        ),
        Table(
            key="contacts_channel",
            title=_("Guidance contacts by channel"),
            row_header=_("Channel"),
            columns=[_("Contacts")],
            rows=_single_rows(by_channel, lambda key: channel_labels.get(key, key), channels),
        ),
    ]
    return Section(
        key="contacts",
        title=_("Guidance contacts"),
        tables=tables,
        figures=[
            Figure(_("Guidance contacts"), headline["current"], headline["previous"]),
            Figure(
                _("Time spent (hours)"),
                round((headline["current_minutes"] or 0) / 60, 1),
                round((headline["previous_minutes"] or 0) / 60, 1),
            ),
        ],
        note=_("Place filter does not apply: a guidance contact has no place."),
    )
