"""``audit_record``: whose municipality an event belongs to, and what it keeps."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.audit.services import audit_record
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def test_municipality_comes_from_the_target(organization, other_organization, system_admin):
    service = factories.ServiceFactory.create(organization=other_organization)

    event = audit_record(actor=system_admin, action=AuditAction.SERVICE_UPDATED, target=service)

    assert event.organization == other_organization
    assert (event.target_type, event.target_id) == ("organizations.service", str(service.pk))


def test_an_organization_target_is_its_own_municipality(organization, system_admin):
    event = audit_record(actor=system_admin, action=AuditAction.ORGANIZATION_UPDATED, target=organization)

    assert event.organization == organization


def test_without_a_target_the_actors_municipality(organization, counselor):
    event = audit_record(actor=counselor, action=AuditAction.LOGOUT)

    assert (event.organization, event.actor, event.target_type, event.target_id) == (
        organization,
        counselor,
        "",
        "",
    )


def test_explicit_municipality_wins(organization, other_organization, counselor):
    event = audit_record(actor=counselor, action=AuditAction.LOGIN_FAILED, organization=other_organization)

    assert event.organization == other_organization


def test_anonymous_actor_is_kept_as_none(organization):
    event = audit_record(actor=AnonymousUser(), action=AuditAction.FEEDBACK_RECEIVED, target=organization)

    assert event.actor is None
    assert event.details == {}


def test_events_survive_their_actor(organization):
    person = factories.CounselorFactory.create(organization=organization)
    event = audit_record(actor=person, action=AuditAction.LOGIN, target=person)
    person_pk = person.pk

    person.delete()

    event.refresh_from_db()
    assert event.actor is None
    assert event.target_id == str(person_pk)
    assert AuditEvent.objects.count() == 1
