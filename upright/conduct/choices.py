"""Reference enumerations for complaints and conduct matters (uk-process.md §2.1, §4, §9).

Other apps may import this module (it holds no models); the states live in `states.py`.
"""

from django.db import models


class MatterKind(models.TextChoices):
    COMPLAINT = "complaint", "Public complaint (PRA 2002 Sch 3)"
    CONDUCT_MATTER = "conduct_matter", "Conduct matter (PCR 2020)"
    RECORDABLE_CONDUCT_MATTER = "recordable_conduct_matter", "Recordable conduct matter (CMR reg 7)"


class Standard(models.TextChoices):
    """The ten Standards of Professional Behaviour (PCR 2020 reg 5, Sch 2)."""

    HONESTY_INTEGRITY = "honesty_integrity", "Honesty and Integrity"
    AUTHORITY_RESPECT_COURTESY = "authority_respect_courtesy", "Authority, Respect and Courtesy"
    EQUALITY_DIVERSITY = "equality_diversity", "Equality and Diversity"
    USE_OF_FORCE = "use_of_force", "Use of Force"
    ORDERS_INSTRUCTIONS = "orders_instructions", "Orders and Instructions"
    DUTIES_RESPONSIBILITIES = "duties_responsibilities", "Duties and Responsibilities"
    CONFIDENTIALITY = "confidentiality", "Confidentiality"
    FITNESS_FOR_WORK = "fitness_for_work", "Fitness for Work"
    DISCREDITABLE_CONDUCT = "discreditable_conduct", "Discreditable Conduct"
    CHALLENGING_REPORTING = "challenging_reporting", "Challenging and Reporting Improper Conduct"


class Regime(models.TextChoices):
    """The regulations in force when the matter came to the authority's attention."""

    R2012 = "2012", "Police (Conduct) Regulations 2012"
    R2020 = "2020", "Police (Conduct) Regulations 2020"
    R2020_AMENDED_2025 = "2020_amended_2025", "PCR 2020 as amended by SI 2025/558"


class ReferralCriterion(models.TextChoices):
    """CMR 2020 regs 4 and 7; PRA 2002 Sch 3 paras 4 and 13 (uk-process.md §4, §9)."""

    DEATH_OR_SERIOUS_INJURY = "death_or_serious_injury", "Death or serious injury (Sch 3 para 4(1)(a))"
    SERIOUS_ASSAULT = "serious_assault", "Serious assault (CMR reg 4(1)(a)(i) / 7(a))"
    SERIOUS_SEXUAL_OFFENCE = "serious_sexual_offence", "Serious sexual offence (reg 4 / 7(b))"
    SERIOUS_CORRUPTION = "serious_corruption", "Serious corruption (reg 4 / 7(c))"
    ABUSE_OF_POSITION_SEXUAL_PURPOSE = (
        "abuse_of_position_sexual_purpose", "Abuse of position for a sexual purpose (reg 4 / 7(c))"
    )
    ABUSE_OF_POSITION_IMPROPER_EMOTIONAL_RELATIONSHIP = (
        "abuse_of_position_improper_emotional_relationship",
        "Abuse of position for an improper emotional relationship (reg 4 / 7(c))",
    )
    DISCRIMINATION_AGGRAVATED = (
        "discrimination_aggravated", "Offence or misconduct aggravated by discrimination (reg 4 / 7(d))"
    )
    RELEVANT_OFFENCE = "relevant_offence", "A relevant offence (reg 4 / 7(e))"
    SAME_INCIDENT = "same_incident", "Arises from the same incident as a referable matter"
    CHIEF_OFFICER_OR_DEP_COMMISSIONER = (
        "chief_officer_or_dep_commissioner", "Conduct of a chief officer or the Deputy Commissioner"
    )
    DG_CALL_IN = "dg_call_in", "The Director General has called the matter in (Sch 3 para 4(1)(c))"
    VOLUNTARY_GRAVITY = "voluntary_gravity", "Voluntary: gravity (Sch 3 para 4(2))"
    VOLUNTARY_EXCEPTIONAL = "voluntary_exceptional", "Voluntary: exceptional circumstances (para 4(2))"


# Any one of these makes referral mandatory; the voluntary ones leave it to the AA's judgement.
MANDATORY_REFERRAL_CRITERIA = frozenset(
    c for c in ReferralCriterion if c not in {
        ReferralCriterion.VOLUNTARY_GRAVITY, ReferralCriterion.VOLUNTARY_EXCEPTIONAL
    }
)


class InvestigationMode(models.TextChoices):
    """The IOPC's decision on the form of investigation (PRA 2002 Sch 3 paras 15-19)."""

    LOCAL = "local", "Local investigation (para 16)"
    DIRECTED = "directed", "Directed investigation (para 18)"
    INDEPENDENT = "independent", "Independent investigation (para 19)"
    RETURNED = "returned", "Returned to the force to handle"


class SeverityLevel(models.TextChoices):
    """PCR 2020 reg 14: what the conduct would amount to, if proved."""

    NONE = "none", "No misconduct or practice requiring improvement"
    PRACTICE_REQUIRING_IMPROVEMENT = "practice_requiring_improvement", "Practice requiring improvement"
    MISCONDUCT = "misconduct", "Misconduct"
    GROSS_MISCONDUCT = "gross_misconduct", "Gross misconduct"


class SeverityRoute(models.TextChoices):
    """PCR 2020 reg 14(2): how the matter proceeds after the severity assessment."""

    INVESTIGATE = "investigate", "Investigate (reg 15)"
    RPRP = "rprp", "Reflective practice review process (reg 14(2)(a), Part 6)"
    VETTING = "vetting", "Refer under the Vetting Regulations 2025 (reg 14(2)(aa))"
    NFA = "nfa", "No further action"


class ServiceMethod(models.TextChoices):
    """How a written notice was given (PCR reg 9; email from 28 May 2025, SI 2025/558 reg 8)."""

    IN_PERSON = "in_person", "Handed to the officer"
    POST = "post", "Sent by post"
    EMAIL = "email", "Sent by email"
    LEFT_AT_ADDRESS = "left_at_address", "Left at the officer's last known address"


class CaseToAnswer(models.TextChoices):
    """PCR reg 23(1)(a)."""

    NO_CASE = "no_case", "No case to answer"
    MISCONDUCT = "misconduct", "Case to answer for misconduct"
    GROSS_MISCONDUCT = "gross_misconduct", "Case to answer for gross misconduct"


class ProceedingsForm(models.TextChoices):
    """PCR reg 23(1)(c); Part 5; Part 3A."""

    MEETING = "meeting", "Misconduct meeting"
    HEARING = "hearing", "Misconduct hearing"
    AMH = "amh", "Accelerated misconduct hearing"


class Finding(models.TextChoices):
    """PCR reg 41: the finding on one allegation."""

    NOT_MISCONDUCT = "not_misconduct", "Neither misconduct nor gross misconduct"
    MISCONDUCT = "misconduct", "Misconduct"
    GROSS_MISCONDUCT = "gross_misconduct", "Gross misconduct"
    DISCONTINUED = "discontinued", "Discontinued"


class DisciplinaryAction(models.TextChoices):
    """PCR reg 42 (and "would have been dismissed" for former officers, PATR r.3)."""

    NO_ACTION = "no_action", "No disciplinary action"
    WRITTEN_WARNING = "written_warning", "Written warning"
    FINAL_WRITTEN_WARNING = "final_written_warning", "Final written warning"
    REDUCTION_IN_RANK = "reduction_in_rank", "Reduction in rank"
    DISMISSAL_WITHOUT_NOTICE = "dismissal_without_notice", "Dismissal without notice"
    WOULD_HAVE_BEEN_DISMISSED = "would_have_been_dismissed", "Would have been dismissed"


class Reg42Basis(models.TextChoices):
    """Why a misconduct case may go to a hearing with dismissal available (reg 42(5)-(6))."""

    LIVE_FINAL_WARNING = "live_final_warning", "A final written warning was live (reg 42(5))"
    MULTIPLE_INCIDENTS = "multiple_incidents", "More than one incident, not closely connected (reg 42(6))"


class PanelRole(models.TextChoices):
    """Who sits on a misconduct hearing panel (PCR reg 28; SI 2024/521 from 7 May 2024)."""

    LQC_CHAIR = "lqc_chair", "Legally qualified chair (to 6 May 2024)"
    SUPERINTENDENT_MEMBER = "superintendent_member", "Officer of superintendent rank or above (to 6 May 2024)"
    INDEPENDENT_MEMBER = "independent_member", "Independent member"
    CHAIR = "chair", "Chief officer chair or delegate (from 7 May 2024)"
    LQP_ADVISER = "lqp_adviser", "Legally qualified person, adviser (from 7 May 2024)"


class AppealGround(models.TextChoices):
    """PCR reg 45(4): the only grounds of appeal from a misconduct meeting."""

    UNREASONABLE = "a", "(a) The finding or disciplinary action was unreasonable"
    NEW_EVIDENCE = "b", "(b) Evidence that could not reasonably have been considered"
    PROCEDURE = "c", "(c) A serious breach of procedure or other unfairness"


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    DISMISSED = "dismissed", "Dismissed"


# ---- public complaints (PRA 2002 Sch 3; CMR 2020; uk-process.md §3, §9) ----------------------

class ComplaintTrack(models.TextChoices):
    """How a complaint is being handled (uk-process.md §9 complaint_track)."""

    OUTSIDE_SCH3 = "outside_sch3", "Handled outside Schedule 3"
    SCH3_OTHERWISE = "sch3_otherwise_than_investigation", "Sch 3: otherwise than by investigation"
    SCH3_INVESTIGATION = "sch3_investigation", "Sch 3: investigation"


class ReviewBody(models.TextChoices):
    """The relevant review body (Sch 3 para 30; CMR reg 32)."""

    LOCAL_POLICING_BODY = "local_policing_body", "Local policing body"
    IOPC = "iopc", "IOPC (Director General)"


class ReviewDecision(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class ReviewConsequence(models.TextChoices):
    """What follows an upheld review (Sch 3 paras 6A, 25-28; CMR reg 30)."""

    RECOMMENDATIONS = "recommendations", "Recommendations to the appropriate authority"
    REHANDLE = "rehandle", "The complaint is to be handled again"
    REINVESTIGATE = "reinvestigate", "Re-investigation"
    PROCEEDINGS = "proceedings", "Direction to bring disciplinary proceedings"


class ContactMethod(models.TextChoices):
    """How the complainant is kept informed (CMR Part 4)."""

    EMAIL = "email", "Email"
    POST = "post", "Post"
    PHONE = "phone", "Telephone"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "Online mailbox"


class AgeBand(models.TextChoices):
    """Self-described age band for the IOPC complaint statistics (bands [U])."""

    UNDER_18 = "under_18", "Under 18"
    AGE_18_24 = "18_24", "18 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_PLUS = "65_plus", "65 or over"
    NOT_STATED = "not_stated", "Prefer not to say"


class ComplainantRole(models.TextChoices):
    COMPLAINANT = "complainant", "Complainant"
    INTERESTED_PERSON = "interested_person", "Interested person (PRA s.21)"


# A "senior officer" is one above the rank of chief superintendent (PRA 2002 s.29); the codes
# are people.choices.OfficerRank's (Met) plus the county-force chief officer ranks.
SENIOR_OFFICER_RANKS = frozenset({"CMDR", "DAC", "AC", "DC", "COMM", "ACC", "DCC", "CC"})
