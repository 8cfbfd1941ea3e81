"""Staff forms of the worklist and the permit reminders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.accounts.policy import ROLE_PERMISSIONS, Perm
from kotopolku.clients.models import Client
from kotopolku.organizations.models import Organization

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_who_can(organization: Organization, perm: Perm) -> Any:
    """The municipality's active staff whose role has ``perm`` (the policy decides, not this form)."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]
    return User.objects.filter(organization=organization, is_active=True, role__in=roles).order_by(
        "first_name", "last_name"
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class ClientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name}, {obj.first_name}"


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Task"), max_length=200, help_text=_("E.g. “Call back about the Kela decision”.")
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)
    assignee = StaffChoiceField(label=_("Assigned to"), queryset=User.objects.none())
    client = ClientChoiceField(label=_("Client (optional)"), queryset=Client.objects.none(), required=False)

    def __init__(self, *args: Any, organization: Organization, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assignee": user.pk, "due_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_who_can(organization, Perm.WORK_ON_TASKS)  # type: ignore[attr-defined]
        self.fields["client"].queryset = (  # type: ignore[attr-defined]
            Client.objects.for_organization(organization)
            .filter(anonymized_at__isnull=True)
            .only("pk", "first_name", "last_name")
        )


class ConsentForm(forms.Form):
    given_on = forms.DateField(label=_("Consent given on"), widget=DATE_INPUT)
