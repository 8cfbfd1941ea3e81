"""The Heinola demo partners, hobbies and events load once, through the services."""

from __future__ import annotations

import pytest
from django.utils import translation

from kotopolku.network import selectors
from kotopolku.network.demo import load_demo_network
from kotopolku.network.models import Activity, CooperationEntry, Event, Partner

pytestmark = pytest.mark.django_db


def test_demo_network_loads_once(organization, other_organization):
    assert load_demo_network(organization) is True
    counts = (
        Partner.objects.count(),
        Activity.objects.count(),
        Event.objects.count(),
        CooperationEntry.objects.count(),
    )

    assert load_demo_network(organization) is False  # idempotent
    assert load_demo_network(other_organization) is False  # no demo network for Järvelä
    assert counts == (
        Partner.objects.count(),
        Activity.objects.count(),
        Event.objects.count(),
        CooperationEntry.objects.count(),
    )
    assert counts[1] >= 12 and counts[2] >= 3
    with translation.override("en"):
        cafes = selectors.hobby_list_public(
            organization=organization, filters=selectors.HobbyFilters(category="language_cafe", language="ar")
        )
        assert "HeiMo language café" in [activity.name for activity in cafes]
