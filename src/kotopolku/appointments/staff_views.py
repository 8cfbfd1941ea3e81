"""Staff pages for appointments: the agenda, one appointment (cancel, move, outcome), booking for a
client on the phone, availability (hours, absences, closed days, booking rules), call-back requests and
the personal calendar link. Thin: parse the input, ask the policy, call a selector or a service."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import holidays
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, can, can_manage_availability_of, require_availability_of
from kotopolku.appointments import selectors, services, staff_forms
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    CallbackRequest,
    ClosedDay,
    MeetingMode,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.services import ClientDetails, SlotTaken
from kotopolku.appointments.slots import Slot, finnish_holidays
from kotopolku.dropin.models import DropinVisit
from kotopolku.dropin.services import visit_link_follow_up
from kotopolku.organizations.models import Organization, Place, Service

TZ = selectors.TZ
FREE_TIMES_LOOKAHEAD_DAYS = 14  # "the next day with free times" looks this far
CALLBACKS_PER_PAGE = 50
LANGUAGE_NAMES = dict(settings.LANGUAGES)
HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "uk": "uk"}  # others: English names


def _today() -> datetime.date:
    return timezone.localtime(timezone.now(), TZ).date()


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, TZ).date()


def _add_service_errors(form: Any, error: ValidationError, rename: dict[str, str] | None = None) -> None:
    """A service's ValidationError onto the form: on the field it names when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (rename or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else ""


def _language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


# --- Agenda ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    appointment: Appointment
    first_name: str


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_GET
def agenda(request: HttpRequest, organization: Organization) -> HttpResponse:
    team = list(selectors.staff_with_schedules(organization=organization))
    query = staff_forms.AgendaForm(request.GET, team=team)
    query.is_valid()  # a bad value falls back to its default
    day: datetime.date = query.cleaned_data.get("date") or _today()
    view = query.cleaned_data.get("view") or "day"
    staff_id: int | None = query.cleaned_data.get("staff")
    if view == "week":
        first = day - datetime.timedelta(days=day.weekday())
        length = 7
    else:
        first, length = day, 1
    last = first + datetime.timedelta(days=length - 1)
    by_day = selectors.agenda(organization=organization, date_from=first, date_to=last, staff_id=staff_id)
    days = [first + datetime.timedelta(days=offset) for offset in range(length)]

    def link(target: datetime.date, view_name: str = view) -> str:
        params: dict[str, Any] = {"date": target.isoformat(), "view": view_name}
        if staff_id:
            params["staff"] = staff_id
        return f"?{urlencode(params)}"

    step = datetime.timedelta(days=length)
    return render(
        request,
        "appointments/staff/agenda.html",
        {
            "organization": organization,
            "tz": TZ,
            "form": staff_forms.AgendaForm(initial={"date": day, "view": view, "staff": staff_id}, team=team),
            "view": view,
            "first": first,
            "last": last,
            "today": _today(),
            "whole_team": staff_id is None,
            "staff_member": next((person for person in team if person.pk == staff_id), None),
            "days": [
                (d, [AgendaEntry(a, _first_name(a.client_name)) for a in by_day.get(d, [])]) for d in days
            ],
            "count": sum(len(entries) for entries in by_day.values()),
            "previous_url": link(first - step),
            "next_url": link(first + step),
            "today_url": link(_today()),
            "other_view_url": link(day, "day" if view == "week" else "week"),
        },
    )


# --- Free times (booking for a client, moving) -----------------------------------------------------


def _free_times(
    *,
    organization: Organization,
    service: Service,
    day: datetime.date,
    staff: User | None,
    ignore_appointment_id: int | None = None,
) -> tuple[list[Slot], datetime.date | None]:
    """The free times on ``day`` (no minimum notice: staff may book for tomorrow morning) and the next
    day with free times within two weeks."""
    slots = selectors.slots_for_service(
        organization=organization,
        service=service,
        date_from=day,
        date_to=day + datetime.timedelta(days=FREE_TIMES_LOOKAHEAD_DAYS),
        staff_id=staff.pk if staff else None,
        enforce_notice=False,
        ignore_appointment_id=ignore_appointment_id,
    )
    on_day = [slot for slot in slots if _local_date(slot.start) == day]
    later = next((_local_date(slot.start) for slot in slots if _local_date(slot.start) > day), None)
    return on_day, later


def _slot_labeller(slots: Sequence[Slot]) -> Callable[[Slot], str]:
    """Readable labels: "10:00–10:45 · Anna Virtanen · In person, HeiMo" (two queries for any number)."""
    names = {person.pk: str(person) for person in User.objects.filter(pk__in={s.staff_id for s in slots})}
    places = {
        place.pk: place.name
        for place in Place.objects.filter(pk__in={s.place_id for s in slots if s.place_id})
    }
    modes = dict(MeetingMode.choices)

    def label(slot: Slot) -> str:
        start, end = timezone.localtime(slot.start, TZ), timezone.localtime(slot.end, TZ)
        where = str(modes.get(slot.mode, slot.mode))
        if slot.place_id in places:
            where = f"{where}, {places[slot.place_id]}"
        return f"{start:%H:%M}–{end:%H:%M} · {names.get(slot.staff_id, '')} · {where}"

    return label


def _day_links(day: datetime.date, later: datetime.date | None, request: HttpRequest) -> dict[str, str]:
    def link(target: datetime.date) -> str:
        params = request.GET.copy()
        params["date"] = target.isoformat()
        return f"?{params.urlencode()}"

    links = {"next_day_url": link(day + datetime.timedelta(days=1))}
    if day > _today():
        links["previous_day_url"] = link(day - datetime.timedelta(days=1))
    if later is not None:
        links["next_free_url"] = link(later)
    return links


def _shown_search(
    search: staff_forms.SlotSearchForm, organization: Organization, **values: Any
) -> staff_forms.SlotSearchForm:
    """The search as it was understood (today when no date was given), or with its errors."""
    if search.errors:
        return search
    return staff_forms.SlotSearchForm(
        initial=values, organization=organization, with_service="service" in search.fields
    )


def _success_note(appointment: Appointment) -> str:
    if appointment.email or appointment.phone:
        return _("the client is told by email/SMS.")
    return _("the client has no email or phone number here: tell them yourself.")


PREFILL_PARAMS = ("language", "topic", "interpreter", "interpreter_mode", "from_dropin")


def _booking_prefill(request: HttpRequest) -> dict[str, str]:
    """Non-personal values from the query string (a call-back request, the drop-in desk)."""
    initial = {"language": "fi"}
    language = request.GET.get("language", "")
    if language in LANGUAGE_NAMES:
        initial["language"] = language
    initial["topic"] = request.GET.get("topic", "")[:1000]
    initial["interpreter_language"] = request.GET.get("interpreter", "")[:60]
    mode = request.GET.get("interpreter_mode", "")
    if mode in {"in_person", "remote"}:
        initial["interpreter_mode"] = mode
    initial["from_dropin"] = request.GET.get("from_dropin", "")[:40]
    return initial


def _link_dropin_visit(
    organization: Organization, visit_id: str, appointment: Appointment, actor: User
) -> None:
    """A follow-up booked from a drop-in visit is linked to it (for the statistics)."""
    if not visit_id.isdigit():
        return
    visit = DropinVisit.objects.for_organization(organization).filter(pk=int(visit_id)).first()
    if visit is not None:
        visit_link_follow_up(visit=visit, appointment=appointment, actor=actor)


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_http_methods(["GET", "POST"])
def appointment_new(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Book on a client's behalf (a phone call, the front desk). Search in the query string; book by POST."""
    actor = current_staff(request)
    search = staff_forms.SlotSearchForm(request.GET, organization=organization)
    search.is_valid()
    service: Service | None = search.cleaned_data.get("service")
    staff: User | None = search.cleaned_data.get("staff")
    day: datetime.date = max(search.cleaned_data.get("date") or _today(), _today())
    slots: list[Slot] = []
    later = None
    if service is not None:
        slots, later = _free_times(organization=organization, service=service, day=day, staff=staff)
    form = staff_forms.StaffBookingForm(
        request.POST or None, slots=slots, label=_slot_labeller(slots), initial=_booking_prefill(request)
    )
    if request.method == "POST" and service is None:
        form.add_error(None, _("Choose a service first."))
    elif request.method == "POST" and form.is_valid():
        assert service is not None
        slot = form.chosen_slot()
        data = form.cleaned_data
        client = ClientDetails(
            name=data["name"],
            language=data["language"],
            email=data["email"],
            phone=data["phone"],
            interpreter_language=data["interpreter_language"].strip(),
            interpreter_mode=data["interpreter_mode"],
            topic=data["topic"],
        )
        try:
            appointment = services.appointment_book(
                organization=organization,
                service=service,
                start=slot.start,
                client=client,
                privacy_accepted=False,
                staff=get_object_or_404(User, organization=organization, pk=slot.staff_id),
                mode=slot.mode,
                actor=actor,
                channel=Appointment.Channel.STAFF,
            )
        except SlotTaken:
            form.add_error("slot", _("Someone else booked this time a moment ago. Choose another one."))
        except ValidationError as error:
            _add_service_errors(form, error, {"start": "slot"})
        else:
            _link_dropin_visit(organization, data.get("from_dropin", ""), appointment, actor)
            messages.success(
                request,
                _("Appointment booked, reference %(reference)s; %(note)s")
                % {"reference": appointment.reference, "note": _success_note(appointment)},
            )
            return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    return render(
        request,
        "appointments/staff/appointment_new.html",
        {
            "organization": organization,
            "search": _shown_search(search, organization, service=service, staff=staff, date=day),
            "form": form,
            "service": service,
            "day": day,
            "slots": slots,
            "later": later,
            "prefill": [(name, request.GET[name]) for name in PREFILL_PARAMS if request.GET.get(name)],
            **_day_links(day, later, request),
        },
        status=400 if form.errors else 200,
    )


# --- One appointment -------------------------------------------------------------------------------


def _appointment_page(
    request: HttpRequest,
    organization: Organization,
    appointment: Appointment,
    cancel_form: staff_forms.CancelForm | None = None,
) -> HttpResponse:
    """Every rendering shows the client's contact details, so every rendering is an audited read."""
    services.appointment_record_view(appointment=appointment, actor=current_staff(request))
    now = timezone.now()
    return render(
        request,
        "appointments/staff/appointment_detail.html",
        {
            "organization": organization,
            "tz": TZ,
            "appointment": appointment,
            "language_name": _language_name(appointment.language),
            "cancel_form": cancel_form or staff_forms.CancelForm(),
            "can_change": appointment.status == Appointment.Status.BOOKED,
            "can_mark_outcome": appointment.status != Appointment.Status.CANCELLED
            and appointment.start <= now,
            "agenda_url": reverse("staff:agenda", kwargs={"org": organization.slug})
            + f"?{urlencode({'date': _local_date(appointment.start).isoformat()})}",
        },
        status=400 if cancel_form is not None and cancel_form.errors else 200,
    )


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_GET
def appointment_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_staff(organization=organization, pk=pk)
    return _appointment_page(request, organization, appointment)


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def appointment_cancel(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_staff(organization=organization, pk=pk)
    form = staff_forms.CancelForm(request.POST)
    if not form.is_valid():
        return _appointment_page(request, organization, appointment, cancel_form=form)
    try:
        services.appointment_cancel(
            appointment=appointment, actor=current_staff(request), reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Appointment cancelled; %(note)s") % {"note": _success_note(appointment)})
    return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def appointment_outcome(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_staff(organization=organization, pk=pk)
    form = staff_forms.OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose attended or did not come."))
    else:
        try:
            services.appointment_set_outcome(
                appointment=appointment, status=form.cleaned_data["status"], actor=current_staff(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            attended = form.cleaned_data["status"] == Appointment.Status.ATTENDED
            messages.success(request, _("Marked as attended.") if attended else _("Marked as did not come."))
    return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_http_methods(["GET", "POST"])
def appointment_move(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Another time for a booking, with the same or any staff member. Shows no contact details."""
    appointment = selectors.appointment_get_for_staff(organization=organization, pk=pk)
    if appointment.status != Appointment.Status.BOOKED:
        messages.error(request, _("Only a booked appointment can be moved."))
        return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    search = staff_forms.SlotSearchForm(request.GET, organization=organization, with_service=False)
    search.is_valid()
    staff: User | None = search.cleaned_data.get("staff")
    default_day = max(_local_date(appointment.start), _today())
    day: datetime.date = max(search.cleaned_data.get("date") or default_day, _today())
    slots, later = _free_times(
        organization=organization,
        service=appointment.service,
        day=day,
        staff=staff,
        ignore_appointment_id=appointment.pk,
    )
    form = staff_forms.SlotChoiceForm(request.POST or None, slots=slots, label=_slot_labeller(slots))
    if request.method == "POST" and form.is_valid():
        slot = form.chosen_slot()
        try:
            moved = services.appointment_reschedule(
                appointment=appointment,
                start=slot.start,
                actor=current_staff(request),
                staff=get_object_or_404(User, organization=organization, pk=slot.staff_id),
            )
        except SlotTaken:
            form.add_error("slot", _("Someone else booked this time a moment ago. Choose another one."))
        except ValidationError as error:
            _add_service_errors(form, error, {"start": "slot"})
        else:
            when = formats.date_format(timezone.localtime(moved.start, TZ), "SHORT_DATETIME_FORMAT")
            messages.success(
                request,
                _("Appointment moved to %(time)s; %(note)s") % {"time": when, "note": _success_note(moved)},
            )
            return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    return render(
        request,
        "appointments/staff/appointment_move.html",
        {
            "organization": organization,
            "tz": TZ,
            "appointment": appointment,
            "search": _shown_search(search, organization, staff=staff, date=day),
            "form": form,
            "day": day,
            "slots": slots,
            "later": later,
            **_day_links(day, later, request),
        },
        status=400 if form.errors else 200,
    )


# --- Call-back requests ----------------------------------------------------------------------------


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_GET
def callbacks(request: HttpRequest, organization: Organization) -> HttpResponse:
    status = request.GET.get("status", CallbackRequest.Status.NEW)
    if status not in CallbackRequest.Status.values:
        status = ""
    requests = selectors.callback_requests(organization=organization, status=status)
    if not status:
        requests = requests.order_by("-created_at")
    page = Paginator(requests, CALLBACKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "appointments/staff/callbacks.html",
        {
            "organization": organization,
            "status": status,
            "page": page,
            "entries": [(item, _first_name(item.name), _language_name(item.language)) for item in page],
        },
    )


def _callback_page(
    request: HttpRequest,
    organization: Organization,
    item: CallbackRequest,
    form: staff_forms.CallbackHandleForm,
) -> HttpResponse:
    services.callback_request_record_view(request=item, actor=current_staff(request))
    book = {"language": item.language}
    if item.service_id:
        book["service"] = str(item.service_id)
    if item.interpreter_language:
        book["interpreter"] = item.interpreter_language
    return render(
        request,
        "appointments/staff/callback_detail.html",
        {
            "organization": organization,
            "item": item,
            "form": form,
            "language_name": _language_name(item.language),
            "book_url": reverse("staff:appointment_new", kwargs={"org": organization.slug})
            + f"?{urlencode(book)}",
        },
        status=400 if form.errors else 200,
    )


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_http_methods(["GET", "POST"])
def callback_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.callback_requests(organization=organization), pk=pk)
    form = staff_forms.CallbackHandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if item.status == CallbackRequest.Status.HANDLED:
            messages.info(request, _("This request was already handled."))
        else:
            services.callback_request_handle(
                request=item, note=form.cleaned_data["note"], actor=current_staff(request)
            )
            messages.success(request, _("Marked as handled."))
        return redirect("staff:callbacks", org=organization.slug)
    return _callback_page(request, organization, item, form)


# --- Availability ----------------------------------------------------------------------------------


def _schedule_of(person: User) -> StaffSchedule | None:
    # A missing one-to-one raises RelatedObjectDoesNotExist, which is also an AttributeError.
    schedule: StaffSchedule | None = getattr(person, "schedule", None)
    return schedule


def _upcoming_holidays(horizon_days: int) -> list[tuple[datetime.date, str]]:
    """Finnish public holidays from today to the booking horizon: no weekly hours on these days."""
    today = _today()
    last = today + datetime.timedelta(days=horizon_days)
    years = range(today.year, last.year + 1)
    names = holidays.Finland(years=years, language=HOLIDAY_LANGUAGES.get(get_language() or "", "en_US"))
    days = sorted(day for year in years for day in finnish_holidays(year) if today <= day <= last)
    return [(day, names.get(day, "")) for day in days]


def _availability_url(organization: Organization, person: User | None = None) -> str:
    url = reverse("staff:availability", kwargs={"org": organization.slug})
    return f"{url}?staff={person.pk}" if person is not None else url


def _availability_page(
    request: HttpRequest,
    organization: Organization,
    chosen: User | None = None,
    forms: dict[str, Any] | None = None,
) -> HttpResponse:
    user = current_staff(request)
    team = list(selectors.staff_with_schedules(organization=organization))
    if chosen is None:
        wanted = request.GET.get("staff", "")
        chosen = next((p for p in team if str(p.pk) == wanted), None) or next(
            (p for p in team if p.pk == user.pk), team[0] if team else None
        )
    forms = forms or {}
    policy = selectors.booking_policy_get(organization=organization)
    manages_all = can(user, Perm.MANAGE_AVAILABILITY, organization)
    context: dict[str, Any] = {
        "organization": organization,
        "tz": TZ,
        "team": team,
        "chosen": chosen,
        "manages_all": manages_all,
        "policy": policy,
        "holidays": _upcoming_holidays(policy.horizon_days),
        "closed_days": ClosedDay.objects.for_organization(organization).filter(date__gte=_today()),
        "closed_day_form": forms.get("closed_day_form")
        or staff_forms.ClosedDayForm(organization=organization),
        "rules_form": forms.get("rules_form") or staff_forms.BookingPolicyForm(instance=policy),
    }
    if chosen is not None:
        schedule = _schedule_of(chosen)
        context.update(
            {
                "may_edit": can_manage_availability_of(user, chosen, organization),
                "schedule": schedule,
                "hours": WorkingHours.objects.for_organization(organization)
                .filter(staff=chosen)
                .select_related("place"),
                "exceptions": AvailabilityException.objects.for_organization(organization)
                .filter(staff=chosen, end__gte=timezone.now())
                .select_related("place"),
                "hours_form": forms.get("hours_form")
                or staff_forms.WorkingHoursForm(organization=organization, staff=chosen),
                "exception_form": forms.get("exception_form")
                or staff_forms.AvailabilityExceptionForm(organization=organization, staff=chosen),
                "schedule_form": forms.get("schedule_form")
                or staff_forms.StaffScheduleForm(
                    instance=schedule or StaffSchedule(organization=organization, staff=chosen),
                    organization=organization,
                ),
            }
        )
    return render(request, "appointments/staff/availability.html", context, status=400 if forms else 200)


def _staff_member(organization: Organization, pk: int) -> User:
    return get_object_or_404(User, organization=organization, pk=pk)


def _saved(request: HttpRequest, organization: Organization, person: User | None, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(_availability_url(organization, person))


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_GET
def availability(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _availability_page(request, organization)


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def working_hours_add(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    person = _staff_member(organization, pk)
    require_availability_of(request.user, person, organization)
    form = staff_forms.WorkingHoursForm(request.POST, organization=organization, staff=person)
    if form.is_valid():
        try:
            services.working_hours_create(
                organization=organization,
                data={**form.cleaned_data, "staff": person},
                actor=current_staff(request),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return _saved(request, organization, person, _("Working hours added."))
    return _availability_page(request, organization, person, {"hours_form": form})


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def working_hours_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    hours = get_object_or_404(
        WorkingHours.objects.for_organization(organization).select_related("staff"), pk=pk
    )
    require_availability_of(request.user, hours.staff, organization)
    services.working_hours_delete(hours=hours, actor=current_staff(request))
    return _saved(request, organization, hours.staff, _("Working hours removed."))


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def availability_exception_add(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    person = _staff_member(organization, pk)
    require_availability_of(request.user, person, organization)
    form = staff_forms.AvailabilityExceptionForm(request.POST, organization=organization, staff=person)
    if form.is_valid():
        try:
            services.availability_exception_create(
                organization=organization,
                data={**form.cleaned_data, "staff": person},
                actor=current_staff(request),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            absence = form.cleaned_data["kind"] == AvailabilityException.Kind.ABSENCE
            text = _("Absence added: no bookings in that time.") if absence else _("Extra hours added.")
            return _saved(request, organization, person, text)
    return _availability_page(request, organization, person, {"exception_form": form})


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def availability_exception_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    exception = get_object_or_404(
        AvailabilityException.objects.for_organization(organization).select_related("staff"), pk=pk
    )
    require_availability_of(request.user, exception.staff, organization)
    services.availability_exception_delete(exception=exception, actor=current_staff(request))
    return _saved(request, organization, exception.staff, _("Removed."))


@staff_view(Perm.MANAGE_AVAILABILITY)
@require_POST
def staff_schedule_edit(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    person = _staff_member(organization, pk)
    schedule = StaffSchedule.objects.for_organization(organization).filter(staff=person).first()
    form = staff_forms.StaffScheduleForm(
        request.POST,
        instance=schedule or StaffSchedule(organization=organization, staff=person),
        organization=organization,
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["services"] = list(data["services"])
        try:
            services.staff_schedule_save(
                organization=organization, staff=person, data=data, actor=current_staff(request)
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return _saved(request, organization, person, _("Changes saved."))
    return _availability_page(request, organization, person, {"schedule_form": form})


@staff_view(Perm.MANAGE_AVAILABILITY)
@require_POST
def closed_day_add(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = staff_forms.ClosedDayForm(request.POST, organization=organization)
    if form.is_valid():
        try:
            services.closed_day_create(
                organization=organization, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return _saved(request, organization, None, _("Closed day added: no bookings on that day."))
    return _availability_page(request, organization, forms={"closed_day_form": form})


@staff_view(Perm.MANAGE_AVAILABILITY)
@require_POST
def closed_day_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    day = get_object_or_404(ClosedDay.objects.for_organization(organization), pk=pk)
    services.closed_day_delete(day=day, actor=current_staff(request))
    return _saved(request, organization, None, _("Removed."))


@staff_view(Perm.MANAGE_AVAILABILITY)
@require_POST
def booking_rules(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = staff_forms.BookingPolicyForm(
        request.POST, instance=selectors.booking_policy_get(organization=organization)
    )
    if form.is_valid():
        try:
            services.booking_policy_update(
                organization=organization, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return _saved(request, organization, None, _("Booking rules saved."))
    return _availability_page(request, organization, forms={"rules_form": form})


# --- Personal calendar link ------------------------------------------------------------------------


def _own_schedule(user: User, organization: Organization) -> StaffSchedule | None:
    return StaffSchedule.objects.for_organization(organization).filter(staff=user).first()


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_GET
def calendar_subscription(request: HttpRequest, organization: Organization) -> HttpResponse:
    user = current_staff(request)
    schedule = _own_schedule(user, organization)
    feed_url = webcal_url = ""
    if schedule is not None:
        feed_url = request.build_absolute_uri(
            reverse("staff:calendar_feed", kwargs={"token": schedule.calendar_token})
        )
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "appointments/staff/calendar.html",
        {
            "organization": organization,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "own_staff": user.organization_id == organization.pk,
        },
    )


@staff_view(Perm.MANAGE_APPOINTMENTS)
@require_POST
def calendar_renew(request: HttpRequest, organization: Organization) -> HttpResponse:
    user = current_staff(request)
    schedule = _own_schedule(user, organization)
    if schedule is not None:
        services.calendar_link_renew(schedule=schedule, actor=user)
        messages.success(
            request, _("A new link was made. The old link no longer works: update your calendar app.")
        )
    elif user.organization_id == organization.pk:
        services.staff_schedule_save(organization=organization, staff=user, data={}, actor=user)
        messages.success(request, _("Your calendar link is ready."))
    else:
        messages.error(request, _("Only the municipality's own staff have a calendar here."))
    return redirect("staff:calendar_subscription", org=organization.slug)
