"""Public pages of a municipality. Thin: read through selectors, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kotopolku.organizations import selectors


def organization_choose(request: HttpRequest) -> HttpResponse:
    organizations = list(selectors.organization_list_public())
    if len(organizations) == 1:
        return redirect("public:home", org=organizations[0].slug)
    return render(request, "organizations/choose.html", {"organizations": organizations})


def organization_home(request: HttpRequest, org: str) -> HttpResponse:
    organization = selectors.organization_get_public(slug=org)
    hours = list(selectors.regular_hours_public(organization=organization))
    context = {
        "organization": organization,
        "services": selectors.service_list_public(organization=organization),
        "places": selectors.place_list_public(organization=organization),
        "people": selectors.public_staff(organization=organization),
        "drop_in_hours": [h for h in hours if h.kind == h.Kind.DROP_IN],
        "other_hours": [h for h in hours if h.kind != h.Kind.DROP_IN],
    }
    return render(request, "organizations/home.html", context)
