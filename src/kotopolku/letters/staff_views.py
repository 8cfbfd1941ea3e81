"""Staff pages of shared letters: the list (code search), a letter (audited read), deleting one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.letters import selectors, services
from kotopolku.letters.forms import CodeSearchForm
from kotopolku.letters.messages import DOCUMENT_TYPE_LABELS, sender_label
from kotopolku.letters.presentation import present
from kotopolku.organizations.models import Organization


@staff_view(Perm.VIEW_SHARED_LETTERS)
def shared_letters(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = CodeSearchForm(request.GET or None)
    code = form.cleaned_data["code"] if form.is_valid() else ""
    rows = []
    for letter in selectors.shared_letter_list(organization=organization, code=code):
        data = letter.payload_data() or {}
        facts = data.get("facts") or {}
        rows.append(
            {
                "letter": letter,
                "sender": sender_label(facts.get("sender")) or "",
                "type": DOCUMENT_TYPE_LABELS.get(facts.get("document_type", ""), ""),
            }
        )
    return render(
        request,
        "letters/staff_list.html",
        {"organization": organization, "rows": rows, "form": form, "code": code},
    )


@staff_view(Perm.VIEW_SHARED_LETTERS)
def shared_letter_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    letter = selectors.shared_letter_get(organization=organization, pk=pk)
    services.shared_letter_record_view(letter=letter, actor=current_staff(request))
    data = letter.payload_data()
    return render(
        request,
        "letters/staff_detail.html",
        {
            "organization": organization,
            "letter": letter,
            "presented": present(data, organization_name=organization.name) if data else None,
        },
    )


@staff_view(Perm.VIEW_SHARED_LETTERS)
@require_POST
def shared_letter_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    letter = selectors.shared_letter_get(organization=organization, pk=pk)
    services.shared_letter_delete(letter=letter, actor=current_staff(request))
    messages.success(request, _("The letter was deleted."))
    return redirect("staff:shared_letters", org=organization.slug)
