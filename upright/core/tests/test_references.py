import pytest

from upright.core.references import reference_new, reference_normalise


def test_new_reference_shape_and_round_trip():
    ref = reference_new(prefix="R")
    parts = ref.split("-")
    assert parts[0] == "R"
    assert [len(p) for p in parts[1:]] == [4, 4, 4, 1]
    assert reference_normalise(value=ref, prefix="R") == ref


def test_reading_back_is_forgiving():
    ref = reference_new(prefix="R")
    typed = ref.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert reference_normalise(value=typed, prefix="R") == ref


@pytest.mark.parametrize("typo_at", [2, 3, 7, 12])
def test_a_mistyped_character_is_caught(typo_at):
    ref = reference_new(prefix="R")
    chars = list(ref)
    chars[typo_at] = "Z" if chars[typo_at] != "Z" else "Y"
    assert reference_normalise(value="".join(chars), prefix="R") is None


def test_references_do_not_repeat():
    assert len({reference_new(prefix="R") for _ in range(2000)}) == 2000
