"""The letter helper's data: a short-lived reading job, and a letter the client chose to share.

Nothing of the letter is kept unless the client shares it. A job holds the result (encrypted) only
until it expires (``KOTOPOLKU_LETTER_JOB_MINUTES``); the uploaded file itself never reaches the
database. A shared letter (the text read from it and the facts found) is encrypted at rest and
deleted after ``KOTOPOLKU_LETTER_RETENTION_DAYS``.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.letters.crypto import decrypt_json
from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet

# Share codes: no 0/O, 1/I/L, so they can be read aloud and typed from a phone screen.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_job_token() -> str:
    return secrets.token_urlsafe(24)


def new_share_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class LetterJob(models.Model):
    """One reading of one letter: queued → processing → done or failed. Deleted when it expires."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        PROCESSING = "processing", _("Reading")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be read")

    class Source(models.TextChoices):
        IMAGE = "image", _("Photo or image")
        PDF = "pdf", _("PDF")
        TEXT = "text", _("Pasted text")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="letter_jobs")
    token = models.CharField(max_length=64, unique=True, default=new_job_token)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    source = models.CharField(max_length=10, choices=Source.choices)
    language = models.CharField(max_length=10)
    progress = models.CharField(max_length=40, blank=True)  # a step name, e.g. "ocr"
    error_code = models.CharField(max_length=40, blank=True)
    result = models.BinaryField(null=True, blank=True)  # encrypted JSON (see crypto.py)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter reading")
        verbose_name_plural = _("letter readings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(result__isnull=False), name="letterjob_done_has_result"
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error_code=""), name="letterjob_failed_has_error"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="letterjob_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"

    def result_data(self) -> dict[str, Any] | None:
        return decrypt_json(self.result) if self.result is not None else None


class SharedLetter(models.Model):
    """A letter the client brought to the counselor: the text read from it and the facts found."""

    class Handoff(models.TextChoices):
        BOOKING = "booking", _("Appointment")
        DROPIN = "dropin", _("Drop-in hour")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="shared_letters")
    code = models.CharField(_("letter code"), max_length=CODE_LENGTH, unique=True, default=new_share_code)
    handoff = models.CharField(_("brought to"), max_length=10, choices=Handoff.choices)
    language = models.CharField(_("client's language"), max_length=10)
    payload = models.BinaryField()  # encrypted JSON: the facts and the text (see crypto.py)
    created_at = models.DateTimeField(_("shared"), default=timezone.now)
    delete_after = models.DateTimeField(_("deleted after"), db_index=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shared letter")
        verbose_name_plural = _("shared letters")
        constraints = [
            models.CheckConstraint(
                condition=Q(delete_after__gt=F("created_at")), name="sharedletter_deleted_later"
            ),
        ]

    def __str__(self) -> str:
        return format_code(self.code)

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def payload_data(self) -> dict[str, Any] | None:
        return decrypt_json(self.payload)


class LetterReading(models.Model):
    """One use of the letter helper, counted anonymously for the statistics: the day, the sender type
    and the kind of letter found (or that it could not be read). Nothing of the letter itself."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="letter_readings")
    day = models.DateField(_("day"), db_index=True)
    sender = models.CharField(_("sender type"), max_length=30, blank=True)
    document_type = models.CharField(_("kind of letter"), max_length=30, blank=True)
    succeeded = models.BooleanField(_("read"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("letter helper use")
        verbose_name_plural = _("letter helper uses")
        indexes = [models.Index(fields=["organization", "day"], name="letters_reading_org_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.sender or '-'}"
