"""Partners' suggestions: the public form, moderation by staff, and that nothing publishes itself."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.network import services
from kotopolku.network.models import Activity, ActivitySuggestion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below are the English source texts."""
    with translation.override("en"):
        yield


VALID = {
    "organizer_name": "Heinolan Kuoroyhdistys",
    "name": "Laulupiiri",
    "category": "music",
    "description": "Laulamme suomalaisia ja omia lauluja.",
    "age_groups": ["adults", "seniors"],
    "languages": ["fi", "ru"],
    "price": "free",
    "schedule": "Maanantaisin 18–19",
    "contact_name": "Kaija Keksitty",
    "contact_email": "kuoro@example.fi",
    "contact_phone": "040 765 4321",
}


def suggest_url(organization, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("public:hobby_suggest", kwargs={"org": organization.slug})


def finder_html(organization) -> str:
    with translation.override("fi"):
        return Client().get(reverse("public:hobbies", kwargs={"org": organization.slug})).content.decode()


def test_a_suggestion_is_pending_and_never_publishes_itself(client, organization):
    response = client.post(
        suggest_url(organization, "ru"),
        {**VALID, "status": "approved", "is_published": "on", "activity": "1", "decided_at": "2026-01-01"},
    )

    assert response.status_code == 302
    suggestion = ActivitySuggestion.objects.get()
    assert suggestion.status == ActivitySuggestion.Status.PENDING
    assert suggestion.activity is None and suggestion.decided_at is None
    assert suggestion.language == "ru" and suggestion.contact_phone == "+358407654321"
    assert not Activity.objects.exists()
    assert "Laulupiiri" not in finder_html(organization)
    assert AuditEvent.objects.filter(
        action=AuditAction.SUGGESTION_RECEIVED, organization=organization
    ).exists()


def test_staff_approval_publishes_the_edited_activity(organization, coordinator_client, coordinator):
    suggestion = services.suggestion_submit(organization=organization, data=dict(VALID), language="en")
    url = reverse("staff:suggestion_review", kwargs={"org": organization.slug, "pk": suggestion.pk})

    form = coordinator_client.get(url).content.decode()
    assert 'value="Laulupiiri"' in form  # prefilled from the suggestion

    response = coordinator_client.post(
        url,
        {
            "category": "music",
            "price": "free",
            "is_published": "on",
            "name_fi": "Laulupiiri",
            "name_en": "Singing circle",
            "schedule_fi": "Maanantaisin 18–19",
            "languages": ["fi", "ru"],
            "age_groups": ["adults"],
        },
    )

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ActivitySuggestion.Status.APPROVED and suggestion.decided_by == coordinator
    activity = suggestion.activity
    assert activity is not None and activity.is_published and activity.organization == organization
    assert activity.language_codes() == ["fi", "ru"] and activity.age_group_codes() == ["adults"]
    assert "Laulupiiri" in finder_html(organization)
    assert AuditEvent.objects.filter(action=AuditAction.SUGGESTION_APPROVED, actor=coordinator).exists()
    # Handled once: a second approval or a rejection changes nothing.
    again = coordinator_client.post(url, {"category": "music", "price": "free", "name_fi": "Toinen"})
    assert again.status_code == 302 and Activity.objects.count() == 1


def test_rejection_keeps_it_out_of_the_finder(organization, counselor_client, counselor):
    suggestion = services.suggestion_submit(organization=organization, data=dict(VALID), language="fi")

    response = counselor_client.post(
        reverse("staff:suggestion_reject", kwargs={"org": organization.slug, "pk": suggestion.pk}),
        {"note": "Ei kotoutumiseen liittyvä"},
    )

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ActivitySuggestion.Status.REJECTED and suggestion.decided_by == counselor
    assert not Activity.objects.exists()
    assert "Laulupiiri" not in finder_html(organization)
    with translation.override("en"), pytest.raises(Exception, match="already been handled"):
        services.suggestion_reject(suggestion=suggestion, note="", actor=counselor)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "Write the name of the activity."),
        ({"name": "   "}, "Write the name of the activity."),
        ({"category": "cooking"}, "Choose one of the kinds in the list."),
        ({"description": ""}, "Describe the activity."),
        ({"age_groups": []}, "Choose at least one age group."),
        ({"languages": ["xx"]}, "Choose languages from the list."),
        ({"price": ""}, "Tell whether the activity is free."),
        ({"contact_email": "not-an-address"}, "Write the email address in the form name@example.com."),
        ({"contact_phone": "12"}, "This phone number does not look right."),
        ({"website": "javascript:alert(1)"}, "Write the web address in the form https://example.fi."),
        ({"description": "x" * 3001}, "at most 3000 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(organization, change, message):
    client = Client(headers={"Accept-Language": "en"})

    response = client.post(suggest_url(organization), {**VALID, **change})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert not ActivitySuggestion.objects.exists()


def test_suggestion_form_is_rate_limited(client, organization, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "3/h"

    statuses = [client.post(suggest_url(organization), VALID).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert ActivitySuggestion.objects.count() == 3


def test_suggestions_of_another_municipality_are_not_listed(
    organization, other_organization, coordinator_client
):
    services.suggestion_submit(
        organization=other_organization, data={**VALID, "name": "Muualla"}, language="fi"
    )
    services.suggestion_submit(organization=organization, data=dict(VALID), language="fi")

    html = coordinator_client.get(
        reverse("staff:suggestions", kwargs={"org": organization.slug})
    ).content.decode()

    assert "Laulupiiri" in html and "Muualla" not in html
