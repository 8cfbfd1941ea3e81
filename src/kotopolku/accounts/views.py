"""Staff login (password, then the authenticator code), the staff home and staff management."""

from __future__ import annotations

import base64
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts import services
from kotopolku.accounts.decorators import current_staff, staff_login_required, staff_view
from kotopolku.accounts.forms import LoginForm, StaffCreateForm, StaffForm, TokenForm
from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, permissions_for
from kotopolku.appointments import selectors as appointment_selectors
from kotopolku.appointments.models import Appointment, CallbackRequest
from kotopolku.core.qr import qr_data_uri
from kotopolku.dropin import selectors as dropin_selectors
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.feedback.selectors import feedback_list
from kotopolku.organizations.models import Organization
from kotopolku.organizations.selectors import organization_list_for_staff

PENDING = "kotopolku_pending_login"
PENDING_SECONDS = 300


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("staff:home")


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def _finish_login(request: HttpRequest, user: User, device: TOTPDevice | None) -> HttpResponse:
    next_url = request.session.get(PENDING, {}).get("next")
    request.session.pop(PENDING, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    return redirect(_safe_next(request, next_url))


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=429)
        if isinstance(user, User) and settings.IS_PRODUCTION and user.is_demo_account:
            user = None
        if isinstance(user, User):
            request.session.cycle_key()
            request.session[PENDING] = {
                "user": user.pk,
                "at": time.time(),
                "next": request.GET.get("next", ""),
            }
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                return redirect("staff:login_verify")
            if settings.KOTOPOLKU_REQUIRE_TOTP:
                return redirect("staff:totp_setup")
            return _finish_login(request, user, None)
        error = _("The username or password is wrong. Check them and try again.")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login.html", {"form": form, "error": error}, status=status)


def _failed_token(request: HttpRequest, user: User) -> None:
    # Counted by django-axes like a wrong password, so guessing codes locks the account too.
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username, "step": "totp"}, request=request
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("staff:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                return _finish_login(request, user, device)
        _failed_token(request, user)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(PENDING, None)
            return render(request, "accounts/locked_out.html", status=429)
        form.add_error("token", _("The code is wrong or too old. Write the newest code from the app."))
    return render(request, "accounts/login_verify.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: at the first login, or later from the staff pages."""
    pending = _pending_user(request)
    if pending is not None and TOTPDevice.objects.filter(user=pending, confirmed=True).exists():
        # The password alone must not replace an authenticator that is in use: the code comes first.
        return redirect("staff:login_verify")
    user = pending or (request.user if isinstance(request.user, User) else None)
    if user is None:
        return redirect("staff:login")
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get("totp_device")
    ).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session["totp_device"] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            request.session.pop("totp_device", None)
            if pending is not None:
                return _finish_login(request, user, device)
            otp_login(request, device)
            messages.success(request, _("The authenticator app is now in use."))
            return redirect("staff:home")
        form.add_error(
            "token", _("The code did not match. Check the time on your phone and try the newest code.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "qr": qr_data_uri(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("staff:login")


@staff_login_required
def home(request: HttpRequest) -> HttpResponse:
    user = current_staff(request)
    organizations = list(organization_list_for_staff(user=user))
    if len(organizations) == 1:
        return redirect("staff:dashboard", org=organizations[0].slug)
    return render(request, "accounts/choose_organization.html", {"organizations": organizations})


@staff_view(Perm.VIEW_HOME)
def dashboard(request: HttpRequest, organization: Organization) -> HttpResponse:
    user = current_staff(request)
    perms = permissions_for(user, organization)
    open_feedback = (
        list(feedback_list(organization=organization, status=AccessibilityFeedback.Status.NEW)[:5])
        if Perm.HANDLE_FEEDBACK in perms
        else []
    )
    has_totp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    today_appointments: list[Appointment] = []
    waiting_callbacks = 0
    if Perm.MANAGE_APPOINTMENTS in perms:
        today = timezone.localdate(timezone=appointment_selectors.TZ)
        today_appointments = appointment_selectors.agenda(
            organization=organization, date_from=today, date_to=today, staff_id=user.pk
        ).get(today, [])
        waiting_callbacks = appointment_selectors.callback_requests(
            organization=organization, status=CallbackRequest.Status.NEW
        ).count()
    dropin_now = (
        dropin_selectors.current_sessions(organization=organization) if Perm.SERVE_DROPIN in perms else []
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "organization": organization,
            "perms": perms,
            "dropin_now": dropin_now,
            "open_feedback": open_feedback,
            "has_totp": has_totp,
            "today_appointments": today_appointments,
            "waiting_callbacks": waiting_callbacks,
        },
    )


@staff_view(Perm.MANAGE_STAFF)
def staff_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    people = User.objects.filter(organization=organization).order_by("-is_active", "first_name", "last_name")
    confirmed = set(
        TOTPDevice.objects.filter(user__organization=organization, confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    return render(
        request,
        "accounts/staff_list.html",
        {"organization": organization, "people": people, "with_totp": confirmed},
    )


@sensitive_post_parameters("password")
@staff_view(Perm.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "password"}
        try:
            services.staff_create(
                organization=organization,
                data=data,
                password=form.cleaned_data["password"],
                actor=current_staff(request),
            )
        except ValidationError as error:
            form.add_error("password" if not hasattr(error, "error_dict") else None, error)
        else:
            messages.success(request, _("Staff member added."))
            return redirect("staff:staff_list", org=organization.slug)
    return render(
        request,
        "core/staff_form.html",
        {"organization": organization, "form": form, "title": _("Add a staff member")},
        status=400 if form.errors else 200,
    )


@staff_view(Perm.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    person = get_object_or_404(User, organization=organization, pk=pk)
    form = StaffForm(request.POST or None, instance=User.objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(user=person, data=form.cleaned_data, actor=current_staff(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("staff:staff_list", org=organization.slug)
    return render(
        request,
        "core/staff_form.html",
        {"organization": organization, "form": form, "title": _("Edit staff member"), "person": person},
        status=400 if form.errors else 200,
    )


@staff_view(Perm.MANAGE_STAFF)
@require_POST
def staff_reset_totp(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    person = get_object_or_404(User, organization=organization, pk=pk)
    if person.pk == current_staff(request).pk:
        raise Http404
    services.totp_device_reset(user=person, actor=current_staff(request))
    messages.success(request, _("The authenticator app was removed. A new one is set up at the next login."))
    return redirect("staff:staff_list", org=organization.slug)
