"""Appointments (statuses, channels, cancellations, lead time, call-backs) and interpreter use."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, DurationField, F, Q, QuerySet, Sum
from django.db.models.functions import Lower, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.appointments.models import Appointment, CallbackRequest, InterpreterMode, MeetingMode
from kotopolku.clients.languages import CLIENT_LANGUAGES
from kotopolku.clients.models import GuidanceContact
from kotopolku.statistics.aggregates import (
    EpochSeconds,
)
from kotopolku.statistics.periods import Period
from kotopolku.statistics.selectors.common import (
    Filters,
    _choice_labels,
    _in,
    _in_time,
    _matrix_rows,
    _month_key,
    _percentiles,
    _scoped,
    _single_rows,
    language_label,
    month_label,
)
from kotopolku.statistics.selectors.dropin import _dropin_visits
from kotopolku.statistics.tables import MEASURES, Figure, Row, Section, Table

# --- Appointments ---------------------------------------------------------------------------------


def _appointments_base(filters: Filters) -> QuerySet[Appointment]:
    appointments = _scoped(Appointment.objects.all(), filters)
    if filters.place is not None:
        appointments = appointments.filter(place=filters.place)
    if filters.worker is not None:
        appointments = appointments.filter(staff=filters.worker)
    return appointments


def appointments_section(filters: Filters, previous: Period) -> Section:
    period = filters.period
    base = _appointments_base(filters)
    status = Appointment.Status
    cur, prev = _in_time(period, "start"), _in_time(previous, "start")
    headline = base.filter(cur | prev).aggregate(
        current=Count("id", filter=cur),
        previous=Count("id", filter=prev),
        current_attended=Count("id", filter=cur & Q(status=status.ATTENDED)),
        previous_attended=Count("id", filter=prev & Q(status=status.ATTENDED)),
        current_no_show=Count("id", filter=cur & Q(status=status.NO_SHOW)),
        previous_no_show=Count("id", filter=prev & Q(status=status.NO_SHOW)),
    )
    appointments = base.filter(cur)
    tz = timezone.get_current_timezone()
    grouped = (
        appointments.annotate(month=TruncMonth("start", tzinfo=tz))
        .values("month", "status", "channel", "mode")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_month_status: Counter[tuple[Any, str]] = Counter()
    by_channel_status: Counter[tuple[str, str]] = Counter()
    by_mode: Counter[str] = Counter()
    for row in grouped:
        by_month_status[(_month_key(row["month"]), row["status"])] += row["n"]
        by_channel_status[(row["channel"], row["status"])] += row["n"]
        by_mode[row["mode"]] += row["n"]

    hour = datetime.timedelta(hours=1)
    cancelled = appointments.filter(status=status.CANCELLED)
    buckets = {
        "after": Q(cancelled_at__gte=F("start")),
        "under_24h": Q(cancelled_at__lt=F("start"), cancelled_at__gte=F("start") - 24 * hour),
        "1_7_days": Q(cancelled_at__lt=F("start") - 24 * hour, cancelled_at__gte=F("start") - 7 * 24 * hour),
        "over_7_days": Q(cancelled_at__lt=F("start") - 7 * 24 * hour),
    }
    lateness = cancelled.aggregate(
        **{
            f"{who}_{bucket}": Count("id", filter=condition & Q(cancelled_by_client=(who == "client")))
            for bucket, condition in buckets.items()
            for who in ("client", "staff")
        }
    )
    lead = _percentiles(
        appointments.exclude(status=status.CANCELLED),
        {"lead": EpochSeconds(F("start") - F("created_at"))},
        lambda qs: {
            "lead": [
                (start - created).total_seconds() for start, created in qs.values_list("start", "created_at")
            ]
        },
    )
    booked_count = sum(n for (_c, st), n in by_channel_status.items() if st != status.CANCELLED)
    callbacks = (
        _scoped(CallbackRequest.objects.all(), filters)
        .filter(_in_time(period, "created_at"))
        .aggregate(total=Count("id"), handled=Count("id", filter=Q(status=CallbackRequest.Status.HANDLED)))
    )

    statuses = [key for key, _label in status.choices]
    status_labels = _choice_labels(status.choices)
    channel_keys = [key for key, _label in Appointment.Channel.choices]
    channel_labels = _choice_labels(Appointment.Channel.choices)
    mode_labels = _choice_labels(MeetingMode.choices)
    bucket_labels = {
        "over_7_days": _("More than 7 days before"),
        "1_7_days": _("1–7 days before"),
        "under_24h": _("Less than 24 hours before"),
        "after": _("At or after the start time"),
    }
    days = 24 * 3600

    def lead_days(key: str) -> float | None:
        value = lead[key]
        return round(value / days, 1) if value is not None else None

    tables = [
        Table(
            key="appointments_month_status",
            title=_("Appointments by month and status"),
            row_header=_("Month"),
            columns=[status_labels[key] for key in statuses],
            rows=_matrix_rows(by_month_status, period.months(), statuses, month_label),
        ),
        Table(
            key="appointments_channel_status",
            title=_("Appointments by how they were booked"),
            row_header=_("Booked"),
            columns=[status_labels[key] for key in statuses],
            rows=_matrix_rows(by_channel_status, channel_keys, statuses, channel_labels.get),
        ),
        Table(
            key="appointments_mode",
            title=_("Appointments by meeting mode"),
            row_header=_("Meeting mode"),
            columns=[_("Appointments")],
            rows=_single_rows(by_mode, lambda key: mode_labels.get(key, key)),
        ),
        Table(
            key="appointments_cancelled",
            title=_("Cancellations: by whom and how late"),
            row_header=_("When"),
            columns=[_("By the client"), _("By staff")],
            rows=[
                Row(bucket_labels[bucket], [lateness[f"client_{bucket}"], lateness[f"staff_{bucket}"]])
                for bucket in bucket_labels
                if lateness[f"client_{bucket}"] or lateness[f"staff_{bucket}"]
            ],
        ),
        Table(
            key="appointments_lead_time",
            title=_("Lead time from booking to meeting (days)"),
            row_header=_("Measure"),
            columns=[_("Median"), _("90th percentile")],
            rows=[
                Row(
                    _("Booking to meeting"),
                    [lead_days("lead_p50"), lead_days("lead_p90")],
                    [booked_count] * 2,
                )
            ]
            if booked_count
            else [],
            kind=MEASURES,
            chart_column=0,
        ),
        Table(
            key="callbacks",
            title=_("Call-back requests"),
            row_header=_("Status"),
            columns=[_("Requests")],
            rows=[
                Row(_("Handled"), [callbacks["handled"]]),
                Row(_("Waiting"), [callbacks["total"] - callbacks["handled"]]),
            ]
            if callbacks["total"]
            else [],
        ),
    ]
    return Section(
        key="appointments",
        title=_("Appointments"),
        tables=tables,
        figures=[
            Figure(_("Appointments"), headline["current"], headline["previous"]),
            Figure(_("Attended"), headline["current_attended"], headline["previous_attended"]),
            Figure(_("Did not come"), headline["current_no_show"], headline["previous_no_show"]),
            Figure(_("Call-back requests"), callbacks["total"], None),
        ],
        note=_("Appointments whose meeting time is in the period; cancelled ones included."),
    )


# --- Interpreter use ------------------------------------------------------------------------------


def interpreters_section(filters: Filters, previous: Period) -> Section:
    period = filters.period
    status = Appointment.Status
    cur, prev = _in_time(period, "start"), _in_time(previous, "start")
    with_interpreter = _appointments_base(filters).exclude(interpreter_language="")
    appointment_rows = (
        with_interpreter.filter(cur)
        .exclude(status=status.CANCELLED)
        .annotate(lang=Lower("interpreter_language"))
        .values("lang", "interpreter_mode", "status")
        .annotate(n=Count("id"), duration=Sum(F("end") - F("start"), output_field=DurationField()))
        .order_by()
    )
    headline = (
        with_interpreter.filter(cur | prev)
        .exclude(status=status.CANCELLED)
        .aggregate(current=Count("id", filter=cur), previous=Count("id", filter=prev))
    )
    contacts = _scoped(GuidanceContact.objects.all(), filters).exclude(interpreter_language="")
    if filters.worker is not None:
        contacts = contacts.filter(worker=filters.worker)
    contact_rows = (
        contacts.filter(_in(period, "contact_date"))
        .annotate(lang=Lower("interpreter_language"))
        .values("lang", "interpreter_mode")
        .annotate(n=Count("id"), minutes=Sum("interpreter_minutes"))
        .order_by()
    )
    dropin_rows = (
        _dropin_visits(filters)
        .filter(_in(period, "session_date"), needs_interpreter=True)
        .values("language", "language_other")
        .annotate(n=Count("id"), minutes=Sum("service_minutes"))
        .order_by()
    )
    counts: Counter[tuple[str, str]] = Counter()
    minutes: Counter[tuple[str, str]] = Counter()
    by_mode: Counter[tuple[str, str]] = Counter()
    for row in appointment_rows:
        lang = row["lang"]
        minutes_here = int(row["duration"].total_seconds() // 60) if row["duration"] else 0
        if row["status"] == status.NO_SHOW:
            counts[(lang, "no_show")] += row["n"]
            by_mode[(row["interpreter_mode"], "no_show")] += row["n"]
        elif row["status"] == status.ATTENDED:
            counts[(lang, "attended")] += row["n"]
            minutes[(lang, "attended")] += minutes_here
            by_mode[(row["interpreter_mode"], "attended")] += row["n"]
        else:
            counts[(lang, "booked")] += row["n"]
            by_mode[(row["interpreter_mode"], "booked")] += row["n"]
    for row in contact_rows:
        counts[(row["lang"], "contact")] += row["n"]
        minutes[(row["lang"], "contact")] += row["minutes"] or 0
        by_mode[(row["interpreter_mode"], "contact")] += row["n"]
    for row in dropin_rows:
        lang = language_label(row["language_other"] or row["language"]).lower()
        counts[(lang, "dropin")] += row["n"]
        minutes[(lang, "dropin")] += row["minutes"] or 0

    sources = ["attended", "no_show", "booked", "contact", "dropin"]
    source_labels = [
        _("Appointments, attended"),
        _("Appointments, did not come"),
        _("Appointments, still booked"),
        _("Guidance contacts"),
        _("Drop-in visits"),
    ]
    languages = sorted(
        {lang for lang, _source in counts}, key=lambda lang: -sum(counts[(lang, s)] for s in sources)
    )

    def interpreter_language(value: str) -> str:
        known = {str(label).lower(): str(label) for _key, label in CLIENT_LANGUAGES}
        return known.get(value, language_label(value))

    minute_sources = ["attended", "contact", "dropin"]
    mode_keys = [key for key, _label in InterpreterMode.choices]
    mode_labels = _choice_labels(InterpreterMode.choices)
    mode_sources = ["attended", "no_show", "booked", "contact"]
    total_minutes = sum(minutes.values())
    tables = [
        Table(
            key="interpreter_language",
            title=_("Interpreter use by language"),
            row_header=_("Interpreter language"),
            columns=source_labels,
            rows=_matrix_rows(counts, languages, sources, interpreter_language),
            note=_(
                "Appointments with an interpreter booked, contacts with an interpreter, "
                "drop-in visitors who needed one."
            ),
        ),
        Table(
            key="interpreter_minutes",
            title=_("Interpreted minutes by language"),
            row_header=_("Interpreter language"),
            columns=[_("Appointments, attended"), _("Guidance contacts"), _("Drop-in visits")],
            rows=[
                Row(
                    interpreter_language(lang),
                    [float(minutes[(lang, source)]) for source in minute_sources],
                    [counts[(lang, source)] for source in minute_sources],
                )
                for lang in languages
                if any(minutes[(lang, source)] for source in minute_sources)
            ],
            kind=MEASURES,
            chart_column=0,
            note=_("Appointments: booked length of the meeting; drop-in: service time."),
        ),
        Table(
            key="interpreter_mode",
            title=_("Interpreting in person or remotely"),
            row_header=_("Interpreting"),
            columns=source_labels[:4],
            rows=_matrix_rows(by_mode, mode_keys, mode_sources, mode_labels.get),
        ),
    ]
    return Section(
        key="interpreters",
        title=_("Interpreter use"),
        tables=tables,
        figures=[
            Figure(_("Appointments with an interpreter"), headline["current"], headline["previous"]),
            Figure(
                _("No-shows with an interpreter booked"),
                sum(counts[(lang, "no_show")] for lang in languages),
                None,
            ),
            Figure(_("Interpreted hours"), round(total_minutes / 60, 1), None),
        ],
        note=_("The figures of a claim for the state's reimbursement of interpreting costs."),
    )
