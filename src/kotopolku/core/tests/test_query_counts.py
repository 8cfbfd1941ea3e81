"""Pages use a fixed number of queries, however many services, places, hours or rows there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def add_content(organization, count: int) -> None:
    """``count`` more of everything a municipality publishes or handles."""
    for _ in range(count):
        place = factories.PlaceFactory.create(organization=organization)
        factories.RegularHoursFactory.create(organization=organization, place=place)
        factories.RegularHoursFactory.create(organization=organization, place=place, kind="phone")
        factories.ServiceFactory.create(organization=organization)
        factories.CounselorFactory.create(organization=organization, show_on_public_pages=True)
        factories.FeedbackFactory.create(organization=organization)
        AuditEvent.objects.create(
            organization=organization, action=AuditAction.SERVICE_UPDATED, details={"fields": ["x"]}
        )


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def test_public_home_page(organization, django_assert_max_num_queries):
    with translation.override("fi"):
        url = reverse("public:home", kwargs={"org": organization.slug})
    add_content(organization, 1)
    few = queries_for(Client(), url)

    add_content(organization, 15)

    assert queries_for(Client(), url) == few
    with django_assert_max_num_queries(8):
        Client().get(url)


@pytest.mark.parametrize("name", ["dashboard", "inbox", "setup", "staff_list", "audit_log"])
def test_staff_pages(organization, coordinator, login_as, name, django_assert_max_num_queries):
    client = login_as(coordinator, verified=True)
    url = reverse(f"staff:{name}", kwargs={"org": organization.slug})
    add_content(organization, 1)
    few = queries_for(client, url)

    add_content(organization, 15)

    assert queries_for(client, url) == few
    with django_assert_max_num_queries(10):
        client.get(url)


def test_api_services(organization, django_assert_max_num_queries):
    add_content(organization, 1)
    few = queries_for(Client(), "/api/v1/organizations/heinola/services/")

    add_content(organization, 15)

    assert queries_for(Client(), "/api/v1/organizations/heinola/services/") == few
    with django_assert_max_num_queries(3):
        Client().get("/api/v1/organizations/heinola/services/")
