"""Queue permit-renewal reminders for consenting clients whose renewal window has opened.

Run it daily (cron or a systemd timer, like ``apply_retention``); ``run_outbox_worker`` sends the
messages. Idempotent: a client gets one reminder per permit, however often it runs.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotopolku.deadlines.services import permit_reminders_send_due


class Command(BaseCommand):
    help = "Queue a residence-permit renewal reminder to every consenting client whose window opened."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD); for catching up.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD.") from None
        queued = permit_reminders_send_due(today=today)
        self.stdout.write(f"{queued} permit reminder(s) queued.")
