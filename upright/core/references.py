"""Unguessable references that are easy to read over the phone.

Crockford's base32 alphabet has no I, L, O or U, so nothing is mistaken for 1, 0 or V, and
reading back is forgiving: lower case, spaces and dashes are ignored, O reads as 0, I and L as 1.
A final check symbol (mod 37) catches a mistyped or transposed character before any look-up.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def reference_new(*, prefix: str, groups: int = 3, group_size: int = 4) -> str:
    """E.g. reference_new(prefix="R") -> "R-7KQ4-M2XD-9TRW-5" (60 random bits + check)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(groups * group_size))
    chunks = [body[i:i + group_size] for i in range(0, len(body), group_size)]
    return "-".join([prefix, *chunks, _check_symbol(body)])


def reference_normalise(*, value: str, prefix: str) -> str | None:
    """The canonical form of a typed reference, or None if it cannot be one of ours."""
    compact = "".join(ch for ch in value.upper() if ch.isalnum() or ch in "*~$=")
    if not compact.startswith(prefix):
        return None
    compact = compact[len(prefix):]
    if len(compact) < 2:
        return None
    body, check = compact[:-1].translate(_READ_AS), compact[-1]
    if check not in "*~$=U":
        check = check.translate(_READ_AS)
    if any(ch not in ALPHABET for ch in body) or _check_symbol(body) != check:
        return None
    size = 4
    chunks = [body[i:i + size] for i in range(0, len(body), size)]
    return "-".join([prefix, *chunks, check])


def _check_symbol(body: str) -> str:
    return CHECK_ALPHABET[_value(body) % 37]


def _value(body: str) -> int:
    value = 0
    for ch in body:
        value = value * 32 + ALPHABET.index(ch)
    return value
