"""The rate of letters one client address may send to be read (OCR is heavy): page and API share it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def letters_rate(group: str, request: HttpRequest) -> str:
    return settings.KOTOPOLKU_RATE_LETTERS
