"""Logins, logouts, failed logins and lockouts go to the audit log (never to the application log)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record


def _known_user(username: str | None) -> User | None:
    # The attempted name is only kept when it is a real account: a mistyped password
    # pasted into the username field must not end up in the audit log.
    if not username:
        return None
    return User.objects.filter(username=username).select_related("organization").first()


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, target=user)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action=AuditAction.LOGOUT, target=user)


@receiver(user_login_failed)
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    user = _known_user(credentials.get("username"))
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        target=user,
        organization=user.organization if user else None,
        details={"step": credentials.get("step", "password")},
    )


@receiver(user_locked_out)
def audit_locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    user = _known_user(username)
    audit_record(
        actor=None,
        action=AuditAction.LOCKED_OUT,
        target=user,
        organization=user.organization if user else None,
    )
