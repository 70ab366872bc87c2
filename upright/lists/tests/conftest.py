"""A barred and an advisory list with a few hundred synthetic entries and planted people."""

import datetime as dt
import random

import pytest

from upright.access.roles import Role
from upright.lists.services import list_import
from upright.screening.linkage.sample import FORENAMES_F, FORENAMES_M, SURNAMES

HEADER = ("entry_ref,forenames,surname,other_names,date_of_birth,sex,former_force,rank_or_role,"
          "listed_on,reason,published\n")


def barred_csv(n: int = 400, *, extra: str = "") -> str:
    rand = random.Random(11)  # noqa: S311 (seeded test data)
    lines = [HEADER]
    for i in range(n):
        sex = rand.choice("MF")
        fn = rand.choice(FORENAMES_M if sex == "M" else FORENAMES_F)
        sn = rand.choice(SURNAMES) + rand.choice(["", "SON", "LEY", "FORD"])
        dob = dt.date(1960, 1, 1) + dt.timedelta(days=rand.randint(0, 15000))
        lines.append(f"BL{i:05d},{fn},{sn},,{dob},{sex},Kent Police,PC,2022-03-01,"
                     f"Gross misconduct: dishonesty,yes\n")
    lines.append("BL-T1,William,Hargreaves,William|Hargreaves-Boyd,1984-03-07,M,"
                 "Thames Valley Police,PS,2023-05-12,Gross misconduct: abuse of position,no\n")
    return "".join(lines) + extra


ADVISORY = ("entry_ref,forenames,surname,other_names,date_of_birth,sex,former_force,"
            "rank_or_role,listed_on,reason\n"
            "AL-1,Sarah,Pennington,,1990-11-23,F,Essex Police,DC,2024-01-09,"
            "Resigned during a gross misconduct investigation\n")


@pytest.fixture
def vetting_officer(make_user):
    return make_user(Role.VETTING_OFFICER)


@pytest.fixture
def lists(db, vetting_officer):
    barred = list_import(actor=vetting_officer, list_kind="barred",
                         data=barred_csv().encode(), file_name="barred.csv")
    advisory = list_import(actor=vetting_officer, list_kind="advisory", data=ADVISORY.encode(),
                           file_name="advisory.csv")
    return barred, advisory
