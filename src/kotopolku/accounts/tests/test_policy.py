"""The one permission policy: role × permission × municipality."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kotopolku.accounts.policy import ROLE_PERMISSIONS, Perm, can, is_staff_of, permissions_for, require
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

P = Perm
EXPECTED: dict[str, set[Perm]] = {
    "coordinator": set(Perm),
    "counselor": {P.VIEW_HOME, P.USE_WORKBENCH, P.HANDLE_FEEDBACK, P.MANAGE_APPOINTMENTS, P.SERVE_DROPIN}
    | {P.VIEW_CLIENTS, P.MANAGE_CLIENTS, P.EXPORT_CLIENT_DATA}
    | {P.WORK_ON_TASKS, P.WORK_ON_RECEPTION}
    | {P.MANAGE_NETWORK, P.MANAGE_REFERRALS}
    | {P.VIEW_SHARED_LETTERS},
    "reporting": {P.VIEW_HOME, P.VIEW_STATISTICS},
    "system_admin": set(Perm),
    "inactive_coordinator": set(),
    "anonymous": set(),
}


@pytest.fixture
def people(organization):
    return {
        "coordinator": factories.CoordinatorFactory.create(organization=organization),
        "counselor": factories.CounselorFactory.create(organization=organization),
        "reporting": factories.ReportingFactory.create(organization=organization),
        "system_admin": factories.SystemAdminFactory.create(),
        "inactive_coordinator": factories.CoordinatorFactory.create(
            organization=organization, is_active=False
        ),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("perm", list(Perm))
def test_matrix_in_own_municipality(people, organization, who, perm):
    assert can(people[who], perm, organization) is (perm in EXPECTED[who])


@pytest.mark.parametrize("who", EXPECTED)
def test_permissions_for_lists_the_same_matrix(people, organization, who):
    assert permissions_for(people[who], organization) == {str(p) for p in EXPECTED[who]}


@pytest.mark.parametrize(
    "who", ["coordinator", "counselor", "reporting", "inactive_coordinator", "anonymous"]
)
def test_nothing_in_another_municipality(people, other_organization, who):
    assert not is_staff_of(people[who], other_organization)
    assert permissions_for(people[who], other_organization) == set()


def test_system_admin_has_every_permission_everywhere(people, organization, other_organization):
    for municipality in (
        organization,
        other_organization,
        factories.OrganizationFactory.create(is_active=False),
    ):
        assert permissions_for(people["system_admin"], municipality) == {str(p) for p in Perm}


def test_role_table_matches_the_expected_matrix():
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == {
        "coordinator": EXPECTED["coordinator"],
        "counselor": EXPECTED["counselor"],
        "reporting": EXPECTED["reporting"],
    }


@pytest.mark.parametrize("perm", list(Perm))
def test_require_hides_another_municipality_with_404(people, other_organization, perm):
    with pytest.raises(Http404):
        require(people["coordinator"], perm, other_organization)


@pytest.mark.parametrize("who", ["inactive_coordinator", "anonymous"])
def test_require_gives_404_to_inactive_and_anonymous(people, organization, who):
    with pytest.raises(Http404):
        require(people[who], Perm.USE_WORKBENCH, organization)


def test_require_gives_403_to_own_staff_without_the_permission(people, organization):
    with pytest.raises(PermissionDenied):
        require(people["counselor"], Perm.MANAGE_STAFF, organization)
    with pytest.raises(PermissionDenied):
        require(people["reporting"], Perm.HANDLE_FEEDBACK, organization)
    require(people["counselor"], Perm.HANDLE_FEEDBACK, organization)  # allowed: no exception
    require(people["system_admin"], Perm.MANAGE_STAFF, organization)
