"""Remove personal data that is no longer needed. Schedule it daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.appointments.services import appointments_apply_retention
from kotopolku.notifications.services import outbox_apply_retention


class Command(BaseCommand):
    help = (
        "Anonymize old appointments, delete old handled call-back requests and old sent messages "
        "(periods: KOTOPOLKU_*_RETENTION_DAYS)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = appointments_apply_retention()
        counts["messages_deleted"] = outbox_apply_retention()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
