"""Who may issue, serve and read notices and timeliness reports (Wagtail-style policy).

Role permissions: AA, investigator and assessor may issue, serve and read notices; oversight
(LPB, IOPC) may read timeliness reports and the notices that carry them; nobody else anything.
(access.roles.ROLE_PERMS grants the Perm.NOTICES_* values.)

On top of the role: a notice in a compartment is invisible outside it, and a notice about an
officer is invisible to that officer and to anyone above them in the line-management chain
(DESIGN.md "Need to know").
"""

from typing import Any

from django.db.models import Q, QuerySet

from upright.access.permissions import user_has_perm, user_in_compartment
from upright.access.roles import Perm
from upright.core.exceptions import ActionForbidden, NotFound
from upright.notices.choices import NoticeKind
from upright.notices.models import Notice, TimelinessReport
from upright.people.selectors import person_ids_in_chain_of, user_in_conflict_with


class NoticePerm:
    ISSUE = Perm.NOTICES_ISSUE  # issue notices, draft and send timeliness reports, harm test
    SERVE = Perm.NOTICES_SERVE  # record service of a notice
    VIEW = Perm.NOTICES_VIEW  # read notices of every kind
    VIEW_TIMELINESS = Perm.NOTICES_VIEW_TIMELINESS  # read timeliness reports only


def notice_perm_has(*, user: Any, perm: str) -> bool:
    return user_has_perm(user=user, perm=perm)


def notice_perm_require(*, user: Any, perm: str) -> None:
    if not notice_perm_has(user=user, perm=perm):
        raise ActionForbidden(f"Your role does not allow this ({perm}).")


# One conflict-of-interest rule for every app (people.selectors), kept under its old name here.
user_in_conflict = user_in_conflict_with


def _visible_q(user: Any) -> Q:
    q = Q(compartment="") | Q(compartment__in=user.compartment_codes())
    own = getattr(user, "person_id", None)
    if own is not None:
        q &= Q(person__isnull=True) | ~Q(person_id__in=person_ids_in_chain_of(person_id=own))
    return q


class NoticePolicy:
    def user_can_see(self, *, user: Any, instance: Notice) -> bool:
        if not (notice_perm_has(user=user, perm=NoticePerm.VIEW) or (
                instance.kind == NoticeKind.TIMELINESS
                and notice_perm_has(user=user, perm=NoticePerm.VIEW_TIMELINESS))):
            return False
        return (user_in_compartment(user=user, code=instance.compartment)
                and not user_in_conflict(user=user, person_id=instance.person_id))

    def user_has_permission_for_instance(self, *, user: Any, action: str, instance: Notice) -> bool:
        return self.user_can_see(user=user, instance=instance) and notice_perm_has(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[Notice]) -> QuerySet[Notice]:
        if notice_perm_has(user=user, perm=NoticePerm.VIEW):
            return queryset.filter(_visible_q(user))
        if notice_perm_has(user=user, perm=NoticePerm.VIEW_TIMELINESS):
            return queryset.filter(_visible_q(user), kind=NoticeKind.TIMELINESS)
        return queryset.none()


class TimelinessPolicy:
    def user_can_see(self, *, user: Any, instance: TimelinessReport) -> bool:
        return (notice_perm_has(user=user, perm=NoticePerm.VIEW_TIMELINESS)
                and user_in_compartment(user=user, code=instance.compartment)
                and not user_in_conflict(user=user, person_id=instance.person_id))

    def user_has_permission_for_instance(self, *, user: Any, action: str,
                                         instance: TimelinessReport) -> bool:
        return self.user_can_see(user=user, instance=instance) and notice_perm_has(
            user=user, perm=action)

    def instances_user_can_see(self, *, user: Any, queryset: QuerySet[TimelinessReport]
                               ) -> QuerySet[TimelinessReport]:
        if not notice_perm_has(user=user, perm=NoticePerm.VIEW_TIMELINESS):
            return queryset.none()
        return queryset.filter(_visible_q(user))


notice_policy = NoticePolicy()
timeliness_policy = TimelinessPolicy()


def access_notice(*, user: Any, notice_id: int, perm: str | None = None,
                  lock: bool = False) -> Notice:
    """Fetch and authorise: NotFound if invisible, ActionForbidden if visible but `perm` is not
    the user's. `lock` takes the row lock (inside the caller's transaction)."""
    queryset = Notice.objects.select_for_update() if lock else Notice.objects.all()
    notice = queryset.filter(pk=notice_id).first()
    if notice is None or not notice_policy.user_can_see(user=user, instance=notice):
        raise NotFound("No such notice.")
    if perm is not None:
        notice_perm_require(user=user, perm=perm)
    return notice


def access_timeliness_report(*, user: Any, report_id: int, perm: str | None = None,
                             lock: bool = False) -> TimelinessReport:
    queryset = TimelinessReport.objects.select_for_update() if lock else TimelinessReport.objects
    report = queryset.filter(pk=report_id).first()
    if report is None or not timeliness_policy.user_can_see(user=user, instance=report):
        raise NotFound("No such timeliness report.")
    if perm is not None:
        notice_perm_require(user=user, perm=perm)
    return report
