"""Shared fixtures: two municipalities, a staff member of each role, logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from kotopolku.accounts.models import User
from kotopolku.organizations.models import Organization
from kotopolku.testing import factories

# Property-based tests: no example database (no replay of earlier failures from disk, every run
# starts fresh) and no per-example deadline (a request through the whole stack can take a while).
hypothesis_settings.register_profile("kotopolku", database=None, deadline=None)
hypothesis_settings.load_profile("kotopolku")


@pytest.fixture(autouse=True)
def _isolated_process_state(settings) -> Iterator[None]:
    """Per test: an empty cache (rate limits), Finnish active, and fast password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    translation.activate("fi")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def frozen_ratelimit_clock(monkeypatch) -> float:
    """Stops django-ratelimit's clock, so a test's requests never straddle two rate windows."""
    import django_ratelimit.core

    now = 1_800_000_000.0
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
    return now


@pytest.fixture
def organization(db) -> Organization:
    """The municipality under test ("Heinola")."""
    return factories.OrganizationFactory.create(slug="heinola", name_fi="Heinola", name_sv="Heinola")


@pytest.fixture
def other_organization(db) -> Organization:
    """Another municipality on the same installation."""
    return factories.OrganizationFactory.create(slug="jarvela", name_fi="Järvelä", name_sv="Järvelä")


@pytest.fixture
def coordinator(organization) -> User:
    return factories.CoordinatorFactory.create(username="koordinaattori", organization=organization)


@pytest.fixture
def counselor(organization) -> User:
    return factories.CounselorFactory.create(username="ohjaaja", organization=organization)


@pytest.fixture
def reporting_user(organization) -> User:
    return factories.ReportingFactory.create(username="raportointi", organization=organization)


@pytest.fixture
def system_admin(db) -> User:
    return factories.SystemAdminFactory.create(username="yllapito")


@pytest.fixture
def other_coordinator(other_organization) -> User:
    return factories.CoordinatorFactory.create(
        username="jarvela-koordinaattori", organization=other_organization
    )


@pytest.fixture
def login_as(db) -> Callable[..., Client]:
    """``login_as(user)`` → a new client logged in as ``user`` (``verified=True``: with a TOTP device)."""

    def make(user: User, *, verified: bool = False, **client_kwargs: Any) -> Client:
        client = Client(**client_kwargs)
        device = factories.totp_device(user) if verified else None
        return factories.login_staff(client, user, device=device)

    return make


@pytest.fixture
def coordinator_client(login_as, coordinator) -> Client:
    return login_as(coordinator)


@pytest.fixture
def counselor_client(login_as, counselor) -> Client:
    return login_as(counselor)
