"""Referrals: a counselor refers a client to an activity or a partner, follows up, records the outcome;
the counts by category and outcome for the statistics."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.network import selectors, services
from kotopolku.network.models import JoinHelpRequest, Referral
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def staff(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


@pytest.fixture
def amal(organization):
    return factories.ClientRecordFactory.create(
        organization=organization, first_name="Amal", last_name="Keksitty"
    )


def test_counselor_refers_a_client_to_an_activity(organization, counselor_client, counselor, amal, football):
    follow_up = timezone.localdate() + datetime.timedelta(days=10)

    response = counselor_client.post(
        staff("referral_new", organization, pk=amal.pk),
        {
            "activity": football.pk,
            "follow_up_on": follow_up.isoformat(),
            "note": "Kiinnostunut jalkapallosta",
        },
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.client == amal and referral.activity == football
    assert referral.partner == football.organizer  # the organizer is the partner
    assert (
        referral.category == "sports" and referral.outcome == "pending" and referral.referred_by == counselor
    )
    event = AuditEvent.objects.get(action=AuditAction.REFERRAL_CREATED)
    assert event.details["client"] == amal.pk and "Kiinnostunut" not in str(event.details)


def test_referral_to_a_partner_needs_a_category(organization, counselor_client, amal, sports_club):
    url = staff("referral_new", organization, pk=amal.pk)
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()

    refused = counselor_client.post(url, {"partner": sports_club.pk, "follow_up_on": day})
    accepted = counselor_client.post(
        url, {"partner": sports_club.pk, "category": "volunteering", "follow_up_on": day}
    )

    assert refused.status_code == 400 and accepted.status_code == 302
    assert Referral.objects.get().category == "volunteering"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"follow_up_on": "2020-01-01", "category": "sports"},
        {"follow_up_on": "huomenna"},
    ],
)
def test_bad_referral_input_saves_nothing(organization, counselor_client, amal, football, data):
    response = counselor_client.post(
        staff("referral_new", organization, pk=amal.pk), {"activity": football.pk, **data}
    )

    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_client_or_activity_of_another_municipality_cannot_be_referred(
    organization, other_organization, counselor, counselor_client, amal
):
    foreign_client = factories.ClientRecordFactory.create(organization=other_organization)
    foreign_activity = factories.ActivityFactory.create(organization=other_organization)
    day = timezone.localdate() + datetime.timedelta(days=3)

    assert counselor_client.get(staff("referral_new", organization, pk=foreign_client.pk)).status_code == 404
    response = counselor_client.post(
        staff("referral_new", organization, pk=amal.pk),
        {"activity": foreign_activity.pk, "follow_up_on": day},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.referral_create(
            organization=organization,
            client=foreign_client,
            activity=None,
            partner=factories.PartnerFactory.create(organization=organization),
            category="sports",
            follow_up_on=day,
            actor=counselor,
        )
    assert not Referral.objects.exists()


def test_due_follow_ups_are_listed_and_the_outcome_recorded(organization, counselor_client, counselor, amal):
    today = timezone.localdate()
    due = factories.ReferralFactory.create(
        organization=organization,
        client=amal,
        referred_on=today - datetime.timedelta(days=20),
        follow_up_on=today,
    )
    not_yet = factories.ReferralFactory.create(
        organization=organization, client=amal, follow_up_on=today + datetime.timedelta(days=5)
    )

    assert list(selectors.referrals_due(organization=organization)) == [due]
    page = counselor_client.get(staff("referrals", organization)).content.decode()
    assert staff("referral", organization, pk=due.pk) in page and "Amal Keksitty" in page

    detail = staff("referral", organization, pk=due.pk)
    assert counselor_client.get(detail).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED, actor=counselor).exists()

    missing_reason = counselor_client.post(detail, {"outcome": "not_joined", "outcome_reason": ""})
    assert missing_reason.status_code == 400
    response = counselor_client.post(
        detail, {"outcome": "not_joined", "outcome_reason": "Ei kyytiä iltaisin"}
    )
    assert response.status_code == 302
    due.refresh_from_db()
    assert (
        due.outcome == "not_joined" and due.outcome_reason == "Ei kyytiä iltaisin" and due.outcome_recorded_at
    )
    assert list(selectors.referrals_due(organization=organization)) == []

    later = today + datetime.timedelta(days=14)
    counselor_client.post(
        staff("referral", organization, pk=not_yet.pk),
        {"outcome": "pending", "outcome_reason": "Aloittaa syksyllä", "follow_up_on": later.isoformat()},
    )
    not_yet.refresh_from_db()
    assert not_yet.follow_up_on == later and not_yet.outcome == "pending"


def test_counts_by_category_and_outcome(organization, other_organization, counselor, amal, football, choir):
    today = timezone.localdate()
    first = services.referral_create(
        organization=organization,
        client=amal,
        activity=football,
        partner=None,
        follow_up_on=today,
        actor=counselor,
    )
    services.referral_create(
        organization=organization,
        client=amal,
        activity=choir,
        partner=None,
        follow_up_on=today,
        actor=counselor,
    )
    services.referral_create(
        organization=organization,
        client=amal,
        activity=football,
        partner=None,
        follow_up_on=today,
        actor=counselor,
    )
    services.referral_record_outcome(referral=first, outcome="joined", reason="", actor=counselor)
    factories.ReferralFactory.create(organization=other_organization)

    counts = selectors.referral_counts(organization=organization, date_from=today, date_to=today)

    assert counts == [
        {"category": "music", "outcome": "pending", "count": 1},
        {"category": "sports", "outcome": "joined", "count": 1},
        {"category": "sports", "outcome": "pending", "count": 1},
    ]


def test_reporting_role_cannot_open_referrals(organization, login_as, reporting_user, amal):
    client = login_as(reporting_user)

    assert client.get(staff("referrals", organization)).status_code == 403
    assert client.get(staff("referral_new", organization, pk=amal.pk)).status_code == 403


def test_handled_join_requests_are_deleted_after_the_retention_period(organization, counselor, settings):
    settings.KOTOPOLKU_JOIN_REQUEST_RETENTION_DAYS = 30
    old = factories.JoinHelpRequestFactory.create(organization=organization)
    recent = factories.JoinHelpRequestFactory.create(organization=organization)
    waiting = factories.JoinHelpRequestFactory.create(organization=organization)
    services.join_request_mark_handled(request=old, note="", actor=counselor)
    services.join_request_mark_handled(request=recent, note="", actor=counselor)
    JoinHelpRequest.objects.filter(pk=old.pk).update(handled_at=timezone.now() - datetime.timedelta(days=31))

    assert services.join_requests_apply_retention() == 1

    assert set(JoinHelpRequest.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.details == {"join_requests_deleted": 1, "days": 30}
    assert services.join_requests_apply_retention() == 0


def test_a_referral_outlives_a_removed_activity(organization, counselor, amal, football):
    referral = services.referral_create(
        organization=organization,
        client=amal,
        activity=football,
        partner=None,
        follow_up_on=timezone.localdate(),
        actor=counselor,
    )
    football.organizer = None
    football.save(update_fields=["organizer"])
    referral.refresh_from_db()
    referral.partner = None
    referral.save(update_fields=["partner"])

    football.delete()

    referral.refresh_from_db()
    assert referral.activity is None and referral.target_name == "–"
    today = timezone.localdate()
    assert selectors.referral_counts(organization=organization, date_from=today, date_to=today) == [
        {"category": "sports", "outcome": "pending", "count": 1}
    ]
