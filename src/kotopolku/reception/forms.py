"""Staff forms of the reception."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm
from kotopolku.clients.models import Household
from kotopolku.deadlines.forms import staff_who_can
from kotopolku.organizations.models import Organization
from kotopolku.reception.models import MAX_OFFSET_DAYS, MIN_OFFSET_DAYS, ChecklistItem

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


def _staff_of(organization: Organization) -> Any:
    return staff_who_can(organization, Perm.WORK_ON_RECEPTION)


class ProposalForm(forms.Form):
    reference = forms.CharField(
        label=_("Proposal reference"),
        max_length=60,
        help_text=_("The ELY Centre's reference, e.g. ELY-2026-014."),
    )
    received_on = forms.DateField(label=_("Proposal received"), widget=DATE_INPUT)
    family_size = forms.IntegerField(label=_("Family size"), min_value=1, max_value=30)
    ages = forms.CharField(
        label=_("Ages"),
        required=False,
        max_length=200,
        help_text=_("Age of each family member, separated by commas, e.g. 34, 31, 8, 3. No names."),
    )
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "School and daycare, health and accessibility, education, work history, wishes. No names."
        ),
    )

    def clean_ages(self) -> list[int]:
        text = self.cleaned_data.get("ages", "").strip()
        if not text:
            return []
        parts = [part for part in re.split(r"[,;\s]+", text) if part]
        if not all(part.isdigit() and int(part) <= 120 for part in parts):
            raise forms.ValidationError(
                _("Give each age as a whole number from 0 to 120, separated by commas.")
            )
        return [int(part) for part in parts]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ages, size = data.get("ages"), data.get("family_size")
        if ages and size and len(ages) != size:
            self.add_error("ages", _("Give one age for each family member, or none."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the placement")), ("decline", _("Decline the placement"))],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT)
    arrival_date = forms.DateField(
        label=_("Planned arrival date"), required=False, widget=DATE_INPUT, help_text=_("If already known.")
    )
    decision_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining, e.g. no suitable housing. No names."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ArrivalForm(forms.Form):
    arrival_date = forms.DateField(label=_("Arrival date"), widget=DATE_INPUT)
    arrived = forms.BooleanField(label=_("The family has arrived"), required=False)


class HouseholdLinkForm(forms.Form):
    household = forms.ModelChoiceField(
        label=_("Household"),
        queryset=Household.objects.none(),
        required=False,
        help_text=_("Once the family members have client records. Empty: remove the link."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.for_organization(organization)  # type: ignore[attr-defined]


class ChecklistItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChecklistItem.Status.choices)
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=DATE_INPUT, help_text=_("Empty: today.")
    )
    owner = StaffChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    offset_days = forms.IntegerField(
        label=_("Due (days from the arrival)"), min_value=MIN_OFFSET_DAYS, max_value=MAX_OFFSET_DAYS
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=300, help_text=_("No sensitive details.")
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_of(organization)  # type: ignore[attr-defined]


class TemplateItemForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200)
    offset_days = forms.IntegerField(
        label=_("Due (days from the arrival)"),
        min_value=MIN_OFFSET_DAYS,
        max_value=MAX_OFFSET_DAYS,
        help_text=_("Negative: before the arrival, e.g. -14 = two weeks before. 0 = the arrival day."),
    )
    default_owner = StaffChoiceField(label=_("Default owner"), queryset=User.objects.none(), required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["default_owner"].queryset = _staff_of(organization)  # type: ignore[attr-defined]
