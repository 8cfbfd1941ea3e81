from __future__ import annotations

import pytest
from django.test import Client

from kotopolku.accounts.models import User
from kotopolku.testing import factories


@pytest.fixture
def en_counselor_client(counselor: User) -> Client:
    return factories.login_staff(Client(headers={"Accept-Language": "en"}), counselor)


@pytest.fixture
def en_coordinator_client(coordinator: User) -> Client:
    return factories.login_staff(Client(headers={"Accept-Language": "en"}), coordinator)
