"""The public read API: municipalities and their services, in the requested language; schema and docs."""

from __future__ import annotations

import pytest
import yaml
from django.test import Client
from drf_spectacular.validation import validate_schema

from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

ORGANIZATIONS = "/api/v1/organizations/"


def services_url(slug: str) -> str:
    return f"/api/v1/organizations/{slug}/services/"


@pytest.fixture
def published(organization, other_organization):
    factories.OrganizationFactory.create(slug="piilokunta", name_fi="Piilokunta", is_active=False)
    guidance = factories.ServiceFactory.create(
        organization=organization,
        service_type="guidance",
        name_fi="Arjen neuvonta",
        name_sv="Vardagsrådgivning",
        name_en="Everyday guidance",
        description_fi="Neuvomme.",
        description_en="We give advice.",
        bookable=True,
        duration_minutes=45,
        position=1,
    )
    quota = factories.ServiceFactory.create(
        organization=organization,
        service_type="quota_reception",
        name_fi="Kiintiöpakolaisten vastaanotto",
        description_fi="Järjestämme vastaanoton.",
        bookable=False,
        duration_minutes=60,
        position=2,
    )
    factories.ServiceFactory.create(organization=organization, name_fi="Piilotettu", is_active=False)
    factories.ServiceFactory.create(organization=other_organization, name_fi="Järvelän neuvonta")
    return guidance, quota


def test_organization_list(client, published, organization, other_organization):
    response = client.get(ORGANIZATIONS)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {"slug": "heinola", "name": "Heinola", "url": "/fi/heinola/"},
        {"slug": "jarvela", "name": "Järvelä", "url": "/fi/jarvela/"},
    ]


def test_organization_list_in_swedish_links_to_swedish_pages(client, published):
    data = client.get(ORGANIZATIONS, {"lang": "sv"}).json()

    assert [o["url"] for o in data] == ["/sv/heinola/", "/sv/jarvela/"]


def test_services_with_their_fields(client, published):
    guidance, quota = published

    response = client.get(services_url("heinola"))

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": guidance.pk,
            "type": "guidance",
            "name": "Arjen neuvonta",
            "description": "Neuvomme.",
            "bookable": True,
            "duration": 45,
        },
        {
            "id": quota.pk,
            "type": "quota_reception",
            "name": "Kiintiöpakolaisten vastaanotto",
            "description": "Järjestämme vastaanoton.",
            "bookable": False,
            "duration": 60,
        },
    ]


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        ({"lang": "sv"}, {}, "Vardagsrådgivning"),
        ({"lang": "en"}, {}, "Everyday guidance"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "sv-FI,sv;q=0.9"}, "Vardagsrådgivning"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "en"}, "Everyday guidance"),
        # ?lang= wins over the header.
        ({"lang": "en"}, {"HTTP_ACCEPT_LANGUAGE": "sv"}, "Everyday guidance"),
        # Unknown or unsupported: Finnish.
        ({"lang": "de"}, {}, "Arjen neuvonta"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "de"}, "Arjen neuvonta"),
    ],
)
def test_services_in_the_requested_language(published, query, headers, expected):
    data = Client(**headers).get(services_url("heinola"), query).json()

    assert data[0]["name"] == expected


@pytest.mark.parametrize("lang", ["sv", "ar", "so"])
def test_missing_translation_falls_back_to_finnish(client, published, lang):
    data = client.get(services_url("heinola"), {"lang": lang}).json()

    assert data[1]["name"] == "Kiintiöpakolaisten vastaanotto"
    assert data[1]["description"] == "Järjestämme vastaanoton."


@pytest.mark.parametrize("slug", ["no-such-town", "piilokunta"])
def test_unknown_or_unpublished_municipality_is_404_json(client, published, slug):
    response = client.get(services_url(slug))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message"]


def test_api_rate_limit_answers_429_json(client, organization, settings, frozen_ratelimit_clock):
    settings.KOTOPOLKU_RATE_PUBLIC_API = "2/m"

    statuses = [client.get(ORGANIZATIONS).status_code for _ in range(2)]
    limited = client.get(ORGANIZATIONS)

    assert statuses == [200, 200]
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert limited["Retry-After"] == "60"


# --- Schema and docs ---------------------------------------------------------------------------


def test_schema_is_valid_openapi_3_with_both_paths(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises on an invalid OpenAPI document
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/organizations/", "/api/v1/organizations/{org}/services/"} <= set(schema["paths"])
    service = schema["components"]["schemas"]["ServiceOutput"]["properties"]
    assert {"id", "name", "bookable", "duration"} <= set(service)
    parameters = schema["paths"]["/api/v1/organizations/{org}/services/"]["get"]["parameters"]
    assert "lang" in {p["name"] for p in parameters}


def test_schema_as_json(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Kotopolku API"


def test_docs_render_swagger_ui_from_local_files(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui" in html
    # Served from this site (drf-spectacular-sidecar), never from a CDN.
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "'unsafe-inline'" in response["Content-Security-Policy"].split("style-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert b"/api/schema/" in script.content


def test_api_root_answers_json_with_the_links(client):
    response = client.get("/api/")
    assert response.status_code == 200
    assert response.json() == {
        "schema": "/api/schema/",
        "docs": "/api/docs/",
        "organizations": "/api/v1/organizations/",
    }
