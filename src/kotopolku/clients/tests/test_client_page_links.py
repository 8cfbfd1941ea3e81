"""The client page brings the other workbench parts together: legal deadlines, referrals, drop-in
visits; anonymizing a record also clears what the deadlines app holds about the person."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kotopolku.clients import services
from kotopolku.deadlines.models import FollowUpTask
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def test_client_page_shows_deadlines_and_a_referral_link(organization, counselor_client):
    client = factories.ClientRecordFactory.create(
        organization=organization, first_residence_permit_date=datetime.date(2025, 3, 1)
    )
    counselor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = counselor_client.get(
        reverse("staff:client_detail", kwargs={"org": organization.slug, "pk": client.pk})
    )
    text = page.content.decode()
    assert "Legal deadlines" in text
    assert "2028" in text  # assessment and first plan are due within 3 years of the first permit
    assert reverse("staff:referral_new", kwargs={"org": organization.slug, "pk": client.pk}) in text


def test_anonymizing_blanks_the_persons_follow_up_tasks(organization, coordinator):
    client = factories.ClientRecordFactory.create(organization=organization)
    task = factories.FollowUpTaskFactory.create(
        organization=organization, client=client, title="Soita Aminalle"
    )
    services.client_anonymize(client=client, actor=coordinator, reason="erasure_request")
    task.refresh_from_db()
    assert task.title == "–"
    assert FollowUpTask.objects.filter(pk=task.pk).exists()  # the due and done dates stay for statistics
