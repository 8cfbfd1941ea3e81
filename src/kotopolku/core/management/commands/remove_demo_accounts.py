"""Remove the demo logins (their passwords are published). Run before turning a demo into production."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.accounts.models import User


class Command(BaseCommand):
    help = "Deactivate and unlink every demo login created by load_demo_data."

    def handle(self, *args: Any, **options: Any) -> None:
        demo = User.objects.filter(is_demo_account=True)
        count = demo.count()
        # Deleting would break audit references; the accounts are closed and can no longer log in.
        for user in demo:
            user.set_unusable_password()
            user.is_active = False
            user.is_demo_account = False
            user.username = f"removed-demo-{user.pk}"
            user.save(update_fields=["password", "is_active", "is_demo_account", "username"])
        self.stdout.write(f"Closed {count} demo account(s).")
