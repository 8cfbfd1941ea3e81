"""Public pages: the hobby finder, an activity with "help me join", the suggestion form for partners
and the events calendar with its ICS feed. Thin: parse input, call a selector or a service."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from kotopolku.appointments.forms import OTHER_LANGUAGE
from kotopolku.appointments.selectors import TZ
from kotopolku.core.ratelimits import public_form_rate
from kotopolku.network import calendar, selectors, services
from kotopolku.network.forms import HobbyFilterForm, JoinHelpForm, SuggestionForm
from kotopolku.organizations.selectors import organization_get_public

# How far ahead the public events page looks, and how far back and ahead the ICS feed reaches.
EVENTS_AHEAD_DAYS = 183
FEED_PAST_DAYS = 30
FEED_AHEAD_DAYS = 366


def _language(code: str) -> str:
    """Contact in the chosen language; for one outside the site's, in this page's language."""
    if code != OTHER_LANGUAGE:
        return code
    return get_language() or settings.LANGUAGE_CODE


def filters_from(form: HobbyFilterForm) -> selectors.HobbyFilters:
    if not form.is_valid():
        return selectors.HobbyFilters()
    data = form.cleaned_data
    return selectors.HobbyFilters(
        category=data["category"], language=data["language"], age_group=data["age"], free_only=data["free"]
    )


@require_GET
def hobby_finder(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    form = HobbyFilterForm(request.GET or None)
    filters = filters_from(form)
    activities = list(selectors.hobby_list_public(organization=organization, filters=filters))
    return render(
        request,
        "network/public/finder.html",
        {
            "organization": organization,
            "form": form,
            "activities": activities,
            "filtered": filters != selectors.HobbyFilters(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def hobby_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = organization_get_public(slug=org)
    activity = selectors.hobby_get_public(organization=organization, pk=pk)
    form = JoinHelpForm(
        request.POST if request.method == "POST" else None, initial={"language": get_language()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.join_request_submit(
                organization=organization,
                activity=activity,
                data={
                    "name": data["name"],
                    "phone": data["phone"],
                    "email": data["email"],
                    "language": _language(data["language"]),
                    "language_other": data["language_other"],
                    "message": data["message"].strip(),
                },
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("public:hobby_help_thanks", org=organization.slug)
    return render(
        request,
        "network/public/detail.html",
        {"organization": organization, "activity": activity, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def hobby_help_thanks(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(request, "network/public/help_thanks.html", {"organization": organization})


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=public_form_rate, method="POST", block=True)
def hobby_suggest(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_submit(
                organization=organization, data=form.cleaned_data, language=get_language() or "fi"
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("public:hobby_suggest_thanks", org=organization.slug)
    return render(
        request,
        "network/public/suggest.html",
        {"organization": organization, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def hobby_suggest_thanks(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(request, "network/public/suggest_thanks.html", {"organization": organization})


@require_GET
def events_page(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    now = timezone.now()
    events = selectors.event_list_public(
        organization=organization, start_from=now, start_to=now + datetime.timedelta(days=EVENTS_AHEAD_DAYS)
    )
    by_day: dict[datetime.date, list[object]] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start, TZ).date(), []).append(event)
    return render(
        request,
        "network/public/events.html",
        {"organization": organization, "days": list(by_day.items()), "tz": TZ},
    )


@require_GET
def events_feed(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    now = timezone.now()
    events = selectors.event_list_public(
        organization=organization,
        start_from=now - datetime.timedelta(days=FEED_PAST_DAYS),
        start_to=now + datetime.timedelta(days=FEED_AHEAD_DAYS),
    )
    page = request.build_absolute_uri(reverse("public:events", kwargs={"org": organization.slug}))
    body = calendar.events_calendar(
        organization=organization,
        events=events,
        now=now,
        event_url=lambda event: f"{page}#event-{event.pk}",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organization.slug}-events.ics"'
    return response
