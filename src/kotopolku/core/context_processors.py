from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi


def _in_language(path: str, code: str, current: str) -> str:
    """The same page in another language. A path that does not resolve (a 404 page) is not
    translated by ``translate_url``: swap its language prefix so the switcher still switches."""
    translated = translate_url(path, code)
    prefix = f"/{current}/"
    if translated == path and code != current and path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translated


def site(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path() if request.method == "GET" else request.path
    switcher = [
        {"code": code, "name": name, "url": _in_language(path, code, current), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    organization = getattr(request, "organization", None)
    perms_here: set[str] = set()
    if organization is not None:
        from kotopolku.accounts.policy import permissions_for

        perms_here = permissions_for(request.user, organization)
    return {
        "perms_here": perms_here,
        "LANGUAGE_SWITCHER": switcher,
        "TEXT_DIRECTION": "rtl" if get_language_bidi() else "ltr",
        "KOTOPOLKU_ENV": settings.KOTOPOLKU_ENV,
    }
