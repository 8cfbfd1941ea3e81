"""Staff login: password, then the authenticator code (or its enrolment), lockout, logout, ``next``."""

from __future__ import annotations

import base64
import re
import time
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts import views
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.testing import factories
from kotopolku.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("staff:login")
VERIFY = reverse("staff:login_verify")
SETUP = reverse("staff:totp_setup")
HOME = reverse("staff:home")


def fi(message: str) -> str:
    """``message`` as the Finnish (default language) page shows it."""
    with translation.override("fi"):
        return gettext(message)


WRONG_PASSWORD = "The username or password is wrong. Check them and try again."
WRONG_CODE = "The code is wrong or too old. Write the newest code from the app."


def logged_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def post_password(client: Client, username: str, password: str = TEST_PASSWORD, next_url: str = ""):
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# --- Password step -----------------------------------------------------------------------------


def test_login_page_has_the_form(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'autocomplete="username"' in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    assert response["X-Frame-Options"] == "DENY"


def test_password_alone_logs_in_when_totp_is_not_required(client, counselor, organization, settings):
    settings.KOTOPOLKU_REQUIRE_TOTP = False

    response = post_password(client, counselor.username)

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert logged_in_user_id(client) == str(counselor.pk)
    [event] = events(AuditAction.LOGIN)
    assert (event.actor, event.organization, event.target_id) == (counselor, organization, str(counselor.pk))
    # …and the staff home leads to the municipality's workbench.
    assert client.get(HOME)["Location"] == reverse("staff:dashboard", kwargs={"org": organization.slug})


def test_wrong_password_shows_message_and_audits_the_account(client, counselor, organization):
    response = post_password(client, counselor.username, password="väärä-salasana")

    assert response.status_code == 400
    assert fi(WRONG_PASSWORD) in response.content.decode()
    assert logged_in_user_id(client) is None
    [event] = events(AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.organization == organization
    assert (event.target_type, event.target_id) == ("accounts.user", str(counselor.pk))
    assert event.details == {"step": "password"}


def test_failed_login_with_unknown_username_keeps_no_trace_of_the_name(client, counselor):
    # A password typed into the username field must not end up in the audit log.
    response = post_password(client, "Salasana-Kirjoitettu-Vaaraan-Kenttaan")

    assert response.status_code == 400
    assert fi(WRONG_PASSWORD) in response.content.decode()
    [event] = events(AuditAction.LOGIN_FAILED)
    assert (event.organization, event.target_type, event.target_id) == (None, "", "")
    assert "Salasana" not in str(AuditEvent.objects.values())


def test_inactive_account_cannot_log_in(client, counselor):
    counselor.is_active = False
    counselor.save()

    response = post_password(client, counselor.username)

    assert response.status_code == 400
    assert logged_in_user_id(client) is None


def test_empty_form_is_400_with_field_errors(client):
    response = client.post(LOGIN, {"username": "", "password": ""})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AuditEvent.objects.exists()


# --- TOTP step ---------------------------------------------------------------------------------


def test_password_then_code_logs_in_with_verified_second_factor(client, counselor, organization):
    device = factories.totp_device(counselor)

    response = post_password(client, counselor.username)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert logged_in_user_id(client) is None  # not yet: the code is still missing
    verify_page = client.get(VERIFY)
    assert verify_page.status_code == 200
    assert 'autocomplete="one-time-code"' in verify_page.content.decode()

    response = client.post(VERIFY, {"token": factories.totp_code(device)})

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert logged_in_user_id(client) == str(counselor.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert len(events(AuditAction.LOGIN)) == 1


def test_code_with_spaces_around_is_accepted(client, counselor):
    device = factories.totp_device(counselor)
    post_password(client, counselor.username)

    response = client.post(VERIFY, {"token": f"  {factories.totp_code(device)} "})

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(counselor.pk)


def test_wrong_code_is_refused_and_counts_as_a_failed_login(client, counselor, organization):
    device = factories.totp_device(counselor)
    post_password(client, counselor.username)

    response = client.post(VERIFY, {"token": factories.wrong_totp_code(device)})

    assert response.status_code == 400
    assert fi(WRONG_CODE) in response.content.decode()
    assert logged_in_user_id(client) is None
    [event] = events(AuditAction.LOGIN_FAILED)
    assert (event.target_id, event.organization, event.details) == (
        str(counselor.pk),
        organization,
        {"step": "totp"},
    )


@pytest.mark.parametrize("token", ["12345", "abcdef", "1234567", ""])
def test_malformed_code_is_a_form_error(client, counselor, token):
    factories.totp_device(counselor)
    post_password(client, counselor.username)

    response = client.post(VERIFY, {"token": token})

    assert response.status_code == 400
    assert logged_in_user_id(client) is None


def test_a_code_is_accepted_only_once(client, counselor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = factories.totp_device(counselor)
    code = factories.totp_code(device)
    post_password(client, counselor.username)
    client.post(VERIFY, {"token": code})
    client.post(reverse("staff:logout"))

    replay = Client()
    post_password(replay, counselor.username)
    response = replay.post(VERIFY, {"token": code})

    assert response.status_code == 400
    assert logged_in_user_id(replay) is None


def test_verify_page_without_a_password_step_goes_back_to_login(client, counselor):
    factories.totp_device(counselor)

    assert client.get(VERIFY)["Location"] == LOGIN
    assert client.post(VERIFY, {"token": "123456"})["Location"] == LOGIN


def test_the_password_step_expires(client, counselor, monkeypatch):
    device = factories.totp_device(counselor)
    post_password(client, counselor.username)
    later = time.time() + views.PENDING_SECONDS + 1
    monkeypatch.setattr(views, "time", SimpleNamespace(time=lambda: later))

    response = client.post(VERIFY, {"token": factories.totp_code(device)})

    assert response["Location"] == LOGIN
    assert logged_in_user_id(client) is None


# --- Enrolment (TOTP required, no device yet) -------------------------------------------------


def test_enrolment_with_qr_code_and_confirmation(client, counselor, organization, settings):
    settings.KOTOPOLKU_REQUIRE_TOTP = True

    response = post_password(client, counselor.username)
    assert response["Location"] == SETUP
    assert logged_in_user_id(client) is None

    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=counselor)
    assert device.confirmed is False
    qr = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert qr is not None
    assert b"<svg" in base64.b64decode(qr.group(1))
    secret = base64.b32encode(device.bin_key).decode()
    shown = re.search(r'<code class="secret">([^<]+)</code>', html)
    assert shown is not None and shown.group(1).replace(" ", "") == secret
    # Reloading the page keeps the same key (the app may already have scanned it).
    client.get(SETUP)
    assert list(TOTPDevice.objects.filter(user=counselor).values_list("pk", flat=True)) == [device.pk]

    response = client.post(SETUP, {"token": factories.totp_code(device)})

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert logged_in_user_id(client) == str(counselor.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert len(events(AuditAction.OTP_DEVICE_CONFIRMED)) == 1
    assert len(events(AuditAction.LOGIN)) == 1
    assert client.get(reverse("staff:dashboard", kwargs={"org": organization.slug})).status_code == 200


def test_enrolment_with_wrong_code_stays_on_the_page(client, counselor, settings):
    settings.KOTOPOLKU_REQUIRE_TOTP = True
    post_password(client, counselor.username)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=counselor)

    response = client.post(SETUP, {"token": factories.wrong_totp_code(device)})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False
    assert logged_in_user_id(client) is None


def test_enrolment_page_without_login_goes_to_login(client):
    assert client.get(SETUP)["Location"] == LOGIN
    assert not TOTPDevice.objects.exists()


def test_password_alone_cannot_replace_an_existing_authenticator(client, counselor):
    """Knowing the password is not enough to enrol a new authenticator over the existing one."""
    device = factories.totp_device(counselor)
    post_password(client, counselor.username)

    page = client.get(SETUP)
    assert page.status_code == 302
    assert page["Location"] == VERIFY

    # Not even with a code of a device made up for the purpose.
    attacker_device = factories.totp_device(counselor, confirmed=False)
    session = client.session
    session["totp_device"] = attacker_device.pk
    session.save()
    response = client.post(SETUP, {"token": factories.totp_code(attacker_device)})

    assert response["Location"] == VERIFY
    assert logged_in_user_id(client) is None
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert TOTPDevice.objects.get(pk=attacker_device.pk).confirmed is False


def test_logged_in_staff_can_set_up_the_app_later(counselor, organization, settings, login_as):
    settings.KOTOPOLKU_REQUIRE_TOTP = False
    client = login_as(counselor)
    dashboard = client.get(reverse("staff:dashboard", kwargs={"org": organization.slug}))
    assert SETUP in dashboard.content.decode()  # the reminder links to the set-up page

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=counselor)
    response = client.post(SETUP, {"token": factories.totp_code(device)})

    assert response["Location"] == HOME
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


# --- Staff pages when TOTP is required ---------------------------------------------------------


def test_staff_pages_need_a_verified_session_when_totp_is_required(counselor, organization, settings):
    settings.KOTOPOLKU_REQUIRE_TOTP = True
    inbox = reverse("staff:inbox", kwargs={"org": organization.slug})
    password_only = factories.login_staff(Client(), counselor)

    response = password_only.get(inbox)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={inbox}"
    verified = factories.login_staff(Client(), counselor, device=factories.totp_device(counselor))
    assert verified.get(inbox).status_code == 200


# --- Lockout (django-axes) --------------------------------------------------------------------


def test_lockout_after_repeated_wrong_passwords(client, counselor, organization, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert post_password(client, counselor.username, password="väärin").status_code == 400

    locked = post_password(client, counselor.username, password="väärin")

    assert locked.status_code == 429
    assert fi("Login locked") in locked.content.decode()
    [event] = events(AuditAction.LOCKED_OUT)
    assert (event.organization, event.target_id) == (organization, str(counselor.pk))
    # Even the right password is refused now.
    again = post_password(client, counselor.username)
    assert again.status_code == 429
    assert logged_in_user_id(client) is None


def test_wrong_codes_lock_the_login_too(client, counselor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = factories.totp_device(counselor)
    post_password(client, counselor.username)
    wrong = factories.wrong_totp_code(device)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"token": wrong}).status_code == 400

    locked = client.post(VERIFY, {"token": wrong})

    assert locked.status_code == 429
    assert len(events(AuditAction.LOCKED_OUT)) == 1
    # The half-done login is gone, and the password alone no longer gets anywhere.
    assert client.get(VERIFY)["Location"] == LOGIN
    assert post_password(client, counselor.username).status_code == 429
    assert logged_in_user_id(client) is None


def test_lockout_is_per_account(client, counselor, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, counselor.username, password="väärin")

    response = post_password(client, coordinator.username)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(coordinator.pk)


# --- Demo accounts in production ---------------------------------------------------------------


def test_demo_accounts_are_refused_in_production(client, organization, settings):
    settings.IS_PRODUCTION = True
    settings.KOTOPOLKU_REQUIRE_TOTP = False
    demo = factories.CoordinatorFactory.create(organization=organization, is_demo_account=True)

    response = post_password(client, demo.username)

    assert response.status_code == 400
    assert fi(WRONG_PASSWORD) in response.content.decode()
    assert logged_in_user_id(client) is None


def test_a_demo_session_loses_access_in_production(organization, settings):
    demo = factories.CoordinatorFactory.create(organization=organization, is_demo_account=True)
    client = factories.login_staff(Client(), demo)
    dashboard = reverse("staff:dashboard", kwargs={"org": organization.slug})
    assert client.get(dashboard).status_code == 200

    settings.IS_PRODUCTION = True
    settings.KOTOPOLKU_REQUIRE_TOTP = False

    assert client.get(dashboard).status_code == 302


def test_demo_accounts_may_log_in_outside_production(client, organization):
    demo = factories.CoordinatorFactory.create(organization=organization, is_demo_account=True)

    assert post_password(client, demo.username).status_code == 302
    assert logged_in_user_id(client) == str(demo.pk)


# --- Logout --------------------------------------------------------------------------------------


def test_logout_is_post_only(counselor, organization, login_as):
    client = login_as(counselor)

    response = client.get(reverse("staff:logout"))

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(counselor.pk)
    assert not events(AuditAction.LOGOUT)


def test_logout_ends_the_session_and_audits(counselor, organization, login_as):
    client = login_as(counselor)

    response = client.post(reverse("staff:logout"))

    assert response["Location"] == LOGIN
    assert logged_in_user_id(client) is None
    [event] = events(AuditAction.LOGOUT)
    assert (event.actor, event.organization) == (counselor, organization)
    assert client.get(reverse("staff:inbox", kwargs={"org": organization.slug})).status_code == 302


# --- next -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/staff/",
        "http://testserver.evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "https:/evil.example",
    ],
)
def test_next_never_leads_off_site(client, counselor, next_url):
    response = post_password(client, counselor.username, next_url=next_url)

    assert response.status_code == 302
    assert response["Location"] == HOME


def test_next_on_this_site_is_followed_after_the_code_step(client, counselor, organization):
    device = factories.totp_device(counselor)
    inbox = reverse("staff:inbox", kwargs={"org": organization.slug})

    post_password(client, counselor.username, next_url=inbox)
    response = client.post(VERIFY, {"token": factories.totp_code(device)})

    assert response["Location"] == inbox


def test_login_redirect_carries_next(client, organization):
    inbox = reverse("staff:inbox", kwargs={"org": organization.slug})

    response = client.get(inbox)

    assert response["Location"] == f"{LOGIN}?next={inbox}"
