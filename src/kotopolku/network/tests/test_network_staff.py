"""Partner directory, cooperation log (and its counts), the staff's activity pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.network import selectors, services
from kotopolku.network.models import Activity, CooperationEntry, Partner
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below are the English source texts."""
    with translation.override("en"):
        yield


def staff(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def test_counselor_adds_a_partner_with_languages(organization, counselor_client, counselor):
    response = counselor_client.post(
        staff("partner_new", organization),
        {
            "kind": "library",
            "name": "Heinolan kaupunginkirjasto",
            "offers": "Kielikahvila, lainattavat tabletit",
            "languages": ["fi", "en", "ar"],
            "contact_person": "Kirsi Keksitty",
            "email": "kirjasto@example.fi",
            "website": "kirjasto.example.fi",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.organization == organization and partner.languages == ["fi", "en", "ar"]
    assert partner.website == "https://kirjasto.example.fi"
    assert AuditEvent.objects.filter(action=AuditAction.PARTNER_CREATED, actor=counselor).exists()
    html = counselor_client.get(
        staff("partners", organization), {"kind": "library"}, headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Heinolan kaupunginkirjasto" in html and "English, Arabic" in html


def test_partner_list_filters_by_kind_and_stays_in_the_municipality(
    organization, other_organization, coordinator_client
):
    factories.PartnerFactory.create(organization=organization, name="Seurakunta", kind="parish")
    factories.PartnerFactory.create(organization=organization, name="Palloseura", kind="sports_club")
    factories.PartnerFactory.create(organization=other_organization, name="Naapurin seura", kind="parish")

    html = coordinator_client.get(staff("partners", organization), {"kind": "parish"}).content.decode()

    assert "Seurakunta" in html and "Palloseura" not in html and "Naapurin seura" not in html


def test_cooperation_log_counts_by_month_kind_and_partner_kind(organization, other_organization, counselor):
    library = factories.PartnerFactory.create(organization=organization, kind="library")
    parish = factories.PartnerFactory.create(organization=organization, kind="parish")
    for day, kind, partners in [
        (datetime.date(2026, 3, 2), "network_meeting", [library, parish]),
        (datetime.date(2026, 3, 20), "network_meeting", [library]),
        (datetime.date(2026, 3, 25), "joint_event", [parish]),
        (datetime.date(2026, 4, 1), "agreement", [library]),
        (datetime.date(2025, 12, 1), "agreement", [library]),
    ]:
        services.cooperation_record(
            organization=organization, data={"kind": kind, "date": day}, partners=partners, actor=counselor
        )
    factories.CooperationEntryFactory.create(organization=other_organization, date=datetime.date(2026, 3, 3))

    counts = selectors.cooperation_counts(
        organization=organization, date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 12, 31)
    )
    by_partner = selectors.cooperation_counts_by_partner_kind(
        organization=organization, date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 12, 31)
    )

    assert [(row["month"].month, row["kind"], row["count"]) for row in counts] == [
        (3, "joint_event", 1),
        (3, "network_meeting", 2),
        (4, "agreement", 1),
    ]
    assert by_partner == {"library": 3, "parish": 2}
    assert AuditEvent.objects.filter(action=AuditAction.COOPERATION_RECORDED).count() == 5


def test_cooperation_needs_partners_of_the_same_municipality(organization, other_organization, counselor):
    foreign = factories.PartnerFactory.create(organization=other_organization)

    with pytest.raises(Exception, match="partners of this municipality"):
        services.cooperation_record(
            organization=organization,
            data={"kind": "agreement", "date": datetime.date(2026, 3, 1)},
            partners=[foreign],
            actor=counselor,
        )
    assert not CooperationEntry.objects.exists()


def test_cooperation_page_records_and_lists(organization, coordinator_client):
    partner = factories.PartnerFactory.create(organization=organization, name="Kansalaisopisto")

    response = coordinator_client.post(
        staff("cooperation_new", organization),
        {"kind": "network_meeting", "date": "2026-03-10", "partners": [partner.pk], "note": "Syksyn kurssit"},
    )

    assert response.status_code == 302
    html = coordinator_client.get(staff("cooperation", organization)).content.decode()
    assert "Kansalaisopisto" in html and "Syksyn kurssit" in html


def test_activity_form_saves_texts_per_language_languages_and_age_groups(organization, counselor_client):
    partner = factories.PartnerFactory.create(organization=organization)

    response = counselor_client.post(
        staff("activity_new", organization),
        {
            "category": "language_cafe",
            "organizer": partner.pk,
            "price": "free",
            "is_published": "on",
            "name_fi": "Kielikahvila",
            "name_en": "Language café",
            "name_ar": "مقهى اللغة",
            "languages": ["fi", "ar"],
            "age_groups": ["adults", "seniors"],
        },
    )

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.name_ar == "مقهى اللغة" and activity.organizer == partner  # type: ignore[attr-defined]
    assert activity.language_codes() == ["fi", "ar"] and sorted(activity.age_group_codes()) == [
        "adults",
        "seniors",
    ]

    edit = staff("activity_edit", organization, pk=activity.pk)
    form_html = counselor_client.get(edit).content.decode()
    assert re.search(r'<input type="checkbox" name="languages" value="ar"[^>]*checked', form_html)
    assert not re.search(r'<input type="checkbox" name="languages" value="ru"[^>]*checked', form_html)
    counselor_client.post(
        edit,
        {
            "category": "language_cafe",
            "price": "free",
            "name_fi": "Kielikahvila",
            "languages": ["fi"],
            "age_groups": [],
        },
    )
    activity.refresh_from_db()
    assert (
        activity.language_codes() == ["fi"] and activity.age_group_codes() == [] and not activity.is_published
    )
    event = AuditEvent.objects.filter(action=AuditAction.ACTIVITY_UPDATED).get()
    assert {"languages", "age_groups", "is_published"} <= set(event.details["fields"])


def test_activity_organizer_must_be_own_partner(organization, other_organization, counselor_client):
    foreign = factories.PartnerFactory.create(organization=other_organization)

    response = counselor_client.post(
        staff("activity_new", organization),
        {"category": "sports", "organizer": foreign.pk, "price": "free", "name_fi": "Vieras"},
    )

    assert response.status_code == 400
    assert not Activity.objects.exists()
