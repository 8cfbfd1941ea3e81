"""Public pages of a municipality: what is published, in which language."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kotopolku.dropin.models import DropinSchedule
from kotopolku.organizations.models import RegularHours
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def home(lang: str, organization) -> str:
    with translation.override(lang):
        return reverse("public:home", kwargs={"org": organization.slug})


def test_home_shows_what_is_published(client, organization, other_organization):
    place = factories.PlaceFactory.create(
        organization=organization, name_fi="HeiMo-kahvila", street_address="Kaivokatu 14"
    )
    factories.PlaceFactory.create(organization=organization, name_fi="Suljettu toimipiste", is_active=False)
    factories.ServiceFactory.create(organization=organization, name_fi="Arjen neuvonta")
    factories.ServiceFactory.create(organization=organization, name_fi="Piilotettu palvelu", is_active=False)
    factories.ServiceFactory.create(organization=other_organization, name_fi="Järvelän palvelu")
    DropinSchedule.objects.create(
        organization=organization,
        place=place,
        weekday=1,
        start_time=datetime.time(12, 15),
        end_time=datetime.time(13, 0),
        valid_from=datetime.date(2020, 1, 1),
        note_fi="Tule ilman ajanvarausta.",
    )
    factories.CounselorFactory.create(
        organization=organization,
        first_name="Aino",
        last_name="Laine",
        show_on_public_pages=True,
        job_title_fi="ohjaaja",
    )
    factories.CounselorFactory.create(organization=organization, first_name="Salainen", last_name="Henkilö")

    response = client.get(home("fi", organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Arjen neuvonta" in html
    assert "HeiMo-kahvila" in html and "Kaivokatu 14" in html
    assert "Tule ilman ajanvarausta." in html and "12:15" in html and "13:00" in html
    assert "Aino Laine" in html and "ohjaaja" in html
    for hidden in ("Piilotettu palvelu", "Suljettu toimipiste", "Järvelän palvelu", "Salainen"):
        assert hidden not in html


def test_unpublished_municipality_is_404(client):
    hidden = factories.OrganizationFactory.create(is_active=False)

    assert client.get(home("fi", hidden)).status_code == 404


def test_choose_page_lists_published_municipalities(client, organization, other_organization):
    factories.OrganizationFactory.create(name_fi="Piilokunta", is_active=False)

    response = client.get("/fi/")

    html = response.content.decode()
    assert response.status_code == 200
    assert home("fi", organization) in html and home("fi", other_organization) in html
    assert "Piilokunta" not in html


def test_choose_page_goes_straight_to_the_only_municipality(client, organization):
    response = client.get("/sv/")

    assert response.status_code == 302
    assert response["Location"] == home("sv", organization)


def test_texts_in_the_requested_language(client, organization):
    factories.ServiceFactory.create(
        organization=organization, name_fi="Arjen neuvonta", name_sv="Vardagsrådgivning"
    )

    assert "Vardagsrådgivning" in client.get(home("sv", organization)).content.decode()
    assert "Arjen neuvonta" in client.get(home("fi", organization)).content.decode()


@pytest.mark.parametrize("lang", ["en", "ar", "so"])
def test_finnish_text_is_shown_when_a_translation_is_missing(client, organization, lang):
    factories.ServiceFactory.create(
        organization=organization, name_fi="Oleskelulupa-asiat", description_fi="Neuvomme luvissa."
    )
    factories.PlaceFactory.create(organization=organization, name_fi="Kirjasto")

    response = client.get(home(lang, organization))

    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert "Oleskelulupa-asiat" in html and "Neuvomme luvissa." in html and "Kirjasto" in html


def test_empty_translation_falls_back_to_finnish(client, organization):
    factories.ServiceFactory.create(organization=organization, name_fi="Harrastukset", name_en="")

    assert "Harrastukset" in client.get(home("en", organization)).content.decode()


def test_regular_hours_are_not_shown_as_drop_in_sessions(client, organization):
    factories.RegularHoursFactory.create(
        organization=organization, kind=RegularHours.Kind.PHONE, note_fi="Puhelinaika"
    )

    html = client.get(home("fi", organization)).content.decode()

    assert 'id="dropin-heading"' not in html


def test_language_switcher_keeps_the_page(client, organization):
    html = client.get(home("fi", organization)).content.decode()

    for lang in ("sv", "en", "ar", "fa", "ru", "uk", "so"):
        assert f'href="{home(lang, organization)}" lang="{lang}"' in html


def test_staff_pages_are_linked_nowhere_on_public_pages(client, organization):
    assert "/staff/" not in client.get(home("fi", organization)).content.decode()


def test_home_shows_the_regular_hours_staff_edit(client, organization, other_organization):
    place = factories.PlaceFactory.create(
        organization=organization, name_fi="Toimisto", street_address="Rauhankatu 3"
    )
    factories.RegularHoursFactory.create(
        organization=organization,
        place=place,
        kind=RegularHours.Kind.PHONE,
        weekday=3,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        note_fi="Puhelinneuvonta",
    )
    factories.RegularHoursFactory.create(
        organization=other_organization, kind=RegularHours.Kind.PHONE, note_fi="Järvelän puhelinaika"
    )

    html = client.get(home("en", organization)).content.decode()

    assert "Phone hours" in html and "Thursday" in html and "09:00" in html and "11:00" in html
    assert "Rauhankatu 3" in html and "Puhelinneuvonta" in html
    assert "Järvelän puhelinaika" not in html
