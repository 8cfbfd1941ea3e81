from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.core.ratelimits import public_form_rate
from kotopolku.feedback import selectors, services
from kotopolku.feedback.forms import FeedbackAnswerForm, FeedbackForm
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.organizations.models import Organization
from kotopolku.organizations.selectors import organization_get_public


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def accessibility_statement(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(organization=organization, data=form.cleaned_data, language=get_language())
        return redirect("public:feedback_thanks", org=organization.slug)
    return render(
        request,
        "feedback/accessibility.html",
        {"organization": organization, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def feedback_thanks(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(request, "feedback/thanks.html", {"organization": organization})


@staff_view(Perm.HANDLE_FEEDBACK)
def inbox(request: HttpRequest, organization: Organization) -> HttpResponse:
    status = request.GET.get("status", AccessibilityFeedback.Status.NEW)
    if status not in AccessibilityFeedback.Status.values:
        status = ""
    items = selectors.feedback_list(organization=organization, status=status)
    return render(
        request,
        "feedback/inbox.html",
        {
            "organization": organization,
            "items": items,
            "status": status,
            "statuses": AccessibilityFeedback.Status,
        },
    )


@staff_view(Perm.HANDLE_FEEDBACK)
@require_http_methods(["GET", "POST"])
def inbox_item(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    item = selectors.feedback_get(organization=organization, pk=pk)
    form = FeedbackAnswerForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and item.status == AccessibilityFeedback.Status.NEW:
            services.feedback_mark_answered(
                feedback=item, note=form.cleaned_data["answer_note"], actor=current_staff(request)
            )
            messages.success(request, _("Marked as answered."))
            return redirect("staff:inbox", org=organization.slug)
    else:
        services.feedback_record_view(feedback=item, actor=current_staff(request))
    return render(
        request,
        "feedback/inbox_item.html",
        {"organization": organization, "item": item, "form": form},
        status=400 if form.errors else 200,
    )
