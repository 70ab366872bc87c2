"""Screening accuracy and speed on a synthetic workforce and index (issue 4).

Builds an HR CSV of --employees people, generates an extract of --persons records for it
(`upright demo index`, with its truth file), runs `upright screen run` in a child process
(its time per stage and peak memory measured alone), then scores the hits against the truth:
identity recall and precision overall and by corruption, false positives by hard-negative
kind, association recall by path. Two baselines run on the same extract: an exact
forename + surname + date-of-birth join, and plain Splink (its standard comparison library,
blocking on dob and on full name, trained the same way, threshold probability 0.9).

    .venv/bin/python bench/screening.py --employees 5000 --persons 500000
"""

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
from faker import Faker

from upright.screening.synthetic_names import names_load

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
AS_OF = "2025-06-01"
TARGETS = {"seconds_50k_10m": 600, "peak_gib": 16, "identity_recall": 0.99,
           "identity_precision": 0.99, "association_recall": 0.98}


# Employees with a second forename on their HR record (an assumption: HR takes the full
# legal name, and most people in England have a middle name).
MIDDLE_NAME_SHARE = 0.5


def hr_write(path: Path, n: int, seed: int) -> None:
    """n employees: half with a middle name, a fifth of women with a maiden name, half with
    a previous address, most with a phone, a third with a vehicle. Their names come from the
    same distribution as the extract's (``synthetic_names``), as a force's staff are drawn from
    the population an index covers."""
    rng = random.Random(seed)
    names = names_load()
    fake = Faker("en_GB")
    fake.seed_instance(seed * 10)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["staff_number", "employment_kind", "forenames", "surname", "date_of_birth",
                    "sex", "start_date", "address", "postcode", "address_from",
                    "previous_names", "previous_addresses", "phones", "vehicles"])
        for i in range(n):
            female = rng.random() < 0.4
            sex = "F" if female else "M"
            forename = names.forename(rng, sex)
            if rng.random() < MIDDLE_NAME_SHARE:
                forename += " " + names.forename(rng, sex)
            surname = names.surname(rng)
            dob = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 15000))
            district = rng.choice(["E8", "N1", "SE15", "SW9", "W12", "NW10", "E17", "CR0",
                                   "HA0", "IG1", "BR1", "KT2", "TW3", "UB4", "EN5"])
            postcode = f"{district} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLN')}" \
                       f"{rng.choice('PQRSTUWXYZ')}"
            street = fake.street_name()
            maiden = (f"{forename}|{names.surname(rng)}||2015-01-01"
                      if female and rng.random() < 0.5 else "")
            previous = (f"{rng.randint(1, 200)} {fake.street_name()}, London|"
                        f"{district} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLN')}"
                        f"{rng.choice('PQRSTUWXYZ')}|2005-01-01|2016-02-28"
                        if rng.random() < 0.5 else "")
            phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}" \
                if rng.random() < 0.8 else ""
            vehicle = f"L{rng.choice('ABCDEFGH')}{rng.randint(10, 70)}{fake.lexify('???').upper()}" \
                if rng.random() < 0.33 else ""
            w.writerow([f"{100000 + i}", "officer" if rng.random() < 0.6 else "staff",
                        forename, surname, dob.isoformat(), "female" if female else "male",
                        "2012-01-01", f"{rng.randint(1, 240)} {street}, London", postcode,
                        "2016-03-01", maiden, previous, phone, vehicle])


def child(args: list[str]) -> tuple[float, float, str]:
    """Run a manage.py command; (seconds, peak RSS GiB of that process alone, output)."""
    started = time.perf_counter()
    proc = subprocess.Popen([PY, "manage.py", *args], cwd=ROOT, env=ENV, text=True,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024 / 1024, output


def _pairs(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["employee_id"], r["record_id"]) for r in rows}


def _pr(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, Any]:
    tp = len(found & truth)
    return {"found": len(found), "true_positives": tp,
            "recall": round(tp / len(truth), 4) if truth else None,
            "precision": round(tp / len(found), 4) if found else None}


def recall_at_precision(ranked: list[tuple[tuple[bool, float], tuple[str, str]]],
                        truth: set[tuple[str, str]], precision: float) -> float:
    """Best recall of our ranked identity hits at any cut-off whose precision >= the given.
    Ranked as the pipeline decides: by evidence above the pair's own match threshold (a
    record with no address needs more), and pairs that share no address last (they are
    never matched automatically)."""
    best, tp = 0.0, 0
    for n, (_, pair) in enumerate(sorted(ranked, key=lambda x: x[0], reverse=True), start=1):
        tp += pair in truth
        if tp / n >= precision:
            best = max(best, tp / len(truth))
    return round(best, 4)


def _rank_key(explanation: dict[str, Any], weight: float) -> tuple[bool, float]:
    needed = explanation["match_threshold_weight"]
    return (needed is not None, weight - (needed or 0.0))


def baseline_exact(index: Path, hr: Path) -> set[tuple[str, str]]:
    con = duckdb.connect()
    _setup_django()
    from upright.screening.workforce import workforce_load
    workforce_load(con=con, source=hr)
    norm = "lower(trim({}))"
    rows = con.execute(f"""
        SELECT DISTINCT n.employee_id, p.record_id
        FROM workforce_names n JOIN workforce_people w USING (employee_id)
        JOIN read_parquet('{index / "persons.parquet"}') p
          ON {norm.format("n.forenames")} = {norm.format("p.forenames")}
         AND {norm.format("n.surname")} = {norm.format("p.surname")}
         AND w.dob = p.dob""").fetchall()  # noqa: S608 (a local path)
    return {(str(a), str(b)) for a, b in rows}


def baseline_splink(index: Path, hr: Path) -> tuple[set[tuple[str, str]], float, str]:
    """Plain Splink: standard comparisons, default-style blocking, threshold 0.9."""
    import logging

    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink import comparison_library as cl

    from upright.screening.extract import extract_load
    from upright.screening.linkage.prepare import linkage_tables_build
    from upright.screening.workforce import workforce_load
    _setup_django()
    started = time.perf_counter()
    con = duckdb.connect()
    extract_load(folder=index, con=con)
    workforce_load(con=con, source=hr)
    linkage_tables_build(con=con)
    for table in ("linkage_employees", "linkage_index"):
        con.execute(f"CREATE OR REPLACE TABLE plain_{table} AS SELECT unique_id, entity_id, "  # noqa: S608
                    f"forename AS first_name, surname, dob, postcode FROM {table}")
    settings = SettingsCreator(
        link_type="link_only", unique_id_column_name="unique_id",
        comparisons=[cl.NameComparison("first_name"), cl.NameComparison("surname"),
                     cl.DateOfBirthComparison("dob", input_is_string=False),
                     cl.PostcodeComparison("postcode")],
        # Splink's tutorial style: exact date of birth, or exact full name. (Surname alone
        # would be billions of pairs against ten million persons.)
        blocking_rules_to_generate_predictions=[block_on("dob"),
                                                block_on("first_name", "surname")],
        additional_columns_to_retain=["entity_id"])
    db = DuckDBAPI(connection=con)
    linker = Linker([db.register("plain_linkage_employees"), db.register("plain_linkage_index")],
                    settings, log_level=logging.WARNING)
    note = ""
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("first_name", "surname", "dob")], recall=0.7)
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=4242)
        # The same tight training blocks as ours: on dob alone, EM iterates over 35 million
        # mostly-chance pairs of a ten-million-person index (over 20 minutes here).
        for rule in (block_on("first_name", "surname", "dob"), block_on("postcode", "dob"),
                     block_on("postcode", "first_name", "surname")):
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
    except Exception as exc:  # noqa: BLE001 (a baseline that cannot train is reported, not fatal)
        note = f"training incomplete: {exc}"
    rel = linker.inference.predict(threshold_match_probability=0.9).as_duckdbpyrelation()
    cols = rel.columns
    found = set()
    for row in rel.fetchall():
        r = dict(zip(cols, row, strict=True))
        emp_left = str(r["unique_id_l"]).count("#") > 0
        e, x = ((r["entity_id_l"], r["entity_id_r"]) if emp_left
                else (r["entity_id_r"], r["entity_id_l"]))
        found.add((str(e), str(x)))
    return found, time.perf_counter() - started, note


def _setup_django() -> None:
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()


def score(out: Path, index: Path, hr: Path) -> dict[str, Any]:
    truth = pq.read_table(index / "truth.parquet").to_pylist()
    hits = pq.read_table(out / "hits.parquet").to_pylist()
    ident_truth = [t for t in truth if t["kind"] == "identity"]
    ident = _pairs(ident_truth)
    matched = _pairs([h for h in hits if h["kind"] == "identity" and h["band"] == "match"])
    any_band = _pairs([h for h in hits if h["kind"] == "identity"])
    by_corruption: dict[str, set[tuple[str, str]]] = {}
    for t in ident_truth:
        for c in t["detail"].split(";"):
            by_corruption.setdefault(c, set()).add((t["employee_id"], t["record_id"]))
    negatives: dict[str, set[tuple[str, str]]] = {}
    for t in truth:
        if t["kind"] == "hard_negative":
            negatives.setdefault(t["detail"], set()).add((t["employee_id"], t["record_id"]))
    assoc_rows = [t for t in truth if t["kind"] == "association"]
    # associations_find reports offenders only (a suspect, accused or convicted event).
    offender_ids = {r[0] for r in duckdb.connect().execute(
        f"SELECT DISTINCT record_id FROM read_parquet('{index / 'events.parquet'}') "  # noqa: S608
        "WHERE role IN ('suspect', 'accused', 'convicted')").fetchall()}
    assoc_found = _pairs([h for h in hits if h["kind"] == "association"])
    by_path: dict[str, dict[str, Any]] = {}
    for path in sorted({t["detail"] for t in assoc_rows}):
        rows = [t for t in assoc_rows if t["detail"] == path]
        offenders = _pairs([t for t in rows if t["record_id"] in offender_ids])
        by_path[path] = {"planted": len(rows), "offending": len(offenders),
                         "recall_offending": _pr(assoc_found, offenders)["recall"],
                         "recall_all": _pr(assoc_found, _pairs(rows))["recall"]}
    offending = _pairs([t for t in assoc_rows if t["record_id"] in offender_ids])
    ranked = [(_rank_key(json.loads(h["explanation"]), h["match_weight"]),
               (h["employee_id"], h["record_id"]))
              for h in hits if h["kind"] == "identity"]
    exact = baseline_exact(index, hr)
    plain, plain_s, note = baseline_splink(index, hr)
    baselines = {}
    for name, found in (("exact_name_dob_join", exact), ("plain_splink_p0.9", plain)):
        b = _pr(found, ident)
        b["ours_recall_at_this_precision"] = recall_at_precision(ranked, ident,
                                                                 b["precision"] or 0.0)
        baselines[name] = b
    baselines["plain_splink_p0.9"] |= {"seconds": round(plain_s, 1), "note": note}
    return {
        "identity": {"planted": len(ident), "match_band": _pr(matched, ident),
                     "match_or_review": _pr(any_band, ident),
                     "by_corruption": {c: {"planted": len(s), **{k: v for k, v in _pr(
                         matched, s).items() if k in ("true_positives", "recall")}}
                         for c, s in sorted(by_corruption.items())},
                     "false_positives_by_hard_negative": {
                         k: len(matched & s) for k, s in sorted(negatives.items())},
                     "false_positives": len(matched - ident)},
        "association": {"planted": len(assoc_rows), "offending": len(offending),
                        "recall_offending": _pr(assoc_found, offending)["recall"],
                        "recall_all": _pr(assoc_found, _pairs(assoc_rows))["recall"],
                        "found": len(assoc_found), "by_path": by_path},
        "baselines": baselines,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--persons", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory-limit", default="12GB")
    parser.add_argument("--work", type=Path, default=None, help="keep files here")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the HR file and extract already in --work (same sizes and seed)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_screening_"))
    work.mkdir(parents=True, exist_ok=True)
    hr, index, out = work / "hr.csv", work / "index", work / "out"
    t0 = time.perf_counter()
    reuse = args.reuse and (index / "truth.parquet").exists() and hr.exists()
    if not reuse:
        hr_write(hr, args.employees, args.seed)
    hr_s = time.perf_counter() - t0
    gen_s, gen_gib = 0.0, 0.0
    if not reuse:
        gen_s, gen_gib, _ = child(["demo_index", "--persons", str(args.persons), "--seed",
                                   str(args.seed), "--out", str(index), "--workforce", str(hr),
                                   "--as-of", AS_OF])
    run_s, run_gib, output = child(["screen_run", "--index", str(index), "--workforce",
                                    str(hr), "--out", str(out), "--memory-limit",
                                    args.memory_limit, "--no-record"])
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    scores = score(out, index, hr)
    result = {
        "employees": args.employees, "persons": args.persons, "seed": args.seed,
        "reused_extract": reuse,
        "cpus": os.cpu_count(), "work": str(work),
        "seconds": {"hr_file": round(hr_s, 1), "generate": round(gen_s, 1),
                    "screen_total": round(run_s, 1), **manifest["seconds"]},
        "peak_gib": {"generate": round(gen_gib, 2), "screen": round(run_gib, 2),
                     "bench_process": round(resource.getrusage(
                         resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024, 2)},
        "candidate_pairs": manifest["candidate_pairs"], "counts": manifest["counts"],
        **scores, "targets": TARGETS,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "screening.json").write_text(json.dumps(result, indent=2) + "\n",
                                            encoding="utf-8")
    i, a = result["identity"], result["association"]
    print(f"screening: {args.employees:,} employees x {args.persons:,} persons "
          f"({os.cpu_count()} CPUs)")
    print(f"  screen run {run_s:.1f} s, peak {run_gib:.2f} GiB; stages " + ", ".join(
        f"{k} {v:.1f}" for k, v in manifest["seconds"].items()))
    print(f"  identity  recall {i['match_band']['recall']} precision "
          f"{i['match_band']['precision']} ({i['planted']} planted, "
          f"{i['false_positives']} false positives)")
    for c, v in i["by_corruption"].items():
        print(f"    {c:<16} recall {v['recall']} ({v['planted']})")
    print(f"  association recall (offending) {a['recall_offending']}, all {a['recall_all']}")
    for p, v in a["by_path"].items():
        print(f"    {p:<16} recall {v['recall_offending']} ({v['offending']} offending)")
    for name, b in result["baselines"].items():
        print(f"  baseline {name}: recall {b['recall']} precision {b['precision']}; ours at "
              f"that precision {b['ours_recall_at_this_precision']}")
    print(f"  wrote {RESULTS / 'screening.json'}")


if __name__ == "__main__":
    main()
