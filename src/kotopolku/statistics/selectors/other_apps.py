"""Sections read through other apps' selectors (one municipality only), and the by-municipality table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from kotopolku.appointments.models import Appointment
from kotopolku.clients.models import GuidanceContact
from kotopolku.dropin.models import DropinVisit
from kotopolku.statistics.selectors.common import (
    Filters,
    _choice_labels,
    _in,
    _in_time,
    _matrix_rows,
    _month_key,
    _single_rows,
    month_label,
)
from kotopolku.statistics.tables import MEASURES, Figure, Row, Section, Table

# --- Sections from other apps (one municipality only) ---------------------------------------------


def reception_section(filters: Filters) -> Section:
    from kotopolku.reception import selectors as reception
    from kotopolku.reception.models import Placement

    assert filters.organization is not None
    period = filters.period
    arrived = (
        Placement.objects.for_organization(filters.organization)
        .filter(status=Placement.Status.ARRIVED, arrival_date__gte=period.start, arrival_date__lte=period.end)
        .aggregate(households=Count("id"), people=Sum("family_size"))
    )
    on_time = reception.items_done_on_time(
        organization=filters.organization, date_from=period.start, date_to=period.end
    )
    milestones = reception.days_to_milestones(
        organization=filters.organization, arrived_from=period.start, arrived_to=period.end
    )
    state_labels = {
        "met": _("Done on time"),
        "late": _("Done late"),
        "overdue": _("Overdue"),
        "open": _("Open, not yet due"),
        "not_needed": _("Not needed"),
    }
    return Section(
        key="reception",
        title=_("Quota-refugee reception"),
        figures=[
            Figure(_("Households received"), arrived["households"], None),
            Figure(_("People received"), arrived["people"] or 0, None),
        ],
        tables=[
            Table(
                key="reception_checklist",
                title=_("Checklist items due in the period"),
                row_header=_("State"),
                columns=[_("Items")],
                rows=_single_rows(Counter(on_time), state_labels.get, list(state_labels)),
            ),
            Table(
                key="reception_milestones",
                title=_("Days from arrival to each step"),
                row_header=_("Step"),
                columns=[_("Households"), _("Median"), _("Average"), _("Longest")],
                rows=[
                    Row(
                        str(values["title"]),
                        [
                            float(values["count"]),
                            float(values["median"]),
                            float(values["average"]),
                            float(values["max"]),
                        ],
                        [int(values["count"])] * 4,
                    )
                    for values in milestones.values()
                ],
                kind=MEASURES,
                chart_column=1,
            ),
        ],
        note=_("Place and worker filters do not apply."),
    )


def deadlines_section(filters: Filters) -> Section:
    from kotopolku.deadlines import selectors as deadlines
    from kotopolku.deadlines.legal_rules import DeadlineKind
    from kotopolku.deadlines.models import PermitReminder

    assert filters.organization is not None
    period = filters.period
    outcomes = deadlines.deadline_outcomes(
        organization=filters.organization, date_from=period.start, date_to=period.end
    )
    tasks = deadlines.task_outcomes(
        organization=filters.organization, date_from=period.start, date_to=period.end
    )
    reminded = (
        PermitReminder.objects.for_organization(filters.organization)
        .filter(_in_time(period, "queued_at"))
        .count()
    )
    buckets = ["met", "late", "overdue", "open"]
    labels = [_("Met"), _("Done late"), _("Missed, still not done"), _("Open")]
    rows = [
        Row(DeadlineKind(kind).label, [counts[bucket] for bucket in buckets])
        for kind, counts in outcomes.items()
        if any(counts.values())
    ]
    if any(tasks.values()):
        rows.append(Row(_("Follow-up tasks"), [tasks[bucket] for bucket in buckets]))
    met = sum(int(row.values[0] or 0) for row in rows)
    missed = sum(int(row.values[1] or 0) + int(row.values[2] or 0) for row in rows)
    return Section(
        key="deadlines",
        title=_("Legal deadlines"),
        figures=[
            Figure(_("Deadlines met"), met, None),
            Figure(_("Deadlines missed"), missed, None),
            Figure(_("Permit renewals reminded"), reminded, None),
        ],
        tables=[
            Table(
                key="deadlines",
                title=_("Deadlines ending in the period"),
                row_header=_("Deadline"),
                columns=labels,
                rows=rows,
                note=_(
                    "Act 681/2023: assessment, first integration plan, referral; plus staff follow-up tasks."
                ),
            )
        ],
        note=_("Place and worker filters do not apply."),
    )


def network_section(filters: Filters) -> Section:
    from kotopolku.network import selectors as network
    from kotopolku.network.models import ActivityCategory, CooperationEntry, Referral

    assert filters.organization is not None
    period = filters.period
    referrals = network.referral_counts(
        organization=filters.organization, date_from=period.start, date_to=period.end
    )
    cooperation = network.cooperation_counts(
        organization=filters.organization, date_from=period.start, date_to=period.end
    )
    outcome_keys = [key for key, _label in Referral.Outcome.choices]
    outcome_labels = _choice_labels(Referral.Outcome.choices)
    category_keys = [key for key, _label in ActivityCategory.choices]
    category_labels = _choice_labels(ActivityCategory.choices)
    referral_counts: Counter[tuple[str, str]] = Counter()
    for row in referrals:
        referral_counts[(row["category"], row["outcome"])] += row["count"]
    kind_keys = [key for key, _label in CooperationEntry.Kind.choices]
    kind_labels = _choice_labels(CooperationEntry.Kind.choices)
    cooperation_counts: Counter[tuple[Any, str]] = Counter()
    for entry in cooperation:
        cooperation_counts[(_month_key(entry["month"]), entry["kind"])] += entry["count"]
    return Section(
        key="network",
        title=_("Hobby referrals and network cooperation"),
        tables=[
            Table(
                key="referrals",
                title=_("Referrals by category and outcome"),
                row_header=_("Category"),
                columns=[outcome_labels[key] for key in outcome_keys],
                rows=_matrix_rows(referral_counts, category_keys, outcome_keys, category_labels.get),
            ),
            Table(
                key="cooperation",
                title=_("Cooperation entries by month and kind"),
                row_header=_("Month"),
                columns=[kind_labels[key] for key in kind_keys],
                rows=_matrix_rows(cooperation_counts, period.months(), kind_keys, month_label),
            ),
        ],
        note=_("Place and worker filters do not apply."),
    )


def letters_section(filters: Filters) -> Section:
    """Letter helper use by sender type: every reading is counted anonymously when it is made
    (``letters.LetterReading``: day, sender type, kind of letter), and the letters clients shared
    with a counselor. Aggregated in the database."""
    from kotopolku.letters.messages import SENDER_KINDS
    from kotopolku.letters.models import LetterReading, SharedLetter

    assert filters.organization is not None
    readings = LetterReading.objects.for_organization(filters.organization).filter(
        day__gte=filters.period.start, day__lte=filters.period.end
    )
    read = dict(
        readings.filter(succeeded=True).values("sender").annotate(n=Count("id")).values_list("sender", "n")
    )
    failed = readings.filter(succeeded=False).count()
    shared = SharedLetter.objects.for_organization(filters.organization).filter(
        _in_time(filters.period, "created_at")
    )
    shared_by_sender: Counter[str] = Counter()
    for letter in shared.only("payload"):
        facts = (letter.payload_data() or {}).get("facts") or {}
        sender = facts.get("sender") or {}
        shared_by_sender[str(sender.get("code") or "")] += 1

    def label(code: str) -> str:
        return str(SENDER_KINDS.get(code, code)) if code else str(_("Sender not recognised"))

    codes = sorted(set(read) | set(shared_by_sender), key=lambda code: (-read.get(code, 0), label(code)))
    return Section(
        key="letters",
        title=_("Letter helper"),
        tables=[
            Table(
                key="letters_sender",
                title=_("Letters read with the letter helper, by sender type"),
                row_header=_("Sender type"),
                columns=[_("Letters read"), _("Shared with a counselor")],
                rows=[Row(label(code), [read.get(code, 0), shared_by_sender.get(code, 0)]) for code in codes],
                note=_(
                    "Anonymous counts. %(failed)s uploads could not be read. Shared letters are deleted "
                    "after %(days)s days, so for older periods the second column counts only what is kept."
                )
                % {"failed": failed, "days": settings.KOTOPOLKU_LETTER_RETENTION_DAYS},
            )
        ],
    )


def municipalities_section(filters: Filters) -> Section:
    """System-wide view: the main counts per municipality."""
    period = filters.period
    contacts = dict(
        GuidanceContact.objects.filter(_in(period, "contact_date"))
        .values_list("organization__name_fi")
        .annotate(n=Count("id"))
        .order_by()
    )
    visits = dict(
        DropinVisit.objects.filter(_in(period, "session_date"))
        .values_list("organization__name_fi")
        .annotate(n=Count("id"))
        .order_by()
    )
    appointments = dict(
        Appointment.objects.filter(_in_time(period, "start"))
        .values_list("organization__name_fi")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = sorted(set(contacts) | set(visits) | set(appointments))
    return Section(
        key="municipalities",
        title=_("By municipality"),
        tables=[
            Table(
                key="municipalities",
                title=_("Contacts, drop-in visits and appointments by municipality"),
                row_header=_("Municipality"),
                columns=[_("Guidance contacts"), _("Drop-in visits"), _("Appointments")],
                rows=[
                    Row(name, [contacts.get(name, 0), visits.get(name, 0), appointments.get(name, 0)])
                    for name in names
                ],
            )
        ],
    )
