"""A logging filter that keeps personal data out of the application log."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# A phone number: international (+358 40 …), Finnish local (040 …) or ten or more digits in a row.
# Not any run of digits and spaces: an access-log line's "200 17285" (status, size) is no number.
_PHONE = re.compile(r"(?:\+|\b0)\d[\d \-]{6,}\d|\b\d{10,}\b")
_HETU = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b")
_QUERY = re.compile(r"\?\S*")


def scrub(text: str) -> str:
    text = _QUERY.sub("?…", text)
    text = _HETU.sub("[id]", text)
    text = _EMAIL.sub("[email]", text)
    return _PHONE.sub("[phone]", text)


class PersonalDataFilter(logging.Filter):
    """Removes query strings, email addresses, phone numbers and identity codes from log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Exception messages carry data too (e.g. PostgreSQL's "Key (email)=(…) already exists").
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        record.msg = scrub(message)
        record.args = ()
        return True
