"""Forms for the public-complaint steps; each posts to matter_act like every other action."""

from typing import Any

from django import forms

from upright.conduct.choices import (
    CaseToAnswer,
    ContactMethod,
    ProceedingsForm,
    ReferralCriterion,
    ReviewConsequence,
    ReviewDecision,
)
from upright.conduct.selectors import complaint_outcome_choices
from upright.conduct.web.process_forms import ActionForm, _area, _day, _when

_YES_NO = [("", "—"), ("true", "Yes"), ("false", "No")]


def _outcome() -> forms.ChoiceField:
    return forms.ChoiceField(choices=complaint_outcome_choices, label="Outcome")


def _yes_no(label: str) -> forms.NullBooleanField:
    return forms.NullBooleanField(required=False, label=label,
                                  widget=forms.Select(choices=_YES_NO))


def _flags(data: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        data.setdefault(name, False)
    return data


class HandleOutsideSchedule3Form(ActionForm):
    outcome = _outcome()
    resolution = _area(label="How it was resolved")
    criteria = forms.MultipleChoiceField(
        choices=ReferralCriterion.choices, widget=forms.CheckboxSelectMultiple, required=False,
        label="Referral criteria that apply (any mandatory one means it must be recorded)")
    complainant_wants_recorded = forms.BooleanField(required=False,
                                                    label="The complainant wants it recorded")
    proceedings_indicated = forms.BooleanField(
        required=False, label="Could justify criminal or disciplinary proceedings, or infringe "
                              "Article 2 or 3")

    def payload(self) -> dict[str, Any]:
        return _flags(super().payload(), "complainant_wants_recorded", "proceedings_indicated")


class RecordUnderSchedule3Form(ActionForm):
    reason = _area(label="Why it is recorded")
    aa_not_satisfied = forms.BooleanField(
        required=False, label="Cannot be satisfied the conduct would not justify proceedings or "
                              "infringe Article 2 or 3 (CMR reg 32(b))")
    same_incident_reference = forms.CharField(max_length=40, required=False,
                                              label="Matter from the same incident, if any")


class IopcCallInForm(ActionForm):
    notified_on = _day("The DG notified us on")
    treated_as_referred = forms.BooleanField(required=False,
                                             label="Treated as referred (Sch 3 para 4A(1))")
    reason = _area()


class HandleOtherwiseForm(ActionForm):
    outcome = _outcome()
    actions_taken = _area(label="Actions taken to put it right and prevent it happening again")
    rationale = _area()


class InvestigateLocallyForm(ActionForm):
    special_procedures = forms.BooleanField(
        required=False, label="Special procedures apply: an indication of a criminal offence or "
                              "conduct justifying disciplinary proceedings (CMR reg 16)")
    reason = _area(required=False)

    def payload(self) -> dict[str, Any]:
        return _flags(super().payload(), "special_procedures")


class DgInvestigatorDecisionForm(ActionForm):
    decision = forms.ChoiceField(choices=[("approve", "Approve the investigator"),
                                          ("replace", "Replace the investigator")])
    investigator_id = forms.IntegerField(required=False, label="Replacement investigator (id)")
    reason = _area(required=False)


class DetermineComplaintForm(ActionForm):
    outcome = _outcome()
    actions_taken = _area(required=False, label="Other action (learning, remedies)")
    rprp = forms.BooleanField(required=False, label="Refer to reflective practice (RPRP)")
    decision = forms.ChoiceField(choices=[("", "—"), *CaseToAnswer.choices], required=False,
                                 label="Case to answer (special procedures only)")
    proceedings = _yes_no("Bring proceedings?")
    form = forms.ChoiceField(choices=[("", "—"), *ProceedingsForm.choices], required=False,
                             label="Form of proceedings")
    route = forms.ChoiceField(choices=[("", "—"), ("rprp", "Reflective practice review"),
                                       ("nfa", "No further action")], required=False,
                              label="Without proceedings")
    rationale = _area()


class DgDirectProceedingsForm(ActionForm):
    direction = forms.ChoiceField(choices=[("recommend", "Recommend"), ("direct", "Direct")])
    decision = forms.ChoiceField(choices=[(CaseToAnswer.MISCONDUCT, "Misconduct"),
                                          (CaseToAnswer.GROSS_MISCONDUCT, "Gross misconduct")])
    form = forms.ChoiceField(choices=[(ProceedingsForm.MEETING, "Misconduct meeting"),
                                      (ProceedingsForm.HEARING, "Misconduct hearing")])
    rationale = _area()


class NotifyComplainantOutcomeForm(ActionForm):
    sent_at = _when("Sent at")
    method = forms.ChoiceField(choices=ContactMethod.choices, label="How sent")


class ApplyForReviewForm(ActionForm):
    received_on = _day("Received by the review body on")
    received_by_wrong_body_on = _day("Received first by another body on (if so)",
                                     required=False)
    grounds = _area()


class DecideReviewForm(ActionForm):
    decision = forms.ChoiceField(choices=ReviewDecision.choices)
    consequence = forms.ChoiceField(choices=[("", "—"), *ReviewConsequence.choices],
                                    required=False, label="If upheld")
    recommendations = _area(required=False)
    special_procedures = _yes_no("Re-investigation: special procedures apply?")
    case_decision = forms.ChoiceField(
        choices=[("", "—"), (CaseToAnswer.MISCONDUCT, "Misconduct"),
                 (CaseToAnswer.GROSS_MISCONDUCT, "Gross misconduct")], required=False,
        label="Proceedings directed for")
    form = forms.ChoiceField(choices=[("", "—"), (ProceedingsForm.MEETING, "Misconduct meeting"),
                                      (ProceedingsForm.HEARING, "Misconduct hearing")],
                             required=False, label="Form of proceedings")
    rationale = _area()


class CloseComplaintForm(ActionForm):
    rationale = _area()
    review_waived = forms.BooleanField(required=False,
                                       label="The complainant will not apply for a review")


class ContactComplainantForm(ActionForm):
    method = forms.ChoiceField(choices=ContactMethod.choices)
    summary = _area(label="What they were told")
    complainant_id = forms.IntegerField(required=False, label="Only this complainant (id)")


COMPLAINT_FORMS: dict[str, type[ActionForm]] = {
    "handle_outside_schedule_3": HandleOutsideSchedule3Form,
    "record_under_schedule_3": RecordUnderSchedule3Form,
    "iopc_call_in": IopcCallInForm,
    "handle_otherwise": HandleOtherwiseForm,
    "investigate_locally": InvestigateLocallyForm,
    "dg_investigator_decision": DgInvestigatorDecisionForm,
    "determine_complaint": DetermineComplaintForm,
    "dg_direct_proceedings": DgDirectProceedingsForm,
    "notify_complainant_outcome": NotifyComplainantOutcomeForm,
    "apply_for_review": ApplyForReviewForm,
    "decide_review": DecideReviewForm,
    "close_complaint": CloseComplaintForm,
    "contact_complainant": ContactComplainantForm,
}
