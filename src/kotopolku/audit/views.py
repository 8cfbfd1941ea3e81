from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotopolku.accounts.decorators import staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.audit.models import AuditAction
from kotopolku.audit.selectors import audit_event_list
from kotopolku.organizations.models import Organization


@staff_view(Perm.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest, organization: Organization) -> HttpResponse:
    action = request.GET.get("action", "")
    if action not in AuditAction.values:
        action = ""
    paginator = Paginator(audit_event_list(organization=organization, action=action), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"organization": organization, "page": page, "action": action, "actions": AuditAction.choices},
    )
