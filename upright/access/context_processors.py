"""Role-aware navigation: each user sees links only to what their role can use."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from upright.access.roles import Perm

NAV: list[tuple[str, str, str | None]] = [
    ("Triage queue", "intake:triage", Perm.VIEW_TRIAGE),
    ("Matters", "conduct:matter_list", Perm.VIEW_MATTER),
    ("Overdue", "conduct:overdue", Perm.VIEW_MATTER),
    ("Suspensions", "suspensions:register", Perm.SUSPENSIONS_VIEW),
    ("Notices", "notices:notice_list", Perm.NOTICES_VIEW),
    ("Publication", "publication:queue", Perm.PUBLICATION_VIEW),
    ("List reports", "publication:list_reports", Perm.PUBLICATION_LIST_REPORT),
    ("Vetting reviews", "vetting:review_queue", Perm.VETTING_REVIEW),
    ("Vetting", "vetting:expiry_queue", Perm.VETTING_VIEW),
    ("My declarations", "vetting:declarations_mine", Perm.VETTING_DECLARE),
    ("Withdrawals", "vetting_withdrawal:list", Perm.VETTING_WITHDRAWAL),
    ("Barred lists", "lists:home", Perm.VETTING_LISTS),
    ("Screening", "screening:hit_queue", Perm.SCREENING_VIEW),
    ("Review campaigns", "patterns_campaigns:list", Perm.CAMPAIGNS_VIEW),
    ("Pattern alerts", "patterns:alert_queue", Perm.PATTERNS_VIEW),
    ("Search", "conduct:search", Perm.VIEW_PERSON),
    ("Confidential report", "intake:confidential", Perm.REPORT_CONFIDENTIAL),
    ("Statistics", "insight:index", Perm.INSIGHT_VIEW),
    ("Dashboard", "insight:dashboard", Perm.INSIGHT_VIEW),
    ("Early intervention", "insight:early", Perm.INSIGHT_SCORES),
    ("Commitments", "portal:commitments_manage", Perm.ADMINISTER),
    ("Audit log", "access:audit", Perm.VIEW_AUDIT),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [{"label": label, "url": reverse(url_name), "current": False}
             for label, url_name, perm in NAV if perm is None or user.has_role_perm(perm)]
    # One link is current: the longest that the path starts with (/staff/insight/dashboard/
    # is the Dashboard, not also Statistics at /staff/insight/).
    matching = [item for item in items if request.path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["current"] = True
    return {"nav_items": items}
