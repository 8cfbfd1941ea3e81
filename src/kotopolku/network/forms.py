"""Forms of the hobby finder (public) and of the staff's network pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.appointments.forms import ContactMixin, LanguageMixin, TelInput, normalise_phone
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import local_datetime
from kotopolku.core.forms import TranslatedModelForm, translated_field_names
from kotopolku.network.models import (
    Activity,
    ActivityCategory,
    AgeGroup,
    CooperationEntry,
    Event,
    Partner,
    PartnerKind,
    Referral,
    SpokenLanguage,
)
from kotopolku.organizations.models import Organization

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


# --- Public ---------------------------------------------------------------------------------------


class HobbyFilterForm(forms.Form):
    """The finder's filters: a plain GET form, so the result is a link that can be shared."""

    category = forms.ChoiceField(
        label=_("What kind of hobby?"),
        choices=_any(_("All kinds")) + list(ActivityCategory.choices),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language spoken there"),
        choices=_any(_("Any language")) + list(SpokenLanguage.choices),
        required=False,
    )
    age = forms.ChoiceField(
        label=_("Age group"), choices=_any(_("All ages")) + list(AgeGroup.choices), required=False
    )
    free = forms.BooleanField(label=_("Only free hobbies"), required=False)


class JoinHelpForm(LanguageMixin, ContactMixin):
    """ "Ask the counselor to help me join": who to contact, how, and in which language."""

    message = forms.CharField(
        label=_("Anything we should know? (optional)"),
        help_text=_("For example a good time to call, or whether you need a ride or equipment."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["name", "phone", "email", "language", "language_other", "message"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].label = _("In which language should we contact you?")


class SuggestionForm(forms.Form):
    """A partner suggests an activity for the hobby finder; staff review it before it is shown."""

    organizer_name = forms.CharField(
        label=_("Organizer"),
        help_text=_("Your association, club or other organization."),
        max_length=150,
        error_messages={"required": _("Write who organizes the activity.")},
    )
    name = forms.CharField(
        label=_("Name of the activity"),
        max_length=150,
        error_messages={"required": _("Write the name of the activity.")},
    )
    category = forms.ChoiceField(
        label=_("Kind of activity"),
        choices=_any(_("Choose…")) + list(ActivityCategory.choices),
        error_messages={
            "required": _("Choose the kind of activity."),
            "invalid_choice": _("Choose one of the kinds in the list."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("What happens there, and who is welcome."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the activity.")},
    )
    age_groups = forms.MultipleChoiceField(
        label=_("For whom?"),
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one age group."),
            "invalid_choice": _("Choose age groups from the list."),
        },
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken there"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one language."),
            "invalid_choice": _("Choose languages from the list."),
        },
    )
    price = forms.ChoiceField(
        label=_("Price"),
        choices=Activity.Price.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell whether the activity is free.")},
    )
    price_details = forms.CharField(
        label=_("Price details (optional)"),
        help_text=_("For example “20 € a term, support available”."),
        max_length=300,
        required=False,
    )
    place_name = forms.CharField(label=_("Place (optional)"), max_length=150, required=False)
    street_address = forms.CharField(label=_("Street address (optional)"), max_length=200, required=False)
    city = forms.CharField(label=_("City (optional)"), max_length=80, required=False)
    schedule = forms.CharField(
        label=_("When?"),
        help_text=_("For example “Wednesdays 17–18.30”."),
        max_length=300,
        error_messages={"required": _("Write when the activity takes place.")},
    )
    how_to_join = forms.CharField(
        label=_("How to join (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write the web address in the form https://example.fi.")},
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Write your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We contact you if we have questions about the suggestion. It is not shown publicly."),
        max_length=254,
        error_messages={
            "required": _("Write your email address."),
            "invalid": _("Write the email address in the form name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=40,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def _clean_text(self, name: str) -> str:
        return " ".join(self.cleaned_data.get(name, "").split())

    def clean_name(self) -> str:
        value = self._clean_text("name")
        if not value:
            raise forms.ValidationError(_("Write the name of the activity."), code="required")
        return value

    def clean_organizer_name(self) -> str:
        value = self._clean_text("organizer_name")
        if not value:
            raise forms.ValidationError(_("Write who organizes the activity."), code="required")
        return value

    def clean_contact_name(self) -> str:
        value = self._clean_text("contact_name")
        if not value:
            raise forms.ValidationError(_("Write your name."), code="required")
        return value

    def clean_description(self) -> str:
        value = self.cleaned_data.get("description", "").strip()
        if not value:
            raise forms.ValidationError(_("Describe the activity."), code="required")
        return value

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data.get("contact_phone", "").strip()
        return normalise_phone(phone) if phone else ""


# --- Staff ----------------------------------------------------------------------------------------


class PartnerForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "kind",
            "name",
            "offers",
            "languages",
            "contact_person",
            "phone",
            "email",
            "website",
            "street_address",
            "postal_code",
            "city",
            "notes",
            "is_active",
        ]
        widgets = {"offers": forms.Textarea(attrs={"rows": 4}), "notes": forms.Textarea(attrs={"rows": 3})}


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_any(_("All kinds")) + list(PartnerKind.choices), required=False
    )


class CooperationForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners involved"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one partner.")},
    )

    class Meta:
        model = CooperationEntry
        fields = ["kind", "date", "partners", "note"]
        widgets = {"date": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.for_organization(organization).order_by("name")  # type: ignore[attr-defined]


class ActivityForm(TranslatedModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken there"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"), choices=AgeGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Activity
        fields = [
            "category",
            "organizer",
            "price",
            "support_available",
            "street_address",
            "postal_code",
            "city",
            "contact_email",
            "contact_phone",
            "website",
            "is_published",
            *translated_field_names(
                Activity,
                "name",
                "description",
                "schedule",
                "place_name",
                "price_details",
                "how_to_join",
                "accessibility",
            ),
        ]

    EXTRA = ("languages", "age_groups")

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Partner.objects.for_organization(organization).order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = self.instance.language_codes()
            self.initial["age_groups"] = self.instance.age_group_codes()

    def model_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.EXTRA}


class EventForm(TranslatedModelForm):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME_INPUT)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "kind",
            "organizer",
            "street_address",
            "city",
            "is_free",
            "website",
            "is_published",
            *translated_field_names(Event, "title", "description", "place_name"),
        ]

    field_order = ["kind", "organizer", "date", "start_time", "end_time"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Partner.objects.for_organization(organization).order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            start = self.instance.start.astimezone(TZ)
            self.initial.update(
                date=start.date(), start_time=start.time(), end_time=self.instance.end.astimezone(TZ).time()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if isinstance(day, datetime.date) and start and end:
            if end <= start:
                self.add_error("end_time", _("The end time must be after the start time."))
            else:
                data["start"] = local_datetime(day, start, TZ)
                data["end"] = local_datetime(day, end, TZ)
        return data

    def model_data(self) -> dict[str, Any]:
        skip = {"date", "start_time", "end_time"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("No extra personal data."),
        max_length=300,
        required=False,
    )


class ReferralForm(forms.Form):
    activity: forms.ModelChoiceField[Activity] = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False, empty_label=_("No activity")
    )
    partner: forms.ModelChoiceField[Partner] = forms.ModelChoiceField(
        label=_("Or a partner"),
        help_text=_("When the referral is to an organization, not one activity."),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("No partner"),
    )
    category = forms.ChoiceField(
        label=_("Kind of activity"),
        help_text=_("Only for a referral to a partner: an activity has its own kind."),
        choices=_any(_("Choose…")) + list(ActivityCategory.choices),
        required=False,
    )
    follow_up_on = forms.DateField(label=_("Follow up on"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.for_organization(organization).order_by("name")  # type: ignore[attr-defined]
        self.fields["partner"].queryset = Partner.objects.for_organization(organization).filter(  # type: ignore[attr-defined]
            is_active=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("activity") and not data.get("partner") and "activity" not in self.errors:
            self.add_error("activity", _("Choose an activity or a partner."))
        elif not data.get("activity") and data.get("partner") and not data.get("category"):
            self.add_error("category", _("Choose the kind of activity."))
        return data


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Referral.Outcome.choices, widget=forms.RadioSelect
    )
    outcome_reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Why they joined or did not join, or what is still open. No health details."),
        max_length=300,
        required=False,
    )
    follow_up_on = forms.DateField(
        label=_("New follow-up date"),
        help_text=_("Only if still pending."),
        widget=DATE_INPUT,
        required=False,
    )
