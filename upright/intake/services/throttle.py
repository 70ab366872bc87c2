"""One rate limit for public intake, shared by the web form and the API.

The client address comes from REMOTE_ADDR, or, behind N trusted reverse proxies
(UPRIGHT_TRUSTED_PROXY_COUNT), from the N-th entry from the right of X-Forwarded-For: entries
further left were written by the client and cannot be trusted. The address is used only as a
hashed key for the limit's window (core.ratelimit); it is never stored with a report.
"""

from django.conf import settings
from django.http import HttpRequest

from upright.core.ratelimit import rate_limit_hit

REPORT_GROUP = "intake.report"
MAILBOX_GROUP = "intake.mailbox"


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "UPRIGHT_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies means every entry was written by a trusted proxy.
    return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]


def intake_rate_limited(*, request: HttpRequest, group: str = REPORT_GROUP) -> bool:
    """Count this request against the client's intake limit; True once it is exceeded."""
    return rate_limit_hit(scope=group, client=client_address(request),
                          rate=settings.UPRIGHT_INTAKE_RATE)
