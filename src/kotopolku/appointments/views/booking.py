"""Public booking for newcomers, without an account: one question per page.

Steps: service → details → time → contact → confirm → done. The answers so far (the *draft*) live in
the session, never in URLs; every step validates on the server and sends the client on to the first
step that is still missing. Tampered values (a service of another municipality, a time that was never
offered, a malformed time) get a 400 page and nothing is written. Also the call-back request.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from kotopolku.accounts.models import User
from kotopolku.appointments import selectors, services
from kotopolku.appointments.forms import (
    OTHER_LANGUAGE,
    CallbackForm,
    ConfirmForm,
    ContactForm,
    DetailsForm,
    ServiceChoiceForm,
    parse_slot_value,
    slot_value,
)
from kotopolku.appointments.interpreter_fee import MAX_FEE_EUR
from kotopolku.appointments.models import Appointment, InterpreterMode
from kotopolku.appointments.slots import Slot
from kotopolku.appointments.views.shared import (
    TimeOption,
    absolute_manage_url,
    bad_request,
    cancel_deadline,
    form_status,
    local_date,
    resolve_choice,
    slot_taken_message,
    time_list,
    time_options,
    where_text,
)
from kotopolku.core.ratelimits import public_form_rate
from kotopolku.organizations.models import Organization, Service
from kotopolku.organizations.selectors import organization_get_public, service_list_public

STEPS = ("service", "details", "time", "contact", "confirm")
STEP_URLS = {
    "service": "public:book_service",
    "details": "public:book_details",
    "time": "public:book_time",
    "contact": "public:book_contact",
    "confirm": "public:book_confirm",
}
DRAFT_KEYS = {"details": "details", "time": "slot", "contact": "contact"}  # where each step's answer is


# --- The draft in the session ------------------------------------------------------------------------


def _draft_key(organization: Organization) -> str:
    return f"booking_draft:{organization.pk}"


def _done_key(organization: Organization) -> str:
    return f"booking_done:{organization.pk}"


@dataclass
class Flow:
    """The municipality, the client's answers so far and the chosen (still bookable) service."""

    request: HttpRequest
    organization: Organization
    draft: dict[str, Any]
    service: Service | None

    def save(self) -> None:
        self.request.session[_draft_key(self.organization)] = self.draft

    def clear(self) -> None:
        self.request.session.pop(_draft_key(self.organization), None)

    def is_complete(self, step: str) -> bool:
        if step == "service":
            return self.service is not None
        return DRAFT_KEYS[step] in self.draft

    def first_missing(self, before: str = "confirm") -> str | None:
        """The first unanswered step before ``before`` (by default any step); None when all are answered."""
        for step in STEPS[: STEPS.index(before)]:
            if not self.is_complete(step):
                return step
        return None

    def redirect_to(self, step: str, query: dict[str, str] | None = None) -> HttpResponseRedirect:
        url = self.url(step)
        return HttpResponseRedirect(f"{url}?{urlencode(query)}" if query else url)

    def redirect_next(self) -> HttpResponseRedirect:
        """Onwards to the first unanswered step, or to "check your answers" when all are answered."""
        return self.redirect_to(self.first_missing() or "confirm")

    def url(self, step: str) -> str:
        return reverse(STEP_URLS[step], kwargs={"org": self.organization.slug})


def _flow(request: HttpRequest, org: str) -> Flow:
    organization = organization_get_public(slug=org)
    draft = dict(request.session.get(_draft_key(organization), {}))
    service = None
    if "service" in draft:
        service = selectors.bookable_services(organization=organization).filter(pk=draft["service"]).first()
        if service is None:  # no longer bookable: start again
            draft = {}
    return Flow(request=request, organization=organization, draft=draft, service=service)


def _step_context(flow: Flow, step: str, **extra: Any) -> dict[str, Any]:
    index = STEPS.index(step)
    back = reverse("public:home", kwargs={"org": flow.organization.slug}) if index == 0 else None
    return {
        "organization": flow.organization,
        "service": flow.service,
        "step": index + 1,
        "total_steps": len(STEPS),
        "back_url": back or flow.url(STEPS[index - 1]),
        **extra,
    }


def _message_language(language: str) -> str:
    """Messages go in the chosen language; for a language outside the site's, in this page's language
    (the client's own language is stored beside it for the staff)."""
    if language != OTHER_LANGUAGE:
        return language
    return get_language() or settings.LANGUAGE_CODE


def _language_label(code: str, other: str) -> str:
    return other if code == OTHER_LANGUAGE else dict(settings.LANGUAGES).get(code, code)


# --- Step 1: the service ---------------------------------------------------------------------------------

LETTER_CODE = re.compile(r"^[A-Z0-9]{4}-?[A-Z0-9]{4}$")


def _prefill_letter_topic(flow: Flow, code: str) -> None:
    """``?topic=letter&letter=ABCD-EFGH`` from the letter helper: the topic is prefilled with the
    letter code the client shared, so the counselor can open the letter (letters app)."""
    code = code.strip().upper()
    if LETTER_CODE.match(code):
        topic = _("Help with a letter (letter code %(code)s)") % {"code": code}
    else:
        topic = _("Help with a letter")
    flow.draft["topic_prefill"] = topic
    flow.save()


@never_cache
@require_http_methods(["GET", "POST"])
def book_service(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    if request.method == "GET" and request.GET.get("topic") == "letter":
        _prefill_letter_topic(flow, request.GET.get("letter", ""))
    bookable = selectors.bookable_services(organization=flow.organization)
    form = ServiceChoiceForm(
        request.POST if request.method == "POST" else None,
        services=bookable,
        initial={"service": flow.service.pk if flow.service else None},
    )
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        if flow.service is None or flow.service.pk != service.pk:
            flow.draft.pop("slot", None)  # a time of another service does not fit
        flow.draft["service"] = service.pk
        flow.service = service
        flow.save()
        return flow.redirect_next()
    context = _step_context(
        flow,
        "service",
        form=form,
        bookable=list(bookable),
        not_bookable=list(service_list_public(organization=flow.organization).filter(bookable=False)),
    )
    return render(request, "appointments/public/service.html", context, status=form_status(form))


# --- Step 2: what it is about, language, interpreter ------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def book_details(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    if missing := flow.first_missing("details"):
        return flow.redirect_to(missing)
    initial = flow.draft.get("details") or {
        "language": get_language(),
        "topic": flow.draft.get("topic_prefill", ""),
    }
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        flow.draft["details"] = {
            key: form.cleaned_data[key]
            for key in (
                "topic",
                "language",
                "language_other",
                "interpreter",
                "interpreter_language",
                "interpreter_mode",
            )
        }
        flow.save()
        return flow.redirect_next()
    context = _step_context(flow, "details", form=form)
    return render(request, "appointments/public/details.html", context, status=form_status(form))


# --- Step 3: the time ------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def book_time(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    if missing := flow.first_missing("time"):
        return flow.redirect_to(missing)
    assert flow.service is not None
    if request.method == "POST":
        choice = parse_slot_value(request.POST.get("slot", ""))
        if choice is None:
            return bad_request(request, flow.organization, _("The time was not one of the free times."))
        slot, taken = resolve_choice(organization=flow.organization, service=flow.service, choice=choice)
        if slot is None:
            if not taken:
                return bad_request(request, flow.organization, _("The time was not one of the free times."))
            slot_taken_message(request)
            return flow.redirect_to("time", {"from": local_date(choice.start).isoformat()})
        flow.draft["slot"] = {
            "start": slot.start.isoformat(),
            "staff": slot.staff_id,
            "mode": slot.mode,
            "place": slot.place_id,
        }
        flow.save()
        return flow.redirect_next()
    times = time_list(
        request, organization=flow.organization, service=flow.service, page_url=flow.url("time")
    )
    chosen = flow.draft.get("slot", {})
    context = _step_context(
        flow,
        "time",
        **times,
        chosen_value=slot_value(
            datetime.datetime.fromisoformat(chosen["start"]), chosen["staff"], chosen["mode"]
        )
        if chosen
        else "",
        callback_url=reverse("public:book_callback", kwargs={"org": flow.organization.slug}),
    )
    return render(request, "appointments/public/time.html", context)


# --- Step 4: contact details -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def book_contact(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    if missing := flow.first_missing("contact"):
        return flow.redirect_to(missing)
    form = ContactForm(request.POST if request.method == "POST" else None, initial=flow.draft.get("contact"))
    if request.method == "POST" and form.is_valid():
        flow.draft["contact"] = {key: form.cleaned_data[key] for key in ("name", "phone", "email")}
        flow.save()
        return flow.redirect_next()
    context = _step_context(flow, "contact", form=form)
    return render(request, "appointments/public/contact.html", context, status=form_status(form))


# --- Step 5: check and confirm ----------------------------------------------------------------------


def _chosen_option(flow: Flow) -> TimeOption:
    slot = flow.draft["slot"]
    start = datetime.datetime.fromisoformat(slot["start"])
    assert flow.service is not None
    end = start + datetime.timedelta(minutes=flow.service.duration_minutes)
    return time_options([Slot(start, end, slot["staff"], slot["mode"], slot.get("place"))])[0]


def _time_gone(request: HttpRequest, flow: Flow) -> HttpResponse:
    flow.draft.pop("slot", None)
    flow.save()
    messages.error(request, _("This time can no longer be booked. Choose another time."))
    return flow.redirect_to("time")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def book_confirm(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    if missing := flow.first_missing():
        return flow.redirect_to(missing)
    assert flow.service is not None
    details, slot, contact = flow.draft["details"], flow.draft["slot"], flow.draft["contact"]
    start = datetime.datetime.fromisoformat(slot["start"])
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    booking_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        language = _message_language(details["language"])
        staff = User.objects.filter(pk=slot["staff"], organization=flow.organization, is_active=True).first()
        if staff is None:
            return _time_gone(request, flow)
        try:
            appointment = services.appointment_book(
                organization=flow.organization,
                service=flow.service,
                start=start,
                client=services.ClientDetails(
                    name=contact["name"],
                    language=language,
                    language_other=details["language_other"],
                    email=contact["email"],
                    phone=contact["phone"],
                    interpreter_language=details["interpreter_language"],
                    interpreter_mode=details["interpreter_mode"],
                    topic=details["topic"],
                ),
                privacy_accepted=True,
                staff=staff,
                mode=slot["mode"],
                actor=None,
                channel=Appointment.Channel.ONLINE,
            )
        except services.SlotTaken:
            flow.draft.pop("slot", None)
            flow.save()
            slot_taken_message(request)
            return flow.redirect_to("time", {"from": local_date(start).isoformat()})
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            if "start" in errors or "staff" in errors:
                return _time_gone(request, flow)
            booking_errors = [message for field_errors in errors.values() for message in field_errors]
        else:
            flow.clear()
            request.session[_done_key(flow.organization)] = appointment.pk
            return redirect("public:book_done", org=flow.organization.slug)
    for message in booking_errors:
        form.add_error(None, message)
    interpreter = details["interpreter"] == "yes"
    context = _step_context(
        flow,
        "confirm",
        form=form,
        details=details,
        contact=contact,
        option=_chosen_option(flow),
        language_label=_language_label(details["language"], details["language_other"]),
        interpreter=interpreter,
        interpreter_mode_label=InterpreterMode(details["interpreter_mode"]).label if interpreter else "",
        deadline=timezone.localtime(cancel_deadline(flow.organization, start), selectors.TZ),
        max_fee=MAX_FEE_EUR,
    )
    return render(request, "appointments/public/confirm.html", context, status=form_status(form))


# --- Done ---------------------------------------------------------------------------------------------


def _appointments_of(organization: Organization) -> QuerySet[Appointment]:
    return Appointment.objects.for_organization(organization).select_related(
        "organization", "service", "staff", "place"
    )


@never_cache
@require_GET
def book_done(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    pk = request.session.get(_done_key(organization))
    appointment = _appointments_of(organization).filter(pk=pk).first() if isinstance(pk, int) else None
    if appointment is None:
        return redirect("public:book_service", org=organization.slug)
    context = {
        "organization": organization,
        "appointment": appointment,
        "where": where_text(appointment.mode, appointment.place),
        "manage_url": absolute_manage_url(request, appointment),
        "calendar_url": reverse(
            "public:booking_calendar", kwargs={"org": organization.slug, "token": appointment.manage_token}
        ),
        "deadline": timezone.localtime(cancel_deadline(organization, appointment.start), selectors.TZ),
        "max_fee": MAX_FEE_EUR,
    }
    return render(request, "appointments/public/done.html", context)


# --- Call-back request -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def book_callback(request: HttpRequest, org: str) -> HttpResponse:
    flow = _flow(request, org)
    details = flow.draft.get("details", {})
    initial = {
        "language": details.get("language") or get_language(),
        "language_other": details.get("language_other", ""),
        "interpreter_language": details.get("interpreter_language", ""),
        "topic": details.get("topic", ""),
        **flow.draft.get("contact", {}),
    }
    form = CallbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        language = _message_language(data["language"])
        try:
            services.callback_request_create(
                organization=flow.organization,
                data={
                    "service": flow.service,
                    "name": data["name"],
                    "phone": data["phone"],
                    "email": data["email"],
                    "language": language,
                    "language_other": data["language_other"],
                    "interpreter_language": data["interpreter_language"],
                    "preferred_times": data["preferred_times"],
                    "topic": data["topic"],
                },
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("public:book_callback_thanks", org=flow.organization.slug)
    back = flow.url("time") if flow.service is not None else flow.url("service")
    context = {"organization": flow.organization, "service": flow.service, "form": form, "back_url": back}
    return render(request, "appointments/public/callback.html", context, status=form_status(form))


@require_GET
def book_callback_thanks(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(request, "appointments/public/callback_thanks.html", {"organization": organization})
