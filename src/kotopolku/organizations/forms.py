from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.core.forms import TranslatedModelForm, translated_field_names
from kotopolku.organizations.models import Organization, Place, RegularHours, Service


class OrganizationSettingsForm(TranslatedModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            *translated_field_names(
                Organization, "name", "unit_name", "intro", "booking_instructions", "accessibility_statement"
            ),
            "contact_phone",
            "contact_email",
            "website",
            "accessibility_statement_date",
            "accessibility_feedback_email",
        ]


class PlaceForm(TranslatedModelForm):
    class Meta:
        model = Place
        fields = [
            "street_address",
            "postal_code",
            "city",
            "is_active",
            *translated_field_names(Place, "name", "description", "accessibility"),
        ]


class ServiceForm(TranslatedModelForm):
    class Meta:
        model = Service
        fields = [
            "service_type",
            "bookable",
            "duration_minutes",
            "position",
            "is_active",
            *translated_field_names(Service, "name", "description"),
        ]


class RegularHoursForm(TranslatedModelForm):
    class Meta:
        model = RegularHours
        fields = [
            "kind",
            "place",
            "weekday",
            "start_time",
            "end_time",
            *translated_field_names(RegularHours, "note"),
        ]

    def __init__(self, *args: object, organization: Organization, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.for_organization(organization)  # type: ignore[attr-defined]
        self.instance.organization = organization
