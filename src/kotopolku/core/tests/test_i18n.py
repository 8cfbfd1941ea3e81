"""Languages: the prefix of every public page, right-to-left scripts, ``/`` by Accept-Language."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en", "ar", "fa", "ru", "uk", "so"]
RTL = {"ar", "fa"}


def html_tag(lang: str) -> str:
    return f'<html lang="{lang}" dir="{"rtl" if lang in RTL else "ltr"}">'


def test_the_eight_languages_are_configured_everywhere():
    assert [code for code, _name in settings.LANGUAGES] == LANGUAGES
    assert list(settings.MODELTRANSLATION_LANGUAGES) == LANGUAGES
    locale_dir = Path(settings.LOCALE_PATHS[0])
    assert all((locale_dir / code / "LC_MESSAGES" / "django.po").is_file() for code in LANGUAGES)
    assert set(settings.LANGUAGES_BIDI) >= RTL


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_in_every_language(client, organization, other_organization, lang):
    with translation.override(lang):
        pages = [
            reverse("public:choose"),
            reverse("public:home", kwargs={"org": organization.slug}),
            reverse("public:accessibility", kwargs={"org": organization.slug}),
            reverse("public:feedback_thanks", kwargs={"org": organization.slug}),
        ]
    for page in pages:
        assert page.startswith(f"/{lang}/")
        response = client.get(page)
        assert response.status_code == 200, page
        assert html_tag(lang) in response.content.decode(), page
        assert response["Content-Language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_error_pages_in_every_language(client, lang):
    response = client.get(f"/{lang}/no-such-town/")

    assert response.status_code == 404
    assert html_tag(lang) in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("sv-FI,sv;q=0.9,fi;q=0.8", "/sv/"),
        ("ar", "/ar/"),
        ("fa-IR", "/fa/"),
        ("uk,ru;q=0.5", "/uk/"),
        ("so", "/so/"),
        ("de-DE,de;q=0.9", "/fi/"),  # not offered: Finnish
        ("de, en;q=0.3", "/en/"),  # the first offered one
        ("", "/fi/"),
    ],
)
def test_root_redirects_by_accept_language(accept_language, expected):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language) if accept_language else Client()

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_follows_the_language_chosen_earlier(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "so"

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="sv")["Location"] == "/so/"


def test_language_switch_for_staff_pages_sets_the_cookie(organization, counselor_client):
    dashboard = reverse("staff:dashboard", kwargs={"org": organization.slug})

    response = counselor_client.post(reverse("set_language"), {"language": "ar", "next": dashboard})

    assert response["Location"] == dashboard
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert html_tag("ar") in counselor_client.get(dashboard).content.decode()


def test_staff_pages_follow_accept_language(organization, counselor, login_as):
    client = login_as(counselor, HTTP_ACCEPT_LANGUAGE="fa")

    html = client.get(reverse("staff:dashboard", kwargs={"org": organization.slug})).content.decode()

    assert html_tag("fa") in html
