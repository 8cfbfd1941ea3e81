"""Demo data of the letter helper: letters "shared" by clients, so the staff page has something to open."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kotopolku.core import demo_content
from kotopolku.letters import corpus, services
from kotopolku.letters.models import LetterJob, SharedLetter
from kotopolku.organizations.models import Organization


def load_demo_letters(organization: Organization) -> bool:
    """Idempotent: only when the municipality has no shared letters yet. Returns whether it loaded."""
    names = demo_content.DEMO_SHARED_LETTERS.get(organization.slug, [])
    if not names or SharedLetter.objects.for_organization(organization).exists():
        return False
    letters = {letter.name: letter for letter in corpus.LETTERS}
    for name, language, handoff in names:
        job = LetterJob.objects.create(
            organization=organization,
            source=LetterJob.Source.TEXT,
            language=language,
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
        services.job_process(job_id=job.pk, data=None, text=letters[name].text)
        job.refresh_from_db()
        services.letter_share(job=job, handoff=handoff)
    return True
