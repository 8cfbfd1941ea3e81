"""Public pages of a municipality. Thin: read through selectors, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kotopolku.appointments.selectors import TZ
from kotopolku.dropin import selectors as dropin_selectors
from kotopolku.organizations import selectors

# How many coming drop-in sessions the front page shows (the drop-in page shows more).
HOME_DROPIN_SESSIONS = 3


def organization_choose(request: HttpRequest) -> HttpResponse:
    organizations = list(selectors.organization_list_public())
    if len(organizations) == 1:
        return redirect("public:home", org=organizations[0].slug)
    return render(request, "organizations/choose.html", {"organizations": organizations})


def organization_home(request: HttpRequest, org: str) -> HttpResponse:
    organization = selectors.organization_get_public(slug=org)
    context = {
        "organization": organization,
        "services": selectors.service_list_public(organization=organization),
        "places": selectors.place_list_public(organization=organization),
        "people": selectors.public_staff(organization=organization),
        "regular_hours": selectors.regular_hours_public(organization=organization),
        "dropin_sessions": dropin_selectors.next_sessions(
            organization=organization, count=HOME_DROPIN_SESSIONS
        ),
        "tz": TZ,
    }
    return render(request, "organizations/home.html", context)
