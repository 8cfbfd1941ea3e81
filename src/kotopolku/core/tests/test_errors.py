"""Bad input never gives a 500: error pages in the visitor's language, JSON errors under /api/."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_from_bytes

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku import urls as project_urls
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lenient() -> Client:
    """A client that turns unhandled exceptions into the 500 page instead of raising them."""
    return Client(raise_request_exception=False)


def is_html_in(response, lang: str) -> bool:
    return f'<html lang="{lang}"' in response.content.decode()


def assert_json_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


# --- 404 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/xx/heinola/",
        "/fi/no-such-town/",
        "/fi/no-such-town/accessibility/",
        "/fi/heinola/no-such-page/",
        "/fi/%ff%fe/",
        "/fi/heinola/accessibility/thanks/extra/",
    ],
)
def test_unknown_pages_are_404_html(lenient, organization, url):
    response = lenient.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"<h1>" in response.content


def test_unknown_language_prefix_ends_in_404(lenient):
    response = lenient.get("/zz/", follow=True)

    assert response.status_code == 404
    assert response.redirect_chain == [("/fi/zz/", 302)]


def test_404_page_is_in_the_language_of_the_prefix(lenient):
    response = lenient.get("/ar/no-such-town/")

    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/", "/api/v1/nothing/", "/api/v2/organizations/", "/api/v1/organizations/heinola/nothing/"],
)
def test_404_under_api_is_json(lenient, organization, url):
    assert_json_error(lenient.get(url), 404, "not_found")


# --- Malformed query strings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["status=%ff", "status=<script>", "status=", "status=new&status=answered", "%ff=%fe"]
)
def test_malformed_inbox_filters(organization, counselor_client, query):
    factories.FeedbackFactory.create(organization=organization)

    response = counselor_client.get(f"/staff/heinola/inbox/?{query}")

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999",
        "page=%ff",
        "action=<script>alert(1)</script>",
        "action=%ff&page=1e9",
    ],
)
def test_malformed_audit_log_queries(organization, coordinator_client, query):
    response = coordinator_client.get(f"/staff/heinola/audit/?{query}")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("query", ["lang=%ff", "lang=<script>", "lang=", "format=xml", "format=%ff"])
def test_malformed_api_queries(lenient, organization, query):
    response = lenient.get(f"/api/v1/organizations/heinola/services/?{query}")

    assert response.status_code in {200, 404}
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("query", ["next=%ff", "next=javascript:alert(1)", "%ff", "a=" + "x" * 5000])
def test_malformed_public_queries(lenient, organization, query):
    for url in ("/fi/", "/fi/heinola/", "/fi/heinola/accessibility/", "/staff/login/"):
        response = lenient.get(f"{url}?{query}")
        assert response.status_code in {200, 302}, url


def test_too_many_form_fields_is_400(lenient, organization):
    data = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    response = lenient.post("/sv/heinola/accessibility/", data)

    assert response.status_code == 400
    assert is_html_in(response, "sv")
    assert not AccessibilityFeedback.objects.exists()


# --- Oversized bodies -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "ar", "uk"])
def test_oversized_post_to_the_public_form_is_400_html_in_the_language(lenient, organization, lang):
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = lenient.post(f"/{lang}/heinola/accessibility/", {"message": body})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert is_html_in(response, lang)
    assert not AccessibilityFeedback.objects.exists()


def test_oversized_post_is_400_also_with_csrf_checks(organization):
    """In production the CSRF check reads the body first: still a 400, not a 500 or a CSRF page."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/fi/heinola/accessibility/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = client.post(
        "/fi/heinola/accessibility/",
        {"message": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 400
    assert is_html_in(response, "fi")


def test_oversized_post_to_a_read_only_api_is_a_json_error(lenient, organization):
    body = json.dumps({"x": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = lenient.post("/api/v1/organizations/", body, content_type="application/json")

    assert_json_error(response, 405, "method_not_allowed")


class EchoApi(APIView):
    """Stands in for an API endpoint that reads a body (the current API only reads)."""

    def post(self, request: Request) -> Response:
        return Response({"keys": sorted(request.data)})


urlpatterns = [path("api/v1/test-echo/", EchoApi.as_view()), *project_urls.urlpatterns]
handler400 = project_urls.handler400
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.mark.urls(__name__)
def test_oversized_json_body_to_the_api_is_400_json(lenient):
    small = lenient.post("/api/v1/test-echo/", {"a": 1}, content_type="application/json")
    assert small.json() == {"keys": ["a"]}

    body = json.dumps({"a": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = lenient.post("/api/v1/test-echo/", body, content_type="application/json")

    assert_json_error(response, 400, "too_large")


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("body", ["{", "[1, 2", "\x00", '{"a": NaN'])
def test_malformed_json_to_the_api_is_400_json(lenient, body):
    response = lenient.post("/api/v1/test-echo/", body, content_type="application/json")

    assert_json_error(response, 400, "parse_error")


# --- Property-based: nothing on the public side ever answers 5xx ---------------------------------

SEGMENT = st.text(min_size=0, max_size=20)
NO_HEALTH_CHECK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def published_site(organization):
    factories.ServiceFactory.create(organization=organization)
    factories.RegularHoursFactory.create(organization=organization)
    return organization


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH_CHECK)
@given(
    prefix=st.sampled_from(
        ["", "fi/", "ar/", "xx/", "api/", "api/v1/", "api/v1/organizations/", "staff/", "fi/heinola/"]
    ),
    segments=st.lists(SEGMENT, max_size=4),
)
def test_random_paths_never_give_5xx(published_site, prefix, segments):
    url = "/" + prefix + "/".join(quote(segment, safe="") for segment in segments)

    response = Client(raise_request_exception=False).get(url)

    assert response.status_code < 500, url


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=NO_HEALTH_CHECK)
@given(
    path_=st.sampled_from(
        [
            "/",
            "/fi/",
            "/en/heinola/",
            "/ar/heinola/accessibility/",
            "/api/v1/organizations/",
            "/api/v1/organizations/heinola/services/",
            "/staff/login/",
        ]
    ),
    raw_query=st.binary(max_size=60),
    pairs=st.lists(
        st.tuples(st.sampled_from(["lang", "page", "status", "next", "format", "q"]), SEGMENT), max_size=3
    ),
)
def test_random_query_strings_never_give_5xx(published_site, path_, raw_query, pairs):
    query = quote_from_bytes(raw_query, safe="=&%") + "".join(f"&{k}={quote(v)}" for k, v in pairs)

    response = Client(raise_request_exception=False).get(f"{path_}?{query}")

    assert response.status_code < 500, f"{path_}?{query}"


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=NO_HEALTH_CHECK)
@given(
    fields=st.dictionaries(
        st.sampled_from(["message", "page_url", "name", "email", "phone", "other"]),
        st.text(max_size=300),
        min_size=1,
        max_size=6,
    )
)
def test_random_feedback_posts_never_give_5xx(published_site, settings, fields):
    settings.RATELIMIT_ENABLE = False

    response = Client(raise_request_exception=False).post("/fi/heinola/accessibility/", fields)

    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert "error-summary" in response.content.decode()
