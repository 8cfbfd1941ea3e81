"""The audit log page: coordinators only, own municipality only, filters that cannot break it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.audit.services import audit_record
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def log_url(organization) -> str:
    return reverse("staff:audit_log", kwargs={"org": organization.slug})


def test_coordinator_sees_own_municipality_events_with_changed_field_names(
    organization, other_organization, coordinator, coordinator_client
):
    own = factories.ServiceFactory.create(organization=organization)
    foreign = factories.ServiceFactory.create(organization=other_organization)
    audit_record(
        actor=coordinator,
        action=AuditAction.SERVICE_UPDATED,
        target=own,
        details={"fields": ["bookable", "name_sv"]},
    )
    audit_record(
        actor=None, action=AuditAction.SERVICE_UPDATED, target=foreign, details={"fields": ["secret_field"]}
    )
    audit_record(actor=None, action=AuditAction.LOGIN_FAILED)  # no municipality: in nobody's log

    response = coordinator_client.get(log_url(organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert "fields: bookable, name_sv" in html
    assert f"organizations.service {own.pk}" in html
    assert "secret_field" not in html
    assert f"organizations.service {foreign.pk}<" not in html
    assert str(coordinator) in html


def test_filter_by_action(organization, coordinator, coordinator_client):
    service = factories.ServiceFactory.create(organization=organization)
    audit_record(actor=coordinator, action=AuditAction.SERVICE_CREATED, target=service)
    audit_record(
        actor=coordinator, action=AuditAction.HOURS_DELETED, target=organization, details={"weekday": 6}
    )

    html = coordinator_client.get(
        log_url(organization), {"action": AuditAction.HOURS_DELETED}
    ).content.decode()

    assert "weekday: 6" in html
    assert f"organizations.service {service.pk}" not in html
    assert f'<option value="{AuditAction.HOURS_DELETED}" selected>' in html


def test_log_is_paginated_newest_first(organization, coordinator, coordinator_client):
    for number in range(55):
        AuditEvent.objects.create(
            organization=organization, action=AuditAction.PLACE_UPDATED, details={"n": number}
        )

    first = coordinator_client.get(log_url(organization)).content.decode()
    second = coordinator_client.get(log_url(organization), {"page": 2}).content.decode()

    assert "n: 54" in first and "n: 5<" in first and "n: 4<" not in first
    assert "n: 4<" in second and "n: 0<" in second and "n: 54" not in second


def test_counselor_cannot_read_the_log(organization, counselor_client):
    assert counselor_client.get(log_url(organization)).status_code == 403
