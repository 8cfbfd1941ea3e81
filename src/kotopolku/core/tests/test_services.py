"""The shared service helper that decides which fields changed (and so what the audit log names)."""

from __future__ import annotations

import datetime

from kotopolku.core.services import model_apply_changes
from kotopolku.organizations.models import Organization, Service
from kotopolku.testing.factories import translated


def test_only_changed_fields_are_set_and_named():
    service = Service(name_fi="Neuvonta", duration_minutes=45, bookable=True)

    changed = model_apply_changes(service, {"name_fi": "Neuvonta", "duration_minutes": 60, "bookable": False})

    assert changed == ["bookable", "duration_minutes"]
    assert (service.duration_minutes, service.bookable) == (60, False)


def test_empty_text_and_null_are_the_same_value():
    """A form sends an empty box as "", an untranslated column holds NULL: not a change."""
    service = Service(name_fi="Neuvonta", description_sv=None, description_en="")

    assert model_apply_changes(service, {"description_sv": "", "description_en": None}) == []
    assert translated(service, "description", "sv") is None


def test_falsy_values_are_still_changes():
    service = Service(name_fi="Neuvonta", position=3, bookable=True, description_fi="Teksti")
    organization = Organization(accessibility_statement_date=datetime.date(2026, 1, 1))

    assert model_apply_changes(service, {"position": 0, "bookable": False, "description_fi": ""}) == [
        "bookable",
        "description_fi",
        "position",
    ]
    assert model_apply_changes(organization, {"accessibility_statement_date": None}) == [
        "accessibility_statement_date"
    ]
    assert model_apply_changes(service, {"description_fi": "Uusi"}) == ["description_fi"]
