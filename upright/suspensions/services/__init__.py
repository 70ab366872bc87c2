"""The suspensions register's write interface. Other apps use only what is exported here."""

from upright.suspensions.services.common import (
    Conversion,
    Notification,
    RestrictionTerms,
    SuspensionGrounds,
    grounds_from,
    notification_from,
    terms_from,
)
from upright.suspensions.services.notes import (
    suspension_confirm_in_writing,
    suspension_representation_record,
    suspension_view_record,
)
from upright.suspensions.services.register import (
    restriction_impose,
    suspension_convert,
    suspension_end,
    suspension_impose,
    suspension_review,
)

__all__ = [
    "Conversion",
    "Notification",
    "RestrictionTerms",
    "SuspensionGrounds",
    "grounds_from",
    "notification_from",
    "restriction_impose",
    "suspension_confirm_in_writing",
    "suspension_convert",
    "suspension_end",
    "suspension_impose",
    "suspension_representation_record",
    "suspension_review",
    "suspension_view_record",
    "terms_from",
]
