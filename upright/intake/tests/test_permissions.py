import pytest

from upright.access.roles import Role
from upright.core.exceptions import NotFound
from upright.intake.models import Report
from upright.intake.permissions import access_report, report_policy
from upright.intake.selectors import report_queue
from upright.intake.services import report_submit
from upright.intake.tests.factories import report_data

pytestmark = pytest.mark.django_db
SEES_QUEUE = {Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY}


@pytest.mark.parametrize("role", list(Role))
def test_only_psd_roles_see_ordinary_reports(role, make_user):
    report = report_submit(data=report_data(), channel="web").report
    user = make_user(role)

    assert report_policy.user_can_see(user=user, instance=report) is (role in SEES_QUEUE)
    assert list(report_queue(user=user)) == ([report] if role in SEES_QUEUE else [])


@pytest.mark.parametrize("role", list(Role))
def test_confidential_reports_need_the_compartment_whatever_the_role(role, make_user, anti_corruption):
    report = report_submit(data=report_data(), channel="staff_confidential",
                           actor=make_user(Role.STAFF)).report
    outsider = make_user(role)
    member = make_user(role, compartments=[anti_corruption])

    assert report_policy.user_can_see(user=outsider, instance=report) is False
    assert report_policy.user_can_see(user=member, instance=report) is (role in SEES_QUEUE)
    with pytest.raises(NotFound):
        access_report(user=outsider, reference=report.reference)


def test_access_report_reads_back_forgivingly(assessor):
    report = report_submit(data=report_data(), channel="web").report

    assert access_report(user=assessor, reference=report.reference.lower().replace("-", " ")) == report


@pytest.mark.parametrize("reference", ["", "R-0000-0000-0000-0", "nonsense", "M-1234"])
def test_unknown_references_are_not_found(assessor, reference):
    with pytest.raises(NotFound):
        access_report(user=assessor, reference=reference)
    assert Report.objects.count() == 0
