from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi


def site(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path() if request.method == "GET" else request.path
    switcher = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
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
