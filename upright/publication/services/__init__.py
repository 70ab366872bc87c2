"""Publication services (writes). Conduct calls the three `*_prepare`/`*_create` verbs."""

from upright.publication.services.items import hearing_notice_prepare, outcome_publication_prepare
from upright.publication.services.list_reports import (
    list_report_task_actions,
    list_report_task_close,
    list_report_task_create,
    list_report_task_mark_reported,
)
from upright.publication.services.workflow import (
    publication_item_approve,
    publication_item_directions_record,
    publication_item_publish,
    publication_item_review,
    publication_item_withdraw,
    publication_items_expire,
)

__all__ = [
    "hearing_notice_prepare",
    "list_report_task_actions",
    "list_report_task_close",
    "list_report_task_create",
    "list_report_task_mark_reported",
    "outcome_publication_prepare",
    "publication_item_approve",
    "publication_item_directions_record",
    "publication_item_publish",
    "publication_item_review",
    "publication_item_withdraw",
    "publication_items_expire",
]
