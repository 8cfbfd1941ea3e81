"""Staff forms of the client records. They parse and validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.forms import TelInput, normalise_phone
from kotopolku.appointments.models import InterpreterMode
from kotopolku.clients.identity_code import (
    birth_date_from_identity_code,
    normalize_identity_code,
    validate_identity_code,
)
from kotopolku.clients.languages import CLIENT_LANGUAGES
from kotopolku.clients.models import Client, GuidanceContact, Household
from kotopolku.organizations.models import Organization

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH_MAX_LENGTH = 100

# The client form's fields, in the order of the page (the services accept exactly these).
CLIENT_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "personal_identity_code",
    "languages",
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "phone",
    "email",
    "household",
    "target_group",
    "first_residence_permit_date",
    "permit_type",
    "permit_expires_on",
    "assessment_date",
    "integration_plan_date",
    "plan_ends_on",
    "first_referral_date",
    "responsible_worker",
    "additional_workers",
    "legal_basis_note",
    "consent_note",
]
CONTACT_FIELDS = [
    "contact_date",
    "channel",
    "service_type",
    "topics",
    "duration_minutes",
    "interpreter_language",
    "interpreter_mode",
    "interpreter_minutes",
    "note",
]


def _language_choices(blank_label: Any = None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = list(CLIENT_LANGUAGES)
    if blank_label is not None:
        choices.insert(0, ("", blank_label))
    return choices


def workers_of(organization: Organization) -> Any:
    return User.objects.filter(
        organization=organization, is_active=True, role__in=[Role.COORDINATOR, Role.COUNSELOR]
    )


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Name, phone number, booking reference code or personal identity code."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    mine = forms.BooleanField(label=_("Only my clients"), required=False)


class ClientForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages the client speaks"),
        choices=CLIENT_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of messages"),
        choices=settings.LANGUAGES,
        initial="fi",
        help_text=_("Reminders and other messages to the client are sent in this language."),
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), choices=_language_choices(_("No interpreter")), required=False
    )

    class Meta:
        model = Client
        fields = CLIENT_FIELDS
        widgets = {
            "phone": TelInput(attrs={"autocomplete": "off"}),
            "date_of_birth": DATE_INPUT,
            "first_residence_permit_date": DATE_INPUT,
            "permit_expires_on": DATE_INPUT,
            "assessment_date": DATE_INPUT,
            "integration_plan_date": DATE_INPUT,
            "plan_ends_on": DATE_INPUT,
            "first_referral_date": DATE_INPUT,
            "additional_workers": forms.CheckboxSelectMultiple,
            "legal_basis_note": forms.Textarea(attrs={"rows": 2}),
            "consent_note": forms.Textarea(attrs={"rows": 2}),
            "personal_identity_code": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        household_field: Any = self.fields["household"]
        household_field.queryset = Household.objects.for_organization(organization)
        worker_field: Any = self.fields["responsible_worker"]
        worker_field.queryset = workers_of(organization)
        others_field: Any = self.fields["additional_workers"]
        others_field.queryset = workers_of(organization)

    def clean_personal_identity_code(self) -> str:
        code = normalize_identity_code(self.cleaned_data.get("personal_identity_code", ""))
        if code:
            # Model validators run in the services; the form checks too, to show every error at once.
            validate_identity_code(code)
            taken = Client.objects.for_organization(self.organization).filter(personal_identity_code=code)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("Another client record already has this personal identity code."), code="duplicate"
                )
        return code

    def clean_phone(self) -> str:
        raw = (self.cleaned_data.get("phone") or "").strip()
        return normalise_phone(raw) if raw else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("personal_identity_code") or ""
        born = birth_date_from_identity_code(code) if code else None
        if born is not None:
            if data.get("date_of_birth") and data["date_of_birth"] != born:
                self.add_error(
                    "date_of_birth",
                    _("The date of birth differs from the one in the personal identity code."),
                )
            else:
                data["date_of_birth"] = born
        if data.get("interpreter_needed") and not data.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the interpreter language."))
        if not data.get("interpreter_needed"):
            data["interpreter_language"] = ""
        plan, ends = data.get("integration_plan_date"), data.get("plan_ends_on")
        if plan and ends and ends < plan:
            self.add_error("plan_ends_on", _("The plan cannot end before it was made."))
        return data

    def _post_clean(self) -> None:
        # The services write; the form must not touch the instance (a failed edit leaves it as it was).
        pass


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        pass


class GuidanceContactForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=GuidanceContact.Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, initial=30
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter used"), choices=_language_choices(_("No interpreter")), required=False
    )
    interpreter_mode = forms.ChoiceField(
        label=_("Interpreting"), choices=[("", "–"), *InterpreterMode.choices], required=False
    )
    interpreter_minutes = forms.IntegerField(
        label=_("Interpreting (minutes)"),
        min_value=1,
        max_value=600,
        required=False,
        help_text=_("Counted for the state's reimbursement of interpreting costs."),
    )

    class Meta:
        model = GuidanceContact
        fields = CONTACT_FIELDS
        widgets = {
            "contact_date": DATE_INPUT,
            "note": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "note": _("Visible only to the client's workers and the coordinator."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        language = data.get("interpreter_language") or ""
        if language:
            if not data.get("interpreter_mode"):
                self.add_error("interpreter_mode", _("Choose how the interpreter took part."))
            if not data.get("interpreter_minutes"):
                self.add_error("interpreter_minutes", _("Write how many minutes were interpreted."))
        else:
            data["interpreter_mode"] = ""
            data["interpreter_minutes"] = None
        return data

    def _post_clean(self) -> None:
        pass


class AppointmentReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Booking reference code"),
        max_length=12,
        help_text=_("The six-character code of the booking, e.g. K7M2QX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper().replace(" ", "")


class ClientChoiceForm(forms.Form):
    """Link an appointment to one of the municipality's clients (the pk comes from a search result)."""

    client = forms.IntegerField(widget=forms.HiddenInput)


class AnonymizeForm(forms.Form):
    REASONS = [
        ("erasure_request", _("The client asked for erasure (GDPR art. 17)")),
        ("no_longer_needed", _("The data is no longer needed")),
        ("other", _("Other reason")),
    ]
    reason = forms.ChoiceField(
        label=_("Why is the record anonymized?"), choices=REASONS, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that names, the identity code, contact details and notes are removed for good."
        ),
    )
