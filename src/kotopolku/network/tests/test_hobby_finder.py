"""The public hobby finder, an activity's page with "help me join", and the hobbies API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.network.models import JoinHelpRequest
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def finder_url(organization, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("public:hobbies", kwargs={"org": organization.slug})


def detail_url(activity, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("public:hobby_detail", kwargs={"org": activity.organization.slug, "pk": activity.pk})


def api_url(organization) -> str:
    return reverse("api-organization-hobbies", kwargs={"org": organization.slug})


def test_finder_lists_published_hobbies_in_the_page_language(client, organization, football, choir):
    factories.ActivityFactory.create(organization=organization, name_fi="Piilotettu", is_published=False)
    elsewhere = factories.ActivityFactory.create(
        organization=factories.OrganizationFactory.create(slug="muu")
    )

    html = client.get(finder_url(organization)).content.decode()

    assert "Football for young people" in html and "International choir" in html
    assert "Piilotettu" not in html and factories.translated(elsewhere, "name", "fi") not in html
    assert "2 hobbies found" in html


def test_finder_falls_back_to_finnish(client, organization, football):
    html = client.get(finder_url(organization, "so")).content.decode()
    assert "Jalkapallo nuorille" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "sports"}, {"football"}),
        ({"category": "music"}, {"choir"}),
        ({"language": "ar"}, {"football"}),
        ({"language": "fi"}, {"football", "choir"}),
        ({"language": "so"}, set()),
        ({"age": "seniors"}, {"choir"}),
        ({"free": "on"}, {"football"}),
        ({"category": "music", "free": "on"}, set()),
        ({"language": "ru", "age": "adults"}, {"choir"}),
    ],
)
def test_finder_filters_without_javascript(client, organization, football, choir, query, expected):
    response = client.get(finder_url(organization), query)

    html = response.content.decode()
    found = {
        name
        for name, activity in {"football": football, "choir": choir}.items()
        if detail_url(activity) in html
    }
    assert response.status_code == 200
    assert found == expected


def test_finder_with_a_bad_filter_says_so_and_shows_everything(client, organization, football):
    response = client.get(
        finder_url(organization), {"category": "<script>"}, headers={"Accept-Language": "en"}
    )

    assert response.status_code == 400
    assert "Football for young people" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_finder_query_count_does_not_grow_with_results(client, organization, django_assert_max_num_queries):
    for number in range(12):
        activity = factories.ActivityFactory.create(organization=organization, name_fi=f"Harrastus {number}")
        activity.spoken_languages.create(code="fi")
        activity.age_groups.create(group="adults")

    with django_assert_max_num_queries(6):
        response = client.get(finder_url(organization))
    assert response.content.decode().count('class="card"') == 12


def test_hidden_or_foreign_activity_page_is_404(client, organization, other_organization):
    hidden = factories.ActivityFactory.create(organization=organization, is_published=False)
    foreign = factories.ActivityFactory.create(organization=other_organization)

    assert client.get(detail_url(hidden)).status_code == 404
    url = detail_url(foreign).replace(f"/{other_organization.slug}/", f"/{organization.slug}/")
    assert client.get(url).status_code == 404


def test_detail_shows_the_facts(client, organization, choir):
    html = client.get(detail_url(choir)).content.decode()

    assert "International choir" in html
    assert "20 € lukukausi" in html
    assert "Support for the fee is available" in html
    assert "Russian" in html and "Seniors (65 and over)" in html


def test_ask_for_help_lands_in_the_staff_inbox_and_reading_it_is_audited(
    client, organization, football, counselor_client, counselor
):
    response = client.post(
        detail_url(football, "ar"),
        {
            "name": "  Amal   Keksitty ",
            "phone": "040 123 4567",
            "email": "",
            "language": "ar",
            "message": "Iltaisin",
        },
    )

    assert response.status_code == 302
    request = JoinHelpRequest.objects.get()
    assert request.organization == organization and request.activity == football
    assert request.name == "Amal Keksitty" and request.phone == "+358401234567" and request.language == "ar"
    assert AuditEvent.objects.filter(action=AuditAction.JOIN_REQUEST_RECEIVED).exists()

    inbox = counselor_client.get(reverse("staff:join_requests", kwargs={"org": organization.slug}))
    assert "Jalkapallo nuorille" in inbox.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.JOIN_REQUEST_VIEWED).exists()

    page = counselor_client.get(
        reverse("staff:join_request", kwargs={"org": organization.slug, "pk": request.pk})
    )
    assert "+358401234567" in page.content.decode()
    viewed = AuditEvent.objects.get(action=AuditAction.JOIN_REQUEST_VIEWED)
    assert viewed.actor == counselor and viewed.target_id == str(request.pk)

    done = counselor_client.post(
        reverse("staff:join_request", kwargs={"org": organization.slug, "pk": request.pk}),
        {"note": "Soitettu"},
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == "handled" and request.handled_by == counselor


def test_another_language_is_kept_for_the_staff(client, organization, football):
    client.post(
        detail_url(football, "en"),
        {
            "name": "Hawre",
            "phone": "",
            "email": "h@example.fi",
            "language": "other",
            "language_other": "Kurdish",
        },
    )
    request = JoinHelpRequest.objects.get()
    assert request.language == "en" and request.language_other == "Kurdish"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"name": "A", "phone": "", "email": "", "language": "fi"},
            "phone",
            "Give a phone number or an email",
        ),
        ({"name": "A", "phone": "12", "language": "fi"}, "phone", "does not look right"),
        ({"name": "A", "phone": "abc", "language": "fi"}, "phone", "Write the phone number with numbers"),
        ({"name": " ", "phone": "0401234567", "language": "fi"}, "name", "Write your name"),
        ({"name": "A", "phone": "0401234567", "language": "xx"}, "language", "Choose one of the languages"),
    ],
)
def test_help_request_bad_input_saves_nothing(organization, football, data, field, message):
    client = Client(headers={"Accept-Language": "en"})

    response = client.post(detail_url(football, "en"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JoinHelpRequest.objects.exists()


def test_help_request_is_rate_limited(client, organization, football, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "2/h"
    data = {"name": "A", "phone": "0401234567", "language": "fi"}

    statuses = [client.post(detail_url(football), data).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert JoinHelpRequest.objects.count() == 2


# --- API ------------------------------------------------------------------------------------------


def test_api_filters_like_the_finder(client, organization, football, choir):
    everything = client.get(api_url(organization)).json()
    assert {item["id"] for item in everything} == {football.pk, choir.pk}

    data = client.get(
        api_url(organization), {"category": "sports", "language": "ar", "age": "youth", "free": "true"}
    ).json()
    assert [item["id"] for item in data] == [football.pk]
    item = data[0]
    assert item["languages"] == ["fi", "ar"] and item["age_groups"] == ["youth"] and item["free"] is True
    assert item["organizer"]["name"] == "Heinolan Urheiluseura"
    assert item["url"] == reverse("public:hobby_detail", kwargs={"org": organization.slug, "pk": football.pk})

    assert [i["id"] for i in client.get(api_url(organization), {"age": "70"}).json()] == [choir.pk]
    assert {i["id"] for i in client.get(api_url(organization), {"free": "false"}).json()} == {
        football.pk,
        choir.pk,
    }


def test_api_texts_follow_lang(client, organization, football):
    assert client.get(api_url(organization), {"lang": "en"}).json()[0]["name"] == "Football for young people"
    assert client.get(api_url(organization), {"lang": "fi"}).json()[0]["name"] == "Jalkapallo nuorille"


@pytest.mark.parametrize(
    "query",
    [
        {"category": "cooking"},
        {"language": "xx"},
        {"age": "old"},
        {"age": "999"},
        {"age": "-1"},
        {"free": "maybe"},
    ],
)
def test_api_bad_parameters_are_400_with_code_and_message(client, organization, query):
    response = client.get(api_url(organization), query)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["message"]


def test_api_unknown_municipality_is_404(client, db):
    response = client.get(reverse("api-organization-hobbies", kwargs={"org": "no-such-town"}))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
