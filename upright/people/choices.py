"""Reference enumerations for the workforce. The ethnicity list is the 2021 Census (England and
Wales) self-defined classification: 19 categories in 5 groups, plus "not stated"."""

from django.db import models


class EmploymentKind(models.TextChoices):
    OFFICER = "officer", "Police officer"
    STAFF = "staff", "Police staff"
    SPECIAL = "special", "Special constable"
    VOLUNTEER = "volunteer", "Police support volunteer"
    CONTRACTOR = "contractor", "Contractor"


class EmploymentStatus(models.TextChoices):
    SERVING = "serving", "Serving"
    SUSPENDED = "suspended", "Suspended"
    RESTRICTED = "restricted", "Restricted duties"
    LEFT = "left", "Left"


class OfficerRank(models.TextChoices):
    # Met rank structure, lowest first; the position is used for "one rank above" rules.
    CONSTABLE = "PC", "Constable"
    SERGEANT = "PS", "Sergeant"
    INSPECTOR = "INSP", "Inspector"
    CHIEF_INSPECTOR = "CI", "Chief Inspector"
    SUPERINTENDENT = "SUPT", "Superintendent"
    CHIEF_SUPERINTENDENT = "CSUPT", "Chief Superintendent"
    COMMANDER = "CMDR", "Commander"
    DEPUTY_ASSISTANT_COMMISSIONER = "DAC", "Deputy Assistant Commissioner"
    ASSISTANT_COMMISSIONER = "AC", "Assistant Commissioner"
    DEPUTY_COMMISSIONER = "DC", "Deputy Commissioner"
    COMMISSIONER = "COMM", "Commissioner"


class OrgUnitKind(models.TextChoices):
    FORCE = "force", "Force"
    COMMAND = "command", "Command"
    BCU = "bcu", "Basic command unit"
    TEAM = "team", "Team"


ORG_KIND_BY_DEPTH = [OrgUnitKind.FORCE, OrgUnitKind.COMMAND, OrgUnitKind.BCU, OrgUnitKind.TEAM]


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_STATED = "not_stated", "Not stated"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


class Ethnicity(models.TextChoices):
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Chinese"
    ASIAN_INDIAN = "asian_indian", "Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Pakistani"
    ASIAN_OTHER = "asian_other", "Other Asian"
    BLACK_AFRICAN = "black_african", "African"
    BLACK_CARIBBEAN = "black_caribbean", "Caribbean"
    BLACK_OTHER = "black_other", "Other Black"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Other Mixed or Multiple ethnic groups"
    WHITE_BRITISH = "white_british", "English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "Roma"
    WHITE_OTHER = "white_other", "Other White"
    OTHER_ARAB = "other_arab", "Arab"
    OTHER_ANY = "other_any", "Any other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


def ethnic_group_of(ethnicity: str) -> EthnicGroup:
    """The census group a category belongs to (its code's prefix)."""
    if ethnicity == Ethnicity.NOT_STATED:
        return EthnicGroup.NOT_STATED
    return EthnicGroup(ethnicity.split("_", 1)[0])
