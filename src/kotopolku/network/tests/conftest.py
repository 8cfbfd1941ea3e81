from __future__ import annotations

import pytest

from kotopolku.network import services
from kotopolku.network.models import Activity, Partner
from kotopolku.testing import factories


@pytest.fixture
def sports_club(organization) -> Partner:
    return factories.PartnerFactory.create(organization=organization, name="Heinolan Urheiluseura")


@pytest.fixture
def football(organization, sports_club) -> Activity:
    """A free football practice for young people, in Finnish and Arabic."""
    return services.activity_create(
        organization=organization,
        data={
            "category": "sports",
            "organizer": sports_club,
            "name_fi": "Jalkapallo nuorille",
            "name_en": "Football for young people",
            "description_fi": "Avoin harjoitus.",
            "price": "free",
            "schedule_fi": "Tiistaisin 17–18.30",
            "place_name_fi": "Urheilupuisto",
        },
        languages=["fi", "ar"],
        age_groups=["youth"],
        actor=None,
    )


@pytest.fixture
def choir(organization) -> Activity:
    """A choir for adults that costs money, in Finnish and Russian."""
    return services.activity_create(
        organization=organization,
        data={
            "category": "music",
            "name_fi": "Kansainvälinen kuoro",
            "name_en": "International choir",
            "price": "cost",
            "price_details_fi": "20 € lukukausi",
            "support_available": True,
        },
        languages=["fi", "ru"],
        age_groups=["adults", "seniors"],
        actor=None,
    )
