"""The Splink model that links employees to index persons, and its training.

Plain Splink comparisons missed most swapped names, DOB typos and day/month swaps,
married-name changes, moves and nicknames (issue 4), so each failure is a level of its own
and gets its own weight:

- forename: names swapped exactly (term-frequency adjusted on the swapped full name) / names
  swapped with a typo or a nickname / exact (term-frequency adjusted) /
  nickname-equivalent (the ``nicknames`` package) / one-letter typo / short form (a prefix
  of three or more letters) / Jaro-Winkler >= 0.88 / same initial / else;
- surname: names swapped (0 bits: the swap is weighed once, under forename) / exact
  (term-frequency adjusted) / shares a part of a double-barrelled name / one-letter typo /
  Jaro-Winkler >= 0.88 / else. A previous (maiden) surname is an exact match because
  every name variant is its own employee row;
- date of birth: exact (term-frequency adjusted) / day and month transposed / one of day,
  month or year off by one / one-character typo / within a year / else;
- address: same address / same address at some time (both stated, see M_ADDRESS) / same
  postcode (term-frequency adjusted) / postcode shared at some time (either side's history)
  / same outward code / else;
- sex: exact / else;
- middle name (the second forename, where both records have one): exact (term-frequency
  adjusted) / one-letter typo / same initial / else;
- phone: a number in common (either side's, normalised) / else. Stated, not trained: u is
  far too small for random sampling to observe, and EM would learn m only from the
  generator's rate.

Training: u by random sampling; m by expectation maximisation on three tight blocking rules
(most pairs they block are matches, so EM has matches to learn from), with a fixed seed.
Recording-error levels too rare for EM to estimate, and the outright disagreements of names
and date of birth, carry a stated prior m (``_rare``, ``_different``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.blocking_rule_library import CustomRule
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from upright.screening.linkage.prepare import (
    EMPLOYEES_TABLE,
    INDEX_TABLE,
    SWAP_FREQUENCIES_TABLE,
    SWAPPED_RATE,
)

SEED = 4242
# Prior m of a swapped forename/surname pair (fixed; see _rare).
M_SWAPPED = SWAPPED_RATE
# Lowest m a trained level may keep (see m_floor_apply).
M_FLOOR = 0.001

# Forename and surname exchanged, also with a typo in either (ELIZABETH CURTIS recorded as
# forename COURTIS, surname ELIZABETH), but only where the straight reading is worse: PHILIP
# PHILLIPS, whose two names are alike, is not "swapped" with PHILLIP PHILLIPS.
# The forename may also be a nickname in the swap (WILLIAM JONES recorded as forename JONES,
# surname BILL): ``surname_names`` are the nickname equivalents of the surname column.
_SWAPPED = (
    "forename_l <> surname_l AND ((forename_l = surname_r AND surname_l = forename_r) OR "
    "((jaro_winkler_similarity(forename_l, surname_r) >= 0.9 "
    "OR list_has_any(forename_names_l, surname_names_r)) "
    "AND (jaro_winkler_similarity(surname_l, forename_r) >= 0.9 "
    "OR list_has_any(surname_names_l, forename_names_r)) "
    "AND jaro_winkler_similarity(forename_l, forename_r) < 0.9 "
    "AND NOT list_has_any(forename_names_l, forename_names_r)))"
)
_SWAPPED_EXACTLY = "forename_l <> surname_l AND swap_key_l = swap_key_r"
# Chance of a swap between strangers: too rare for random sampling to observe, so stated.
U_SWAPPED = 1e-5


def _rare(level: ComparisonLevelCreator, m: float) -> ComparisonLevelCreator:
    """Fix the m of a recording-error level: too rare among training pairs for EM to
    estimate (it fails or collapses to zero), so the error rate is a stated prior."""
    return level.configure(m_probability=m, fix_m_probability=True)


def _different(m: float) -> ComparisonLevelCreator:
    """The else level with a stated m: how often a true match disagrees outright.

    EM estimated these from pairs that mostly are not matches (only about one employee in a
    hundred has a record): on ten million persons it put a date of birth decades out at
    -2.6 bits, so two namesakes at one postcode outscored real matches."""
    return _rare(cll.ElseLevel().configure(label_for_charts="different"), m)


def _jw(col: str, threshold: float, m: float) -> ComparisonLevelCreator:
    return _rare(
        cll.CustomLevel(
            f"jaro_winkler_similarity({col}_l, {col}_r) >= {threshold}",
            label_for_charts=f"Jaro-Winkler >= {threshold}",
        ),
        m,
    )


def _null(*cols: str) -> ComparisonLevelCreator:
    cond = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return cll.CustomLevel(cond, label_for_charts="missing").configure(is_null_level=True)


def _typo(col: str, m: float) -> ComparisonLevelCreator:
    # One substitution, deletion, insertion or transposition: Jaro-Winkler misses many of
    # these on short names (SAM / SAN scores 0.82).
    return _rare(
        cll.CustomLevel(
            f"damerau_levenshtein({col}_l, {col}_r) <= 1",
            label_for_charts="one-letter typo",
        ),
        m,
    )


def forename_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="forename",
        comparison_description="Forename",
        comparison_levels=[
            _null("forename"),
            # Exactly swapped: as rare among strangers as the swapped name is in the index
            # (prepare.swap_frequencies_sql), which for most names is far rarer than one
            # stated u. SCOTT HENRY for HENRY SCOTT, common names both ways, weighs less.
            cll.CustomLevel(_SWAPPED_EXACTLY, label_for_charts="names swapped exactly").configure(
                m_probability=M_SWAPPED, u_probability=U_SWAPPED, fix_m_probability=True,
                fix_u_probability=True, tf_adjustment_column="swap_key",
                tf_adjustment_weight=1.0, disable_tf_exact_match_detection=True,
            ),
            cll.CustomLevel(_SWAPPED, label_for_charts="names swapped").configure(
                m_probability=M_SWAPPED, u_probability=U_SWAPPED, fix_m_probability=True,
                fix_u_probability=True,
            ),
            cll.ExactMatchLevel("forename", term_frequency_adjustments=True).configure(
                label_for_charts="exact"
            ),
            _rare(
                cll.CustomLevel(
                    "list_has_any(forename_names_l, forename_names_r)",
                    label_for_charts="nickname-equivalent",
                ),
                0.05,
            ),
            _typo("forename", 0.03),
            _rare(
                # A short form the nickname list does not know: PRZEM for PRZEMYSLAW.
                cll.CustomLevel(
                    "least(length(forename_l), length(forename_r)) >= 3 AND "
                    "(starts_with(forename_l, forename_r) OR starts_with(forename_r, forename_l))",
                    label_for_charts="short form",
                ),
                0.01,
            ),
            _jw("forename", 0.88, 0.01),
            _rare(
                cll.CustomLevel("forename_i_l = forename_i_r", label_for_charts="same initial"),
                0.01,
            ),
            _different(0.02),
        ],
    )


def surname_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_description="Surname (each previous or alias name is its own row)",
        comparison_levels=[
            _null("surname"),
            # Weighed once, under forename: one swap is one piece of evidence, and counting
            # it twice made HENRY SCOTT and SCOTT HENRY strangers a match (m = u: 0 bits).
            cll.CustomLevel(_SWAPPED, label_for_charts="names swapped").configure(
                m_probability=M_SWAPPED, u_probability=M_SWAPPED, fix_m_probability=True,
                fix_u_probability=True,
            ),
            cll.ExactMatchLevel("surname", term_frequency_adjustments=True).configure(
                label_for_charts="exact"
            ),
            _rare(
                cll.CustomLevel(
                    "len(surname_parts_l) + len(surname_parts_r) > 2 "
                    "AND list_has_any(surname_parts_l, surname_parts_r)",
                    label_for_charts="shares part of a double-barrelled name",
                ),
                0.02,
            ),
            _typo("surname", 0.03),
            _jw("surname", 0.88, 0.01),
            # A surname HR does not know (a marriage not yet reported) is the usual cause.
            _different(0.05),
        ],
    )


def dob_comparison() -> cl.CustomComparison:
    off_by_one = (
        "(dob_y_l = dob_y_r AND dob_m_l = dob_m_r AND abs(dob_d_l - dob_d_r) = 1)"
        " OR (dob_y_l = dob_y_r AND dob_d_l = dob_d_r AND abs(dob_m_l - dob_m_r) = 1)"
        " OR (dob_m_l = dob_m_r AND dob_d_l = dob_d_r AND abs(dob_y_l - dob_y_r) = 1)"
        # A day out across the end of a month (31 January / 1 February).
        " OR abs(date_diff('day', dob_l, dob_r)) = 1"
    )
    return cl.CustomComparison(
        output_column_name="dob",
        comparison_description="Date of birth",
        comparison_levels=[
            _null("dob"),
            # Term-frequency adjusted: placeholder dates (1 January) are common in records.
            cll.ExactMatchLevel("dob", term_frequency_adjustments=True).configure(
                label_for_charts="exact"
            ),
            _rare(
                cll.CustomLevel(
                    "dob_y_l = dob_y_r AND dob_m_l = dob_d_r AND dob_d_l = dob_m_r",
                    label_for_charts="day and month transposed",
                ),
                0.01,
            ),
            _rare(
                cll.CustomLevel(off_by_one, label_for_charts="day, month or year off by one"),
                0.02,
            ),
            _rare(
                cll.CustomLevel(
                    "damerau_levenshtein(dob_str_l, dob_str_r) <= 1",
                    label_for_charts="one-character typo",
                ),
                0.01,
            ),
            _rare(
                cll.CustomLevel(
                    "abs(date_diff('day', dob_l, dob_r)) <= 366",
                    label_for_charts="within a year",
                ),
                0.005,
            ),
            _different(0.01),
        ],
    )


# A person's record at their current address, or at one they have had; the chance that a
# stranger's record is at one given address: a household's few members among an index of
# millions (about one in ten million pairs; three addresses each for "at some time").
M_ADDRESS, U_ADDRESS = 0.55, 1e-7
M_ADDRESS_EVER, U_ADDRESS_EVER = 0.25, 3e-7


def address_comparison() -> cl.CustomComparison:
    """Where the two have lived: the address line with its postcode, then the postcode.

    One comparison, not two: a shared address implies a shared postcode, and Fellegi-Sunter
    would count the same evidence twice. A postcode holds dozens of people, an address one
    household, so the address is worth several more bits."""
    return cl.CustomComparison(
        output_column_name="address",
        comparison_description="Address and postcode, including every address either side has had",
        comparison_levels=[
            cll.CustomLevel(
                "(postcode_l IS NULL OR postcode_r IS NULL) "
                "AND (len(postcodes_l) = 0 OR len(postcodes_r) = 0)",
                label_for_charts="missing",
            ).configure(is_null_level=True),
            # Stated: random sampling almost never draws two records at one address, so it
            # left u unset and Splink fell back to a default worth 9.5 bits, no more than
            # a shared postcode. u is the share of an index's persons at any one address.
            cll.CustomLevel("address_key_l = address_key_r", label_for_charts="same address"
                            ).configure(m_probability=M_ADDRESS, u_probability=U_ADDRESS,
                                        fix_m_probability=True, fix_u_probability=True),
            # Records predate moves, so these are common among true matches.
            cll.CustomLevel(
                "list_has_any(address_keys_l, address_keys_r)",
                label_for_charts="same address at some time",
            ).configure(m_probability=M_ADDRESS_EVER, u_probability=U_ADDRESS_EVER,
                        fix_m_probability=True, fix_u_probability=True),
            # Term-frequency adjusted: a hostel or a prison is the address of many records.
            # m stated (the same postcode but the line written differently is too rare among
            # training pairs for EM); u from random sampling, which sees postcodes often.
            _rare(cll.ExactMatchLevel("postcode", term_frequency_adjustments=True).configure(
                label_for_charts="same postcode"), 0.1),
            _rare(cll.CustomLevel(
                "list_has_any(postcodes_l, postcodes_r)",
                label_for_charts="postcode shared at some time",
            ), 0.05),
            _rare(
                cll.CustomLevel("pc_out_l = pc_out_r", label_for_charts="same outward code"),
                0.01,
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def middle_comparison() -> cl.CustomComparison:
    """The second forename. Many records carry only the first, which is no evidence either
    way; where both have one it separates a namesake born the same day from the person."""
    return cl.CustomComparison(
        output_column_name="middle",
        comparison_description="Middle name (second forename), where both records have one",
        comparison_levels=[
            _null("middle"),
            cll.ExactMatchLevel("middle", term_frequency_adjustments=True).configure(
                label_for_charts="exact"
            ),
            _typo("middle", 0.03),
            # One side recorded only the initial (J for JAMES), or a different spelling.
            _rare(cll.CustomLevel("middle_i_l = middle_i_r", label_for_charts="same initial"),
                  0.05),
            _different(0.05),
        ],
    )


# A number in common: m is the share of a person's own records that carry one of their
# current numbers (an assumption: contact details are taken at most police contacts); u the
# chance that a stranger's record holds one, which is households and reissued numbers,
# about one in a million pairs.
M_PHONE, U_PHONE = 0.3, 1e-6


def phone_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="phone",
        comparison_description="Phone numbers (every number either side has), normalised",
        comparison_levels=[
            cll.CustomLevel("len(phones_l) = 0 AND len(phones_r) = 0",
                            label_for_charts="missing").configure(is_null_level=True),
            cll.CustomLevel("list_has_any(phones_l, phones_r)",
                            label_for_charts="phone in common").configure(
                m_probability=M_PHONE, u_probability=U_PHONE, fix_m_probability=True,
                fix_u_probability=True),
            cll.ElseLevel().configure(
                label_for_charts="no phone in common", m_probability=1 - M_PHONE,
                u_probability=1 - U_PHONE, fix_m_probability=True, fix_u_probability=True),
        ],
    )


def sex_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="sex",
        comparison_description="Sex",
        comparison_levels=[
            _null("sex"),
            cll.CustomLevel("sex_l = sex_r", label_for_charts="exact"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def blocking_rules() -> list[Any]:
    """Candidate-generation rules; together they survive any two corruptions of one record.

    An address, current or previous, is the strongest key: with it, any one of surname
    sound, initial or birth year finds a record whose names and date of birth are otherwise
    wrong. (The postcode alone would pair every employee with every neighbour: 15 of every
    16 million candidate pairs on a ten-million-person index, all chance.) The rest cover a
    record with no usable address. ``forename_names`` is exploded so that a nickname meets
    its formal name (BILL and WILLIAM share WILLIAM).
    """
    names = ["forename_names"]
    return [
        block_on("postcode", "surname_sx"),
        block_on("postcode", "forename_i"),
        block_on("postcode", "dob_y"),
        block_on("forename_names", "dob", arrays_to_explode=names),
        block_on("surname_sx", "dob"),
        # Swapped forename and surname: both intact, or one of them (the other has a typo or
        # is a nickname) with the postcode or the date of birth.
        CustomRule("l.forename = r.surname AND l.surname = r.forename"),
        *(CustomRule(f"l.{key} = r.{key} AND l.{a} = r.{b}")
          for key in ("postcode", "dob") for a, b in (("forename", "surname"),
                                                      ("surname", "forename"))),
        # Names agree but the date of birth is wrong in one or two of its parts.
        block_on("forename_names", "surname_sx", "dob_y", arrays_to_explode=names),
        block_on("forename_names", "surname_sx", "dob_m", "dob_d", arrays_to_explode=names),
        block_on("surname", "dob_y", "dob_m"),
        # Day and month transposed, with one name intact (the other a nickname or changed).
        *(CustomRule(f"l.{name} = r.{name} AND l.dob_y = r.dob_y AND l.dob_m = r.dob_d "
                     f"AND l.dob_d = r.dob_m") for name in ("forename", "surname")),
        # A number in common finds a record however corrupted its name and date of birth.
        block_on("phones", arrays_to_explode=["phones"]),
    ]


def settings_build() -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            forename_comparison(),
            surname_comparison(),
            dob_comparison(),
            address_comparison(),
            sex_comparison(),
            middle_comparison(),
            phone_comparison(),
        ],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=["entity_id", "name_kind"],
        max_iterations=25,
    )


def linker_build(
    *, con: duckdb.DuckDBPyConnection, settings: SettingsCreator | dict[str, Any] | str
) -> Linker:
    """A linker over the prepared tables (build them first with ``linkage_tables_build``)."""
    db_api = DuckDBAPI(connection=con)
    employees = db_api.register(EMPLOYEES_TABLE, dataset_display_name="employees")
    index = db_api.register(INDEX_TABLE, dataset_display_name="index")
    linker = Linker([employees, index], settings, log_level=logging.WARNING)
    frequencies_register(linker=linker, db_api=db_api)
    return linker


def frequencies_register(*, linker: Linker, db_api: Any) -> None:
    """Give the linker the term frequencies prepare computes itself (the swap key's), on
    either backend, so Splink does not count them from the data."""
    linker.table_management.register_term_frequency_lookup(
        db_api.register(SWAP_FREQUENCIES_TABLE), "swap_key")


def candidate_pairs_count(*, linker: Linker) -> int:
    """Exact number of pairs the prediction blocking rules generate."""
    records = linker.blocking_analysis.count_comparisons_from_blocking_rules(
        record_sample_proportion=1.0
    )
    return int(records[-1]["cumulative_comparison_count"]) if records else 0


def m_floor_apply(*, model: dict[str, Any], floor: float = M_FLOOR) -> dict[str, Any]:
    """Raise every trained m below ``floor`` to it.

    When no training match disagrees on a field, EM drives that level's m towards zero
    and its weight to minus hundreds of bits, so one disagreeing field would veto any
    match. A floor keeps such a level a strong but finite penalty.
    """
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            m = level.get("m_probability")
            if isinstance(m, float) and m < floor:
                level["m_probability"] = floor
    return model


def model_train(
    *,
    con: duckdb.DuckDBPyConnection,
    out_path: str | Path | None = None,
    u_max_pairs: float = 2e6,
    seed: int = SEED,
) -> dict[str, Any]:
    """Train on the prepared tables and return (and optionally save) the model JSON."""
    linker = linker_build(con=con, settings=settings_build())
    model_fit(linker=linker, u_max_pairs=u_max_pairs, seed=seed)
    model = m_floor_apply(model=linker.misc.save_model_to_json())
    if out_path is not None:
        Path(out_path).write_text(json.dumps(model, indent=2), encoding="utf-8")
    return model


def model_fit(*, linker: Linker, u_max_pairs: float = 2e6, seed: int = SEED,
              u_options: dict[str, Any] | None = None) -> None:
    """The training sequence, on any Splink backend (DuckDB here, Spark in ``spark``).
    u_options: extra arguments for u sampling (Spark passes its chunking)."""
    linker.training.estimate_probability_two_random_records_match(
        [block_on("forename", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed,
                                                     **(u_options or {}))
    # Each session fixes some fields and learns the m of the others. The rules are tight so
    # that most pairs they block are matches: on loose rules (one date of birth) matches are
    # a fraction of a per cent of the pairs, and EM mistakes chance agreement for them.
    try:
        for rule in (block_on("forename", "surname", "dob"), block_on("postcode", "dob"),
                     block_on("postcode", "forename", "surname")):
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
    except ValueError as exc:
        raise ValueError(
            "EM collapsed: no training match disagrees on some field, so its m fell "
            "to zero. Train on a larger or real sample (recording errors are needed)."
        ) from exc
