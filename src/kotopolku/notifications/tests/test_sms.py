"""SMS backends chosen by KOTOPOLKU_SMS_BACKEND, and the segment count."""

from __future__ import annotations

import pytest

from kotopolku.notifications import sms


def test_the_test_settings_use_the_in_memory_backend():
    backend = sms.get_sms_backend()

    backend.send("+358401234567", "Hei")

    assert isinstance(backend, sms.LocmemSmsBackend)
    assert sms.outbox == [sms.SmsMessage(recipient="+358401234567", body="Hei")]


def test_file_backend_writes_one_file_per_message(settings, tmp_path):
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.FileSmsBackend"
    settings.KOTOPOLKU_SMS_FILE_PATH = tmp_path / "sms"
    backend = sms.get_sms_backend()

    backend.send("+358401234567", "Ensimmäinen")
    backend.send("+358401234568", "Toinen")

    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    assert {file.read_text(encoding="utf-8") for file in files} == {
        "To: +358401234567\n\nEnsimmäinen\n",
        "To: +358401234568\n\nToinen\n",
    }


def test_console_backend_prints(settings, capsys):
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.ConsoleSmsBackend"

    sms.get_sms_backend().send("+358401234567", "Hei")

    assert "Hei" in capsys.readouterr().out


def test_disabled_backend_fails_every_send(settings):
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.DisabledSmsBackend"

    with pytest.raises(sms.SmsNotConfigured):
        sms.get_sms_backend().send("+358401234567", "Hei")


def test_a_backend_must_be_an_sms_backend(settings):
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.SmsMessage"

    with pytest.raises(TypeError):
        sms.get_sms_backend()


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("ä" * 306, 2),  # ä and ö are in the GSM alphabet
        ("ä" * 307, 3),
        ("€" * 80, 1),  # the euro sign takes two septets
        ("€" * 81, 2),
        ("ا" * 70, 1),  # Arabic: UCS-2, 70 characters in one message
        ("ا" * 71, 2),
        ("ا" * 134, 2),
        ("ا" * 135, 3),
    ],
)
def test_sms_segments(text, segments):
    assert sms.sms_segments(text) == segments
