"""The lists app's write interface. Other apps use only what is exported here."""

from upright.lists.services.checks import (
    CheckRequest,
    bands_current,
    list_candidate_resolve,
    list_check_run,
    list_check_view_record,
    lists_imported,
)
from upright.lists.services.imports import ListImportRejected, list_import

__all__ = ["CheckRequest", "ListImportRejected", "bands_current", "list_candidate_resolve",
           "list_check_run", "list_check_view_record", "list_import", "lists_imported"]
