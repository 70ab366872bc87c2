"""How often each name occurs in a synthetic workforce and extract: a heavy tail, as in life.

A real index holds a few very common surnames (Smith is about 1 in 80 people in England and
Wales) and a long tail of rare ones. Linkage weighs a shared surname by how rare it is, so a
generator that draws a few thousand names uniformly makes every surname look as common as the
country's few hundred commonest, and same-named strangers far commoner than they are. Both the
extract's background and the benchmark's workforce draw from the distribution built here.

The distribution is an assumption, built from published lists, not measured from an index:
- People of British origin (the largest share of ``_ORIGINS``) take their surname from ONS's
  500 commonest in England and Wales, at their published shares (Faker's en_GB list holds
  them; together 39.5% of people), or else from the rest of the US Census 1990 surname list
  (88,799 names, from the `names` package), in proportion to each name's census share. The
  census supplies the shape of a real long tail, in names in English use.
- Their forenames follow the US Census 1990 first-name lists at their shares.
- People of other origins take names from Faker's lists for that origin, equally often. Those
  lists are short (Romanian surnames: 44), so these names are commoner than in life: a harder
  case for precision, not an easier one.
"""

import bisect
import functools
import importlib.resources
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass

from faker import Faker

# London's mix of name origins, approximately (2021 Census), each with Faker's locales for it.
_ORIGINS: dict[str, tuple[float, tuple[str, ...]]] = {
    "british": (0.68, ()),
    "irish": (0.04, ("en_IE",)),
    "indian": (0.08, ("en_IN",)),
    "pakistani": (0.05, ("en_PK",)),
    "nigerian": (0.06, ("en_NG", "yo_NG", "ig_NG", "ha_NG")),
    "polish": (0.04, ("pl_PL",)),
    "romanian": (0.03, ("ro_RO",)),
    "italian": (0.01, ("it_IT",)),
    "portuguese": (0.01, ("pt_PT",)),
}
_FAKER_DRAWS = 4000  # per locale and list: enough to meet nearly every name in Faker's lists
# Integer weights: the background in DuckDB and the planted records in Python then draw from
# exactly the same distribution. 2**22 gives the rarest census surname a slot or two.
_SLOTS = {"male": 2**20, "female": 2**20, "surname": 2**22}


@dataclass(frozen=True)
class NameList:
    """Names with integer weights: `cumulative[i]` is the slots of names[0..i] together."""

    names: tuple[str, ...]
    cumulative: tuple[int, ...]

    @property
    def slots(self) -> int:
        return self.cumulative[-1]

    def pick(self, rng: random.Random) -> str:
        return self.names[bisect.bisect_right(self.cumulative, rng.randrange(self.slots))]

    def share(self, name: str) -> float:
        """The share of people with this name (0 when it is not in the list)."""
        i = bisect.bisect_left(self.names, name)
        if i == len(self.names) or self.names[i] != name:
            return 0.0
        return (self.cumulative[i] - (self.cumulative[i - 1] if i else 0)) / self.slots


@dataclass(frozen=True)
class Names:
    male: NameList
    female: NameList
    surnames: NameList

    def forename(self, rng: random.Random, sex: str) -> str:
        return (self.female if sex == "F" else self.male).pick(rng)

    def surname(self, rng: random.Random) -> str:
        return self.surnames.pick(rng)


@functools.cache
def names_load() -> Names:
    """The distribution (the same in every process: it depends on no seed)."""
    ons = _ons_surnames()
    census = {name: share for name, share in _census("dist.all.last").items()
              if name not in ons}
    british_surnames = {**ons, **_scaled(census, 1 - sum(ons.values()))}
    return Names(
        male=_mix("male", _census("dist.male.first"), "first_name_male"),
        female=_mix("female", _census("dist.female.first"), "first_name_female"),
        surnames=_mix("surname", british_surnames, "last_name"))


def _mix(kind: str, british: dict[str, float], faker_method: str) -> NameList:
    weights: dict[str, float] = defaultdict(float)
    for origin, (share, locales) in _ORIGINS.items():
        origin_names = british if origin == "british" else _faker_names(locales, faker_method)
        for name, weight in _scaled(origin_names, share).items():
            weights[name] += weight
    names = sorted(weights)
    total = sum(weights.values())
    slots = [max(1, round(weights[n] / total * _SLOTS[kind])) for n in names]
    return NameList(tuple(names), tuple(itertools.accumulate(slots)))


def _scaled(weights: dict[str, float], total: float) -> dict[str, float]:
    scale = total / sum(weights.values())
    return {name: weight * scale for name, weight in weights.items()}


def _ons_surnames() -> dict[str, float]:
    """ONS's commonest surnames in England and Wales, as shares of all people."""
    from faker.providers.person.en_GB import Provider

    return {name: percent / 100 for name, percent in Provider.last_names.items()}


def _census(filename: str) -> dict[str, float]:
    """A US Census 1990 list (NAME, percent, cumulative percent, rank) as name -> share.

    The percents are rounded to 0.001, which is zero for most of the tail, so each name's
    share is read from the cumulative column instead: the rise in the cumulative percent at a
    name is spread evenly over the names since the last rise.
    """
    text = importlib.resources.files("names").joinpath(filename).read_text(encoding="ascii")
    shares: dict[str, float] = {}
    pending: list[str] = []
    last, each = 0.0, 0.0
    for line in text.splitlines():
        name, _, cumulative, _ = line.split()
        pending.append(_title(name))
        if float(cumulative) > last:
            each = (float(cumulative) - last) / 100 / len(pending)
            shares.update(dict.fromkeys(pending, each))
            pending, last = [], float(cumulative)
    shares.update(dict.fromkeys(pending, each))  # the last few, after the last rise
    return shares


def _title(name: str) -> str:
    """SMITH -> Smith, MCDONALD -> McDonald (the census has no apostrophes or spaces)."""
    if name.startswith("MC") and len(name) > 3:
        return "Mc" + name[2:].title()
    return name.title()


def _faker_names(locales: tuple[str, ...], method: str) -> dict[str, float]:
    seen: dict[str, float] = {}
    for offset, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(1000 + offset)  # fixed: the lists are the same for every seed
        for _ in range(_FAKER_DRAWS):
            seen[getattr(fake, method)().split()[0]] = 1.0
    return seen
