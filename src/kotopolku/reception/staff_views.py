"""The reception board, a placement with its checklist, and the checklist template. Thin."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.decorators import current_staff, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.organizations.models import Organization
from kotopolku.reception import selectors, services
from kotopolku.reception.forms import (
    ArrivalForm,
    ChecklistItemForm,
    DecisionForm,
    HouseholdLinkForm,
    ProposalForm,
    TemplateItemForm,
)
from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement


def _form_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _placement(organization: Organization, pk: int) -> Placement:
    placement = selectors.placement_with_checklist(organization=organization, pk=pk)
    if placement is None:
        raise Http404
    return placement


@staff_view(Perm.WORK_ON_RECEPTION)
@require_GET
def board(request: HttpRequest, organization: Organization) -> HttpResponse:
    context = {
        "organization": organization,
        "board": selectors.board(organization=organization),
        "today": timezone.localdate(),
    }
    return render(request, "reception/board.html", context)


@staff_view(Perm.MANAGE_RECEPTION)
@require_http_methods(["GET", "POST"])
def placement_new(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = ProposalForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(
                organization=organization, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Proposal recorded."))
            return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
    context = {"organization": organization, "form": form, "title": _("New placement proposal")}
    return render(request, "reception/proposal_form.html", context, status=400 if form.errors else 200)


@staff_view(Perm.MANAGE_RECEPTION)
@require_http_methods(["GET", "POST"])
def placement_edit(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    placement = get_object_or_404(Placement.objects.for_organization(organization), pk=pk)
    initial = {
        "reference": placement.reference,
        "received_on": placement.received_on,
        "family_size": placement.family_size,
        "ages": placement.ages_text,
        "needs": placement.needs,
    }
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(
                placement=placement, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Proposal saved."))
            return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
    context = {
        "organization": organization,
        "form": form,
        "placement": placement,
        "title": _("Edit the proposal %(reference)s") % {"reference": placement.reference},
    }
    return render(request, "reception/proposal_form.html", context, status=400 if form.errors else 200)


def _row(
    organization: Organization,
    placement: Placement,
    item: ChecklistItem,
    *,
    today: datetime.date,
    form: ChecklistItemForm | None = None,
) -> dict[str, Any]:
    """One checklist row: the item, its due date, whether it is overdue, and its edit form."""
    due = item.due_on(placement.arrival_date)
    return {
        "item": item,
        "due": due,
        "overdue": due is not None and not item.is_closed and due < today,
        "form": form
        or ChecklistItemForm(
            organization=organization,
            prefix=f"item{item.pk}",
            initial={
                "status": item.status,
                "done_on": item.done_on,
                "owner": item.owner_id,
                "offset_days": item.offset_days,
                "note": item.note,
            },
        ),
    }


def _detail(
    request: HttpRequest, organization: Organization, placement: Placement, **forms: Any
) -> HttpResponse:
    today = timezone.localdate()
    items = list(placement.checklist.all())
    rows = [
        _row(organization, placement, item, today=today, form=forms.get(f"item_{item.pk}")) for item in items
    ]
    context = {
        "organization": organization,
        "placement": placement,
        "rows": rows,
        "progress": selectors.checklist_progress(placement, items, today=today) if items else None,
        "decision_form": forms.get("decision") or DecisionForm(),
        "arrival_form": forms.get("arrival")
        or ArrivalForm(
            initial={
                "arrival_date": placement.arrival_date,
                "arrived": placement.status == Placement.Status.ARRIVED,
            }
        ),
        "household_form": forms.get("household")
        or HouseholdLinkForm(organization=organization, initial={"household": placement.household_id}),
        "members": list(placement.household.members.all()) if placement.household else [],
    }
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "reception/placement_detail.html", context, status=status)


@staff_view(Perm.WORK_ON_RECEPTION)
@require_GET
def placement_detail(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    return _detail(request, organization, _placement(organization, pk))


@staff_view(Perm.MANAGE_RECEPTION)
@require_POST
def placement_decision(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    placement = _placement(organization, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_decide(
                placement=placement,
                accept=data["decision"] == "accept",
                decided_on=data["decided_on"],
                reason=data["decision_reason"],
                arrival_date=data["arrival_date"],
                actor=current_staff(request),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
    return _detail(request, organization, placement, decision=form)


@staff_view(Perm.MANAGE_RECEPTION)
@require_POST
def placement_arrival(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    placement = _placement(organization, pk)
    form = ArrivalForm(request.POST)
    if form.is_valid():
        try:
            services.placement_set_arrival(
                placement=placement,
                arrival_date=form.cleaned_data["arrival_date"],
                arrived=form.cleaned_data["arrived"],
                actor=current_staff(request),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Arrival saved. The checklist due dates follow it."))
            return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
    return _detail(request, organization, _placement(organization, pk), arrival=form)


@staff_view(Perm.MANAGE_RECEPTION)
@require_POST
def placement_household(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    placement = _placement(organization, pk)
    form = HouseholdLinkForm(request.POST, organization=organization)
    if form.is_valid():
        try:
            services.placement_link_household(
                placement=placement, household=form.cleaned_data["household"], actor=current_staff(request)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Household saved."))
            return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
    return _detail(request, organization, _placement(organization, pk), household=form)


@staff_view(Perm.WORK_ON_RECEPTION)
@require_POST
def checklist_item(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ChecklistItem.objects.filter(placement__organization=organization).select_related("placement"), pk=pk
    )
    placement = item.placement
    if request.POST.get("quick_done"):
        data: dict[str, Any] | None = {"status": ChecklistItem.Status.DONE}
        form = None
    else:
        form = ChecklistItemForm(request.POST, organization=organization, prefix=f"item{item.pk}")
        data = form.cleaned_data if form.is_valid() else None
    if data is not None:
        try:
            services.checklist_item_update(item=item, data=data, actor=current_staff(request))
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("staff:placement_detail", org=organization.slug, pk=placement.pk)
            _form_errors(form, error)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                # htmx swaps in the updated row; without JavaScript the whole page reloads.
                row = _row(organization, placement, item, today=timezone.localdate())
                return render(
                    request,
                    "reception/_checklist_row.html",
                    {"organization": organization, "row": row, "announce": True},
                )
            messages.success(request, _("Saved: %(step)s") % {"step": item.title})
            return redirect(f"{placement_url(organization, placement)}#item-{item.pk}")
    return _detail(request, organization, _placement(organization, placement.pk), **{f"item_{item.pk}": form})


def placement_url(organization: Organization, placement: Placement) -> str:
    return reverse("staff:placement_detail", kwargs={"org": organization.slug, "pk": placement.pk})


def _template_page(
    request: HttpRequest,
    organization: Organization,
    *,
    new_form: TemplateItemForm | None = None,
    status: int = 200,
) -> HttpResponse:
    services.checklist_template_ensure(organization=organization, actor=current_staff(request))
    steps = list(selectors.template_items(organization=organization))
    context = {
        "organization": organization,
        "steps": [
            (
                step,
                TemplateItemForm(
                    organization=organization,
                    prefix=f"step{step.pk}",
                    initial={
                        "title": step.title,
                        "offset_days": step.offset_days,
                        "default_owner": step.default_owner_id,
                        "is_active": step.is_active,
                    },
                ),
            )
            for step in steps
        ],
        "new_form": new_form or TemplateItemForm(organization=organization, prefix="new"),
    }
    return render(request, "reception/template.html", context, status=status)


@staff_view(Perm.MANAGE_RECEPTION)
@require_http_methods(["GET", "POST"])
def checklist_template(request: HttpRequest, organization: Organization) -> HttpResponse:
    if request.method == "GET":
        return _template_page(request, organization)
    form = TemplateItemForm(request.POST, organization=organization, prefix="new")
    if form.is_valid():
        try:
            services.template_item_create(
                organization=organization, data=form.cleaned_data, actor=current_staff(request)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Step added. New households get it in their checklist."))
            return redirect("staff:checklist_template", org=organization.slug)
    return _template_page(request, organization, new_form=form, status=400)


@staff_view(Perm.MANAGE_RECEPTION)
@require_POST
def checklist_template_item(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    step = get_object_or_404(ChecklistTemplateItem.objects.for_organization(organization), pk=pk)
    form = TemplateItemForm(request.POST, organization=organization, prefix=f"step{step.pk}")
    if form.is_valid():
        try:
            services.template_item_update(item=step, data=form.cleaned_data, actor=current_staff(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Step saved."))
        return redirect("staff:checklist_template", org=organization.slug)
    for field_errors in form.errors.values():
        for message in field_errors:
            messages.error(request, f"{step.title}: {message}")
    return redirect("staff:checklist_template", org=organization.slug)
