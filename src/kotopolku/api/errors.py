"""Errors as JSON with a stable ``code`` and a message in the request's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(exceptions.APIException):
    """Raise from an API view with an explicit stable code, e.g. ``ApiError(409, "slot_taken", msg)``."""

    def __init__(self, status_code: int, code: str, message: str, **extra: Any) -> None:
        self.status_code = status_code
        self.code = code
        self.extra = extra
        super().__init__(detail=message, code=code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApiError):
        return Response({"code": exc.code, "message": str(exc.detail), **exc.extra}, status=exc.status_code)
    if isinstance(exc, Ratelimited):
        response = Response(
            {"code": "rate_limited", "message": _("Too many requests. Wait a moment and try again.")},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = "60"
        return response
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"code": "too_large", "message": _("The request is too large.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, SuspiciousOperation):
        return Response(
            {"code": "bad_request", "message": _("The request could not be handled.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    handled = drf_exception_handler(exc, context)
    if handled is None:
        return None
    response = handled
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"code": "invalid", "message": _("Check the data you sent."), "errors": errors}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        response.data = {"code": code, "message": str(exc.detail)}
    return response
