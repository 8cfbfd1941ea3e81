"""Writes of the letter helper: reading a letter (job), sharing it, viewing and deleting, retention."""

from __future__ import annotations

import datetime
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.letters import extraction, reading
from kotopolku.letters.crypto import encrypt_json
from kotopolku.letters.models import LetterJob, LetterReading, SharedLetter
from kotopolku.organizations.models import Organization

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 20_000


def organization_names(organization: Organization) -> list[str]:
    names = [getattr(organization, f"name_{code}", "") or "" for code in ("fi", "sv")]
    return [name for name in dict.fromkeys([*names, organization.name]) if name]


def analyze_text(*, text: str, organization: Organization, reading_info: dict[str, Any]) -> dict[str, Any]:
    """The stored result of one reading: the facts (as JSON) and the text they came from."""
    facts = extraction.analyze(
        text, organization_names=organization_names(organization), today=timezone.localdate()
    )
    return {"facts": facts.to_json(), "text": text.strip(), "reading": reading_info}


def read_letter(
    *, organization: Organization, data: bytes | None = None, text: str | None = None
) -> dict[str, Any]:
    """Read a letter synchronously (the API, and the worker thread). Raises ReadingError.
    Every reading is counted anonymously (day, sender type, kind of letter) for the statistics."""
    try:
        result = _read_letter(organization=organization, data=data, text=text)
    except reading.ReadingError:
        _count_reading(organization, None)
        raise
    _count_reading(organization, result)
    return result


def _count_reading(organization: Organization, result: dict[str, Any] | None) -> None:
    facts = (result or {}).get("facts") or {}
    sender = facts.get("sender") or {}
    LetterReading.objects.create(
        organization=organization,
        day=timezone.localdate(),
        sender=str(sender.get("code") or "")[:30] if isinstance(sender, dict) else "",
        document_type=str(facts.get("document_type") or "")[:30],
        succeeded=result is not None,
    )


def _read_letter(
    *, organization: Organization, data: bytes | None = None, text: str | None = None
) -> dict[str, Any]:
    if text is not None:
        text = text.strip()
        if not text:
            raise reading.ReadingError("no_input")
        if len(text) > MAX_TEXT_CHARS:
            raise reading.ReadingError("text_too_long")
        return analyze_text(
            text=text, organization=organization, reading_info={"kind": "text", "pages": 1, "ocr_pages": 0}
        )
    if data is None:
        raise reading.ReadingError("no_input")
    result = reading.read_upload(data)
    if len(result.text.strip()) < 20:
        raise reading.ReadingError("no_text")
    return analyze_text(
        text=result.text[:MAX_TEXT_CHARS],
        organization=organization,
        reading_info={
            "kind": result.kind,
            "pages": result.pages,
            "ocr_pages": result.ocr_pages,
            "seconds": round(result.seconds, 2),
        },
    )


# --- Jobs: reading in the background ------------------------------------------------------------------

_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def _worker_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, settings.KOTOPOLKU_LETTER_WORKERS))
        return _slots


def job_create(
    *, organization: Organization, language: str, data: bytes | None = None, text: str | None = None
) -> LetterJob:
    """A job row, then the reading after commit: in a background thread (the upload stays in memory
    only), or in the request when ``KOTOPOLKU_LETTER_INLINE`` (tests)."""
    if data is not None:
        kind = reading.check_upload(data)  # wrong type or size: refused before anything is written
        source = LetterJob.Source.PDF if kind == reading.PDF else LetterJob.Source.IMAGE
    else:
        source = LetterJob.Source.TEXT
        if not (text or "").strip():
            raise reading.ReadingError("no_input")
        if len(text or "") > MAX_TEXT_CHARS:
            raise reading.ReadingError("text_too_long")
    jobs_purge_expired()
    now = timezone.now()
    with transaction.atomic():
        job = LetterJob.objects.create(
            organization=organization,
            source=source,
            language=language,
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.KOTOPOLKU_LETTER_JOB_MINUTES),
        )
        if not settings.KOTOPOLKU_LETTER_INLINE:
            transaction.on_commit(lambda: _start_thread(job.pk, data, text))
    if settings.KOTOPOLKU_LETTER_INLINE:
        job_process(job_id=job.pk, data=data, text=text)
    job.refresh_from_db()
    return job


def _start_thread(job_id: int, data: bytes | None, text: str | None) -> None:
    thread = threading.Thread(
        target=_thread_main, args=(job_id, data, text), name=f"letter-job-{job_id}", daemon=True
    )
    thread.start()


def _thread_main(job_id: int, data: bytes | None, text: str | None) -> None:
    try:
        with _worker_slots():
            job_process(job_id=job_id, data=data, text=text)
    finally:
        connection.close()  # this thread's own database connection


def job_process(*, job_id: int, data: bytes | None, text: str | None) -> None:
    """Read the letter and store the result (encrypted) or the error code. The upload is dropped here."""
    job = LetterJob.objects.select_related("organization").filter(pk=job_id).first()
    if job is None:
        return
    LetterJob.objects.filter(pk=job_id).update(status=LetterJob.Status.PROCESSING, progress="reading")
    started = time.monotonic()
    try:
        with translation.override(job.language):
            result = read_letter(organization=job.organization, data=data, text=text)
    except reading.ReadingError as error:
        LetterJob.objects.filter(pk=job_id).update(
            status=LetterJob.Status.FAILED, error_code=error.code, progress="", finished_at=timezone.now()
        )
        logger.info("letter job failed: %s", error.code)
        return
    except Exception:  # never leave the client waiting on a job that died
        logger.exception("letter job crashed")
        LetterJob.objects.filter(pk=job_id).update(
            status=LetterJob.Status.FAILED, error_code="ocr_failed", progress="", finished_at=timezone.now()
        )
        return
    LetterJob.objects.filter(pk=job_id).update(
        status=LetterJob.Status.DONE, result=encrypt_json(result), progress="", finished_at=timezone.now()
    )
    logger.info("letter job done in %.1f s", time.monotonic() - started)


def job_delete(*, job: LetterJob) -> None:
    LetterJob.objects.filter(pk=job.pk).delete()


def jobs_purge_expired() -> int:
    deleted, _ = LetterJob.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


# --- Sharing with the counselor --------------------------------------------------------------------------


@transaction.atomic
def letter_share(*, job: LetterJob, handoff: str) -> SharedLetter:
    """Store the letter (its text and facts, encrypted) for the municipality's staff, with a code the
    client gives at the drop-in hour or in the booking. The reading itself is deleted."""
    job = LetterJob.objects.select_for_update().get(pk=job.pk)
    result = job.result_data()
    if job.status != LetterJob.Status.DONE or result is None:
        raise reading.ReadingError("expired")
    now = timezone.now()
    letter = SharedLetter(
        organization=job.organization,
        handoff=handoff,
        language=job.language,
        payload=encrypt_json(result),
        created_at=now,
        delete_after=now + datetime.timedelta(days=settings.KOTOPOLKU_LETTER_RETENTION_DAYS),
    )
    for _attempt in range(5):  # a code clash is astronomically rare; try another
        if not SharedLetter.objects.filter(code=letter.code).exists():
            break
        letter.code = SharedLetter._meta.get_field("code").get_default()
    letter.full_clean(exclude=["payload"])
    letter.save()
    job.delete()
    audit_record(actor=None, action=AuditAction.LETTER_SHARED, target=letter, details={"handoff": handoff})
    return letter


@transaction.atomic
def shared_letter_record_view(*, letter: SharedLetter, actor: User) -> None:
    """A shared letter is personal data: every read by staff is audited."""
    audit_record(actor=actor, action=AuditAction.LETTER_VIEWED, target=letter)


@transaction.atomic
def shared_letter_delete(*, letter: SharedLetter, actor: User) -> None:
    audit_record(actor=actor, action=AuditAction.LETTER_DELETED, target=letter, details={"reason": "staff"})
    letter.delete()


@transaction.atomic
def letters_apply_retention() -> dict[str, int]:
    """Delete shared letters past ``delete_after`` and expired readings; audited per municipality."""
    now = timezone.now()
    expired = SharedLetter.objects.filter(delete_after__lte=now)
    per_organization: dict[int, int] = {}
    for organization_id in expired.values_list("organization_id", flat=True):
        per_organization[organization_id] = per_organization.get(organization_id, 0) + 1
    letters_deleted, _ = expired.delete()
    for organization in Organization.objects.filter(pk__in=per_organization):
        audit_record(
            actor=None,
            action=AuditAction.RETENTION_APPLIED,
            organization=organization,
            details={"shared_letters_deleted": per_organization[organization.pk]},
        )
    return {"shared_letters_deleted": letters_deleted, "letter_readings_deleted": jobs_purge_expired()}
