"""One test (or more) per legal rule in ``deadlines/legal_rules.py``, incl. leap years and month ends."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kotopolku.deadlines import legal_rules as rules
from kotopolku.deadlines.legal_rules import DeadlineKind, DeadlineState

D = datetime.date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))


# --- Counting months and years (Act 150/1930) ---------------------------------------------------


def test_add_months_keeps_the_day_number():
    assert rules.add_months(D(2025, 3, 15), 6) == D(2025, 9, 15)
    assert rules.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert rules.add_months(D(2025, 5, 15), -3) == D(2025, 2, 15)


def test_add_months_ends_on_the_last_day_of_a_shorter_month():
    assert rules.add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert rules.add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)  # leap year
    assert rules.add_months(D(2025, 3, 31), 6) == D(2025, 9, 30)


def test_add_years_from_29_february():
    assert rules.add_years(D(2024, 2, 29), 3) == D(2027, 2, 28)
    assert rules.add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert rules.add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


@given(day=dates, months=st.integers(min_value=0, max_value=48))
def test_add_months_is_never_more_than_the_calendar_months(day, months):
    result = rules.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert (
        result.day == day.day
        or result.day
        == ((D(result.year + result.month // 12, result.month % 12 + 1, 1)) - datetime.timedelta(days=1)).day
    )


# --- Assessment within 3 years of the first permit ----------------------------------------------


def test_assessment_is_due_three_years_after_the_first_permit():
    deadline = rules.assessment_deadline(
        first_permit_date=D(2025, 3, 10),
        assessment_date=None,
        is_trafficking_victim=False,
        today=D(2025, 4, 1),
    )
    assert deadline is not None
    assert deadline.kind == DeadlineKind.ASSESSMENT
    assert deadline.due == D(2028, 3, 10)
    assert deadline.state == DeadlineState.UPCOMING


def test_assessment_due_from_a_leap_day_permit_is_28_february():
    deadline = rules.assessment_deadline(
        first_permit_date=D(2024, 2, 29),
        assessment_date=None,
        is_trafficking_victim=False,
        today=D(2027, 3, 1),
    )
    assert deadline is not None
    assert deadline.due == D(2027, 2, 28)
    assert deadline.state == DeadlineState.OVERDUE


def test_assessment_has_no_time_limit_for_victims_of_trafficking():
    assert (
        rules.assessment_deadline(
            first_permit_date=D(2020, 1, 1),
            assessment_date=None,
            is_trafficking_victim=True,
            today=D(2026, 1, 1),
        )
        is None
    )


def test_assessment_without_a_first_permit_date_has_no_deadline():
    assert (
        rules.assessment_deadline(
            first_permit_date=None, assessment_date=None, is_trafficking_victim=False, today=D(2026, 1, 1)
        )
        is None
    )


def test_assessment_done_on_the_last_day_is_met_and_a_day_later_is_late():
    on_time = rules.assessment_deadline(
        first_permit_date=D(2022, 6, 1),
        assessment_date=D(2025, 6, 1),
        is_trafficking_victim=False,
        today=D(2026, 1, 1),
    )
    late = rules.assessment_deadline(
        first_permit_date=D(2022, 6, 1),
        assessment_date=D(2025, 6, 2),
        is_trafficking_victim=False,
        today=D(2026, 1, 1),
    )
    assert on_time is not None and on_time.state == DeadlineState.MET
    assert late is not None and late.state == DeadlineState.LATE


def test_assessment_is_due_soon_within_thirty_days():
    first_permit = D(2023, 5, 20)
    due = D(2026, 5, 20)
    at_30 = rules.assessment_deadline(
        first_permit_date=first_permit,
        assessment_date=None,
        is_trafficking_victim=False,
        today=due - datetime.timedelta(days=30),
    )
    at_31 = rules.assessment_deadline(
        first_permit_date=first_permit,
        assessment_date=None,
        is_trafficking_victim=False,
        today=due - datetime.timedelta(days=31),
    )
    on_due = rules.assessment_deadline(
        first_permit_date=first_permit, assessment_date=None, is_trafficking_victim=False, today=due
    )
    assert at_30 is not None and at_30.state == DeadlineState.DUE_SOON
    assert at_31 is not None and at_31.state == DeadlineState.UPCOMING
    assert on_due is not None and on_due.state == DeadlineState.DUE_SOON


# --- First plan within 3 years of the first permit ----------------------------------------------


def test_first_plan_is_due_three_years_after_the_first_permit():
    deadline = rules.first_plan_deadline(
        first_permit_date=D(2025, 1, 31), plan_date=None, today=D(2025, 2, 1)
    )
    assert deadline is not None
    assert deadline.kind == DeadlineKind.FIRST_PLAN
    assert deadline.due == D(2028, 1, 31)
    assert deadline.state == DeadlineState.UPCOMING


def test_first_plan_applies_to_victims_of_trafficking_too():
    person = rules.PersonDates(first_permit_date=D(2024, 1, 1), is_trafficking_victim=True)
    kinds = [d.kind for d in rules.deadlines_for(person, today=D(2025, 1, 1))]
    assert DeadlineKind.FIRST_PLAN in kinds
    assert DeadlineKind.ASSESSMENT not in kinds


def test_first_plan_made_in_time_is_met_and_without_a_permit_date_there_is_none():
    met = rules.first_plan_deadline(
        first_permit_date=D(2024, 2, 29), plan_date=D(2027, 2, 28), today=D(2027, 3, 1)
    )
    assert met is not None and met.due == D(2027, 2, 28) and met.state == DeadlineState.MET
    assert rules.first_plan_deadline(first_permit_date=None, plan_date=None, today=D(2027, 3, 1)) is None


# --- Referral within 6 months of the plan -------------------------------------------------------


def test_referral_is_due_six_months_after_the_plan():
    deadline = rules.referral_deadline(plan_date=D(2025, 4, 15), referral_date=None, today=D(2025, 5, 1))
    assert deadline is not None
    assert deadline.kind == DeadlineKind.REFERRAL
    assert deadline.due == D(2025, 10, 15)


def test_referral_from_a_plan_on_31_august_is_due_on_the_last_day_of_february():
    plain = rules.referral_deadline(plan_date=D(2025, 8, 31), referral_date=None, today=D(2025, 9, 1))
    leap = rules.referral_deadline(plan_date=D(2027, 8, 31), referral_date=None, today=D(2027, 9, 1))
    assert plain is not None and plain.due == D(2026, 2, 28)
    assert leap is not None and leap.due == D(2028, 2, 29)


def test_referral_without_a_plan_has_no_deadline_and_late_referral_is_late():
    assert rules.referral_deadline(plan_date=None, referral_date=None, today=D(2025, 1, 1)) is None
    late = rules.referral_deadline(
        plan_date=D(2025, 1, 10), referral_date=D(2025, 7, 11), today=D(2025, 8, 1)
    )
    assert late is not None and late.state == DeadlineState.LATE


def test_referral_not_made_after_the_limit_is_overdue():
    overdue = rules.referral_deadline(plan_date=D(2025, 1, 10), referral_date=None, today=D(2025, 7, 11))
    assert overdue is not None and overdue.state == DeadlineState.OVERDUE


# --- First plan lasts at most 1 year ------------------------------------------------------------


def test_first_plan_lasts_at_most_one_year():
    assert rules.first_plan_latest_end(D(2025, 3, 1)) == D(2026, 3, 1)
    assert rules.first_plan_latest_end(D(2024, 2, 29)) == D(2025, 2, 28)
    assert rules.first_plan_end_is_allowed(D(2025, 3, 1), D(2026, 3, 1))
    assert not rules.first_plan_end_is_allowed(D(2025, 3, 1), D(2026, 3, 2))
    assert not rules.first_plan_end_is_allowed(D(2025, 3, 1), D(2025, 2, 28))


def test_first_plan_end_is_capped_at_one_year_and_passes():
    capped = rules.first_plan_end(plan_date=D(2025, 3, 1), plan_ends_on=D(2026, 12, 31), today=D(2026, 2, 10))
    assert capped is not None
    assert capped.kind == DeadlineKind.FIRST_PLAN_ENDS
    assert capped.due == D(2026, 3, 1)
    assert capped.state == DeadlineState.DUE_SOON
    earlier = rules.first_plan_end(plan_date=D(2025, 3, 1), plan_ends_on=D(2025, 9, 30), today=D(2025, 10, 1))
    assert earlier is not None and earlier.due == D(2025, 9, 30) and earlier.state == DeadlineState.PASSED
    assert rules.first_plan_end(plan_date=None, plan_ends_on=None, today=D(2025, 10, 1)) is None


@given(plan=dates, length=st.integers(min_value=0, max_value=800))
def test_first_plan_end_never_exceeds_one_year(plan, length):
    deadline = rules.first_plan_end(
        plan_date=plan, plan_ends_on=plan + datetime.timedelta(days=length), today=plan
    )
    assert deadline is not None
    assert plan <= deadline.due <= rules.first_plan_latest_end(plan)
    assert (deadline.due - plan).days <= 366


# --- Residence permit renewal window ------------------------------------------------------------


def test_renewal_window_opens_three_months_before_expiry():
    assert rules.permit_renewal_window_opens(D(2026, 9, 15)) == D(2026, 6, 15)
    assert rules.permit_renewal_window_opens(D(2026, 1, 10)) == D(2025, 10, 10)


def test_renewal_window_never_opens_more_than_three_months_before_at_month_ends():
    # "31 February" does not exist: the window opens 1 March, not 28 February (that is too early).
    assert rules.permit_renewal_window_opens(D(2026, 5, 31)) == D(2026, 3, 1)
    assert rules.permit_renewal_window_opens(D(2028, 5, 30)) == D(2028, 3, 1)  # 2028: 29 February exists
    assert rules.permit_renewal_window_opens(D(2028, 5, 29)) == D(2028, 2, 29)
    assert rules.permit_renewal_window_opens(D(2026, 7, 31)) == D(2026, 5, 1)  # no 30 April 31st


@given(expiry=dates)
def test_renewal_window_is_at_most_three_calendar_months(expiry):
    opens = rules.permit_renewal_window_opens(expiry)
    assert opens < expiry
    assert rules.add_months(opens, 3) >= expiry  # three months after opening reaches the expiry
    assert (expiry - opens).days <= 92


def test_apply_before_expiry_the_last_day_is_the_expiry_date():
    assert rules.permit_renewal_last_day(D(2026, 5, 31)) == D(2026, 5, 31)


def test_renewal_deadline_states():
    expiry = D(2026, 9, 15)
    before = rules.permit_renewal_deadline(permit_expires_on=expiry, today=D(2026, 6, 14))
    opened = rules.permit_renewal_deadline(permit_expires_on=expiry, today=D(2026, 6, 15))
    last = rules.permit_renewal_deadline(permit_expires_on=expiry, today=expiry)
    expired = rules.permit_renewal_deadline(permit_expires_on=expiry, today=D(2026, 9, 16))
    assert before is not None and before.state == DeadlineState.UPCOMING
    assert opened is not None and opened.state == DeadlineState.DUE_SOON and opened.opens == D(2026, 6, 15)
    assert last is not None and last.state == DeadlineState.DUE_SOON
    assert expired is not None and expired.state == DeadlineState.OVERDUE
    assert rules.permit_renewal_deadline(permit_expires_on=None, today=expiry) is None
    assert rules.permit_renewal_window_is_open(expiry, D(2026, 6, 15))
    assert not rules.permit_renewal_window_is_open(expiry, D(2026, 6, 14))
    assert not rules.permit_renewal_window_is_open(expiry, D(2026, 9, 16))


# --- All rules together -------------------------------------------------------------------------


def test_deadlines_for_a_person_lists_every_rule_that_applies():
    person = rules.PersonDates(
        first_permit_date=D(2025, 1, 15),
        assessment_date=D(2025, 3, 1),
        plan_date=D(2025, 4, 1),
        plan_ends_on=D(2026, 3, 31),
        permit_expires_on=D(2026, 1, 14),
    )
    found = {d.kind: d for d in rules.deadlines_for(person, today=D(2025, 11, 1))}
    assert list(found) == [
        DeadlineKind.ASSESSMENT,
        DeadlineKind.FIRST_PLAN,
        DeadlineKind.REFERRAL,
        DeadlineKind.FIRST_PLAN_ENDS,
        DeadlineKind.PERMIT_RENEWAL,
    ]
    assert found[DeadlineKind.ASSESSMENT].state == DeadlineState.MET
    assert found[DeadlineKind.FIRST_PLAN].state == DeadlineState.MET
    assert found[DeadlineKind.REFERRAL].state == DeadlineState.OVERDUE  # due 1.10.2025
    assert found[DeadlineKind.FIRST_PLAN_ENDS].due == D(2026, 3, 31)
    assert found[DeadlineKind.PERMIT_RENEWAL].state == DeadlineState.DUE_SOON  # opened 14.10.2025
    assert rules.deadlines_for(rules.PersonDates(), today=D(2025, 1, 1)) == []
