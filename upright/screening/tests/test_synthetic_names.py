import datetime as dt
import hashlib
import os
import random
import subprocess
import sys

import duckdb

from upright.screening import synthetic_bulk as bulk
from upright.screening.synthetic import Pools
from upright.screening.synthetic_names import _census, _title, names_load


def test_surnames_have_a_long_tail_and_few_common_names():
    surnames = names_load().surnames
    shares = {name: surnames.share(name) for name in surnames.names}
    commonest = max(shares, key=shares.__getitem__)
    assert commonest == "Smith"
    assert 0.005 < shares["Smith"] < 0.013  # 1.26% of England and Wales, less in London's mix
    assert len(surnames.names) > 80_000
    # Two strangers share a surname about 1 time in 2,000, not 1 in 390 as with the old pools.
    assert sum(s * s for s in shares.values()) < 0.001
    rng = random.Random(4)
    assert len({surnames.pick(rng) for _ in range(100_000)}) > 20_000  # the old pools: < 4,000


def test_picks_follow_the_stated_shares():
    names = names_load()
    rng = random.Random(9)
    draws = [names.surname(rng) for _ in range(200_000)]
    for name in ("Smith", "Patel", "Jones"):
        share = names.surnames.share(name)
        standard_error = (share * (1 - share) / len(draws)) ** 0.5
        assert abs(draws.count(name) / len(draws) - share) < 5 * standard_error, name
    women = [names.forename(rng, "F") for _ in range(50_000)]
    assert women.count("Mary") > 10 * max(1, women.count("James"))
    assert names.surnames.share("Not A Surname") == 0.0


def test_census_shares_are_read_from_the_cumulative_column():
    shares = _census("dist.all.last")
    assert len(shares) == 88_799
    # The list covers 90.483% of people (a little more: the last few names after its last rise).
    assert abs(sum(shares.values()) - 0.90483) < 1e-5
    assert abs(shares["Smith"] - 0.01006) < 1e-9
    # The tail's printed percent is 0.000; its share is still positive, and below the head's.
    assert 0 < shares["Aalderink"] < shares["Brust"] < shares["Hayes"]
    assert _title("MCDONALD") == "McDonald"
    assert _title("SMITH") == "Smith"


def test_the_background_draws_from_the_same_distribution():
    names = names_load()
    con = duckdb.connect()
    bulk.background_build(con=con, n=200_000, seed=2, as_of=dt.date(2025, 6, 1),
                          pools=Pools(seed=2, districts=[]))
    total, smiths, unknown, distinct = con.execute(
        "SELECT count(*), count(*) FILTER (surname = 'Smith'), "
        "count(*) FILTER (surname NOT IN (SELECT unnest(?::VARCHAR[]))), count(DISTINCT surname) "
        "FROM _syn_persons", [list(names.surnames.names)]).fetchall()[0]
    share = names.surnames.share("Smith")
    assert unknown == 0
    assert abs(smiths / total - share) < 5 * (share * (1 - share) / total) ** 0.5
    assert distinct > 30_000
    women = con.execute("SELECT count(*) FILTER (split_part(forenames, ' ', 1) = 'Mary'), "
                        "count(*) FROM _syn_persons WHERE sex = 'F'").fetchall()[0]
    mary = names.female.share("Mary")
    assert abs(women[0] / women[1] - mary) < 5 * (mary * (1 - mary) / women[1]) ** 0.5


def test_the_distribution_is_the_same_in_every_process():
    # A set's order follows each process's string hashing; nothing here may depend on it.
    script = ("import hashlib; from upright.screening.synthetic_names import names_load; "
              "n = names_load(); print(hashlib.sha256(repr((n.male, n.female, n.surnames))"
              ".encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    here = names_load()
    assert digests == {hashlib.sha256(repr((here.male, here.female, here.surnames)).encode())
                       .hexdigest() + "\n"}
