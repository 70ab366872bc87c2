"""Enumerations of the suspension and restricted-duties register (uk-process.md §5)."""

from django.db import models


class Kind(models.TextChoices):
    # PCR reg 11(1): suspended from the office of constable and membership of the force.
    SUSPENDED = "suspended", "Suspended"
    # The reg 11(4)(a) alternative: temporary redeployment, managed under force policy.
    RESTRICTED = "restricted", "Restricted duties"


class Limb(models.TextChoices):
    # reg 11(4)(b)(i)
    PREJUDICE_INVESTIGATION = "prejudice_investigation", "Effective investigation may be prejudiced"
    # reg 11(4)(b)(ii)
    PUBLIC_INTEREST = "public_interest", "The public interest requires suspension"


class NotificationMethod(models.TextChoices):
    WRITTEN = "written", "In writing, with a summary of reasons"
    ORAL = "oral", "Orally (to be confirmed in writing)"


class PayStatus(models.TextChoices):
    # reg 11(3): suspension is always with pay; the only value, recorded for the statistics.
    FULL_PAY = "full_pay", "Full pay"


class RestrictionType(models.TextChoices):
    NON_PUBLIC_FACING = "non_public_facing", "Non-public-facing duties"
    NO_DRIVING = "no_driving", "No driving"
    OFFICE_BASED = "office_based", "Office-based duties"
    NO_SYSTEMS_ACCESS = "no_systems_access", "No access to systems"
    OTHER = "other", "Other (see restrictions)"


class EndReason(models.TextChoices):
    # reg 11(5): decided that the matter will not go to proceedings.
    NO_PROCEEDINGS = "no_proceedings", "No proceedings"
    # reg 11(5): proceedings concluded.
    PROCEEDINGS_CONCLUDED = "proceedings_concluded", "Proceedings concluded"
    # A review found the conditions no longer met.
    LIFTED_ON_REVIEW = "lifted_on_review", "Lifted on review"
    CONVERTED_TO_RESTRICTION = "converted_to_restriction", "Converted to restricted duties"
    CONVERTED_TO_SUSPENSION = "converted_to_suspension", "Converted to suspension"
    LEFT_FORCE = "left_force", "Left the force"


# Reasons suspension_end accepts; the others come from a review or a conversion.
DIRECT_END_REASONS = (EndReason.NO_PROCEEDINGS, EndReason.PROCEEDINGS_CONCLUDED,
                      EndReason.LEFT_FORCE)


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Continue"
    LIFT = "lift", "Lift"
    CONVERT = "convert", "Convert (suspension ↔ restricted duties)"
