"""Canonical forms for identifiers, so the same phone, postcode or VRM always compares equal."""

import re

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_VRM = re.compile(r"^[A-Z0-9]{2,8}$")


def postcode_normalise(value: str) -> str:
    """'sw1a2aa' -> 'SW1A 2AA'. Raises ValueError for something that is not a UK postcode."""
    compact = re.sub(r"\s+", "", value).upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise ValueError(f"{value!r} is not a UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def phone_normalise(value: str) -> str:
    """UK numbers to E.164: '020 7946 0000' -> '+442079460000'."""
    digits = re.sub(r"[^\d+]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+44" + digits[1:]
    elif not digits.startswith("+"):
        digits = "+" + digits
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise ValueError(f"{value!r} is not a phone number")
    return digits


def vrm_normalise(value: str) -> str:
    compact = re.sub(r"[\s-]+", "", value).upper()
    if not _VRM.match(compact):
        raise ValueError(f"{value!r} is not a vehicle registration mark")
    return compact
