"""Coordinator pages: the municipality's settings, services, places and regular hours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.organizations import forms, services
from kotopolku.organizations.models import Organization, Place, RegularHours, Service


def _form_page(
    request: HttpRequest,
    organization: Organization,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    title: str,
    done_url: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(done_url)
    return render(
        request,
        "core/staff_form.html",
        {"organization": organization, "form": form, "title": title, "cancel_url": done_url},
        status=400 if form.errors else 200,
    )


def _fresh(instance: models.Model) -> models.Model:
    # The form works on its own copy: ModelForm validation writes into its instance,
    # and the service must compare against what is stored.
    return type(instance)._default_manager.get(pk=instance.pk)


@staff_view(Perm.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def organization_settings(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = forms.OrganizationSettingsForm(request.POST or None, instance=_fresh(organization))
    return _form_page(
        request,
        organization,
        form,
        lambda data: services.organization_update(
            organization=organization, data=data, actor=current_staff(request)
        ),
        _("Municipality settings"),
        request.path,
    )


@staff_view(Perm.MANAGE_ORGANIZATION)
def setup_overview(request: HttpRequest, organization: Organization) -> HttpResponse:
    return render(
        request,
        "organizations/staff_setup.html",
        {
            "organization": organization,
            "services": Service.objects.for_organization(organization),
            "places": Place.objects.for_organization(organization),
            "hours": RegularHours.objects.for_organization(organization).select_related("place"),
        },
    )


def _setup_url(organization: Organization) -> str:
    return reverse("staff:setup", kwargs={"org": organization.slug})


@staff_view(Perm.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    if pk is None:
        form = forms.ServiceForm(request.POST or None)
        return _form_page(
            request,
            organization,
            form,
            lambda data: services.service_create(organization=organization, data=data, actor=actor),
            _("Add a service"),
            _setup_url(organization),
        )
    service = get_object_or_404(Service.objects.for_organization(organization), pk=pk)
    form = forms.ServiceForm(request.POST or None, instance=_fresh(service))
    return _form_page(
        request,
        organization,
        form,
        lambda data: services.service_update(service=service, data=data, actor=actor),
        _("Edit service"),
        _setup_url(organization),
    )


@staff_view(Perm.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    if pk is None:
        form = forms.PlaceForm(request.POST or None)
        return _form_page(
            request,
            organization,
            form,
            lambda data: services.place_create(organization=organization, data=data, actor=actor),
            _("Add a place"),
            _setup_url(organization),
        )
    place = get_object_or_404(Place.objects.for_organization(organization), pk=pk)
    form = forms.PlaceForm(request.POST or None, instance=_fresh(place))
    return _form_page(
        request,
        organization,
        form,
        lambda data: services.place_update(place=place, data=data, actor=actor),
        _("Edit place"),
        _setup_url(organization),
    )


@staff_view(Perm.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def hours_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    actor = current_staff(request)
    if pk is None:
        form = forms.RegularHoursForm(request.POST or None, organization=organization)
        return _form_page(
            request,
            organization,
            form,
            lambda data: services.regular_hours_create(organization=organization, data=data, actor=actor),
            _("Add regular hours"),
            _setup_url(organization),
        )
    hours = get_object_or_404(RegularHours.objects.for_organization(organization), pk=pk)
    form = forms.RegularHoursForm(request.POST or None, instance=_fresh(hours), organization=organization)
    return _form_page(
        request,
        organization,
        form,
        lambda data: services.regular_hours_update(hours=hours, data=data, actor=actor),
        _("Edit regular hours"),
        _setup_url(organization),
    )


@staff_view(Perm.MANAGE_ORGANIZATION)
@require_POST
def hours_delete(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    hours = get_object_or_404(RegularHours.objects.for_organization(organization), pk=pk)
    services.regular_hours_delete(hours=hours, actor=current_staff(request))
    messages.success(request, _("Removed."))
    return redirect(_setup_url(organization))
