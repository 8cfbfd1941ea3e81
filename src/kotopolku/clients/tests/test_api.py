"""Staff API of the client records: session + second factor, scoped, audited, notes by policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def list_url(organization):
    return reverse("api-organization-clients", kwargs={"org": organization.slug})


def detail_url(organization, pk):
    return reverse("api-organization-client", kwargs={"org": organization.slug, "pk": pk})


@pytest.fixture
def amal(organization, counselor):
    client = factories.ClientRecordFactory.create(
        organization=organization,
        first_name="Amal",
        last_name="Esimerkki",
        personal_identity_code="131052-308T",
        phone="+358401234501",
        responsible_worker=counselor,
    )
    factories.GuidanceContactFactory.create(client=client, note="Arkaluonteinen.")
    return client


def test_search_returns_matching_clients_and_is_audited(counselor_client, organization, amal):
    factories.ClientRecordFactory.create(organization=organization, first_name="Olena", last_name="Kuvitelma")

    response = counselor_client.get(list_url(organization), {"q": "esimerkki"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [amal.pk]
    assert response.json()[0]["phone"] == "+358401234501"
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_SEARCHED)
    assert event.details == {"results": 1, "via": "api"}


def test_detail_masks_the_identity_code_and_shows_notes_to_the_worker(counselor_client, organization, amal):
    response = counselor_client.get(detail_url(organization, amal.pk))

    data = response.json()
    assert response.status_code == 200
    assert data["personal_identity_code_masked"] == "131052-****"
    assert "131052-308T" not in response.content.decode()
    assert data["guidance_contacts"][0]["note"] == "Arkaluonteinen."
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED, details__via="api").count() == 1


def test_notes_are_null_for_other_counselors(login_as, organization, amal):
    outsider = login_as(factories.CounselorFactory.create(organization=organization))

    data = outsider.get(detail_url(organization, amal.pk)).json()

    assert data["guidance_contacts"][0]["note"] is None


def test_other_municipality_gets_404_everywhere(login_as, organization, other_coordinator, amal):
    client = login_as(other_coordinator)

    for address in (list_url(organization), detail_url(organization, amal.pk)):
        response = client.get(address)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert not AuditEvent.objects.filter(action__startswith="client.").exists()


def test_own_record_id_under_another_municipality_is_404(login_as, organization, other_organization, amal):
    client = login_as(factories.CoordinatorFactory.create(organization=other_organization))
    assert client.get(detail_url(other_organization, amal.pk)).status_code == 404


def test_anonymous_and_reporting_are_refused(client, login_as, reporting_user, organization, amal):
    anonymous = client.get(list_url(organization))
    assert anonymous.status_code == 403
    assert anonymous.json()["code"] == "not_authenticated"

    reporting = login_as(reporting_user).get(detail_url(organization, amal.pk))
    assert reporting.status_code == 403
    assert reporting.json()["code"] == "permission_denied"


def test_unknown_municipality_and_client_are_404(counselor_client, organization):
    assert counselor_client.get(list_url(organization).replace("heinola", "no-such-town")).status_code == 404
    assert counselor_client.get(detail_url(organization, 999999)).status_code == 404


def test_a_too_long_query_is_400(counselor_client, organization):
    response = counselor_client.get(list_url(organization), {"q": "x" * 101})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/organizations/{org}/clients/" in schema
    assert "/api/v1/organizations/{org}/clients/{id}/" in schema
