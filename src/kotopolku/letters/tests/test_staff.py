"""Staff pages of shared letters, audit of every read, retention."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.letters.models import LetterJob, SharedLetter
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def test_list_and_code_search(organization, counselor, login_as):
    letter = factories.shared_letter(organization)
    other = factories.shared_letter(organization)
    client = login_as(counselor, headers={"Accept-Language": "en"})
    url = reverse("staff:shared_letters", kwargs={"org": organization.slug})
    body = client.get(url).content.decode()
    assert letter.display_code in body and other.display_code in body
    found = client.get(url, {"code": letter.display_code.lower()}).content.decode()
    assert letter.display_code in found and other.display_code not in found


def test_every_view_is_audited(organization, counselor, login_as):
    letter = factories.shared_letter(organization)
    client = login_as(counselor, headers={"Accept-Language": "en"})
    url = reverse("staff:shared_letter_detail", kwargs={"org": organization.slug, "pk": letter.pk})
    for _ in range(2):
        body = client.get(url).content.decode()
    assert "FI21 1234 5600 0007 85" in body
    assert AuditEvent.objects.filter(action=AuditAction.LETTER_VIEWED, actor=counselor).count() == 2


def test_staff_of_another_municipality_get_404(organization, other_coordinator, login_as):
    letter = factories.shared_letter(organization)
    client = login_as(other_coordinator)
    url = reverse("staff:shared_letter_detail", kwargs={"org": organization.slug, "pk": letter.pk})
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.LETTER_VIEWED).exists()


def test_delete(organization, counselor, login_as):
    letter = factories.shared_letter(organization)
    client = login_as(counselor)
    client.post(reverse("staff:shared_letter_delete", kwargs={"org": organization.slug, "pk": letter.pk}))
    assert not SharedLetter.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.LETTER_DELETED).exists()


def test_retention_command(organization, settings):
    old = factories.shared_letter(
        organization,
        created_at=timezone.now() - datetime.timedelta(days=31),
        delete_after=timezone.now() - datetime.timedelta(days=1),
    )
    fresh = factories.shared_letter(organization)
    LetterJob.objects.create(
        organization=organization,
        source="text",
        language="fi",
        created_at=timezone.now() - datetime.timedelta(hours=2),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    call_command("apply_letter_retention", stdout=__import__("io").StringIO())
    assert list(SharedLetter.objects.all()) == [fresh]
    assert not SharedLetter.objects.filter(pk=old.pk).exists()
    assert not LetterJob.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED, organization=organization).exists()
