"""The one permission policy: which role may do what, in which municipality.

Views, APIs and templates ask :func:`can` (or :func:`require`), never look at roles themselves.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kotopolku.accounts.models import Role, User
from kotopolku.organizations.models import Organization

if TYPE_CHECKING:
    from kotopolku.clients.models import Client


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
    # Letters clients shared with the counselor (letter helper): read them, delete them.
    VIEW_SHARED_LETTERS = "view_shared_letters"
    # Serve the drop-in queue (call, serve, outcomes, close the queue), start the café kiosk, print
    # the check-in poster: everyone who works at the drop-in hour.
    SERVE_DROPIN = "serve_dropin"
    # Client records (clients app). Reporting sees none: statistics are anonymous.
    VIEW_CLIENTS = "view_clients"  # search, open a record (audited), its contacts and appointments
    MANAGE_CLIENTS = "manage_clients"  # create and correct records, log contacts, link appointments
    EXPORT_CLIENT_DATA = "export_client_data"  # GDPR art. 15 export and the Koto-AJ hand-off file
    ERASE_CLIENT_DATA = "erase_client_data"  # anonymize a record (coordinator only)
    # Notes of guidance contacts of every client; others read only the notes of their own clients
    # (see can_view_guidance_notes). Coordinator only.
    VIEW_ALL_GUIDANCE_NOTES = "view_all_guidance_notes"
    # Deadlines app: the worklist (legal deadlines and follow-up tasks, mine or the team's), creating
    # and completing follow-up tasks, recording a client's consent to permit-renewal reminders.
    WORK_ON_TASKS = "work_on_tasks"
    # Reception app: the reception board, a household's checklist, updating checklist items.
    WORK_ON_RECEPTION = "work_on_reception"
    # Reception app, coordinator only: placement proposals, the municipality's decision, the arrival,
    # linking the household, and the checklist template.
    MANAGE_RECEPTION = "manage_reception"
    # Network app: partner directory, cooperation log, the hobby catalogue and events, moderating
    # partners' suggestions, "help me join" requests (read audited). Coordinator and counselor.
    MANAGE_NETWORK = "manage_network"
    # Network app: refer a client to an activity or a partner, follow up the outcome. Coordinator and
    # counselor; reporting sees only the anonymous counts (selectors.referral_counts).
    MANAGE_REFERRALS = "manage_referrals"


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.COORDINATOR: frozenset(Perm),
    Role.COUNSELOR: frozenset(
        {
            Perm.VIEW_HOME,
            Perm.USE_WORKBENCH,
            Perm.HANDLE_FEEDBACK,
            Perm.MANAGE_APPOINTMENTS,
            Perm.SERVE_DROPIN,
        }
        | {Perm.VIEW_CLIENTS, Perm.MANAGE_CLIENTS, Perm.EXPORT_CLIENT_DATA}
        | {Perm.WORK_ON_TASKS, Perm.WORK_ON_RECEPTION}
        | {Perm.MANAGE_NETWORK, Perm.MANAGE_REFERRALS}
        | {Perm.VIEW_SHARED_LETTERS}
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


def can_view_guidance_notes(user: User | AnonymousUser, client: Client) -> bool:
    """Notes of guidance contacts are sensitive: only the client's responsible or other workers and
    the coordinator see them. ``client.additional_workers`` may be prefetched."""
    organization = client.organization
    if not can(user, Perm.VIEW_CLIENTS, organization):
        return False
    if can(user, Perm.VIEW_ALL_GUIDANCE_NOTES, organization):
        return True
    if client.responsible_worker_id is not None and client.responsible_worker_id == user.pk:
        return True
    return any(worker.pk == user.pk for worker in client.additional_workers.all())


def permissions_for(user: User | AnonymousUser, organization: Organization) -> set[str]:
    return {str(perm) for perm in Perm if can(user, perm, organization)}
