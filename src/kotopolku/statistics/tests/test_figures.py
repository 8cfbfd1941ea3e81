"""The dashboard's figures against the same figures computed here, in plain Python, from the rows
the test created (tests/conftest.py generates a year of activity with a fixed seed)."""

from __future__ import annotations

import datetime
from collections import Counter

import numpy
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kotopolku.appointments.models import Appointment
from kotopolku.statistics.periods import Period
from kotopolku.statistics.selectors import Filters, build_report, language_label, month_label

pytestmark = pytest.mark.django_db

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
PREVIOUS = Period(datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def in_period(day: datetime.date, period: Period = PERIOD) -> bool:
    return period.start <= day <= period.end


def table_dict(report, key: str) -> dict[str, list]:
    table = report.table(key)
    assert table is not None, key
    return {row.label: row.values for row in table.rows}


@pytest.fixture
def report(activity, organization):
    with translation.override("en"):
        yield build_report(Filters(organization=organization, period=PERIOD))


def test_previous_period_is_the_same_length_before():
    assert PERIOD.previous() == PREVIOUS
    assert Period(datetime.date(2026, 3, 10), datetime.date(2026, 3, 19)).previous() == Period(
        datetime.date(2026, 2, 28), datetime.date(2026, 3, 9)
    )


def test_guidance_contacts_by_month_service_topic_language_channel(activity, report):
    contacts = [c for c in activity.contacts if in_period(c.contact_date)]
    language_of = {c.client_id: c.client.preferred_language for c in activity.contacts}
    services = ["initial_phase", "quota_reception", "guidance", "permits", "hobbies"]
    by_month: dict[str, list[int]] = {}
    for month in PERIOD.months():
        counts = Counter(c.service_type for c in contacts if c.contact_date.replace(day=1) == month)
        if counts:
            by_month[month_label(month)] = [counts[s] for s in services]
    assert table_dict(report, "contacts_month_service") == by_month

    topic_totals = Counter(topic for c in contacts for topic in c.topics)
    table = report.table("contacts_topic_month")
    from kotopolku.clients.models import GuidanceContact

    labels = {str(label): key for key, label in GuidanceContact.Topic.choices}
    assert {labels[row.label]: sum(row.values) for row in table.rows} == dict(topic_totals)

    languages = Counter(language_of[c.client_id] for c in contacts)
    assert {label: values[0] for label, values in table_dict(report, "contacts_language").items()} == {
        language_label(code): n for code, n in languages.items()
    }
    channels = Counter(c.channel for c in contacts)
    assert sum(v[0] for v in table_dict(report, "contacts_channel").values()) == sum(channels.values())
    section = next(s for s in report.sections if s.key == "contacts")
    assert section.figures[0].current == len(contacts)
    assert section.figures[0].previous == sum(
        1 for c in activity.contacts if in_period(c.contact_date, PREVIOUS)
    )


def test_dropin_visits_waiting_times_and_outcomes(activity, report):
    visits = [v for v in activity.visits if in_period(v.session_date)]
    outcomes = Counter(v.outcome for v in visits)
    table = table_dict(report, "dropin_outcomes")
    assert table["Solved"] == [outcomes["solved"]]
    assert table["Follow-up appointment booked"] == [outcomes["follow_up"]]
    times = table_dict(report, "dropin_times")
    waits = [v.waited_minutes for v in visits]
    services = [v.service_minutes for v in visits]
    assert times["Waiting time"] == pytest.approx([numpy.percentile(waits, 50), numpy.percentile(waits, 90)])
    assert times["Service time"] == pytest.approx(
        [numpy.percentile(services, 50), numpy.percentile(services, 90)]
    )
    section = next(s for s in report.sections if s.key == "dropin")
    figures = {figure.label: figure for figure in section.figures}
    assert figures["Visits"].current == len(visits)
    assert figures["Sessions"].current == len({v.session_key for v in visits})
    assert figures["Solved at once (%)"].current == round(100 * outcomes["solved"] / len(visits), 1)
    per_month = table_dict(report, "dropin_month")
    january = [v for v in visits if v.session_date.month == 1]
    assert per_month[month_label(datetime.date(2026, 1, 1))][:2] == [
        len({v.session_key for v in january}),
        len(january),
    ]


def test_appointments_statuses_cancellations_and_lead_time(activity, report):
    appointments = [a for a in activity.appointments if in_period(local_day(a.start))]
    statuses = ["booked", "cancelled", "attended", "no_show"]
    by_month: dict[str, list[int]] = {}
    for month in PERIOD.months():
        counts = Counter(a.status for a in appointments if local_day(a.start).replace(day=1) == month)
        if counts:
            by_month[month_label(month)] = [counts[s] for s in statuses]
    assert table_dict(report, "appointments_month_status") == by_month

    def bucket(a: Appointment) -> str:
        assert a.cancelled_at is not None
        before = a.start - a.cancelled_at
        if before <= datetime.timedelta(0):
            return "At or after the start time"
        if before <= datetime.timedelta(hours=24):
            return "Less than 24 hours before"
        if before <= datetime.timedelta(days=7):
            return "1–7 days before"
        return "More than 7 days before"

    cancelled = [a for a in appointments if a.status == "cancelled"]
    expected: dict[str, list[int]] = {}
    for a in cancelled:
        row = expected.setdefault(bucket(a), [0, 0])
        row[0 if a.cancelled_by_client else 1] += 1
    assert table_dict(report, "appointments_cancelled") == expected

    leads = [
        (a.start - a.created_at).total_seconds() / 86400 for a in appointments if a.status != "cancelled"
    ]
    lead = table_dict(report, "appointments_lead_time")["Booking to meeting"]
    assert lead == [round(numpy.percentile(leads, 50), 1), round(numpy.percentile(leads, 90), 1)]


def test_interpreter_use_for_the_reimbursement_claim(activity, report):
    appointments = [
        a
        for a in activity.appointments
        if in_period(local_day(a.start)) and a.interpreter_language and a.status != "cancelled"
    ]
    attended = [a for a in appointments if a.status == "attended"]
    table = table_dict(report, "interpreter_language")
    minutes = table_dict(report, "interpreter_minutes")
    for language in {a.interpreter_language for a in appointments}:
        label = language.capitalize()
        expected_attended = sum(1 for a in attended if a.interpreter_language == language)
        expected_no_show = sum(
            1 for a in appointments if a.interpreter_language == language and a.status == "no_show"
        )
        assert table[label][:2] == [expected_attended, expected_no_show], language
        expected_minutes = sum(
            (a.end - a.start).total_seconds() // 60 for a in attended if a.interpreter_language == language
        )
        assert minutes[label][0] == expected_minutes
    contacts = [c for c in activity.contacts if in_period(c.contact_date) and c.interpreter_language]
    assert sum(values[3] for values in table.values()) == len(contacts)
    visits = [v for v in activity.visits if in_period(v.session_date) and v.needs_interpreter]
    assert sum(values[4] for values in table.values()) == len(visits)
    section = next(s for s in report.sections if s.key == "interpreters")
    assert section.figures[1].current == sum(1 for a in appointments if a.status == "no_show")


def test_filters_by_place_and_worker(activity, organization):
    worker = activity.world.staff[0]
    place = activity.world.places[1]
    report = build_report(Filters(organization=organization, period=PERIOD, place=place, worker=worker))
    expected = [
        a
        for a in activity.appointments
        if in_period(local_day(a.start)) and a.staff_id == worker.pk and a.place_id == place.pk
    ]
    section = next(s for s in report.sections if s.key == "appointments")
    assert section.figures[0].current == len(expected)
    contacts = next(s for s in report.sections if s.key == "contacts")
    assert contacts.figures[0].current == sum(
        1 for c in activity.contacts if in_period(c.contact_date) and c.worker_id == worker.pk
    )


def test_only_the_municipalitys_own_data_is_counted(activity, other_activity, organization, report):
    section = next(s for s in report.sections if s.key == "appointments")
    assert section.figures[0].current == sum(
        1 for a in activity.appointments if in_period(local_day(a.start))
    )


def test_constant_number_of_queries(
    activity, organization, coordinator_client, django_assert_max_num_queries
):
    url = f"/staff/{organization.slug}/statistics/?date_from=2025-07-01&date_to=2026-06-30"
    with CaptureQueriesContext(connection) as small:
        assert coordinator_client.get(url).status_code == 200
    # Twice the data: not one query more.
    from kotopolku.statistics.tests.conftest import make_activity

    make_activity(organization, seed=99, first_number=10_000)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert coordinator_client.get(url).status_code == 200
    assert len(small.captured_queries) <= 40


def test_letter_helper_use_is_counted_by_sender_type(organization, other_organization):
    from kotopolku.letters import reading
    from kotopolku.letters.models import LetterReading
    from kotopolku.letters.services import read_letter
    from kotopolku.statistics.selectors.other_apps import letters_section

    kela = "Kansaneläkelaitos Kela\nPÄÄTÖS\nPäätös asumistuesta. Voit hakea oikaisua 30 päivän kuluessa."
    read_letter(organization=organization, text=kela)
    read_letter(organization=organization, text=kela)
    read_letter(organization=other_organization, text=kela)
    with pytest.raises(reading.ReadingError):
        read_letter(organization=organization, text="   ")
    assert LetterReading.objects.filter(organization=organization).count() == 3
    today = timezone.localdate()
    with translation.override("en"):
        section = letters_section(Filters(organization=organization, period=Period(today, today)))
    table = section.tables[0]
    rows = {row.label: row.values for row in table.rows}
    # Two readings here; the other municipality's reading is not counted.
    assert sum(int(values[0] or 0) for values in rows.values()) == 2
    assert "1 uploads could not be read" in str(table.note)
