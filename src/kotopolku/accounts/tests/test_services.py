"""Writes to staff accounts and authenticators: the change and its audit event, or neither."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts import services
from kotopolku.accounts.models import Role, User
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.testing import factories
from kotopolku.testing.factories import translated

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Lumihiutale-Kaivokatu-14"


def new_staff_data(**overrides):
    return {
        "username": "uusi.ohjaaja",
        "first_name": "Uusi",
        "last_name": "Ohjaaja",
        "email": "uusi.ohjaaja@heinola.example",
        "role": Role.COUNSELOR,
        **overrides,
    }


def test_staff_create_saves_hashed_password_and_audits(organization, coordinator):
    user = services.staff_create(
        organization=organization, data=new_staff_data(), password=GOOD_PASSWORD, actor=coordinator
    )

    stored = User.objects.get(username="uusi.ohjaaja")
    assert stored == user
    assert (stored.organization, stored.role, stored.is_demo_account) == (organization, Role.COUNSELOR, False)
    assert stored.password != GOOD_PASSWORD
    assert stored.check_password(GOOD_PASSWORD)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.STAFF_CREATED,
        coordinator,
        organization,
    )
    assert (event.target_type, event.target_id) == ("accounts.user", str(user.pk))
    assert event.details == {"role": "counselor"}
    # Nothing personal in the audit row: no username, name or email.
    assert "uusi" not in str(event.details).lower()


@pytest.mark.parametrize("password", ["short", "123456789012345", "password1234"])
def test_staff_create_refuses_weak_password_without_audit(organization, coordinator, password):
    with pytest.raises(ValidationError):
        services.staff_create(
            organization=organization, data=new_staff_data(), password=password, actor=coordinator
        )

    assert not User.objects.filter(username="uusi.ohjaaja").exists()
    assert not AuditEvent.objects.exists()


def test_staff_create_refuses_duplicate_username(organization, coordinator):
    with pytest.raises(ValidationError):
        services.staff_create(
            organization=organization,
            data=new_staff_data(username=coordinator.username),
            password=GOOD_PASSWORD,
            actor=coordinator,
        )

    assert User.objects.filter(username=coordinator.username).count() == 1
    assert not AuditEvent.objects.exists()


def test_staff_update_audits_changed_field_names(organization, coordinator, counselor):
    services.staff_update(
        user=counselor,
        data={"first_name": "Aino", "job_title_fi": "kotouttamisohjaaja", "email": counselor.email},
        actor=coordinator,
    )

    stored = User.objects.get(pk=counselor.pk)
    assert (stored.first_name, translated(stored, "job_title", "fi")) == ("Aino", "kotouttamisohjaaja")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.STAFF_UPDATED,
        coordinator,
        organization,
    )
    assert event.target_id == str(counselor.pk)
    assert event.details == {"fields": ["first_name", "job_title_fi"]}


def test_staff_update_without_changes_writes_nothing(coordinator, counselor):
    services.staff_update(user=counselor, data={"role": Role.COUNSELOR}, actor=coordinator)

    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("change", [{"role": Role.COUNSELOR}, {"is_active": False}, {"role": Role.REPORTING}])
def test_staff_update_refuses_to_remove_the_last_active_coordinator(coordinator, change):
    with pytest.raises(ValidationError):
        services.staff_update(user=coordinator, data=change, actor=coordinator)

    stored = User.objects.get(pk=coordinator.pk)
    assert (stored.role, stored.is_active) == (Role.COORDINATOR, True)
    assert not AuditEvent.objects.exists()


def test_an_inactive_coordinator_does_not_count_as_the_one_left(organization, coordinator):
    factories.CoordinatorFactory.create(organization=organization, is_active=False)

    with pytest.raises(ValidationError):
        services.staff_update(user=coordinator, data={"role": Role.COUNSELOR}, actor=coordinator)

    assert User.objects.get(pk=coordinator.pk).role == Role.COORDINATOR


def test_a_coordinator_of_another_municipality_does_not_count(coordinator, other_coordinator):
    with pytest.raises(ValidationError):
        services.staff_update(user=coordinator, data={"is_active": False}, actor=coordinator)

    assert User.objects.get(pk=coordinator.pk).is_active


def test_staff_update_allows_demoting_a_coordinator_when_another_remains(organization, coordinator):
    second = factories.CoordinatorFactory.create(organization=organization)

    services.staff_update(user=coordinator, data={"role": Role.COUNSELOR}, actor=second)

    assert User.objects.get(pk=coordinator.pk).role == Role.COUNSELOR
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.details) == (
        AuditAction.STAFF_UPDATED,
        second,
        {"fields": ["role"]},
    )
    # The one left can no longer be removed.
    with pytest.raises(ValidationError):
        services.staff_update(user=second, data={"is_active": False}, actor=second)


def test_staff_update_invalid_data_writes_nothing(coordinator, counselor):
    with pytest.raises(ValidationError):
        services.staff_update(user=counselor, data={"email": "not an email"}, actor=coordinator)

    assert User.objects.get(pk=counselor.pk).email == counselor.email
    assert not AuditEvent.objects.exists()


def test_totp_device_start_replaces_unconfirmed_devices_only(counselor):
    confirmed = factories.totp_device(counselor, confirmed=True)
    old_pending = factories.totp_device(counselor, confirmed=False)

    device = services.totp_device_start(user=counselor)

    assert device.confirmed is False
    assert set(TOTPDevice.objects.filter(user=counselor).values_list("pk", flat=True)) == {
        confirmed.pk,
        device.pk,
    }
    assert old_pending.pk != device.pk
    assert not AuditEvent.objects.exists()


def test_totp_device_confirm_with_right_code_replaces_old_devices_and_audits(organization, counselor):
    old = factories.totp_device(counselor, confirmed=True)
    device = services.totp_device_start(user=counselor)

    assert services.totp_device_confirm(device=device, token=factories.totp_code(device)) is True

    assert list(TOTPDevice.objects.filter(user=counselor).values_list("pk", "confirmed")) == [
        (device.pk, True)
    ]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.OTP_DEVICE_CONFIRMED,
        counselor,
        organization,
    )
    assert event.target_id == str(counselor.pk)


def test_totp_device_confirm_with_wrong_code_changes_nothing(counselor):
    old = factories.totp_device(counselor, confirmed=True)
    device = services.totp_device_start(user=counselor)

    assert services.totp_device_confirm(device=device, token=factories.wrong_totp_code(device)) is False

    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False
    assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
    assert not AuditEvent.objects.exists()


def test_totp_device_reset_removes_devices_and_audits(organization, coordinator, counselor):
    factories.totp_device(counselor)
    factories.totp_device(counselor, confirmed=False)
    kept = factories.totp_device(coordinator)

    services.totp_device_reset(user=counselor, actor=coordinator)

    assert not TOTPDevice.objects.filter(user=counselor).exists()
    assert TOTPDevice.objects.filter(pk=kept.pk).exists()
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.OTP_DEVICE_RESET,
        coordinator,
        organization,
    )
    assert event.target_id == str(counselor.pk)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_cannot_both_step_down_at_the_same_moment(monkeypatch):
    """Both check "another coordinator remains" before either commits: only one may win."""
    organization = factories.OrganizationFactory.create()
    first = factories.CoordinatorFactory.create(organization=organization)
    second = factories.CoordinatorFactory.create(organization=organization)
    # Each transaction waits (up to a moment) for the other one just before it commits.
    barrier = threading.Barrier(2)
    real_audit_record = services.audit_record

    def audit_when_both_are_here(**kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1.5)
        return real_audit_record(**kwargs)

    monkeypatch.setattr(services, "audit_record", audit_when_both_are_here)
    outcome: dict[int, str] = {}

    def step_down(person: User) -> None:
        try:
            services.staff_update(user=person, data={"role": Role.COUNSELOR}, actor=person)
            outcome[person.pk] = "demoted"
        except ValidationError:
            outcome[person.pk] = "refused"
        except Exception as error:  # reported by the assertion below
            outcome[person.pk] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=step_down, args=(person,)) for person in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome.values()) == ["demoted", "refused"]
    assert User.objects.filter(organization=organization, role=Role.COORDINATOR, is_active=True).count() == 1


# --- Database rules of the user table ------------------------------------------------------------


def test_a_staff_member_of_a_municipality_must_have_a_role(organization):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="ilman-roolia", organization=organization, role="")


def test_only_a_system_admin_may_be_without_a_municipality(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="orpo", organization=None, is_superuser=False, is_active=True)
    # A closed account without a municipality is allowed (e.g. a removed demo login).
    User.objects.create(username="suljettu", organization=None, is_active=False)
