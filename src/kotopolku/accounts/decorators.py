"""The gate in front of every staff page: logged in, second factor, own municipality, permission."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, require
from kotopolku.organizations.models import Organization

P = ParamSpec("P")
StaffViewFunc = Callable[Concatenate[HttpRequest, Organization, P], HttpResponse]


def current_staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def is_fully_authenticated(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return False
    if settings.KOTOPOLKU_REQUIRE_TOTP and not user.is_verified():  # type: ignore[attr-defined]
        return False
    return not (settings.IS_PRODUCTION and getattr(user, "is_demo_account", False))


def staff_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_fully_authenticated(request):
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def staff_view(perm: Perm) -> Callable[[StaffViewFunc[P]], Callable[..., HttpResponse]]:
    """Resolve ``org`` from the URL and check ``perm`` through the one policy.

    Staff of another municipality get 404, as if the page did not exist.
    """

    def decorator(view: StaffViewFunc[P]) -> Callable[..., HttpResponse]:
        @staff_login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            organization = Organization.objects.filter(slug=org).first()
            if organization is None:
                raise Http404
            require(request.user, perm, organization)
            request.organization = organization  # type: ignore[attr-defined]
            return view(request, organization, *args, **kwargs)

        return wrapper

    return decorator
