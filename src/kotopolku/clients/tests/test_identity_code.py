"""The Finnish personal identity code: format, century signs, dates and the check character."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kotopolku.clients.identity_code import (
    birth_date_from_identity_code,
    check_character,
    mask_identity_code,
    validate_identity_code,
)


@pytest.mark.parametrize(
    ("code", "born"),
    [
        ("131052-308T", datetime.date(1952, 10, 13)),  # DVV's own example
        ("131052Y308T", datetime.date(1952, 10, 13)),  # the new 1900s signs (from 2023) give the same check
        ("131052X308T", datetime.date(1952, 10, 13)),
        ("131052U308T", datetime.date(1952, 10, 13)),
        ("010594Y9032", datetime.date(1994, 5, 1)),
        ("290200A903E", datetime.date(2000, 2, 29)),  # a leap day of a century year divisible by 400
        ("121015A903T", datetime.date(2015, 10, 12)),
        ("121015F903T", datetime.date(2015, 10, 12)),
        ("010185+902F", datetime.date(1885, 1, 1)),
    ],
)
def test_valid_codes_and_their_birth_date(code, born):
    digits = code[:6] + code[7:10]
    assert check_character(digits) == code[10]
    validate_identity_code(code)
    assert birth_date_from_identity_code(code) == born


def test_lower_case_and_spaces_are_accepted():
    validate_identity_code(" 131052-308t ")


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("131052-308A", "identity_code_checksum"),
        ("131052-3O8T", "identity_code_format"),  # letter O, not zero
        ("131052G308T", "identity_code_format"),  # no such century sign
        ("1310523-08T", "identity_code_format"),
        ("290201A903P", "identity_code_date"),  # 2001 is not a leap year
        ("310452-308T", "identity_code_date"),  # 31 April
        ("131052-001T", "identity_code_number"),  # 000–001 are not used
        ("", "identity_code_format"),
    ],
)
def test_invalid_codes_are_refused_with_a_reason(code, error):
    with pytest.raises(ValidationError) as raised:
        validate_identity_code(code)
    assert raised.value.code == error


def test_masking_shows_only_the_birth_date_part():
    assert mask_identity_code("131052-308T") == "131052-****"
    assert mask_identity_code("") == ""
