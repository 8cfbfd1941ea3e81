"""The one permission policy: which role may do what, in which municipality.

Views, APIs and templates ask :func:`can` (or :func:`require`), never look at roles themselves.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kotopolku.accounts.models import Role, User
from kotopolku.organizations.models import Organization


class Perm(StrEnum):
    VIEW_HOME = "view_home"  # the staff home of the municipality: every role lands there
    USE_WORKBENCH = "use_workbench"  # the staff home and daily pages
    HANDLE_FEEDBACK = "handle_feedback"  # read and answer accessibility feedback
    MANAGE_ORGANIZATION = "manage_organization"  # settings, services, places, hours
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_STATISTICS = "view_statistics"
    MANAGE_APPOINTMENTS = "manage_appointments"  # agenda, bookings for clients, call-back requests
    MANAGE_AVAILABILITY = "manage_availability"  # everyone's hours and absences, closed days, booking rules
    # Drop-in sessions: cancel one (with the public reason), undo it, add or remove an extra session.
    # Coordinator only: a cancellation changes what the public page promises, and the coordinator
    # plans who is on duty; a counselor who cannot come tells the coordinator.
    MANAGE_DROPIN = "manage_dropin"


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.COORDINATOR: frozenset(Perm),
    Role.COUNSELOR: frozenset(
        {Perm.VIEW_HOME, Perm.USE_WORKBENCH, Perm.HANDLE_FEEDBACK, Perm.MANAGE_APPOINTMENTS}
    ),
    Role.REPORTING: frozenset({Perm.VIEW_HOME, Perm.VIEW_STATISTICS}),
}


def is_staff_of(user: User | AnonymousUser, organization: Organization) -> bool:
    """May this person see anything of the municipality's staff side at all?"""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_superuser or user.organization_id == organization.pk


def can(user: User | AnonymousUser, perm: Perm, organization: Organization) -> bool:
    if not is_staff_of(user, organization):
        return False
    assert isinstance(user, User)
    if user.is_superuser:
        return True
    return perm in ROLE_PERMISSIONS.get(user.role, frozenset())


def require(user: User | AnonymousUser, perm: Perm, organization: Organization) -> None:
    """Another municipality's staff get 404 (they must not learn what exists); own staff get 403."""
    from django.core.exceptions import PermissionDenied

    if not is_staff_of(user, organization):
        raise Http404
    if not can(user, perm, organization):
        raise PermissionDenied


def can_manage_availability_of(
    user: User | AnonymousUser, staff_member: User, organization: Organization
) -> bool:
    """Working hours, absences and extra hours: the coordinator's for anyone, a counselor's own."""
    if staff_member.organization_id != organization.pk:
        return False
    if can(user, Perm.MANAGE_AVAILABILITY, organization):
        return True
    return can(user, Perm.MANAGE_APPOINTMENTS, organization) and user.pk == staff_member.pk


def require_availability_of(
    user: User | AnonymousUser, staff_member: User, organization: Organization
) -> None:
    """404 for another municipality (as :func:`require`); 403 for someone else's time without the right."""
    from django.core.exceptions import PermissionDenied

    if not is_staff_of(user, organization) or staff_member.organization_id != organization.pk:
        raise Http404
    if not can_manage_availability_of(user, staff_member, organization):
        raise PermissionDenied


def permissions_for(user: User | AnonymousUser, organization: Organization) -> set[str]:
    return {str(perm) for perm in Perm if can(user, perm, organization)}
