"""POST /api/v1/organizations/<org>/letters/"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotopolku.letters import corpus

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/heinola/letters/"
FIELDS = {
    "sender",
    "document_type",
    "letter_date",
    "due_date",
    "amount",
    "reference_number",
    "iban",
    "response_deadline",
    "terms",
    "next_steps",
}


def test_text_in_facts_out(organization):
    response = Client(headers={"Accept-Language": "en"}).post(URL, {"text": corpus.LETTERS[1].text})
    data = response.json()
    assert response.status_code == 200
    assert set(data) == FIELDS
    assert data["document_type"] == "invoice"
    assert data["amount"] == "111.80"
    assert data["due_date"] == "2026-02-23"
    assert data["reference_number"] == "12345 67897"
    assert data["iban"] == "FI21 1234 5600 0007 85"
    assert {"term": "eräpäivä", "explanation": "Due date: the last day to pay the bill."} in data["terms"]
    assert any("not a decision" in step for step in data["next_steps"])


def test_language_field_and_decision_deadline(organization):
    response = Client().post(URL, {"text": corpus.LETTERS[0].text, "language": "sv"})
    data = response.json()
    assert data["sender"] == "Kela"
    assert data["response_deadline"] == "2026-04-09"
    assert any("FPA" in term["explanation"] or "beslut" in term["explanation"] for term in data["terms"])


def test_pdf_upload(organization):
    upload = SimpleUploadedFile("k.pdf", corpus.text_pdf([corpus.LETTERS[2].text]))
    data = Client().post(URL, {"file": upload}).json()
    assert data["document_type"] == "payment_reminder"
    assert data["reference_number"] == "RF18 5390 0754 7034"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "no_input"),
        ({"file": SimpleUploadedFile("a.pdf", b"GIF89a" + b"0" * 40)}, "unsupported_type"),
        ({"file": SimpleUploadedFile("a.jpg", b"\xff\xd8\xff" + b"0" * 40)}, "corrupt"),
        ({"text": "x" * 20_001}, "text_too_long"),
    ],
)
def test_bad_input_is_400_with_a_translated_message(organization, payload, code):
    response = Client(headers={"Accept-Language": "en"}).post(URL, payload)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_both_inputs(organization):
    upload = SimpleUploadedFile("k.pdf", corpus.text_pdf([corpus.LETTERS[2].text]))
    response = Client().post(URL, {"file": upload, "text": "teksti"})
    assert response.json()["code"] == "both_inputs"


def test_unknown_municipality(organization):
    assert Client().post("/api/v1/organizations/nowhere/letters/", {"text": "x"}).status_code == 404


def test_rate_limited(organization, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_LETTERS = "1/h"
    client = Client()
    client.post(URL, {"text": corpus.LETTERS[1].text})
    response = client.post(URL, {"text": corpus.LETTERS[1].text})
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_too_large_upload(organization):
    upload = SimpleUploadedFile("k.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 100 * 1024))
    response = Client().post(URL, {"file": upload})
    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
