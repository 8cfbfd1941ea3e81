"""Reads of the letter helper."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kotopolku.letters.models import LetterJob, SharedLetter, normalize_code
from kotopolku.organizations.models import Organization


def job_get_public(*, organization: Organization, token: str) -> LetterJob:
    """A reading by its secret token, if it has not expired. Another municipality's token is a 404."""
    job = (
        LetterJob.objects.for_organization(organization)
        .filter(token=token, expires_at__gt=timezone.now())
        .first()
    )
    if job is None:
        raise Http404
    return job


def job_is_stuck(job: LetterJob) -> bool:
    """A job still waiting long after any reading could have finished (its process stopped)."""
    limit = datetime.timedelta(seconds=settings.KOTOPOLKU_LETTER_OCR_TIMEOUT + 300)
    return job.status in (LetterJob.Status.QUEUED, LetterJob.Status.PROCESSING) and (
        timezone.now() - job.created_at > limit
    )


def shared_letter_list(*, organization: Organization, code: str = "") -> QuerySet[SharedLetter]:
    letters = SharedLetter.objects.for_organization(organization).filter(delete_after__gt=timezone.now())
    if code:
        letters = letters.filter(code=normalize_code(code))
    return letters.order_by("-created_at", "-id")


def shared_letter_get(*, organization: Organization, pk: int) -> SharedLetter:
    letter = shared_letter_list(organization=organization).filter(pk=pk).first()
    if letter is None:
        raise Http404
    return letter
