"""The public letter helper pages, end to end over HTTP."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.letters import corpus
from kotopolku.letters.models import LetterJob, SharedLetter

pytestmark = pytest.mark.django_db
INVOICE = corpus.LETTERS[1].text


@pytest.fixture
def en_client() -> Client:
    return Client(headers={"Accept-Language": "en"})


def url(name: str, org: str = "heinola", **kwargs) -> str:
    """The English address: the tests read the English texts."""
    with translation.override("en"):
        return reverse(f"public:{name}", kwargs={"org": org, **kwargs})


def test_start_page(organization, en_client):
    response = en_client.get("/en/heinola/letters/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in body
    assert 'accept="image/jpeg,image/png,application/pdf"' in body
    assert "not a decision" in body


def test_pasted_text_to_result(organization, en_client):
    response = en_client.post("/en/heinola/letters/", {"text": INVOICE}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Invoice (bill)" in body
    assert "Heinolan Energia" in body
    assert "12345 67897" in body and "FI21 1234 5600 0007 85" in body
    assert "111.80" in body or "111,80" in body
    assert "eräpäivä" in body  # a glossary term, with the word as found
    assert "Drop-in hour" in body and "not a decision" in body
    job = LetterJob.objects.get()
    assert job.status == LetterJob.Status.DONE
    assert job.result is not None and b"Heinolan" not in bytes(job.result)  # encrypted at rest


def test_uploaded_text_pdf_to_result(organization, en_client):
    upload = SimpleUploadedFile("kirje.pdf", corpus.text_pdf([INVOICE]), content_type="application/pdf")
    response = en_client.post("/en/heinola/letters/", {"file": upload}, follow=True)
    assert "FI21 1234 5600 0007 85" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + b"\0" * 50, "not a JPEG or PNG image or a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 50, "damaged"),
    ],
)
def test_bad_upload_gets_a_clear_message_and_nothing_is_kept(organization, en_client, data, message):
    upload = SimpleUploadedFile("kirje.jpg", data, content_type="image/jpeg")
    response = en_client.post("/en/heinola/letters/", {"file": upload}, follow=True)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert not SharedLetter.objects.exists()


def test_empty_form(organization, en_client):
    response = en_client.post("/en/heinola/letters/", {})
    assert response.status_code == 400
    assert "Choose a photo or a PDF" in response.content.decode()


def test_waiting_page_refreshes_itself_and_polls_with_htmx(organization, en_client):
    job = LetterJob.objects.create(
        organization=organization,
        source="image",
        language="en",
        expires_at=__import__("django.utils.timezone").utils.timezone.now()
        + __import__("datetime").timedelta(hours=1),
    )
    page = en_client.get(url("letter_status", token=job.token))
    body = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in body
    assert "hx-get=" in body and 'role="status"' in body
    fragment = en_client.get(url("letter_status", token=job.token), headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    LetterJob.objects.filter(pk=job.pk).update(status="failed", error_code="ocr_timeout")
    done = en_client.get(url("letter_status", token=job.token), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "took too long" in en_client.get(url("letter_status", token=job.token)).content.decode()


def test_another_municipality_cannot_open_the_reading(organization, other_organization, en_client):
    en_client.post("/en/heinola/letters/", {"text": INVOICE})
    job = LetterJob.objects.get()
    assert en_client.get(url("letter_status", org="jarvela", token=job.token)).status_code == 404


def test_share_for_a_booking_prefills_the_topic(organization, en_client):
    en_client.post("/en/heinola/letters/", {"text": INVOICE})
    job = LetterJob.objects.get()
    response = en_client.post(url("letter_share", token=job.token), {"handoff": "booking"}, follow=True)
    letter = SharedLetter.objects.get()
    body = response.content.decode()
    assert letter.display_code in body
    assert not LetterJob.objects.exists()  # the reading itself is gone
    assert b"Heinolan" not in bytes(letter.payload)  # encrypted at rest
    assert (letter.payload_data() or {})["facts"]["iban"] == "FI21 1234 5600 0007 85"
    assert AuditEvent.objects.filter(action=AuditAction.LETTER_SHARED).count() == 1
    booking = en_client.get(url("book_service") + f"?topic=letter&letter={letter.display_code}")
    assert booking.status_code == 200
    session_draft = en_client.session[f"booking_draft:{organization.pk}"]
    assert letter.display_code in session_draft["topic_prefill"]


def test_delete_now(organization, en_client):
    en_client.post("/en/heinola/letters/", {"text": INVOICE})
    job = LetterJob.objects.get()
    en_client.post(url("letter_delete", token=job.token))
    assert not LetterJob.objects.exists()
    assert en_client.get(url("letter_status", token=job.token)).status_code == 404


def test_rate_limited(organization, en_client, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_LETTERS = "2/h"
    for _ in range(2):
        en_client.post("/en/heinola/letters/", {"text": INVOICE})
    assert en_client.post("/en/heinola/letters/", {"text": INVOICE}).status_code == 429


def test_too_large_upload(organization, en_client):
    upload = SimpleUploadedFile(
        "kirje.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = en_client.post("/en/heinola/letters/", {"file": upload})
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert not LetterJob.objects.exists()


def test_booking_link_with_a_malformed_code_still_prefills_the_topic(organization, en_client):
    en_client.get(url("book_service") + "?topic=letter&letter=<script>")
    assert en_client.session[f"booking_draft:{organization.pk}"]["topic_prefill"] == "Help with a letter"
