"""Text message (SMS) backends, chosen by ``settings.KOTOPOLKU_SMS_BACKEND`` (a dotted class path).

Like Django's email backends: ``ConsoleSmsBackend`` (demo), ``LocmemSmsBackend`` (tests, collects into
``outbox``), ``FileSmsBackend`` (one file per message under ``KOTOPOLKU_SMS_FILE_PATH``) and
``DisabledSmsBackend`` (production until a gateway is configured: every send fails, so the outbox
keeps the rows as failed instead of pretending they went out). A gateway backend subclasses
:class:`BaseSmsBackend` and implements ``send``, raising on any failure; the outbox worker retries.
"""

from __future__ import annotations

import abc
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

# GSM 03.38: the basic character set (one septet each) and the extension table (two septets each).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")


class SmsNotConfigured(Exception):
    """No SMS gateway is configured for this installation."""


def sms_segments(text: str) -> int:
    """How many SMS segments ``text`` takes (GSM-7: 160/153 septets, otherwise UCS-2: 70/67 units)."""
    if all(char in _GSM_BASIC or char in _GSM_EXTENSION for char in text):
        length = sum(2 if char in _GSM_EXTENSION else 1 for char in text)
        single, part = 160, 153
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    if length <= single:
        return 1
    return -(-length // part)


@dataclass(frozen=True)
class SmsMessage:
    recipient: str
    body: str


class BaseSmsBackend(abc.ABC):
    @abc.abstractmethod
    def send(self, recipient: str, body: str) -> None:
        """Send one message; raise on any failure (the outbox retries with backoff)."""


class ConsoleSmsBackend(BaseSmsBackend):
    """Writes messages to standard output (demo installations, like Django's console email backend)."""

    def send(self, recipient: str, body: str) -> None:
        sys.stdout.write(f"--- SMS to {recipient} ---\n{body}\n--- end of SMS ---\n")
        sys.stdout.flush()


class LocmemSmsBackend(BaseSmsBackend):
    """Keeps messages in memory, in ``LocmemSmsBackend.outbox`` (the same list as the module's ``outbox``)."""

    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, recipient: str, body: str) -> None:
        self.outbox.append(SmsMessage(recipient=recipient, body=body))


outbox = LocmemSmsBackend.outbox


class FileSmsBackend(BaseSmsBackend):
    """Writes each message into its own file in ``settings.KOTOPOLKU_SMS_FILE_PATH``."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path if path is not None else settings.KOTOPOLKU_SMS_FILE_PATH)

    def send(self, recipient: str, body: str) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:12]}.txt"
        partial = self.path / f".{name}.tmp"
        partial.write_text(f"To: {recipient}\n\n{body}\n", encoding="utf-8")
        partial.replace(self.path / name)


class DisabledSmsBackend(BaseSmsBackend):
    """No gateway configured: every send fails with :class:`SmsNotConfigured`."""

    def send(self, recipient: str, body: str) -> None:
        raise SmsNotConfigured


def get_sms_backend() -> BaseSmsBackend:
    backend_class = import_string(settings.KOTOPOLKU_SMS_BACKEND)
    backend = backend_class()
    if not isinstance(backend, BaseSmsBackend):
        raise TypeError("KOTOPOLKU_SMS_BACKEND must name a subclass of BaseSmsBackend.")
    return backend
