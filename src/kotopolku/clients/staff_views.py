"""Staff pages of the client records (``/staff/<org>/clients/...``). Thin: parse, check, call.

Searches are POSTed, so names, phone numbers and identity codes never end up in URLs or access logs.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, can, can_view_guidance_notes
from kotopolku.appointments.selectors import TZ
from kotopolku.clients import selectors, services
from kotopolku.clients.forms import (
    AnonymizeForm,
    AppointmentReferenceForm,
    ClientChoiceForm,
    ClientForm,
    ClientSearchForm,
    GuidanceContactForm,
    HouseholdForm,
)
from kotopolku.clients.languages import language_name
from kotopolku.clients.models import Client, GuidanceContact, Household
from kotopolku.deadlines import selectors as deadline_selectors
from kotopolku.dropin import selectors as dropin_selectors
from kotopolku.network import selectors as network_selectors
from kotopolku.organizations.models import Organization


def _form_error(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _search(request: HttpRequest, organization: Organization, form: ClientSearchForm) -> list[Client]:
    staff = current_staff(request)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    mine = bool(form.cleaned_data.get("mine")) if form.is_valid() else False
    results = selectors.client_search(organization=organization, query=query, worker=staff if mine else None)
    services.client_search_record(organization=organization, actor=staff, results=len(results))
    return results


# --- List and search -------------------------------------------------------------------------------


@staff_view(Perm.VIEW_CLIENTS)
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    """GET: the most recently contacted; POST: a search (htmx swaps only the results)."""
    form = ClientSearchForm(request.POST if request.method == "POST" else None)
    results = _search(request, organization, form)
    searched = request.method == "POST" and form.is_valid() and bool(form.cleaned_data.get("q"))
    context = {
        "organization": organization,
        "form": form,
        "results": results,
        "searched": searched,
        "limit": selectors.SEARCH_LIMIT,
        "can_manage": can(request.user, Perm.MANAGE_CLIENTS, organization),
    }
    return render(request, "clients/staff/client_list.html", context)


# --- Create and correct ----------------------------------------------------------------------------


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def client_new(request: HttpRequest, organization: Organization) -> HttpResponse:
    initial: dict[str, Any] = {"responsible_worker": current_staff(request).pk}
    household_id = request.GET.get("household", "")
    if household_id.isdigit():
        household = Household.objects.for_organization(organization).filter(pk=int(household_id)).first()
        if household is not None:
            initial["household"] = household.pk
    form = ClientForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_create(
                organization=organization, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Client record created."))
            return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "clients/staff/client_form.html",
        {"organization": organization, "form": form, "client": None},
        status=status,
    )


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    if client.is_anonymized:
        messages.error(request, _("This record is anonymized and cannot be changed."))
        return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    form = ClientForm(request.POST or None, organization=organization, instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(client=client, data=form.cleaned_data, actor=current_staff(request))
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Client record saved."))
            return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    else:
        # The form shows the record (and its identity code) for correcting: an audited read.
        services.client_record_view(client=client, actor=current_staff(request), via="edit")
    return render(
        request,
        "clients/staff/client_form.html",
        {"organization": organization, "form": form, "client": client},
        status=400 if form.errors else 200,
    )


# --- The record --------------------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    organization: Organization,
    client: Client,
    *,
    identity_code: str = "",
    reference_form: AppointmentReferenceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    contacts = list(selectors.client_contacts(client=client))
    context = {
        "organization": organization,
        "client": client,
        "tz": TZ,
        "identity_code": identity_code,
        "languages": [language_name(code) for code in client.languages],
        "interpreter_language_name": language_name(client.interpreter_language)
        if client.interpreter_language
        else "",
        "members": selectors.household_members(client=client),
        "appointments": list(selectors.client_appointments(client=client)),
        "contacts": contacts,
        "can_view_notes": can_view_guidance_notes(user, client),
        "can_manage": can(user, Perm.MANAGE_CLIENTS, organization) and not client.is_anonymized,
        "can_export": can(user, Perm.EXPORT_CLIENT_DATA, organization),
        "can_erase": can(user, Perm.ERASE_CLIENT_DATA, organization) and not client.is_anonymized,
        "reference_form": reference_form or AppointmentReferenceForm(),
        "interpreter_minutes": sum(contact.interpreter_minutes or 0 for contact in contacts),
        "deadlines": deadline_selectors.client_deadlines(client) if not client.is_anonymized else [],
        "referrals": list(network_selectors.referral_list(organization=organization, client_id=client.pk))
        if can(user, Perm.MANAGE_REFERRALS, organization)
        else [],
        "can_refer": can(user, Perm.MANAGE_REFERRALS, organization) and not client.is_anonymized,
        "dropin_visits": list(client.dropin_visits.select_related("place").order_by("-session_date")),
        "linkable_dropin_visits": dropin_selectors.linkable_visits(organization=organization, staff=user)
        if isinstance(user, User) and not client.is_anonymized
        else [],
    }
    return render(request, "clients/staff/client_detail.html", context, status=status)


@staff_view(Perm.VIEW_CLIENTS)
@require_GET
def client_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    services.client_record_view(client=client, actor=current_staff(request))
    return _detail_page(request, organization, client)


@staff_view(Perm.VIEW_CLIENTS)
@require_POST
def client_identity_code(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Show the identity code unmasked, on this response only (POST: never cached, never in a URL)."""
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    code = services.client_identity_code_reveal(client=client, actor=current_staff(request))
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "clients/staff/_identity_code.html",
            {"client": client, "identity_code": code, "organization": organization},
        )
    return _detail_page(request, organization, client, identity_code=code)


# --- Guidance contacts -------------------------------------------------------------------------------


def _contact_form(
    request: HttpRequest, organization: Organization, client: Client, contact: GuidanceContact | None
) -> HttpResponse:
    show_note = can_view_guidance_notes(request.user, client)
    form = GuidanceContactForm(request.POST or None, instance=contact)
    if not show_note:
        del form.fields["note"]
    if request.method == "POST" and form.is_valid():
        staff = current_staff(request)
        try:
            if contact is None:
                services.guidance_contact_create(client=client, data=form.cleaned_data, actor=staff)
            else:
                services.guidance_contact_update(contact=contact, data=form.cleaned_data, actor=staff)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Guidance contact saved."))
            return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    return render(
        request,
        "clients/staff/contact_form.html",
        {"organization": organization, "client": client, "contact": contact, "form": form},
        status=400 if form.errors else 200,
    )


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def guidance_contact_new(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    if client.is_anonymized:
        messages.error(request, _("This record is anonymized; no contacts can be added."))
        return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    return _contact_form(request, organization, client, None)


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def guidance_contact_edit(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    contact = selectors.contact_get_for_staff(organization=organization, pk=pk)
    if contact.client.is_anonymized:
        messages.error(request, _("This record is anonymized and cannot be changed."))
        return redirect("staff:client_detail", org=organization.slug, pk=contact.client_id)
    return _contact_form(request, organization, contact.client, contact)


# --- Appointments ------------------------------------------------------------------------------------


@staff_view(Perm.MANAGE_CLIENTS)
@require_POST
def client_appointment_link(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Link a booking to the client by its reference code (from the client's page)."""
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    form = AppointmentReferenceForm(request.POST)
    if form.is_valid():
        appointment = selectors.appointment_by_reference(
            organization=organization, reference=form.cleaned_data["reference"]
        )
        if appointment is None:
            form.add_error("reference", _("No booking of this municipality has this reference code."))
        else:
            try:
                services.client_link_appointment(
                    client=client, appointment=appointment, actor=current_staff(request)
                )
            except ValidationError as error:
                form.add_error("reference", error.messages)
            else:
                messages.success(request, _("Appointment linked to the client."))
                return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    services.client_record_view(client=client, actor=current_staff(request))
    return _detail_page(request, organization, client, reference_form=form, status=400)


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def appointment_client_link(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """From the appointment's page: find the client (POSTed search) and link, or unlink."""
    appointment = selectors.appointment_get_for_linking(organization=organization, pk=pk)
    staff = current_staff(request)
    search = ClientSearchForm(request.POST if "q" in request.POST else None)
    if request.method == "POST" and "unlink" in request.POST:
        services.client_unlink_appointment(appointment=appointment, actor=staff)
        messages.success(request, _("The appointment is no longer linked to the client."))
        return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    if request.method == "POST" and "client" in request.POST:
        choice = ClientChoiceForm(request.POST)
        client = None
        if choice.is_valid():
            client = (
                Client.objects.for_organization(organization)
                .filter(pk=choice.cleaned_data["client"], anonymized_at__isnull=True)
                .first()
            )
        if client is None:
            messages.error(request, _("Choose a client from the search results."))
        else:
            try:
                services.client_link_appointment(client=client, appointment=appointment, actor=staff)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Appointment linked to the client."))
                return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    results: list[Client] = []
    searched = search.is_bound and search.is_valid() and bool(search.cleaned_data.get("q"))
    if searched:
        results = _search(request, organization, search)
    return render(
        request,
        "clients/staff/appointment_link.html",
        {
            "organization": organization,
            "appointment": appointment,
            "tz": TZ,
            "form": search,
            "results": results,
            "searched": searched,
        },
    )


@staff_view(Perm.MANAGE_CLIENTS)
@require_POST
def client_appointment_unlink(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    """Unlink from the client's page (``pk`` is the appointment)."""
    appointment = selectors.appointment_get_for_linking(organization=organization, pk=pk)
    client_id = appointment.client_id
    services.client_unlink_appointment(appointment=appointment, actor=current_staff(request))
    if client_id is None:
        return redirect("staff:appointment_detail", org=organization.slug, pk=appointment.pk)
    messages.success(request, _("The appointment is no longer linked to the client."))
    return redirect("staff:client_detail", org=organization.slug, pk=client_id)


# --- Households --------------------------------------------------------------------------------------


@staff_view(Perm.VIEW_CLIENTS)
@require_GET
def household_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    return render(
        request,
        "clients/staff/household_list.html",
        {
            "organization": organization,
            "households": selectors.household_list(organization=organization),
            "can_manage": can(request.user, Perm.MANAGE_CLIENTS, organization),
        },
    )


@staff_view(Perm.VIEW_CLIENTS)
@require_GET
def household_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    household = selectors.household_get_for_staff(organization=organization, pk=pk)
    return render(
        request,
        "clients/staff/household_detail.html",
        {
            "organization": organization,
            "household": household,
            "can_manage": can(request.user, Perm.MANAGE_CLIENTS, organization),
        },
    )


@staff_view(Perm.MANAGE_CLIENTS)
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, organization: Organization, pk: int | None = None) -> HttpResponse:
    household = (
        selectors.household_get_for_staff(organization=organization, pk=pk) if pk is not None else None
    )
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid():
        staff = current_staff(request)
        if household is None:
            household = services.household_create(
                organization=organization, data=form.cleaned_data, actor=staff
            )
        else:
            services.household_update(household=household, data=form.cleaned_data, actor=staff)
        messages.success(request, _("Household saved."))
        return redirect("staff:household_detail", org=organization.slug, pk=household.pk)
    return render(
        request,
        "clients/staff/household_form.html",
        {"organization": organization, "household": household, "form": form},
        status=400 if form.errors else 200,
    )


# --- Privacy: exports and anonymization ----------------------------------------------------------------


def _json_download(data: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(Perm.EXPORT_CLIENT_DATA)
@require_GET
def client_export_json(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    data = services.client_export_record(client=client, actor=current_staff(request), export_format="json")
    return _json_download(data, f"kotopolku-client-{client.pk}.json")


@staff_view(Perm.EXPORT_CLIENT_DATA)
@require_GET
def client_export_html(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    data = services.client_export_record(client=client, actor=current_staff(request), export_format="html")
    response = render(
        request,
        "clients/staff/client_export.html",
        {"organization": organization, "client": client, "data": data},
    )
    return response


@staff_view(Perm.EXPORT_CLIENT_DATA)
@require_GET
def client_koto_aj(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    if client.is_anonymized:
        messages.error(request, _("An anonymized record cannot be handed over to Koto-AJ."))
        return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    data = services.client_koto_aj_export(client=client, actor=current_staff(request))
    return _json_download(data, f"koto-aj-client-{client.pk}.json")


@staff_view(Perm.ERASE_CLIENT_DATA)
@require_http_methods(["GET", "POST"])
def client_anonymize(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    client = selectors.client_get_for_staff(organization=organization, pk=pk)
    if client.is_anonymized:
        messages.info(request, _("This record is already anonymized."))
        return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    form = AnonymizeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_anonymize(
                client=client, actor=current_staff(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The record is anonymized. Anonymous statistics remain."))
            return redirect("staff:client_detail", org=organization.slug, pk=client.pk)
    return render(
        request,
        "clients/staff/client_anonymize.html",
        {"organization": organization, "client": client, "form": form},
        status=400 if form.errors else 200,
    )
