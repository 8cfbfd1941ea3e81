"""The worklist (legal deadlines and follow-up tasks) and the permit-reminder consents. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.clients.models import Client
from kotopolku.deadlines import selectors, services
from kotopolku.deadlines.forms import ConsentForm, TaskForm
from kotopolku.deadlines.models import FollowUpTask
from kotopolku.organizations.models import Organization


def _who(value: str | None) -> selectors.Who:
    return "team" if value == "team" else "mine"


def _worklist_url(organization: Organization, who: str) -> str:
    return reverse("staff:worklist", kwargs={"org": organization.slug}) + f"?who={_who(who)}"


def _worklist_page(
    request: HttpRequest,
    organization: Organization,
    *,
    who: selectors.Who,
    form: TaskForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = current_staff(request)
    context = {
        "organization": organization,
        "who": who,
        "worklist": selectors.worklist(organization=organization, user=user, who=who),
        "done": selectors.recently_done_tasks(organization=organization, user=user, who=who),
        "form": form or TaskForm(organization=organization, user=user),
        "horizon_days": selectors.HORIZON_DAYS,
        "lookback_days": selectors.OVERDUE_LOOKBACK_DAYS,
    }
    return render(request, "deadlines/worklist.html", context, status=status)


@staff_view(Perm.WORK_ON_TASKS)
@require_GET
def worklist(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _worklist_page(request, organization, who=_who(request.GET.get("who")))


@staff_view(Perm.WORK_ON_TASKS)
@require_POST
def task_new(request: HttpRequest, organization: Organization) -> HttpResponse:
    user = current_staff(request)
    who = _who(request.POST.get("who"))
    form = TaskForm(request.POST, organization=organization, user=user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_create(
                organization=organization,
                title=data["title"],
                due_on=data["due_on"],
                assignee=data["assignee"],
                client=data["client"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Task added."))
            return redirect(_worklist_url(organization, who))
    return _worklist_page(request, organization, who=who, form=form, status=400)


@staff_view(Perm.WORK_ON_TASKS)
@require_POST
def task_done(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    task = get_object_or_404(FollowUpTask.objects.for_organization(organization), pk=pk)
    if request.POST.get("reopen"):
        task = services.task_reopen(task=task, actor=current_staff(request))
        text = _("Task reopened.")
    else:
        task = services.task_complete(task=task, actor=current_staff(request))
        text = _("Task marked done.")
    if request.htmx:  # type: ignore[attr-defined]
        # htmx replaces the task's row with this one-line status (announced to screen readers).
        return render(request, "deadlines/_task_done_row.html", {"task": task})
    messages.success(request, text)
    return redirect(_worklist_url(organization, request.POST.get("who", "mine")))


@staff_view(Perm.WORK_ON_TASKS)
@require_GET
def permit_reminders(request: HttpRequest, organization: Organization) -> HttpResponse:
    context = {
        "organization": organization,
        "rows": selectors.permit_reminder_overview(organization=organization),
        "today": timezone.localdate(),
    }
    return render(request, "deadlines/permit_reminders.html", context)


@staff_view(Perm.WORK_ON_TASKS)
@require_POST
def permit_consent(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = get_object_or_404(
        Client.objects.for_organization(organization).filter(anonymized_at__isnull=True), pk=pk
    )
    back = redirect("staff:permit_reminders", org=organization.slug)
    if request.POST.get("withdraw"):
        services.reminder_consent_withdraw(client=client, actor=current_staff(request))
        messages.success(request, _("Consent withdrawn: no more reminders."))
        return back
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.reminder_consent_give(
                client=client, given_on=form.cleaned_data["given_on"], actor=current_staff(request)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return back
        messages.success(request, _("Consent recorded."))
        return back
    for field_errors in form.errors.values():
        for error_text in field_errors:
            messages.error(request, str(error_text))
    return back
