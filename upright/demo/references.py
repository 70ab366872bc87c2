"""Deterministic references for seeded rows, in the same format and with the same check symbol
as core.references.reference_new (which draws from `secrets`, so cannot be seeded)."""

import random

from upright.core.references import ALPHABET, CHECK_ALPHABET


def demo_reference(rng: random.Random, prefix: str, *, groups: int = 3, group_size: int = 4) -> str:
    body = "".join(rng.choice(ALPHABET) for _ in range(groups * group_size))
    value = 0
    for ch in body:
        value = value * 32 + ALPHABET.index(ch)
    chunks = [body[i:i + group_size] for i in range(0, len(body), group_size)]
    return "-".join([prefix, *chunks, CHECK_ALPHABET[value % 37]])
