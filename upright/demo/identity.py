"""Synthetic identities: names that fit the person's stated ethnicity, London addresses with
valid-format postcodes, UK phone numbers, e-mail addresses and current-format GB number plates.

Everything is drawn from one `random.Random` and seeded Faker instances, so the same seed gives
the same people. Nothing here is a real person: addresses pair invented street names with real
London postcode districts, e-mails use the reserved example.* domains (RFC 2606).
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from faker import Faker

from upright.people.choices import Ethnicity

# Faker locale whose name lists best fit each census category (an approximation, for realism
# in screens; nothing analyses these names). Categories not listed use en_GB.
_NAME_LOCALE: dict[str, str] = {
    Ethnicity.WHITE_IRISH: "en_IE",
    Ethnicity.ASIAN_INDIAN: "en_IN",
    Ethnicity.ASIAN_PAKISTANI: "en_PK",
    Ethnicity.ASIAN_BANGLADESHI: "en_PK",
    Ethnicity.ASIAN_OTHER: "en_IN",
    Ethnicity.BLACK_AFRICAN: "en_NG",
    Ethnicity.MIXED_WHITE_BLACK_AFRICAN: "en_NG",
}
# "Other White" in London is mostly European: Polish, Romanian, Italian and Portuguese names.
_WHITE_OTHER_LOCALES = ["pl_PL", "ro_RO", "it_IT", "pt_PT"]
_LOCALES = sorted({"en_GB", *_NAME_LOCALE.values(), *_WHITE_OTHER_LOCALES})
# Faker has no Latin-script Chinese or Arabic name list; short hand-made ones.
_CHINESE_SURNAMES = ["Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Lee", "Chan", "Lin", "Huang",
                     "Zhao", "Wu", "Zhou", "Ho", "Yang", "Tang", "Cheung", "Ng", "Lam", "Xu"]
_ARAB_SURNAMES = ["Ahmed", "Hassan", "Ali", "Mahmoud", "Ibrahim", "Khalil", "Haddad", "Saleh",
                  "Mansour", "Nasser", "Youssef", "Abbas", "Hamdan", "Farouk", "Aziz"]
_ARAB_FORENAMES = {"male": ["Omar", "Karim", "Youssef", "Ahmed", "Tariq", "Sami", "Hassan", "Ali"],
                   "female": ["Layla", "Nour", "Mariam", "Yasmin", "Huda", "Rania", "Salma", "Amira"]}

# Real London postcode districts with a locality for the address line (inner and outer London).
LONDON_DISTRICTS: list[tuple[str, str]] = [
    ("E1", "Whitechapel"), ("E2", "Bethnal Green"), ("E3", "Bow"), ("E5", "Clapton"),
    ("E6", "East Ham"), ("E7", "Forest Gate"), ("E8", "Hackney"), ("E9", "Homerton"),
    ("E10", "Leyton"), ("E11", "Leytonstone"), ("E13", "Plaistow"), ("E14", "Poplar"),
    ("E15", "Stratford"), ("E17", "Walthamstow"), ("N1", "Islington"), ("N4", "Finsbury Park"),
    ("N7", "Holloway"), ("N8", "Hornsey"), ("N9", "Lower Edmonton"), ("N15", "South Tottenham"),
    ("N16", "Stoke Newington"), ("N17", "Tottenham"), ("N19", "Archway"), ("N22", "Wood Green"),
    ("NW1", "Camden Town"), ("NW2", "Cricklewood"), ("NW5", "Kentish Town"), ("NW6", "Kilburn"),
    ("NW9", "Kingsbury"), ("NW10", "Willesden"), ("SE1", "Southwark"), ("SE5", "Camberwell"),
    ("SE6", "Catford"), ("SE8", "Deptford"), ("SE9", "Eltham"), ("SE13", "Lewisham"),
    ("SE15", "Peckham"), ("SE18", "Woolwich"), ("SE19", "Upper Norwood"), ("SE25", "South Norwood"),
    ("SW2", "Brixton Hill"), ("SW4", "Clapham"), ("SW6", "Fulham"), ("SW9", "Brixton"),
    ("SW11", "Battersea"), ("SW16", "Streatham"), ("SW17", "Tooting"), ("SW19", "Wimbledon"),
    ("W2", "Bayswater"), ("W3", "Acton"), ("W4", "Chiswick"), ("W5", "Ealing"),
    ("W6", "Hammersmith"), ("W10", "North Kensington"), ("W12", "Shepherd's Bush"),
    ("BR1", "Bromley"), ("CR0", "Croydon"), ("CR4", "Mitcham"), ("DA15", "Sidcup"),
    ("EN1", "Enfield"), ("HA0", "Wembley"), ("HA8", "Edgware"), ("IG1", "Ilford"),
    ("KT1", "Kingston upon Thames"), ("RM1", "Romford"), ("RM10", "Dagenham"), ("SM1", "Sutton"),
    ("TW3", "Hounslow"), ("TW9", "Richmond"), ("UB1", "Southall"), ("UB8", "Uxbridge"),
]
# Letters used in the inward code (the last two): never C, I, K, M, O or V.
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Current GB plates (since 2001): two-letter memory tag, age identifier, three random letters.
# London memory tags start with L; I, Q and Z are not used in the random letters.
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
_LONDON_TAGS = [f"L{c}" for c in "ABCDEFGHJKLMNOPRSTUVWXY"]
_EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]


@dataclass(frozen=True)
class Name:
    forenames: str
    surname: str


class IdentityMaker:
    """Draws identities deterministically from `rng` and Faker instances seeded from `seed`."""

    def __init__(self, *, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}
        for offset, locale in enumerate(_LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 100 + offset)
            self.fakers[locale] = fake

    def _locale_for(self, ethnicity: str) -> str:
        if ethnicity == Ethnicity.WHITE_OTHER:
            return self.rng.choice(_WHITE_OTHER_LOCALES)
        return _NAME_LOCALE.get(ethnicity, "en_GB")

    def name(self, *, ethnicity: str, sex: str) -> Name:
        fake = self.fakers[self._locale_for(ethnicity)]
        female = sex == "female"
        forename = fake.first_name_female() if female else fake.first_name_male()
        if ethnicity == Ethnicity.OTHER_ARAB:
            return Name(self.rng.choice(_ARAB_FORENAMES["female" if female else "male"]),
                        self.rng.choice(_ARAB_SURNAMES))
        if ethnicity == Ethnicity.ASIAN_CHINESE:
            return Name(forename, self.rng.choice(_CHINESE_SURNAMES))
        forenames = forename
        if self.rng.random() < 0.3:  # about a third have a middle name on HR records
            second = fake.first_name_female() if female else fake.first_name_male()
            forenames = f"{forename} {second}"
        return Name(forenames, fake.last_name())

    def surname(self) -> str:
        return self.fakers["en_GB"].last_name()

    def postcode(self) -> tuple[str, str]:
        district, locality = self.rng.choice(LONDON_DISTRICTS)
        letters = self.rng.choice(_INWARD_LETTERS) + self.rng.choice(_INWARD_LETTERS)
        inward = f"{self.rng.randint(0, 9)}{letters}"
        return f"{district} {inward}", locality

    def address(self) -> tuple[str, str]:
        """(address line, postcode), e.g. ("Flat 4, 27 Conway Road, Hackney, London", "E8 3QT")."""
        postcode, locality = self.postcode()
        street = self.fakers["en_GB"].street_name()
        line = f"{self.rng.randint(1, 240)} {street}, {locality}, London"
        if self.rng.random() < 0.35:  # London: many flats
            line = f"Flat {self.rng.randint(1, 40)}, {line}"
        return line, postcode

    def mobile(self) -> str:
        """A UK mobile in E.164 form (+447...). Numbers are random, not allocated to anyone known."""
        return f"+447{self.rng.randint(100, 999)}{self.rng.randint(0, 999999):06d}"

    def landline(self) -> str:
        """A London (020) number in E.164 form."""
        return f"+4420{self.rng.choice('378')}{self.rng.randint(0, 9999999):07d}"

    def email(self, name: Name) -> str:
        first = _ascii(name.forenames.split()[0]).lower()
        last = _ascii(name.surname).lower().replace(" ", "").replace("'", "")
        style = self.rng.randint(0, 2)
        local = [f"{first}.{last}", f"{first[0]}{last}{self.rng.randint(1, 99)}", f"{last}.{first}"][style]
        return f"{local}@{self.rng.choice(_EMAIL_DOMAINS)}"

    def vrm(self, *, registered: dt.date) -> str:
        """A current-format plate (AB12CDE) whose age identifier matches `registered`:
        March-August: the year's last two digits; September-February: those plus 50."""
        year = registered.year
        if registered.month >= 9:
            age = (year % 100) + 50
        elif registered.month >= 3:
            age = year % 100
        else:
            age = ((year - 1) % 100) + 50
        tag = self.rng.choice(_LONDON_TAGS) if self.rng.random() < 0.6 else (
            self.rng.choice("ABCDEFGHKMNOPRSVWY") + self.rng.choice(_PLATE_LETTERS))
        tail = "".join(self.rng.choice(_PLATE_LETTERS) for _ in range(3))
        return f"{tag}{age:02d}{tail}"


def _ascii(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in "-"))
