"""Production configuration: ``check --deploy`` is clean, demo logins fail it, missing secrets stop start-up.

The subprocess tests run ``manage.py`` exactly as an operator would, against a temporary SQLite file.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from kotopolku.accounts.models import User
from kotopolku.core.checks import no_demo_accounts_in_production
from kotopolku.organizations.models import Organization
from kotopolku.testing import factories

MANAGE = Path(settings.BASE_DIR) / "manage.py"
SETTINGS_FILE = Path(settings.SRC_DIR) / "settings.py"
# Variables that would change the outcome if the developer's shell happened to set them.
CONFIG_VARIABLES = [
    "KOTOPOLKU_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "KOTOPOLKU_REQUIRE_TOTP",
    "KOTOPOLKU_RATE_LIMITS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "TEST_DATABASE_NAME",
]


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(
        KOTOPOLKU_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),  # 86 characters, many different ones
        ALLOWED_HOSTS="example.fi",
        CSRF_TRUSTED_ORIGINS="https://example.fi",
        KOTOPOLKU_PUBLIC_BASE_URL="https://example.fi",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        KOTOPOLKU_VAR_DIR=str(tmp_path / "var"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=MANAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return manage(env, "check", "--deploy", "--fail-level", "WARNING")


def test_production_deploy_check_is_clean_and_demo_logins_fail_it(tmp_path):
    env = production_env(tmp_path)
    migrated = manage(env, "migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr

    clean = deploy_check(env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no issues" in clean.stdout

    # A demo installation turned into production: the demo logins (published passwords) are found…
    demo = manage({**env, "KOTOPOLKU_ENV": "demo"}, "load_demo_data")
    assert demo.returncode == 0, demo.stderr
    failing = deploy_check(env)
    assert failing.returncode != 0
    assert "kotopolku.E001" in failing.stderr
    assert "remove_demo_accounts" in failing.stderr  # …until they are removed (see below).


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = manage(env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set in production" in result.stderr


# --- The same rules in-process -------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_data_refuses_in_production(settings):
    settings.IS_PRODUCTION = True

    with pytest.raises(CommandError):
        call_command("load_demo_data", stdout=StringIO())

    assert not Organization.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_load_demo_data_outside_production_is_idempotent():
    call_command("load_demo_data", stdout=StringIO())
    counts = (Organization.objects.count(), User.objects.count())
    out = StringIO()

    call_command("load_demo_data", stdout=out)

    assert counts[0] >= 2
    assert (Organization.objects.count(), User.objects.count()) == counts
    assert "already loaded" in out.getvalue()
    assert User.objects.filter(is_demo_account=True).count() == counts[1]


@pytest.mark.django_db
def test_demo_account_check_only_in_production(settings, organization):
    factories.CoordinatorFactory.create(organization=organization, is_demo_account=True)

    assert no_demo_accounts_in_production() == []
    settings.IS_PRODUCTION = True
    [error] = no_demo_accounts_in_production()
    assert error.id == "kotopolku.E001"


@pytest.mark.django_db
def test_remove_demo_accounts_closes_them_and_clears_the_check(organization, settings):
    settings.IS_PRODUCTION = True
    demo = factories.CoordinatorFactory.create(organization=organization, is_demo_account=True)
    real = factories.CoordinatorFactory.create(organization=organization)
    assert [error.id for error in no_demo_accounts_in_production()] == ["kotopolku.E001"]

    call_command("remove_demo_accounts", stdout=StringIO())

    assert no_demo_accounts_in_production() == []

    demo.refresh_from_db()
    assert (demo.is_active, demo.is_demo_account, demo.has_usable_password()) == (False, False, False)
    assert demo.username == f"removed-demo-{demo.pk}"
    assert User.objects.get(pk=real.pk).is_active


# --- Settings read from the environment ------------------------------------------------------------


def load_settings(monkeypatch, tmp_path: Path, **env: str) -> ModuleType:
    """A fresh copy of the settings module, read with exactly ``env`` (plus a temporary var dir)."""
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KOTOPOLKU_VAR_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("kotopolku_settings_under_test", SETTINGS_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_production_is_the_default_and_needs_its_secrets(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, tmp_path)
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_settings(monkeypatch, tmp_path, SECRET_KEY=secrets.token_urlsafe(64))


def test_unknown_environment_is_refused(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="KOTOPOLKU_ENV"):
        load_settings(monkeypatch, tmp_path, KOTOPOLKU_ENV="staging")


def test_production_settings_are_strict(monkeypatch, tmp_path):
    production = load_settings(
        monkeypatch, tmp_path, SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="example.fi", DEBUG="1"
    )

    assert production.DEBUG is False
    assert production.KOTOPOLKU_REQUIRE_TOTP is True
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_SSL_REDIRECT is True


def test_test_and_demo_settings_are_relaxed(monkeypatch, tmp_path):
    demo = load_settings(monkeypatch, tmp_path, KOTOPOLKU_ENV="demo", DEBUG="1")

    assert demo.DEBUG is True
    assert demo.KOTOPOLKU_REQUIRE_TOTP is False
    assert demo.SECRET_KEY.startswith("insecure-")
    assert load_settings(
        monkeypatch, tmp_path, KOTOPOLKU_ENV="test", KOTOPOLKU_REQUIRE_TOTP="yes"
    ).KOTOPOLKU_REQUIRE_TOTP


@pytest.mark.parametrize(("value", "enabled"), [("", True), ("on", True), ("off", False), ("OFF", False)])
def test_rate_limits_switch(monkeypatch, tmp_path, value, enabled):
    module = load_settings(monkeypatch, tmp_path, KOTOPOLKU_ENV="test", KOTOPOLKU_RATE_LIMITS=value)

    assert module.KOTOPOLKU_RATE_LIMITS is enabled
    assert module.RATELIMIT_ENABLE is enabled
