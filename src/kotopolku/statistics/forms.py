"""The dashboard's filters: a preset or from/to dates, a place and a worker of the municipality."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.organizations.models import Organization, Place
from kotopolku.statistics.periods import MAX_DAYS, PRESETS, Period, preset


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class StatisticsFilterForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Period"),
        choices=[("", _("Dates below")), *PRESETS.items()],
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False)  # type: ignore[var-annotated]
    worker = StaffChoiceField(label=_("Worker"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, organization: Organization | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organization is None:
            del self.fields["place"]
            del self.fields["worker"]
            return
        place_field = self.fields["place"]
        assert isinstance(place_field, forms.ModelChoiceField)
        place_field.queryset = Place.objects.filter(organization=organization).order_by("name")
        place_field.empty_label = str(_("All places"))
        worker_field = self.fields["worker"]
        assert isinstance(worker_field, forms.ModelChoiceField)
        worker_field.queryset = User.objects.filter(organization=organization).order_by(
            "first_name", "last_name", "username"
        )
        worker_field.empty_label = str(_("Everyone"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("preset"):
            return cleaned
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if self.errors:
            return cleaned
        if not date_from or not date_to:
            raise forms.ValidationError(_("Choose a period, or give both dates."))
        if date_to < date_from:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        elif (date_to - date_from).days + 1 > MAX_DAYS:
            self.add_error("date_to", _("Choose a period of at most three years."))
        return cleaned

    def period(self) -> Period:
        """The chosen period (call after ``is_valid()``)."""
        if self.cleaned_data.get("preset"):
            return preset(self.cleaned_data["preset"])
        return Period(self.cleaned_data["date_from"], self.cleaned_data["date_to"])
