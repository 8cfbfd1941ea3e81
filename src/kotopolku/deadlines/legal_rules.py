"""Every legal time limit of the Act on the Promotion of Integration (681/2023) that Kotopolku tracks,
and the residence-permit renewal window, in ONE module: pure functions on dates, no database.

When the law changes (681/2023 has been amended by 322/2024, 1100/2024 and 721/2025), this is the
only file to change, together with its tests (``tests/test_legal_rules.py``, one test per rule).
Sources: kotoutuminen.fi/en/when-is-the-integration-plan-drawn-up- (the rules in force since
1.1.2025; older pages of kotouttaminen.fi and tem.fi still show the repealed Act 1386/2010) and
enterfinland.fi (extended permits).

Counting: a limit of months or years ends on the day of the same number in the last month (Act on
the Computation of Statutory Time Limits 150/1930, §2); when that month has no such day (29 February,
the 31st), on the last day of the month. The move of a limit ending on a weekend or public holiday
to the next working day (§5 of that Act) is not applied: it concerns filing something at an
authority, and showing the earlier day never makes anyone late.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# What "due soon" means on the worklist: the limit ends within this many days.
DUE_SOON_DAYS = 30


class DeadlineKind(StrEnum):
    ASSESSMENT = "assessment"
    FIRST_PLAN = "first_plan"
    REFERRAL = "referral"
    FIRST_PLAN_ENDS = "first_plan_ends"
    PERMIT_RENEWAL = "permit_renewal"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    DeadlineKind.ASSESSMENT: _("Assessment of skills and service needs"),
    DeadlineKind.FIRST_PLAN: _("First integration plan"),
    DeadlineKind.REFERRAL: _("Referral to a service after the plan"),
    DeadlineKind.FIRST_PLAN_ENDS: _("First integration plan ends"),
    DeadlineKind.PERMIT_RENEWAL: _("Residence permit renewal"),
}

# The obligations of the municipality whose outcome (met on time or missed) statistics count.
OBLIGATIONS = (DeadlineKind.ASSESSMENT, DeadlineKind.FIRST_PLAN, DeadlineKind.REFERRAL)


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"  # not done; the limit ends later than DUE_SOON_DAYS from today
    DUE_SOON = "due_soon"  # not done; ends within DUE_SOON_DAYS (or its window is open)
    OVERDUE = "overdue"  # not done, and the limit has ended
    MET = "met"  # done on or before the last day
    LATE = "late"  # done, but after the last day (the limit was missed)
    PASSED = "passed"  # a date to act before (not an obligation to fulfil) that has passed

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    DeadlineState.UPCOMING: _("Upcoming"),
    DeadlineState.DUE_SOON: _("Due soon"),
    DeadlineState.OVERDUE: _("Overdue"),
    DeadlineState.MET: _("Done on time"),
    DeadlineState.LATE: _("Done late"),
    DeadlineState.PASSED: _("Date passed"),
}


@dataclass(frozen=True)
class Deadline:
    """One time limit computed for one person.

    ``due`` is the last day; ``opens`` the first day something may be done (the permit renewal
    window), ``done_on`` the day it was done (``None`` when not done or not knowable).
    """

    kind: DeadlineKind
    due: datetime.date
    state: DeadlineState
    rule: str
    opens: datetime.date | None = None
    done_on: datetime.date | None = None

    @property
    def is_open(self) -> bool:
        return self.state in {DeadlineState.UPCOMING, DeadlineState.DUE_SOON, DeadlineState.OVERDUE}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` (negative goes back); the same day number, or the month's last day
    when the month is shorter (Act 150/1930 §2): 31.8.2025 + 6 months = 28.2.2026."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by whole years: 29.2.2024 + 3 years = 28.2.2027 (the month's last day)."""
    return add_months(day, 12 * years)


def days_until(due: datetime.date, today: datetime.date) -> int:
    return (due - today).days


def _state(
    *,
    due: datetime.date,
    done_on: datetime.date | None,
    today: datetime.date,
    opens: datetime.date | None = None,
    soon_days: int = DUE_SOON_DAYS,
) -> DeadlineState:
    if done_on is not None:
        return DeadlineState.MET if done_on <= due else DeadlineState.LATE
    if today > due:
        return DeadlineState.OVERDUE
    if days_until(due, today) <= soon_days or (opens is not None and today >= opens):
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING


# --- Assessment ---------------------------------------------------------------------------------

ASSESSMENT_YEARS = 3


def assessment_deadline(
    *,
    first_permit_date: datetime.date | None,
    assessment_date: datetime.date | None,
    is_trafficking_victim: bool,
    today: datetime.date,
) -> Deadline | None:
    """681/2023: the assessment of skills and integration-service needs (*osaamisen ja kotoutumisen
    palvelutarpeen arviointi*) is made at the latest 3 years after the first residence permit (or
    the registration of the right of residence). Victims of trafficking have no time limit.

    ``None`` when there is no limit: a victim of trafficking, or no first permit date on record.
    """
    if is_trafficking_victim or first_permit_date is None:
        return None
    due = add_years(first_permit_date, ASSESSMENT_YEARS)
    return Deadline(
        kind=DeadlineKind.ASSESSMENT,
        due=due,
        state=_state(due=due, done_on=assessment_date, today=today),
        rule=str(_("681/2023: assessment within 3 years of the first residence permit")),
        done_on=assessment_date,
    )


# --- First integration plan ---------------------------------------------------------------------

FIRST_PLAN_YEARS = 3


def first_plan_deadline(
    *,
    first_permit_date: datetime.date | None,
    plan_date: datetime.date | None,
    today: datetime.date,
) -> Deadline | None:
    """681/2023: the first integration plan (*kotoutumissuunnitelma*) is made within 3 years of the
    first residence permit; its preparation starts without delay after the assessment.

    ``None`` without a first permit date.
    """
    if first_permit_date is None:
        return None
    due = add_years(first_permit_date, FIRST_PLAN_YEARS)
    return Deadline(
        kind=DeadlineKind.FIRST_PLAN,
        due=due,
        state=_state(due=due, done_on=plan_date, today=today),
        rule=str(_("681/2023: first integration plan within 3 years of the first residence permit")),
        done_on=plan_date,
    )


# --- Referral after the plan --------------------------------------------------------------------

REFERRAL_MONTHS = 6


def referral_deadline(
    *,
    plan_date: datetime.date | None,
    referral_date: datetime.date | None,
    today: datetime.date,
) -> Deadline | None:
    """681/2023: a person with an integration plan is referred to a service in it within 6 months of
    the plan. ``None`` while there is no plan."""
    if plan_date is None:
        return None
    due = add_months(plan_date, REFERRAL_MONTHS)
    return Deadline(
        kind=DeadlineKind.REFERRAL,
        due=due,
        state=_state(due=due, done_on=referral_date, today=today),
        rule=str(_("681/2023: referral to a service within 6 months of the integration plan")),
        done_on=referral_date,
    )


# --- Length of the first plan -------------------------------------------------------------------

FIRST_PLAN_MAX_YEARS = 1


def first_plan_latest_end(plan_date: datetime.date) -> datetime.date:
    """681/2023: the first integration plan lasts at most 1 year (all plans together, as a rule, at
    most 2 years): it ends at the latest on the same day one year after it was made."""
    return add_years(plan_date, FIRST_PLAN_MAX_YEARS)


def first_plan_end_is_allowed(plan_date: datetime.date, plan_ends_on: datetime.date) -> bool:
    """A first plan's end date must lie between the plan date and :func:`first_plan_latest_end`."""
    return plan_date <= plan_ends_on <= first_plan_latest_end(plan_date)


def first_plan_end(
    *,
    plan_date: datetime.date | None,
    plan_ends_on: datetime.date | None,
    today: datetime.date,
) -> Deadline | None:
    """When the first plan ends: the recorded end date, but never later than the 1-year limit
    (:func:`first_plan_latest_end`). The worker reviews the plan before then; a passed end is
    ``PASSED`` (nothing to count: a follow-up plan is not recorded here). ``None`` without a plan."""
    if plan_date is None:
        return None
    latest = first_plan_latest_end(plan_date)
    due = min(plan_ends_on, latest) if plan_ends_on is not None else latest
    state = DeadlineState.PASSED if today > due else _state(due=due, done_on=None, today=today)
    return Deadline(
        kind=DeadlineKind.FIRST_PLAN_ENDS,
        due=due,
        state=state,
        rule=str(_("681/2023: the first integration plan lasts at most 1 year")),
    )


# --- Residence permit renewal -------------------------------------------------------------------

RENEWAL_WINDOW_MONTHS = 3


def permit_renewal_window_opens(permit_expires_on: datetime.date) -> datetime.date:
    """An extended permit is applied for at the earliest 3 months before the current one expires
    (enterfinland.fi). When that day does not exist (expiry on 31 May → "31 February"), the window
    opens on the first day of the following month, so a reminder never comes too early."""
    index = permit_expires_on.year * 12 + (permit_expires_on.month - 1) - RENEWAL_WINDOW_MONTHS
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if permit_expires_on.day > last:
        return datetime.date(year, month, last) + datetime.timedelta(days=1)
    return datetime.date(year, month, permit_expires_on.day)


def permit_renewal_last_day(permit_expires_on: datetime.date) -> datetime.date:
    """An extended permit must be applied for before the current one expires: at the latest on its
    last day of validity (the expiry date itself)."""
    return permit_expires_on


def permit_renewal_deadline(
    *, permit_expires_on: datetime.date | None, today: datetime.date
) -> Deadline | None:
    """The renewal window of a residence permit: opens 3 months before the expiry
    (:func:`permit_renewal_window_opens`), ends on the expiry date (:func:`permit_renewal_last_day`).
    ``DUE_SOON`` while the window is open, ``OVERDUE`` after the expiry. A renewal shows as a new
    expiry date on the record, which gives a new deadline. ``None`` without an expiry date."""
    if permit_expires_on is None:
        return None
    opens = permit_renewal_window_opens(permit_expires_on)
    due = permit_renewal_last_day(permit_expires_on)
    return Deadline(
        kind=DeadlineKind.PERMIT_RENEWAL,
        due=due,
        opens=opens,
        state=_state(due=due, done_on=None, today=today, opens=opens, soon_days=-1),
        rule=str(
            _(
                "Residence permit: apply for an extended permit before the current one expires, "
                "at the earliest 3 months before"
            )
        ),
    )


def permit_renewal_window_is_open(permit_expires_on: datetime.date, today: datetime.date) -> bool:
    return (
        permit_renewal_window_opens(permit_expires_on) <= today <= permit_renewal_last_day(permit_expires_on)
    )


# --- All rules for one person -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDates:
    """The dates of one client record the rules need (plain data, so the rules stay pure)."""

    first_permit_date: datetime.date | None = None
    is_trafficking_victim: bool = False
    assessment_date: datetime.date | None = None
    plan_date: datetime.date | None = None
    plan_ends_on: datetime.date | None = None
    referral_date: datetime.date | None = None
    permit_expires_on: datetime.date | None = None


def deadlines_for(person: PersonDates, *, today: datetime.date) -> list[Deadline]:
    """Every deadline of ``person`` that applies, in the order of the kinds."""
    found = [
        assessment_deadline(
            first_permit_date=person.first_permit_date,
            assessment_date=person.assessment_date,
            is_trafficking_victim=person.is_trafficking_victim,
            today=today,
        ),
        first_plan_deadline(
            first_permit_date=person.first_permit_date, plan_date=person.plan_date, today=today
        ),
        referral_deadline(plan_date=person.plan_date, referral_date=person.referral_date, today=today),
        first_plan_end(plan_date=person.plan_date, plan_ends_on=person.plan_ends_on, today=today),
        permit_renewal_deadline(permit_expires_on=person.permit_expires_on, today=today),
    ]
    return [deadline for deadline in found if deadline is not None]
