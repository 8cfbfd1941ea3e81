"""A booking's own pages (``/<lang>/<org>/booking/<manage_token>/``): see, move, cancel, add to calendar.

Whoever has the link may change the booking until the municipality's cut-off
(``services.client_change_allowed``); after it the page shows the phone number. Writes go through
``services``; the posts are rate limited per address.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from kotopolku.accounts.models import User
from kotopolku.appointments import selectors, services
from kotopolku.appointments.forms import (
    CancelForm,
    parse_slot_value,
)
from kotopolku.appointments.interpreter_fee import MAX_FEE_EUR
from kotopolku.appointments.models import Appointment, MeetingMode
from kotopolku.appointments.views.shared import (
    absolute_manage_url,
    bad_request,
    cancel_deadline,
    form_status,
    local_date,
    resolve_choice,
    slot_taken_message,
    time_list,
    where_text,
)
from kotopolku.core.ratelimits import public_form_rate
from kotopolku.notifications.ics import CalendarEvent, booking_uid, calendar_text
from kotopolku.notifications.selectors import appointment_moved_email_count
from kotopolku.organizations.models import Organization
from kotopolku.organizations.selectors import organization_get_public

# --- Manage a booking: see, cancel, move -------------------------------------------------------------


def _booking(org: str, token: str) -> tuple[Organization, Appointment]:
    organization = organization_get_public(slug=org)
    appointment = selectors.appointment_get_by_token(token=token)
    if appointment.organization_id != organization.pk:
        raise Http404
    return organization, appointment


def _manage_context(organization: Organization, appointment: Appointment, **extra: Any) -> dict[str, Any]:
    return {
        "organization": organization,
        "appointment": appointment,
        "where": where_text(appointment.mode, appointment.place),
        "can_change": services.client_change_allowed(appointment),
        "manage_url": reverse(
            "public:booking_manage", kwargs={"org": organization.slug, "token": appointment.manage_token}
        ),
        **extra,
    }


@never_cache
@require_GET
def booking_manage(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization, appointment = _booking(org, token)
    context = _manage_context(
        organization,
        appointment,
        deadline=timezone.localtime(cancel_deadline(organization, appointment.start), selectors.TZ),
        max_fee=MAX_FEE_EUR,
        is_past=appointment.end <= timezone.now(),
    )
    return render(request, "appointments/public/manage.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def booking_cancel(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization, appointment = _booking(org, token)
    if not services.client_change_allowed(appointment):
        return redirect("public:booking_manage", org=organization.slug, token=token)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_cancel(
                appointment=appointment, actor=None, reason=form.cleaned_data["reason"], by_client=True
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your appointment has been cancelled."))
        return redirect("public:booking_manage", org=organization.slug, token=token)
    context = _manage_context(organization, appointment, form=form)
    return render(request, "appointments/public/cancel.html", context, status=form_status(form))


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def booking_reschedule(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization, appointment = _booking(org, token)
    if not services.client_change_allowed(appointment):
        return redirect("public:booking_manage", org=organization.slug, token=token)
    page_url = reverse("public:booking_reschedule", kwargs={"org": organization.slug, "token": token})
    if request.method == "POST":
        choice = parse_slot_value(request.POST.get("slot", ""))
        if choice is None:
            return bad_request(request, organization, _("The time was not one of the free times."))
        slot, taken = resolve_choice(
            organization=organization,
            service=appointment.service,
            choice=choice,
            ignore_appointment_id=appointment.pk,
        )
        if slot is None and not taken:
            return bad_request(request, organization, _("The time was not one of the free times."))
        try:
            if slot is None:
                raise services.SlotTaken
            moved = services.appointment_reschedule(
                appointment=appointment,
                start=slot.start,
                actor=None,
                staff=User.objects.get(pk=slot.staff_id),
                by_client=True,
            )
        except services.SlotTaken:
            slot_taken_message(request)
            query = urlencode({"from": local_date(choice.start).isoformat()})
            return HttpResponseRedirect(f"{page_url}?{query}")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("public:booking_manage", org=organization.slug, token=token)
        start = timezone.localtime(moved.start, selectors.TZ)
        messages.success(
            request,
            _("Your appointment has been moved to %(weekday)s %(date)s at %(time)s.")
            % {
                "weekday": formats.date_format(start, "l"),
                "date": formats.date_format(start, "DATE_FORMAT"),
                "time": formats.time_format(start, "TIME_FORMAT"),
            },
        )
        return redirect("public:booking_manage", org=organization.slug, token=token)
    times = time_list(
        request,
        organization=organization,
        service=appointment.service,
        page_url=page_url,
        appointment=appointment,
    )
    context = _manage_context(
        organization,
        appointment,
        **times,
        callback_url=reverse("public:book_callback", kwargs={"org": organization.slug}),
    )
    return render(request, "appointments/public/reschedule.html", context)


@never_cache
@require_GET
def booking_calendar(request: HttpRequest, org: str, token: str) -> HttpResponse:
    """The booking as an ``.ics`` file (the same event UID as in the confirmation email)."""
    organization, appointment = _booking(org, token)
    if appointment.status == Appointment.Status.CANCELLED:
        raise Http404
    manage_url = absolute_manage_url(request, appointment)
    event = CalendarEvent(
        uid=booking_uid(appointment.reference),
        start=appointment.start,
        end=appointment.end,
        summary=f"{appointment.service.name} – {organization.name}",
        location=_ics_location(appointment),
        description="\n".join(
            [
                _("Reference: %(reference)s") % {"reference": appointment.reference},
                _("See, change or cancel your booking: %(url)s") % {"url": manage_url},
            ]
        ),
        url=manage_url,
        organizer_name=organization.name,
    )
    text = calendar_text(
        event=event,
        method="PUBLISH",
        sequence=appointment_moved_email_count(appointment=appointment),
        now=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.reference}.ics"'
    return response


def _ics_location(appointment: Appointment) -> str:
    place = appointment.place
    if appointment.mode == MeetingMode.IN_PERSON and place is not None:
        return f"{place.name}, {place.address}"
    return _("Video call") if appointment.mode == MeetingMode.VIDEO else _("By phone")
