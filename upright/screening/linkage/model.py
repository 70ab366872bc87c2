"""The Splink model that links employees to index persons, and its training.

Plain Splink comparisons missed most swapped names, DOB typos and day/month swaps,
married-name changes, moves and nicknames (issue 4), so each failure is a level of its own
and gets its own trained weight:

- forename: names swapped / exact (term-frequency adjusted) / nickname-equivalent /
  Jaro-Winkler >= 0.92 / >= 0.88 / same initial / else;
- surname: names swapped / exact (term-frequency adjusted) / shares a part of a
  double-barrelled name / Jaro-Winkler >= 0.92 / >= 0.88 / else. A previous (married)
  surname is an exact match because every name variant is its own employee row;
- date of birth: exact / day and month transposed / one of day, month or year off by one /
  one-character typo / within a year / else;
- postcode: exact / shared at any time (either side's history) / same outward code / else;
- sex: exact / else.

Training follows Splink's guidance: u by random sampling, m by expectation maximisation
on two blocking rules that each leave the other fields free, with a fixed seed.
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

from upright.screening.linkage.prepare import EMPLOYEES_TABLE, INDEX_TABLE

SEED = 4242
# Prior m of a swapped forename/surname pair (fixed; see _rare).
M_SWAPPED = 0.01
# Lowest m a trained level may keep (see m_floor_apply).
M_FLOOR = 0.001

_SWAPPED = (
    "forename_l = surname_r AND surname_l = forename_r AND forename_l <> surname_l"
)


def _rare(level: ComparisonLevelCreator, m: float) -> ComparisonLevelCreator:
    """Fix the m of a recording-error level: too rare among training pairs for EM to
    estimate (it fails or collapses to zero), so the error rate is a stated prior."""
    return level.configure(m_probability=m, fix_m_probability=True)


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


def forename_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="forename",
        comparison_description="Forename",
        comparison_levels=[
            _null("forename"),
            _rare(cll.CustomLevel(_SWAPPED, label_for_charts="names swapped"), M_SWAPPED),
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
            _jw("forename", 0.92, 0.02),
            _jw("forename", 0.88, 0.01),
            _rare(
                cll.CustomLevel("forename_i_l = forename_i_r", label_for_charts="same initial"),
                0.01,
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def surname_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_description="Surname (each previous or alias name is its own row)",
        comparison_levels=[
            _null("surname"),
            _rare(cll.CustomLevel(_SWAPPED, label_for_charts="names swapped"), M_SWAPPED),
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
            _jw("surname", 0.92, 0.02),
            _jw("surname", 0.88, 0.01),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def dob_comparison() -> cl.CustomComparison:
    off_by_one = (
        "(dob_y_l = dob_y_r AND dob_m_l = dob_m_r AND abs(dob_d_l - dob_d_r) = 1)"
        " OR (dob_y_l = dob_y_r AND dob_d_l = dob_d_r AND abs(dob_m_l - dob_m_r) = 1)"
        " OR (dob_m_l = dob_m_r AND dob_d_l = dob_d_r AND abs(dob_y_l - dob_y_r) = 1)"
    )
    return cl.CustomComparison(
        output_column_name="dob",
        comparison_description="Date of birth",
        comparison_levels=[
            _null("dob"),
            cll.CustomLevel("dob_l = dob_r", label_for_charts="exact"),
            _rare(
                cll.CustomLevel(
                    "dob_y_l = dob_y_r AND dob_m_l = dob_d_r AND dob_d_l = dob_m_r",
                    label_for_charts="day and month transposed",
                ),
                0.01,
            ),
            _rare(
                cll.CustomLevel(off_by_one, label_for_charts="day, month or year off by one"),
                0.01,
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
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def postcode_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="postcode",
        comparison_description="Postcode, including every address either side has had",
        comparison_levels=[
            cll.CustomLevel(
                "(postcode_l IS NULL OR postcode_r IS NULL) "
                "AND (len(postcodes_l) = 0 OR len(postcodes_r) = 0)",
                label_for_charts="missing",
            ).configure(is_null_level=True),
            cll.CustomLevel("postcode_l = postcode_r", label_for_charts="exact"),
            _rare(
                cll.CustomLevel(
                    "list_has_any(postcodes_l, postcodes_r)",
                    label_for_charts="shared at some time",
                ),
                0.15,
            ),
            _rare(
                cll.CustomLevel("pc_out_l = pc_out_r", label_for_charts="same outward code"),
                0.1,
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
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
    """Candidate-generation rules; each one recovers a failure the others miss."""
    return [
        block_on("dob"),
        block_on("surname_sx", "dob_y"),
        block_on("forename_canon", "pc_out"),
        # Swapped forename and surname, same birth year.
        CustomRule(
            "l.forename = r.surname AND l.surname = r.forename AND l.dob_y = r.dob_y"
        ),
        block_on("postcode", "dob_y"),
        # Names agree but the date of birth is wrong in the year or one other part.
        block_on("forename_canon", "surname_sx", "dob_d"),
        block_on("forename_canon", "surname_sx", "dob_m"),
    ]


def settings_build() -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            forename_comparison(),
            surname_comparison(),
            dob_comparison(),
            postcode_comparison(),
            sex_comparison(),
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
    return Linker([employees, index], settings, log_level=logging.WARNING)


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
    u_max_pairs: float = 1e7,
    seed: int = SEED,
) -> dict[str, Any]:
    """Train on the prepared tables and return (and optionally save) the model JSON."""
    linker = linker_build(con=con, settings=settings_build())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("forename", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
    # Each session fixes one field and learns the m of all the others.
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("postcode")
        )
    except ValueError as exc:
        raise ValueError(
            "EM collapsed: no training match disagrees on some field, so its m fell "
            "to zero. Train on a larger or real sample (recording errors are needed)."
        ) from exc
    model = m_floor_apply(model=linker.misc.save_model_to_json())
    if out_path is not None:
        Path(out_path).write_text(json.dumps(model, indent=2), encoding="utf-8")
    return model
