"""Previous/next links for the paged lists of matters behind a figure (drill-downs and the
timeliness page's matters past 12 months): the same query with another page number."""

from django.http import HttpRequest


def page_links(request: HttpRequest, *, page: int, pages: int) -> dict[str, str]:
    """{"previous": "?...", "next": "?..."} for the pages that exist either side of `page`."""
    links = {}
    for name, number in (("previous", page - 1), ("next", page + 1)):
        if 1 <= number <= pages:
            query = request.GET.copy()
            query["page"] = str(number)
            links[name] = "?" + query.urlencode()
    return links
