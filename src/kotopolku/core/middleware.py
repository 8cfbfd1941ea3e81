from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware(LocaleMiddleware):
    """Django's locale middleware, plus ``?lang=xx`` for the API (which has no language prefix).

    Public pages carry the language in the path (``/<lang>/...``); ``/`` redirects by the
    browser's Accept-Language, defaulting to Finnish.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        if request.path_info.startswith("/api/"):
            requested = request.GET.get("lang", "")
            if requested in SUPPORTED:
                translation.activate(requested)
                request.LANGUAGE_CODE = requested
