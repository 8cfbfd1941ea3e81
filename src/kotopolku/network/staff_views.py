"""Staff pages of the partner network, the hobby catalogue, moderation, requests and referrals. Thin."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.appointments.selectors import TZ
from kotopolku.clients.models import Client
from kotopolku.network import forms, selectors, services
from kotopolku.network.models import (
    ActivityCategory,
    ActivitySuggestion,
    CooperationEntry,
    JoinHelpRequest,
    PartnerKind,
    Referral,
)
from kotopolku.organizations.models import Organization

NETWORK = Perm.MANAGE_NETWORK
REFERRALS = Perm.MANAGE_REFERRALS
FOLLOW_UP_DAYS = 14  # the default follow-up of a new referral


def _url(name: str, organization: Organization, **kwargs: Any) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def _form_page(
    request: HttpRequest,
    organization: Organization,
    form: Any,
    save: Callable[[Any], object],
    title: str,
    done_url: str,
    *,
    template: str = "core/staff_form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(done_url)
    context = {
        "organization": organization,
        "form": form,
        "title": title,
        "cancel_url": done_url,
        **(extra or {}),
    }
    return render(request, template, context, status=400 if form.errors else 200)


# --- Partners -------------------------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def partner_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = forms.PartnerFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    return render(
        request,
        "network/staff/partners.html",
        {
            "organization": organization,
            "form": form,
            "partners": selectors.partner_list(organization=organization, kind=kind),
        },
    )


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    done = _url("partners", organization)
    if pk is None:
        form = forms.PartnerForm(request.POST or None)
        return _form_page(
            request,
            organization,
            form,
            lambda f: services.partner_create(organization=organization, data=f.cleaned_data, actor=actor),
            _("Add a partner"),
            done,
        )
    partner = selectors.partner_get(organization=organization, pk=pk)
    form = forms.PartnerForm(
        request.POST or None, instance=selectors.partner_get(organization=organization, pk=pk)
    )
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.partner_update(partner=partner, data=f.cleaned_data, actor=actor),
        _("Edit partner"),
        done,
    )


# --- Cooperation log ------------------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def cooperation_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    today = timezone.localdate(timezone.now(), TZ)
    year_start = today.replace(month=1, day=1)
    counts = selectors.cooperation_counts(organization=organization, date_from=year_start, date_to=today)
    kinds = dict(CooperationEntry.Kind.choices)
    totals: dict[str, int] = {}
    for row in counts:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["count"]
    return render(
        request,
        "network/staff/cooperation.html",
        {
            "organization": organization,
            "entries": selectors.cooperation_list(organization=organization)[:200],
            "year": today.year,
            "totals": [(kinds[kind], totals.get(kind, 0)) for kind in kinds],
            "by_partner_kind": [
                (dict(PartnerKind.choices).get(kind, kind), count)
                for kind, count in selectors.cooperation_counts_by_partner_kind(
                    organization=organization, date_from=year_start, date_to=today
                ).items()
            ],
        },
    )


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def cooperation_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    done = _url("cooperation", organization)

    def data(form: forms.CooperationForm) -> dict[str, Any]:
        return {k: v for k, v in form.cleaned_data.items() if k != "partners"}

    if pk is None:
        form = forms.CooperationForm(
            request.POST or None,
            organization=organization,
            initial={"date": timezone.localdate(timezone.now(), TZ)},
        )
        return _form_page(
            request,
            organization,
            form,
            lambda f: services.cooperation_record(
                organization=organization, data=data(f), partners=f.cleaned_data["partners"], actor=actor
            ),
            _("Record cooperation"),
            done,
        )
    entry = selectors.cooperation_get(organization=organization, pk=pk)
    form = forms.CooperationForm(
        request.POST or None,
        organization=organization,
        instance=selectors.cooperation_get(organization=organization, pk=pk),
    )
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.cooperation_update(
            entry=entry, data=data(f), partners=f.cleaned_data["partners"], actor=actor
        ),
        _("Edit cooperation entry"),
        done,
    )


@staff_view(NETWORK)
@require_POST
def cooperation_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    entry = selectors.cooperation_get(organization=organization, pk=pk)
    services.cooperation_delete(entry=entry, actor=current_staff(request))
    messages.success(request, _("Removed."))
    return redirect("staff:cooperation", org=organization.slug)


# --- Activities -----------------------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def activity_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    return render(
        request,
        "network/staff/activities.html",
        {
            "organization": organization,
            "activities": selectors.activity_list_for_staff(organization=organization),
            "pending": selectors.suggestion_list(
                organization=organization, status=ActivitySuggestion.Status.PENDING
            ).count(),
        },
    )


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    done = _url("activities", organization)
    if pk is None:
        form = forms.ActivityForm(request.POST or None, organization=organization)
        return _form_page(
            request,
            organization,
            form,
            lambda f: services.activity_create(
                organization=organization,
                data=f.model_data(),
                languages=f.cleaned_data["languages"],
                age_groups=f.cleaned_data["age_groups"],
                actor=actor,
            ),
            _("Add an activity"),
            done,
        )
    activity = selectors.activity_get(organization=organization, pk=pk)
    form = forms.ActivityForm(
        request.POST or None,
        organization=organization,
        instance=selectors.activity_get(organization=organization, pk=pk),
    )
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.activity_update(
            activity=activity,
            data=f.model_data(),
            languages=f.cleaned_data["languages"],
            age_groups=f.cleaned_data["age_groups"],
            actor=actor,
        ),
        _("Edit activity"),
        done,
    )


# --- Suggestions ----------------------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def suggestion_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    status = request.GET.get("status", ActivitySuggestion.Status.PENDING)
    if status not in ActivitySuggestion.Status.values:
        status = ""
    return render(
        request,
        "network/staff/suggestions.html",
        {
            "organization": organization,
            "suggestions": selectors.suggestion_list(organization=organization, status=status),
            "status": status,
        },
    )


def _activity_initial(suggestion: ActivitySuggestion) -> dict[str, Any]:
    """The suggestion's texts go into its own language's boxes and into Finnish (required) until
    staff translate them."""
    initial: dict[str, Any] = {
        "category": suggestion.category,
        "price": suggestion.price,
        "street_address": suggestion.street_address,
        "city": suggestion.city,
        "contact_email": "",
        "website": suggestion.website,
        "is_published": True,
        "languages": suggestion.languages,
        "age_groups": suggestion.age_groups,
    }
    texts = {
        "name": suggestion.name,
        "description": suggestion.description,
        "schedule": suggestion.schedule,
        "place_name": suggestion.place_name,
        "price_details": suggestion.price_details,
        "how_to_join": suggestion.how_to_join,
    }
    for code in {"fi", suggestion.language}:
        for field, text in texts.items():
            initial[f"{field}_{code}"] = text
    return initial


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def suggestion_review(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get(organization=organization, pk=pk)
    actor = current_staff(request)
    pending = suggestion.status == ActivitySuggestion.Status.PENDING
    form = forms.ActivityForm(
        request.POST if request.method == "POST" and pending else None,
        organization=organization,
        initial=_activity_initial(suggestion),
    )
    if request.method == "POST" and not pending:
        messages.error(request, _("This suggestion has already been handled."))
        return redirect("staff:suggestions", org=organization.slug)
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.suggestion_approve(
            suggestion=suggestion,
            data=f.model_data(),
            languages=f.cleaned_data["languages"],
            age_groups=f.cleaned_data["age_groups"],
            actor=actor,
        ),
        _("Review a suggestion"),
        _url("suggestions", organization),
        template="network/staff/suggestion_review.html",
        extra={"suggestion": suggestion, "reject_form": forms.NoteForm(), "pending": pending},
    )


@staff_view(NETWORK)
@require_POST
def suggestion_reject(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get(organization=organization, pk=pk)
    form = forms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.suggestion_reject(suggestion=suggestion, note=note, actor=current_staff(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Suggestion rejected. It is not shown in the hobby finder."))
    return redirect("staff:suggestions", org=organization.slug)


# --- Events ---------------------------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def event_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    include_past = request.GET.get("past") == "1"
    return render(
        request,
        "network/staff/events.html",
        {
            "organization": organization,
            "events": selectors.event_list_for_staff(organization=organization, include_past=include_past),
            "include_past": include_past,
            "tz": TZ,
        },
    )


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    done = _url("network_events", organization)
    if pk is None:
        form = forms.EventForm(request.POST or None, organization=organization)
        return _form_page(
            request,
            organization,
            form,
            lambda f: services.event_create(organization=organization, data=f.model_data(), actor=actor),
            _("Add an event"),
            done,
        )
    event = selectors.event_get(organization=organization, pk=pk)
    form = forms.EventForm(
        request.POST or None,
        organization=organization,
        instance=selectors.event_get(organization=organization, pk=pk),
    )
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.event_update(event=event, data=f.model_data(), actor=actor),
        _("Edit event"),
        done,
    )


@staff_view(NETWORK)
@require_POST
def event_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    event = selectors.event_get(organization=organization, pk=pk)
    services.event_delete(event=event, actor=current_staff(request))
    messages.success(request, _("Removed."))
    return redirect("staff:network_events", org=organization.slug)


# --- "Help me join" requests ----------------------------------------------------------------------


@staff_view(NETWORK)
@require_GET
def join_request_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    status = request.GET.get("status", JoinHelpRequest.Status.NEW)
    if status not in JoinHelpRequest.Status.values:
        status = ""
    return render(
        request,
        "network/staff/join_requests.html",
        {
            "organization": organization,
            "items": selectors.join_request_list(organization=organization, status=status),
            "status": status,
        },
    )


@staff_view(NETWORK)
@require_http_methods(["GET", "POST"])
def join_request_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    item = selectors.join_request_get(organization=organization, pk=pk)
    actor = current_staff(request)
    form = forms.NoteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.join_request_mark_handled(request=item, note=form.cleaned_data["note"], actor=actor)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Marked as handled."))
                return redirect("staff:join_requests", org=organization.slug)
    else:
        services.join_request_record_view(request=item, actor=actor)
    languages = dict(forms.SpokenLanguage.choices)
    return render(
        request,
        "network/staff/join_request.html",
        {
            "organization": organization,
            "item": item,
            "form": form,
            "language_name": item.language_other or languages.get(item.language, item.language),
        },
        status=400 if form.errors else 200,
    )


# --- Referrals ------------------------------------------------------------------------------------


@staff_view(REFERRALS)
@require_GET
def referral_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    outcome = request.GET.get("outcome", "")
    if outcome not in Referral.Outcome.values:
        outcome = ""
    today = timezone.localdate(timezone.now(), TZ)
    return render(
        request,
        "network/staff/referrals.html",
        {
            "organization": organization,
            "due": selectors.referrals_due(organization=organization, on=today),
            "referrals": selectors.referral_list(organization=organization, outcome=outcome).order_by(
                "-referred_on", "-id"
            )[:200],
            "outcome": outcome,
            "outcomes": Referral.Outcome.choices,
            "today": today,
        },
    )


@staff_view(REFERRALS)
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Refer the client ``pk`` (linked from the client's page)."""
    client = get_object_or_404(Client.objects.for_organization(organization), pk=pk)
    actor = current_staff(request)
    today = timezone.localdate(timezone.now(), TZ)
    initial: dict[str, Any] = {"follow_up_on": today + datetime.timedelta(days=FOLLOW_UP_DAYS)}
    if request.GET.get("activity", "").isdigit():
        initial["activity"] = request.GET["activity"]
    form = forms.ReferralForm(request.POST or None, organization=organization, initial=initial)
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.referral_create(
            organization=organization,
            client=client,
            activity=f.cleaned_data["activity"],
            partner=f.cleaned_data["partner"],
            category=f.cleaned_data["category"],
            follow_up_on=f.cleaned_data["follow_up_on"],
            note=f.cleaned_data["note"],
            actor=actor,
        ),
        _("Refer a client to a hobby or a partner"),
        _url("referrals", organization),
        template="network/staff/referral_new.html",
        extra={
            "client": client,
            "existing": selectors.referral_list(organization=organization, client_id=client.pk),
        },
    )


@staff_view(REFERRALS)
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    referral = selectors.referral_get(organization=organization, pk=pk)
    actor = current_staff(request)
    form = forms.ReferralOutcomeForm(
        request.POST or None,
        initial={"outcome": referral.outcome, "outcome_reason": referral.outcome_reason},
    )
    if request.method == "GET":
        services.referral_record_view(referral=referral, actor=actor)
    return _form_page(
        request,
        organization,
        form,
        lambda f: services.referral_record_outcome(
            referral=referral,
            outcome=f.cleaned_data["outcome"],
            reason=f.cleaned_data["outcome_reason"],
            follow_up_on=f.cleaned_data["follow_up_on"],
            actor=actor,
        ),
        _("Referral"),
        _url("referrals", organization),
        template="network/staff/referral.html",
        extra={"referral": referral, "categories": dict(ActivityCategory.choices)},
    )
