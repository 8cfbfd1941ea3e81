"""The background worker: queue due reminders, close drop-in queues that staff left open after the
session, send due outbox messages, sleep, repeat.

``--once`` runs one round and exits (cron, tests). SIGTERM and SIGINT end the loop after the current
round. The log carries counts only, never recipients or message texts.
"""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from kotopolku.dropin.services import queues_close_ended
from kotopolku.notifications.services import SendReport, outbox_send_due, reminders_enqueue_due

logger = logging.getLogger("kotopolku.notifications.worker")


class Command(BaseCommand):
    help = "Send queued emails and text messages and queue booking reminders, every --interval seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=10.0, help="Seconds between rounds (default 10)."
        )
        parser.add_argument("--once", action="store_true", help="Run one round and exit.")
        parser.add_argument(
            "--limit", type=int, default=50, help="Messages sent at most per round (default 50)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval: float = options["interval"]
        limit: int = options["limit"]
        if interval <= 0 or limit <= 0:
            raise CommandError("--interval and --limit must be positive.")
        if options["once"]:
            try:
                self.run_round(limit=limit)
            except Exception as error:
                raise CommandError(f"Outbox round failed: {type(error).__name__}") from None
            return

        received: list[int] = []

        def request_stop(signum: int, frame: FrameType | None) -> None:
            # Only a note: the handler may interrupt the loop anywhere, even inside a lock (logging, Event).
            received.append(signum)

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        logger.info("Outbox worker started, a round every %s s", interval)
        try:
            while not received:
                # A long-running process drops broken or expired database connections between rounds.
                close_old_connections()
                try:
                    self.run_round(limit=limit)
                except Exception as error:
                    # The class only: database errors can quote personal data.
                    logger.error("Outbox round failed: %s", type(error).__name__)
                self.pause(interval, until=received)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        logger.info("Outbox worker stopped (signal %s)", received[0] if received else "-")

    @staticmethod
    def pause(seconds: float, *, until: list[int]) -> None:
        """Sleep ``seconds``, in short steps so a stop request ends the pause within half a second."""
        deadline = time.monotonic() + seconds
        while not until and (remaining := deadline - time.monotonic()) > 0:
            time.sleep(min(remaining, 0.5))

    def run_round(self, *, limit: int) -> SendReport:
        reminders = reminders_enqueue_due()
        closed = queues_close_ended()
        if closed:
            logger.info("Drop-in: %s ended queue(s) closed, those still waiting told", closed)
        report = outbox_send_due(limit=limit)
        if reminders or report.sent or report.failed or report.retried:
            logger.info(
                "Outbox round: %s reminder(s) queued, %s sent, %s to retry, %s failed",
                reminders,
                report.sent,
                report.retried,
                report.failed,
            )
        return report
