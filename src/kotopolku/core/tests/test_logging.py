"""No personal data in the application log: the filter scrubs it from every line."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from kotopolku.core.logging import PersonalDataFilter, scrub


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Feedback from matti.meikalainen@example.fi received", "matti.meikalainen@example.fi"),
        ("mail to first+tag@sub.kunta.fi failed", "first+tag@sub.kunta.fi"),
        ("SMS to +358 40 123 4567 failed", "+358 40 123 4567"),
        ("call 040-1234567 back", "040-1234567"),
        ("call 0401234567 back", "0401234567"),
        ("client 131052-308T booked", "131052-308T"),
        ("client 010203A123B booked", "010203A123B"),
        ("client 111199Y123C booked", "111199Y123C"),
        ("client 121212+123L booked", "121212+123L"),
        ("GET /fi/heinola/?email=x@y.fi&name=Matti 200", "name=Matti"),
        ("Not Found: /api/v1/organizations/?lang=fi&q=Matti%20Virtanen", "Matti"),
    ],
)
def test_scrub_removes_personal_data(text, secret):
    scrubbed = scrub(text)

    assert secret not in scrubbed
    assert scrubbed != text


def test_scrub_keeps_ordinary_text():
    text = "Booking 42 confirmed for service guidance at 12:15 (45 min)"

    assert scrub(text) == text


def test_scrub_keeps_access_log_status_and_size():
    line = '"GET /en/heinola/hobbies/ HTTP/1.1" 200 17285'

    assert scrub(line) == line


def test_scrub_replaces_with_markers():
    assert scrub("to a@b.fi") == "to [email]"
    assert scrub("id 131052-308T") == "id [id]"
    assert scrub("tel 040 123 4567") == "tel [phone]"
    assert scrub("tel +358 40 123 4567") == "tel [phone]"
    assert scrub("tel +46701234567") == "tel [phone]"
    assert scrub("sms 358401234567") == "sms [phone]"
    assert scrub("/fi/heinola/?next=/staff/") == "/fi/heinola/?…"


def make_record(msg: str, *args: object, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("kotopolku.test", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_filter_scrubs_the_formatted_message_and_keeps_the_record():
    record = make_record("Feedback %s from %s, phone %s", 7, "matti@example.fi", "040 123 4567")

    assert PersonalDataFilter().filter(record) is True
    assert record.getMessage() == "Feedback 7 from [email], phone [phone]"


def test_filter_lets_broken_format_strings_through():
    record = make_record("%d items", "not a number")

    assert PersonalDataFilter().filter(record) is True


def test_filter_scrubs_exception_text():
    try:
        raise ValueError("duplicate key (email)=(matti@example.fi)")
    except ValueError:
        record = make_record("Could not save", exc_info=sys.exc_info())
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(message)s"))

    handler.handle(record)

    output = handler.stream.getvalue()
    assert "Could not save" in output and "ValueError" in output
    assert "matti@example.fi" not in output


def test_configured_console_handler_scrubs(settings):
    """The LOGGING setting puts the filter on the handler that every logger writes to."""
    handler = next(
        (
            h
            for h in logging.getLogger().handlers
            if any(isinstance(f, PersonalDataFilter) for f in h.filters)
        ),
        None,
    )
    assert isinstance(handler, logging.StreamHandler), (
        "the root logger has no handler with PersonalDataFilter"
    )
    for name in ("django.request", "django.server", "axes"):
        assert handler in logging.getLogger(name).handlers
    stream = io.StringIO()
    original = handler.setStream(stream)
    try:
        logging.getLogger("django.request").error(
            "Internal Server Error: /fi/heinola/?email=matti@example.fi"
        )
    finally:
        handler.setStream(original)

    line = stream.getvalue()
    assert "Internal Server Error: /fi/heinola/?…" in line
    assert "matti" not in line
