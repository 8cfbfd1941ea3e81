"""Remove personal data that is no longer needed. Schedule it daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.appointments.services import appointments_apply_retention
from kotopolku.clients.services import clients_apply_retention
from kotopolku.dropin.services import tickets_apply_retention
from kotopolku.letters.services import letters_apply_retention
from kotopolku.network.services import join_requests_apply_retention
from kotopolku.notifications.services import outbox_apply_retention


class Command(BaseCommand):
    help = (
        "Remove personal data past its retention period: old appointments and client records are "
        "anonymized; handled requests, sent messages, drop-in tickets and shared letters are deleted "
        "(periods: KOTOPOLKU_*_RETENTION_DAYS)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = appointments_apply_retention()
        counts["messages_deleted"] = outbox_apply_retention()
        counts.update(clients_apply_retention())
        counts["dropin_tickets_deleted"] = tickets_apply_retention()
        counts["join_requests_deleted"] = join_requests_apply_retention()
        counts.update(letters_apply_retention())
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
