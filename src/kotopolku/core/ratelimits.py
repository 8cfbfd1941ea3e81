"""Rate limits for public endpoints, read from settings at request time (see README, Configuration)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def public_form_rate(group: str, request: HttpRequest) -> str:
    return settings.KOTOPOLKU_RATE_PUBLIC_FORM


def public_api_rate(group: str, request: HttpRequest) -> str:
    return settings.KOTOPOLKU_RATE_PUBLIC_API


def dropin_checkin_rate(group: str, request: HttpRequest) -> str:
    return settings.KOTOPOLKU_RATE_DROPIN_CHECKIN


def dropin_kiosk_rate(group: str, request: HttpRequest) -> str:
    return settings.KOTOPOLKU_RATE_DROPIN_KIOSK
