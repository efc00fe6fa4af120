"""Saudi national ID and Iqama numbers (no Odoo import).

A Saudi identity number has 10 digits. The first digit tells the holder: 1 for a
citizen (national ID), 2 for a resident (Iqama). The last digit is a Luhn check
digit computed over the first nine.
"""

from .digits import clean_number

CITIZEN = "national_id"
RESIDENT = "iqama"

_PREFIX_TYPES = {"1": CITIZEN, "2": RESIDENT}


def normalize(value):
    """Return the ID as 10 ASCII digits' string (or whatever the user typed, cleaned
    of spaces, dashes, invisible marks and with Arabic-Indic digits converted)."""
    return clean_number(value)


def _ascii_digits(number):
    """True for a string of ASCII digits only (``str.isdigit`` also accepts ``²`` or
    ``①``, which ``int`` cannot read)."""
    return number.isascii() and number.isdigit()


def luhn_ok(digits):
    """True when the Luhn checksum of the digit string is valid."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def check_digit(first_nine):
    """The Luhn check digit that completes ``first_nine`` into a valid ID."""
    for digit in "0123456789":
        if luhn_ok(first_nine + digit):
            return digit
    raise ValueError(first_nine)  # unreachable: one digit always fits


def id_type(value):
    """``national_id`` or ``iqama`` for a well-formed 10-digit number starting
    with 1 or 2, else None. The checksum is not checked here."""
    number = normalize(value)
    if len(number) == 10 and _ascii_digits(number):
        return _PREFIX_TYPES.get(number[0])
    return None


def validate(value):
    """Return ``(number, error)``: the normalised number and ``None`` when valid,
    or an error code among ``empty``, ``not_digits``, ``length``, ``prefix``,
    ``checksum``."""
    number = normalize(value)
    if not number:
        return number, "empty"
    if not _ascii_digits(number):
        return number, "not_digits"
    if len(number) != 10:
        return number, "length"
    if number[0] not in _PREFIX_TYPES:
        return number, "prefix"
    if not luhn_ok(number):
        return number, "checksum"
    return number, None


def is_valid(value):
    return validate(value)[1] is None
