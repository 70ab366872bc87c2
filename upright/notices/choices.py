"""Enumerations of the notices app (uk-process.md §9, §2.3, §2.4)."""

import datetime as dt

from django.db import models

# SI 2025/558 reg 8 (amending PCR reg 9) allows service by email from this date, for matters
# under the amended regime (transitional rule keyed on the date of attention, SI 2025/558 reg 66).
EMAIL_SERVICE_FROM = dt.date(2025, 5, 28)
# conduct.choices.Regime.R2020_AMENDED_2025's value; notices sits below conduct, so the caller
# passes the string.
REGIME_AMENDED_2025 = "2020_amended_2025"


class NoticeKind(models.TextChoices):
    REG17 = "reg17_notice", "Written notice of investigation (PCR reg 17)"
    REG30 = "reg30_referral", "Notice of referral to misconduct proceedings (PCR reg 30)"
    OUTCOME = "outcome_notice", "Notice of outcome (PCR reg 43)"
    SUSPENSION = "suspension_notice", "Notice of suspension or restriction (PCR reg 11)"
    TIMELINESS = "timeliness_report", "Timeliness report (PCR reg 19 / CMR reg 13)"


class ServiceMethod(models.TextChoices):
    HAND = "hand", "By hand"
    POST = "post", "By post"
    EMAIL = "email", "By email"
    ORAL_THEN_WRITTEN = "oral_then_written", "Orally, confirmed in writing"


class HarmTestGround(models.TextChoices):
    """PCR reg 6: why information is withheld from the officer."""

    A = "a_criminal_proceedings", "(a) Avoid prejudicing criminal proceedings"
    B = "b_national_security", "(b) National security"
    C = "c_crime_prevention", "(c) Prevention or detection of crime"
    D = "d_misconduct_prevention", "(d) Prevention or detection of misconduct by others"
    E = "e_disproportionate_effort", "(e) Disproportionate effort"
    F = "f_informant_witness_safety", "(f) Welfare and safety of an informant or witness"
    G = "g_public_interest", "(g) Otherwise in the public interest"


class Recipient(models.TextChoices):
    """Who a timeliness report goes to (PCR reg 19(2),(4); CMR reg 13)."""

    LPB = "lpb", "Local policing body"
    IOPC_DG = "iopc_dg", "Director General of the IOPC"
    OFFICER = "officer", "The officer concerned"


class TimelinessBasis(models.TextChoices):
    PCR_19 = "pcr_19", "PCR 2020 reg 19 (conduct matter investigation)"
    CMR_13 = "cmr_13", "CMR 2020 reg 13 (Schedule 3 investigation)"


class TimelinessStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"  # a notice issued to each recipient
    EXEMPT = "exempt", "Not sent: prejudice exemption"  # reg 19(3) / CMR reg 13: nobody gets it
