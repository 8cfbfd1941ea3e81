"""The public drop-in page: what it is, what to bring, the next sessions. Thin."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotopolku.appointments.selectors import TZ
from kotopolku.dropin import selectors
from kotopolku.organizations import selectors as organization_selectors

PUBLIC_SESSIONS = 6


def dropin_page(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_selectors.organization_get_public(slug=org)
    sessions = selectors.next_sessions(organization=organization, count=PUBLIC_SESSIONS)
    return render(
        request, "dropin/public.html", {"organization": organization, "sessions": sessions, "tz": TZ}
    )
