"""Delete shared letters older than KOTOPOLKU_LETTER_RETENTION_DAYS and expired readings. Run daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.letters.services import letters_apply_retention


class Command(BaseCommand):
    help = (
        "Delete shared letters past their retention period (KOTOPOLKU_LETTER_RETENTION_DAYS) "
        "and expired readings."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = letters_apply_retention()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
