"""Health check, error pages (HTML in the user's language, JSON under /api/) and the rate-limit answer."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, status: int, code: str, title: str, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"code": code, "message": message}, status=status)
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        "bad_request",
        _("The request could not be handled"),
        _("Something in the request was not right, or it was too large. Go back and try again."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "permission_denied",
        _("No access"),
        _("You do not have permission to open this page."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "not_found",
        _("Page not found"),
        _("We could not find this page. Check the address, or start again from the front page."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "server_error",
        _("Something went wrong"),
        _("We could not handle your request. Please try again in a moment."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "csrf_failed",
        _("The form had expired"),
        _("For your safety the form could not be sent. Go back, reload the page and send it again."),
    )


def rate_limited(request: HttpRequest, exception: Any = None) -> HttpResponse:
    response = _error(
        request,
        429,
        "rate_limited",
        _("Too many requests"),
        _("You have sent too many requests in a short time. Wait a moment and try again."),
    )
    response["Retry-After"] = "60"
    return response
