"""Public drop-in pages: the drop-in page, check-in (own phone and café kiosk), the visitor's ticket
page and the call-up display. Thin: forms parse, services write, selectors read."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from kotopolku.appointments.forms import OTHER_LANGUAGE
from kotopolku.appointments.selectors import TZ
from kotopolku.core.qr import qr_data_uri
from kotopolku.core.ratelimits import dropin_checkin_rate, dropin_kiosk_rate, public_form_rate
from kotopolku.dropin import selectors, services
from kotopolku.dropin.forms import CheckInForm
from kotopolku.dropin.models import DropinTicket
from kotopolku.dropin.selectors import Session
from kotopolku.organizations import selectors as organization_selectors
from kotopolku.organizations.models import Organization

PUBLIC_SESSIONS = 6
KIOSK_COOKIE = "kotopolku_kiosk"
KIOSK_SALT = "kotopolku.dropin.kiosk"
# The kiosk shows the number this long, then starts over for the next person.
KIOSK_RESET_SECONDS = 25
# Without JavaScript, the ticket page and the display reload themselves this often.
TICKET_REFRESH_SECONDS = 30
DISPLAY_REFRESH_SECONDS = 10
# The display repeats its texts in these languages (the page's own language first).
DISPLAY_LANGUAGES = ("fi", "en", "ar", "fa", "ru", "uk", "so", "sv")


def dropin_page(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_selectors.organization_get_public(slug=org)
    sessions = selectors.next_sessions(organization=organization, count=PUBLIC_SESSIONS)
    return render(
        request,
        "dropin/public.html",
        {
            "organization": organization,
            "sessions": sessions,
            "tz": TZ,
            "any_open": any(s.is_open for s in sessions),
        },
    )


# --- Check-in ------------------------------------------------------------------------------------------


def _next_open_or_upcoming(organization: Organization) -> Session | None:
    now = timezone.now()
    return next(
        (
            s
            for s in selectors.next_sessions(organization=organization, count=10, now=now)
            if not s.is_cancelled and s.end > now
        ),
        None,
    )


def _chosen_session(form: CheckInForm, open_sessions: list[Session]) -> Session | None:
    key = form.cleaned_data.get("session") or ""
    if len(open_sessions) == 1 and not key:
        return open_sessions[0]
    return next((s for s in open_sessions if s.id == key), None)


def _closed(request: HttpRequest, organization: Organization, *, kiosk: bool = False) -> HttpResponse:
    """Check-in is not open: say when the next session is and offer booking instead."""
    return render(
        request,
        "dropin/checkin_closed.html",
        {
            "organization": organization,
            "next_session": _next_open_or_upcoming(organization),
            "tz": TZ,
            "kiosk": kiosk,
        },
    )


def _check_in(request: HttpRequest, organization: Organization, *, source: str) -> tuple[CheckInForm, Any]:
    """Validate and take a number. Returns (form, ticket or None or a closed response)."""
    open_now = selectors.open_sessions(organization=organization)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return form, None
    session = _chosen_session(form, open_now)
    if session is None:
        return form, "closed"
    data = form.cleaned_data
    try:
        ticket = services.ticket_check_in(
            organization=organization,
            session=session,
            language=data["language"],
            language_other=data.get("language_other", ""),
            topic=data["topic"],
            needs_interpreter=data.get("needs_interpreter") == "yes",
            name=data.get("name", ""),
            phone=data.get("phone", ""),
            letter_code=data.get("letter", ""),
            source=source,
        )
    except services.CheckInClosed:
        return form, "closed"
    except services.QueueError as error:
        form.add_error(None, error.message)
        return form, None
    return form, ticket


def _initial(request: HttpRequest | None = None) -> dict[str, str]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    initial = {
        "language": language if language in dict(settings.LANGUAGES) else OTHER_LANGUAGE,
        "needs_interpreter": "no",
    }
    letter = request.GET.get("letter", "")[:20] if request is not None else ""
    if letter:  # from the letter helper: the topic is the letter
        initial |= {"letter": letter, "topic": "letter"}
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=dropin_checkin_rate, method="POST", block=True, group="dropin-checkin")
def checkin(request: HttpRequest, org: str) -> HttpResponse:
    """Check in on your own phone (the QR poster at the café points here)."""
    organization = organization_selectors.organization_get_public(slug=org)
    open_now = selectors.open_sessions(organization=organization)
    if request.method == "POST":
        form, result = _check_in(request, organization, source=DropinTicket.Source.PHONE)
        if result == "closed":
            return _closed(request, organization)
        if isinstance(result, DropinTicket):
            return redirect("public:dropin_ticket", org=organization.slug, token=result.token)
    else:
        if not open_now:
            return _closed(request, organization)
        form = CheckInForm(initial=_initial(request))
    return render(
        request,
        "dropin/checkin.html",
        {"organization": organization, "form": form, "sessions": open_now, "tz": TZ},
        status=400 if form.errors else 200,
    )


# --- The visitor's ticket page -------------------------------------------------------------------------


def _ticket_or_404(organization: Organization, token: str) -> selectors.TicketState:
    state = selectors.ticket_state(token=token)
    if state is None or state.ticket.organization_id != organization.pk:
        raise Http404
    return state


@never_cache
@require_GET
def ticket(request: HttpRequest, org: str, token: str) -> HttpResponse:
    """Your number, your place in the queue and the estimated wait. Updates itself (htmx polling; a
    plain reload or the page's own refresh without JavaScript)."""
    organization = organization_selectors.organization_get_public(slug=org)
    state = _ticket_or_404(organization, token)
    context = {
        "organization": organization,
        "state": state,
        "ticket": state.ticket,
        "next_session": _next_open_or_upcoming(organization) if state.ticket.status == "not_served" else None,
        "tz": TZ,
        "refresh_seconds": TICKET_REFRESH_SECONDS,
    }
    template = "dropin/ticket_status.html" if request.htmx else "dropin/ticket.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@never_cache
@require_POST
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def ticket_leave(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization = organization_selectors.organization_get_public(slug=org)
    state = _ticket_or_404(organization, token)
    # Already called or gone: the page shows the current state.
    with contextlib.suppress(services.QueueError):
        services.ticket_leave(ticket=state.ticket)
    return redirect("public:dropin_ticket", org=organization.slug, token=token)


# --- Kiosk mode on the café tablet ---------------------------------------------------------------------


def kiosk_cookie_value(organization: Organization) -> str:
    return signing.dumps({"org": organization.slug}, salt=KIOSK_SALT)


def _kiosk_allowed(request: HttpRequest, organization: Organization) -> bool:
    raw = request.COOKIES.get(KIOSK_COOKIE, "")
    try:
        value = signing.loads(
            raw, salt=KIOSK_SALT, max_age=datetime.timedelta(hours=settings.KOTOPOLKU_DROPIN_KIOSK_HOURS)
        )
    except signing.BadSignature:
        return False
    return isinstance(value, dict) and value.get("org") == organization.slug


def _kiosk_key(group: str, request: HttpRequest) -> str:
    return request.COOKIES.get(KIOSK_COOKIE, "")[-40:] or request.META.get("REMOTE_ADDR", "")


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key=_kiosk_key, rate=dropin_kiosk_rate, method="POST", block=True)
def kiosk(request: HttpRequest, org: str) -> HttpResponse:
    """Check-in on a tablet at the café, started by staff. Nothing is kept between visitors: after
    each check-in the page shows the number, then starts over by itself."""
    organization = organization_selectors.organization_get_public(slug=org)
    if not _kiosk_allowed(request, organization):
        return render(request, "dropin/kiosk_locked.html", {"organization": organization}, status=403)
    open_now = selectors.open_sessions(organization=organization)
    context: dict[str, Any] = {"organization": organization, "sessions": open_now, "tz": TZ, "kiosk": True}
    if request.method == "POST":
        form, result = _check_in(request, organization, source=DropinTicket.Source.KIOSK)
        if result == "closed":
            return _closed(request, organization, kiosk=True)
        if isinstance(result, DropinTicket):
            status_url = settings.KOTOPOLKU_PUBLIC_BASE_URL + reverse(
                "public:dropin_ticket", kwargs={"org": organization.slug, "token": result.token}
            )
            state = selectors.ticket_state(token=result.token)
            return render(
                request,
                "dropin/kiosk_done.html",
                {
                    **context,
                    "ticket": result,
                    "state": state,
                    "qr": qr_data_uri(status_url, box_size=6),
                    "reset_seconds": KIOSK_RESET_SECONDS,
                },
            )
    else:
        if not open_now:
            return _closed(request, organization, kiosk=True)
        form = CheckInForm(initial=_initial())
    return render(request, "dropin/kiosk.html", {**context, "form": form}, status=400 if form.errors else 200)


# --- The call-up display --------------------------------------------------------------------------------


def _display_languages() -> list[str]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    return [current, *[code for code in DISPLAY_LANGUAGES if code != current]][:5]


@never_cache
@require_GET
def display(request: HttpRequest, org: str) -> HttpResponse:
    """For a screen at the café: the numbers being called, large, in several languages at once.
    Only numbers and where to come: never a name or anything else about a person."""
    organization = organization_selectors.organization_get_public(slug=org)
    state = selectors.display_state(organization=organization)
    languages = _display_languages()
    texts = []
    for code in languages:
        with translation.override(code):
            texts.append(
                {
                    "code": code,
                    "bidi": translation.get_language_bidi(),
                    "come": _("Your number is called: please come to the counselor."),
                    "waiting": _("Waiting"),
                }
            )
    context = {
        "organization": organization,
        "state": state,
        "texts": texts,
        "tz": TZ,
        "refresh_seconds": DISPLAY_REFRESH_SECONDS,
    }
    template = "dropin/display_board.html" if request.htmx else "dropin/display.html"  # type: ignore[attr-defined]
    return render(request, template, context)
