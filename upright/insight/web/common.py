"""What every statistics page shares: the INSIGHT_VIEW check, the financial year a page opens
on, and previous/next links for the paged lists of matters behind a figure (drill-downs and
the timeliness page's matters past 12 months)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.insight.returns import financial_year_of


def view_require(request: HttpRequest) -> None:
    if not user_has_perm(user=request.user, perm=Perm.INSIGHT_VIEW):
        raise PermissionDenied


def this_financial_year() -> int:
    return financial_year_of(day=timezone.localdate())


def page_links(request: HttpRequest, *, page: int, pages: int) -> dict[str, str]:
    """{"previous": "?...", "next": "?..."} for the pages that exist either side of `page`."""
    links = {}
    for name, number in (("previous", page - 1), ("next", page + 1)):
        if 1 <= number <= pages:
            query = request.GET.copy()
            query["page"] = str(number)
            links[name] = "?" + query.urlencode()
    return links
