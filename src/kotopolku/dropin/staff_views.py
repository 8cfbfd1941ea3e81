"""Coordinator's drop-in page: the coming sessions, cancel / undo, extra sessions. Thin."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.appointments.selectors import TZ
from kotopolku.dropin import selectors, services
from kotopolku.dropin.forms import ExtraSessionForm, ScheduleForm, SessionCancelForm
from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException
from kotopolku.organizations.models import Organization

STAFF_WEEKS = 8


def _page(
    request: HttpRequest,
    organization: Organization,
    *,
    extra_form: ExtraSessionForm | None = None,
    cancel_error: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate(timezone.now(), TZ)
    sessions = selectors.sessions_between(
        organization=organization, date_from=today, date_to=today + datetime.timedelta(weeks=STAFF_WEEKS)
    )
    context = {
        "organization": organization,
        "sessions": sessions,
        "weeks": STAFF_WEEKS,
        "extra_form": extra_form or ExtraSessionForm(organization=organization),
        "cancel_error": cancel_error or [],
        "schedules": DropinSchedule.objects.for_organization(organization)
        .select_related("place")
        .prefetch_related("staff_on_duty"),
        "tz": TZ,
    }
    return render(request, "dropin/staff_sessions.html", context, status=status)


def _back(organization: Organization) -> HttpResponse:
    return redirect("staff:dropin_sessions", org=organization.slug)


@staff_view(Perm.MANAGE_DROPIN)
@require_GET
def dropin_sessions(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _page(request, organization)


@staff_view(Perm.MANAGE_DROPIN)
@require_POST
def dropin_cancel(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    schedule = get_object_or_404(DropinSchedule.objects.for_organization(organization), pk=pk)
    form = SessionCancelForm(request.POST)
    if form.is_valid():
        try:
            services.dropin_session_cancel(
                schedule=schedule,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
                actor=current_staff(request),
            )
        except ValidationError as error:
            return _page(request, organization, cancel_error=error.messages, status=400)
        messages.success(request, _("Session cancelled. The public page shows the reason."))
        return _back(organization)
    errors = [str(message) for field_errors in form.errors.values() for message in field_errors]
    return _page(request, organization, cancel_error=errors, status=400)


@staff_view(Perm.MANAGE_DROPIN)
@require_POST
def dropin_restore(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    exception: DropinSessionException = get_object_or_404(
        DropinSessionException.objects.filter(schedule__organization=organization), pk=pk
    )
    services.dropin_session_restore(exception=exception, actor=current_staff(request))
    messages.success(request, _("The session is no longer cancelled."))
    return _back(organization)


@staff_view(Perm.MANAGE_DROPIN)
@require_POST
def dropin_extra_new(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = ExtraSessionForm(request.POST, organization=organization)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.dropin_extra_session_create(
                organization=organization,
                data={
                    "place": data["place"],
                    "start": data["start"],
                    "end": data["end"],
                    "note_fi": data["note"],
                },
                staff_on_duty=list(data["staff_on_duty"]),
                actor=current_staff(request),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Extra session added."))
            return _back(organization)
    return _page(request, organization, extra_form=form, status=400)


@staff_view(Perm.MANAGE_DROPIN)
@require_POST
def dropin_extra_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    extra = get_object_or_404(DropinExtraSession.objects.for_organization(organization), pk=pk)
    services.dropin_extra_session_delete(extra=extra, actor=current_staff(request))
    messages.success(request, _("Extra session removed."))
    return _back(organization)


@staff_view(Perm.MANAGE_DROPIN)
@require_http_methods(["GET", "POST"])
def dropin_schedule_edit(
    request: HttpRequest, organization: Organization, pk: int | None = None
) -> HttpResponse:
    """Add or change a weekly drop-in hour (place, time, check-in window, staff on duty)."""
    schedule = (
        get_object_or_404(DropinSchedule.objects.for_organization(organization), pk=pk)
        if pk is not None
        else None
    )
    initial = (
        ScheduleForm.initial_for(schedule)
        if schedule
        else {"valid_from": timezone.localdate(timezone.now(), TZ)}
    )
    form = ScheduleForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if schedule is None:
                services.dropin_schedule_create(
                    organization=organization,
                    data=form.schedule_data(),
                    staff_on_duty=list(form.cleaned_data["staff_on_duty"]),
                    actor=current_staff(request),
                )
            else:
                services.dropin_schedule_update(
                    schedule=schedule,
                    data=form.schedule_data(),
                    staff_on_duty=list(form.cleaned_data["staff_on_duty"]),
                    actor=current_staff(request),
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Drop-in schedule saved. The public page shows the new times."))
            return _back(organization)
    return render(
        request,
        "dropin/staff/schedule_form.html",
        {"organization": organization, "form": form, "schedule": schedule},
        status=400 if form.errors else 200,
    )
