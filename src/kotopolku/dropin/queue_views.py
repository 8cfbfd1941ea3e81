"""Staff pages of the drop-in hour itself: today's sessions, the live queue, outcomes, the kiosk and
the check-in poster. Thin: services write, selectors read; every page is the municipality's own."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.appointments.forms import OTHER_LANGUAGE
from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.core.qr import qr_data_uri
from kotopolku.dropin import selectors, services
from kotopolku.dropin.forms import OutcomeForm, StaffAddTicketForm
from kotopolku.dropin.models import DropinOutcome, DropinQueue, DropinTicket, DropinTopic, DropinVisit
from kotopolku.dropin.selectors import Session
from kotopolku.dropin.views import KIOSK_COOKIE, kiosk_cookie_value
from kotopolku.letters.models import SharedLetter
from kotopolku.organizations.models import Organization, Service, ServiceType

# Where the staff member sits ("Table 1"): remembered for the session, shown on the display.
COUNTER_KEY = "dropin_counter"
# Which service a follow-up appointment is booked in, by the drop-in topic (everyday guidance otherwise).
TOPIC_SERVICE: dict[str, str] = {
    DropinTopic.RESIDENCE_PERMIT: ServiceType.PERMITS_CITIZENSHIP,
    DropinTopic.HOBBIES: ServiceType.HOBBIES,
}
POSTER_LANGUAGES = ("fi", "en", "ar", "fa", "ru", "uk", "so", "sv")


def _session_or_404(organization: Organization, key: str) -> Session:
    session = selectors.session_get(organization=organization, key=key)
    if session is None:
        raise Http404
    return session


def _queue_url(organization: Organization, key: str) -> str:
    return reverse("staff:dropin_queue", kwargs={"org": organization.slug, "session": key})


@staff_view(Perm.SERVE_DROPIN)
@require_GET
def dropin_today(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Today's sessions with their queues; the display, the kiosk and the poster."""
    sessions = selectors.current_sessions(organization=organization)
    upcoming = [s for s in selectors.next_sessions(organization=organization, count=3) if s not in sessions]
    queues = {
        q.session_key: q
        for q in DropinQueue.objects.for_organization(organization).filter(
            session_key__in=[s.id for s in sessions]
        )
    }
    rows = [{"session": s, "queue": queues.get(s.id)} for s in sessions]
    return render(
        request,
        "dropin/staff/today.html",
        {"organization": organization, "rows": rows, "upcoming": upcoming, "tz": TZ},
    )


def _my_ticket(queue: DropinQueue | None, request: HttpRequest) -> DropinTicket | None:
    if queue is None:
        return None
    return (
        DropinTicket.objects.filter(
            queue=queue, served_by=current_staff(request), status__in=DropinTicket.ACTIVE
        )
        .order_by("-called_at")
        .first()
    )


@staff_view(Perm.SERVE_DROPIN)
@require_GET
def queue_page(request: HttpRequest, organization: Organization, session: str) -> HttpResponse:
    """The live queue: call next, call a chosen number, recall, no-show, serve, outcome, close."""
    the_session = _session_or_404(organization, session)
    queue = selectors.queue_get(organization=organization, key=the_session.id)
    board = selectors.queue_board(queue) if queue is not None else None
    mine = _my_ticket(queue, request)
    if board is not None:
        _attach_shared_letters(organization, [*board.waiting, *board.active, *([mine] if mine else [])])
    context: dict[str, Any] = {
        "organization": organization,
        "session": the_session,
        "queue": queue,
        "board": board,
        "mine": mine,
        "outcome_form": OutcomeForm(),
        "add_form": StaffAddTicketForm(initial={"language": "fi"}),
        "counter": request.session.get(COUNTER_KEY, ""),
        "now": timezone.now(),
        "tz": TZ,
    }
    if request.htmx and request.GET.get("part") == "waiting":  # type: ignore[attr-defined]
        return render(request, "dropin/staff/_waiting.html", context)
    return render(request, "dropin/staff/queue.html", context)


def _attach_shared_letters(organization: Organization, tickets: list[DropinTicket]) -> None:
    """``ticket.shared_letter`` for visitors who shared a letter with the letter helper (one query)."""
    codes = {t.letter_code for t in tickets if t.letter_code}
    letters = (
        {
            letter.code: letter
            for letter in SharedLetter.objects.for_organization(organization).filter(code__in=codes)
        }
        if codes
        else {}
    )
    for ticket in tickets:
        ticket.shared_letter = letters.get(ticket.letter_code)  # type: ignore[attr-defined]


def _queue_for_action(organization: Organization, key: str) -> DropinQueue:
    the_session = _session_or_404(organization, key)
    return services.queue_for_session(organization=organization, session=the_session)


def _counter(request: HttpRequest) -> str:
    counter = " ".join(request.POST.get("counter", "").split())[:40]
    request.session[COUNTER_KEY] = counter
    return counter


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def queue_call_next(request: HttpRequest, organization: Organization, session: str) -> HttpResponse:
    queue = _queue_for_action(organization, session)
    try:
        ticket = services.ticket_call_next(
            queue=queue, actor=current_staff(request), counter=_counter(request)
        )
    except services.QueueError as error:
        messages.error(request, error.message)
    else:
        if ticket is None:
            messages.info(request, _("Nobody is waiting."))
        else:
            messages.success(request, _("You called number %(number)s.") % {"number": ticket.number})
    return redirect(_queue_url(organization, session))


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def queue_add(request: HttpRequest, organization: Organization, session: str) -> HttpResponse:
    """Add someone who came without a phone; they get a number to remember."""
    the_session = _session_or_404(organization, session)
    form = StaffAddTicketForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language and the topic."))
        return redirect(_queue_url(organization, session))
    try:
        ticket = services.ticket_check_in(
            organization=organization,
            session=the_session,
            language=form.cleaned_data["language"],
            topic=form.cleaned_data["topic"],
            needs_interpreter=form.cleaned_data["needs_interpreter"],
            source=DropinTicket.Source.STAFF,
            actor=current_staff(request),
        )
    except services.QueueError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Added to the queue: number %(number)s.") % {"number": ticket.number})
    return redirect(_queue_url(organization, session))


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def queue_close(request: HttpRequest, organization: Organization, session: str) -> HttpResponse:
    queue = _queue_for_action(organization, session)
    try:
        not_served = services.queue_close(queue=queue, actor=current_staff(request))
    except services.QueueError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The queue is closed. %(count)s people still waiting were told when the next session is.")
            % {"count": not_served},
        )
    return redirect(_queue_url(organization, session))


def _ticket_or_404(organization: Organization, pk: int) -> DropinTicket:
    return get_object_or_404(
        DropinTicket.objects.for_organization(organization).select_related("queue", "queue__organization"),
        pk=pk,
    )


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def ticket_action(request: HttpRequest, organization: Organization, pk: int, action: str) -> HttpResponse:
    ticket = _ticket_or_404(organization, pk)
    actor = current_staff(request)
    try:
        if action == "call":
            services.ticket_call(ticket=ticket, actor=actor, counter=_counter(request))
            messages.success(request, _("You called number %(number)s.") % {"number": ticket.number})
        elif action == "recall":
            services.ticket_recall(ticket=ticket, actor=actor)
            messages.success(request, _("Number %(number)s is shown again.") % {"number": ticket.number})
        elif action == "no-show":
            services.ticket_no_show(ticket=ticket, actor=actor)
        elif action == "serve":
            services.ticket_start(ticket=ticket, actor=actor)
        elif action == "return":
            services.ticket_return_to_queue(ticket=ticket, actor=actor)
        else:
            raise Http404
    except services.QueueError as error:
        messages.error(request, error.message)
    return redirect(_queue_url(organization, ticket.queue.session_key))


def follow_up_booking_url(organization: Organization, ticket: DropinTicket, visit_pk: int) -> str:
    """The staff booking page prefilled from the visit: language, topic, interpreter need."""
    languages = dict(settings.LANGUAGES)
    params = {
        "language": ticket.language if ticket.language in languages else OTHER_LANGUAGE,
        "topic": _("Drop-in follow-up: %(topic)s") % {"topic": DropinTopic(ticket.topic).label},
        "from_dropin": str(visit_pk),
    }
    if ticket.needs_interpreter:
        params["interpreter"] = str(languages.get(ticket.language, ticket.language_other or ticket.language))
        params["interpreter_mode"] = "in_person"
    services_ = Service.objects.for_organization(organization).filter(is_active=True)
    service = (
        services_.filter(service_type=TOPIC_SERVICE.get(ticket.topic, ServiceType.EVERYDAY_GUIDANCE)).first()
        or services_.first()
    )
    if service is not None:
        params["service"] = str(service.pk)
    return reverse("staff:appointment_new", kwargs={"org": organization.slug}) + "?" + urlencode(params)


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def ticket_finish(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(organization, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the visit ended."))
        return redirect(_queue_url(organization, ticket.queue.session_key))
    outcome = form.cleaned_data["outcome"]
    try:
        visit = services.ticket_finish(ticket=ticket, actor=current_staff(request), outcome=outcome)
    except services.QueueError as error:
        messages.error(request, error.message)
        return redirect(_queue_url(organization, ticket.queue.session_key))
    if outcome == DropinOutcome.FOLLOW_UP_BOOKED:
        messages.info(request, _("Choose a time for the follow-up appointment."))
        return redirect(follow_up_booking_url(organization, ticket, visit.pk))
    messages.success(request, _("Visit %(number)s recorded.") % {"number": ticket.number})
    return redirect(_queue_url(organization, ticket.queue.session_key))


@staff_view(Perm.SERVE_DROPIN)
@require_GET
def dropin_poster(request: HttpRequest, organization: Organization) -> HttpResponse:
    """A printable A4 poster: a QR code to the check-in page and a short text in several languages."""
    url = settings.KOTOPOLKU_PUBLIC_BASE_URL + reverse(
        "public:dropin_checkin", kwargs={"org": organization.slug}
    )
    texts = []
    for code in POSTER_LANGUAGES:
        with translation.override(code):
            texts.append(
                {
                    "code": code,
                    "bidi": translation.get_language_bidi(),
                    "text": _("Scan the code with your phone camera to get a queue number."),
                }
            )
    return render(
        request,
        "dropin/staff/poster.html",
        {"organization": organization, "url": url, "qr": qr_data_uri(url, box_size=12), "texts": texts},
    )


@staff_view(Perm.SERVE_DROPIN)
@require_POST
def dropin_kiosk_start(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Turn this device into the café check-in kiosk: the staff member is logged out (the tablet holds
    no staff session) and a signed kiosk cookie for this municipality stays for a working day."""
    actor = current_staff(request)
    audit_record(actor=actor, action=AuditAction.DROPIN_KIOSK_STARTED, organization=organization)
    logout(request)
    response = redirect("public:dropin_kiosk", org=organization.slug)
    response.set_cookie(
        KIOSK_COOKIE,
        kiosk_cookie_value(organization),
        max_age=settings.KOTOPOLKU_DROPIN_KIOSK_HOURS * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@staff_view(Perm.MANAGE_CLIENTS)
@require_POST
def visit_link_client(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Link one of your drop-in visits to a client record (from the client's page)."""
    visit = get_object_or_404(DropinVisit.objects.for_organization(organization), pk=pk)
    client_id = request.POST.get("client", "")
    client = (
        Client.objects.for_organization(organization).filter(pk=int(client_id)).first()
        if client_id.isdigit()
        else None
    )
    if client is None:  # no such client in this municipality: nothing is linked
        messages.error(request, _("Choose a client record of this municipality."))
        return redirect("staff:dropin_today", org=organization.slug)
    try:
        services.visit_link_client(visit=visit, client=client, actor=current_staff(request))
    except services.QueueError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The drop-in visit is linked to this client."))
    return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
