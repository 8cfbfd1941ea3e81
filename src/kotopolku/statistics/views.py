"""The statistics dashboard, its exports, and the system administrators' view of every municipality.

Thin: parse the filters, ask :func:`selectors.build_report`, render or export. The staff view shows
exact figures; every export (CSV, XLSX, PDF) and the system-wide view shows suppressed figures.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kotopolku.accounts.decorators import current_staff, staff_login_required, staff_view
from kotopolku.accounts.policy import Perm
from kotopolku.organizations.models import Organization
from kotopolku.statistics import exports
from kotopolku.statistics.forms import StatisticsFilterForm
from kotopolku.statistics.periods import PRESETS
from kotopolku.statistics.selectors import Filters, Report, build_report

EXPORT_FORMATS = {"csv", "xlsx", "pdf"}


def _filters(
    request: HttpRequest, organization: Organization | None
) -> tuple[StatisticsFilterForm, Filters | None]:
    data: QueryDict | dict[str, str] = request.GET if request.GET else {"preset": "this_year"}
    form = StatisticsFilterForm(data, organization=organization)
    if not form.is_valid():
        return form, None
    filters = Filters(
        organization=organization,
        period=form.period(),
        place=form.cleaned_data.get("place"),
        worker=form.cleaned_data.get("worker"),
    )
    return form, filters


def _title(filters: Filters) -> str:
    where = filters.organization.name if filters.organization is not None else _("All municipalities")
    return _("Statistics of integration services – %(where)s") % {"where": where}


def _display_form(form: StatisticsFilterForm, filters: Filters | None) -> StatisticsFilterForm:
    """After a valid request the form shows the period's dates (also when a preset chose them)."""
    if filters is None:
        return form
    return StatisticsFilterForm(
        initial={
            "date_from": filters.period.start,
            "date_to": filters.period.end,
            "place": filters.place,
            "worker": filters.worker,
        },
        organization=filters.organization,
    )


def _preset_links(request: HttpRequest) -> list[tuple[str, str]]:
    links = []
    for key, label in PRESETS.items():
        query = request.GET.copy()
        for name in ("preset", "date_from", "date_to"):
            query.pop(name, None)
        query["preset"] = key
        links.append((str(label), "?" + query.urlencode()))
    return links


def _context(
    request: HttpRequest, form: StatisticsFilterForm, filters: Filters | None, report: Report | None
) -> dict[str, Any]:
    return {
        "form": _display_form(form, filters),
        "preset_links": _preset_links(request),
        "filters": filters,
        "report": report,
        "title": _title(filters) if filters else _("Statistics"),
        "query": request.GET.urlencode(),
        "generated_at": timezone.localtime(),
    }


@staff_view(Perm.VIEW_STATISTICS)
@require_GET
def dashboard(request: HttpRequest, organization: Organization) -> HttpResponse:
    form, filters = _filters(request, organization)
    report = build_report(filters) if filters else None
    context = {**_context(request, form, filters, report), "organization": organization}
    return render(request, "statistics/dashboard.html", context, status=200 if filters else 400)


def _export(request: HttpRequest, filters: Filters, fmt: str) -> HttpResponse:
    report = build_report(filters)
    period = filters.period
    slug = filters.organization.slug if filters.organization is not None else "all"
    stem = f"kotopolku-statistics-{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv" and "table" in request.GET:
        table = report.table(request.GET["table"])
        if table is None:
            raise Http404
        response = HttpResponse(exports.table_csv(table), content_type="text/csv; charset=utf-8")
        filename = f"{stem}-{table.key}.csv"
    elif fmt == "csv":
        response = HttpResponse(
            exports.report_csv(report, title=_title(filters)), content_type="text/csv; charset=utf-8"
        )
        filename = f"{stem}.csv"
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.report_xlsx(report, title=_title(filters)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"{stem}.xlsx"
    else:
        context = {
            "report": report,
            "filters": filters,
            "title": _title(filters),
            "generated_at": timezone.localtime(),
        }
        response = HttpResponse(exports.report_pdf(report, context=context), content_type="application/pdf")
        filename = f"{stem}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(Perm.VIEW_STATISTICS)
@require_GET
def export(request: HttpRequest, organization: Organization, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form, filters = _filters(request, organization)
    if filters is None:
        context = {**_context(request, form, None, None), "organization": organization}
        return render(request, "statistics/dashboard.html", context, status=400)
    return _export(request, filters, fmt)


def _require_system_admin(request: HttpRequest) -> None:
    if not current_staff(request).is_superuser:
        raise Http404


@staff_login_required
@require_GET
def system_dashboard(request: HttpRequest) -> HttpResponse:
    """Every municipality together; only for system administrators, and always suppressed."""
    _require_system_admin(request)
    form, filters = _filters(request, None)
    report = build_report(filters) if filters else None
    context = {**_context(request, form, filters, report), "system_wide": True}
    return render(request, "statistics/dashboard.html", context, status=200 if filters else 400)


@staff_login_required
@require_GET
def system_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_system_admin(request)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form, filters = _filters(request, None)
    if filters is None:
        return render(request, "statistics/dashboard.html", _context(request, form, None, None), status=400)
    return _export(request, filters, fmt)
