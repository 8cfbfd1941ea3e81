"""Anonymize client records with no contact for KOTOPOLKU_CLIENT_RETENTION_DAYS days.

Also run by ``apply_retention`` (the daily dispatcher); this command runs only the client rule.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.clients.services import clients_apply_retention


class Command(BaseCommand):
    help = "Anonymize client records whose last contact is older than KOTOPOLKU_CLIENT_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = clients_apply_retention()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
