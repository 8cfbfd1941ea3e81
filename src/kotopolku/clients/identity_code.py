"""The Finnish personal identity code (henkilötunnus): validation, birth date and masking.

Format ``DDMMYYCZZZQ``: birth date, century sign, individual number and check character.
Century signs (DVV, from 1.1.2023): ``+`` 1800s; ``-``, ``Y``, ``X``, ``W``, ``V``, ``U`` 1900s;
``A``, ``B``, ``C``, ``D``, ``E``, ``F`` 2000s. The check character is the remainder of the nine
digits ``DDMMYYZZZ`` divided by 31, looked up in ``CHECK_CHARACTERS``. Individual numbers 002–899
are permanent codes; 900–999 are temporary codes (still valid, e.g. in test data).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}
PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$")


def normalize_identity_code(value: str) -> str:
    return (value or "").strip().upper()


def check_character(digits: str) -> str:
    return CHECK_CHARACTERS[int(digits) % 31]


def birth_date_from_identity_code(value: str) -> datetime.date | None:
    match = PATTERN.match(normalize_identity_code(value))
    if not match:
        return None
    day, month, year, sign = match.group(1), match.group(2), match.group(3), match.group(4)
    try:
        return datetime.date(CENTURIES[sign] + int(year), int(month), int(day))
    except ValueError:
        return None


def validate_identity_code(value: str) -> None:
    code = normalize_identity_code(value)
    match = PATTERN.match(code)
    if not match:
        raise ValidationError(
            _("Enter the personal identity code in the form DDMMYY-NNNC, e.g. 010190-123A."),
            code="identity_code_format",
        )
    if birth_date_from_identity_code(code) is None:
        raise ValidationError(
            _("The date in the personal identity code does not exist."), code="identity_code_date"
        )
    individual = match.group(5)
    if int(individual) < 2:
        raise ValidationError(_("The personal identity code is not valid."), code="identity_code_number")
    digits = match.group(1) + match.group(2) + match.group(3) + individual
    if check_character(digits) != match.group(6):
        raise ValidationError(
            _("The check character of the personal identity code does not match. Check the code."),
            code="identity_code_checksum",
        )


def mask_identity_code(value: str) -> str:
    """Show only the birth date part, e.g. ``010190-****``; empty stays empty."""
    code = normalize_identity_code(value)
    if not code:
        return ""
    return code[:7] + "****" if len(code) == 11 else "*" * len(code)
