"""Forms for the statutory steps after the severity assessment; each posts to matter_act.

Lists (panel, findings, key actions) are typed one item a line, "left | right", and parsed
into the same payload shape the API takes; the service validates the rules.
"""

from typing import Any

from django import forms

from upright.conduct.choices import (
    AppealDecision,
    AppealGround,
    CaseToAnswer,
    DisciplinaryAction,
    Finding,
    PanelRole,
    ProceedingsForm,
    ServiceMethod,
)


class ActionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        return {k: v for k, v in data.items() if v not in (None, "")}


def _area(rows: int = 3, required: bool = True, label: str | None = None) -> forms.CharField:
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), max_length=20000,
                           required=required, label=label)


def _when(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


def _day(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}))


def _pairs(value: str, left: str, right: str) -> list[dict[str, str]]:
    items = []
    for line in value.splitlines():
        if line.strip():
            a, _, b = line.partition("|")
            items.append({left: a.strip(), right: b.strip()})
    return items


class _Served(ActionForm):
    served_at = _when("Served at")
    method = forms.ChoiceField(choices=ServiceMethod.choices, label="How served")


class ServeReg17NoticeForm(_Served):
    terms_of_reference = _area(4)


class ScheduleInterviewForm(ActionForm):
    specified_at = _when("Interview date and time")
    place = forms.CharField(max_length=300)
    alternative_at = _when("Officer's alternative (within 5 working days)", required=False)


class RecordInterviewForm(ActionForm):
    held_at = _when("Held at")
    notes = _area(required=False)


class SubmitReportForm(ActionForm):
    summary = _area(4, label="Report summary")
    special_conditions_statement = _area(
        required=False, label="Special-conditions statement (reg 21(3)), if any")


class RecordResignationForm(ActionForm):
    left_on = _day("Left on")
    how = forms.ChoiceField(choices=[("resigned", "Resigned"), ("retired", "Retired")])


class CertifySpecialConditionsForm(ActionForm):
    sufficient_evidence = forms.BooleanField(
        required=False, label="Sufficient written evidence of gross misconduct (reg 49(2)(a))")
    public_interest = forms.BooleanField(
        required=False, label="In the public interest to leave without delay (reg 49(2)(b))")
    rationale = _area()

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        data.setdefault("sufficient_evidence", False)
        data.setdefault("public_interest", False)
        return data


class ServeAmhNoticeForm(_Served):
    hearing_date = _day("AMH date (10-15 working days after the notice)")
    venue = forms.CharField(max_length=300)
    reduction_agreement = _area(required=False, label="Agreement to shorten (reg 48), if any")


class CaseToAnswerForm(ActionForm):
    decision = forms.ChoiceField(choices=CaseToAnswer.choices)
    proceedings = forms.NullBooleanField(
        required=False, label="Bring proceedings?",
        widget=forms.Select(choices=[("", "Not applicable"), ("true", "Yes"), ("false", "No")]))
    form = forms.ChoiceField(choices=[("", "—"), *ProceedingsForm.choices], required=False,
                             label="Form of proceedings")
    route = forms.ChoiceField(choices=[("", "—"), ("rprp", "Reflective practice review"),
                                       ("nfa", "No further action")], required=False,
                              label="Without proceedings")
    multiple_incidents = forms.BooleanField(required=False, label="More than one unconnected "
                                                                  "incident (reg 42(6))")
    officer_opts_for_hearing = forms.BooleanField(required=False, label="Former officer opts "
                                                                        "for a hearing")
    hearing_necessary = forms.BooleanField(required=False, label="A hearing is necessary "
                                                                 "(Part 3A)")
    rationale = _area()


class ServeReg30NoticeForm(_Served):
    pass


class OfficerResponseForm(ActionForm):
    response = forms.ChoiceField(choices=[("accept", "Accepts"), ("deny", "Denies")])
    received_on = _day("Received on", required=False)
    details = _area(required=False)


class BundleToChairForm(ActionForm):
    supplied_on = _day("Supplied on", required=False)


class PreHearingForm(ActionForm):
    held_on = _day("Held on")
    extension_reason = _area(required=False, label="Reason for extending (reg 33(10)(a))")


class ListProceedingsForm(ActionForm):
    scheduled_on = _day("Date")
    venue = forms.CharField(max_length=300)
    panel = _area(4, required=False, label="Hearing panel, one a line: role | name "
                  f"(roles: {', '.join(PanelRole.values)})")

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        if "panel" in data:
            data["panel"] = _pairs(data["panel"], "role", "name")
        return data


class RecordOutcomeForm(ActionForm):
    concluded_on = _day("Concluded on")
    findings = _area(3, label="Findings, one a line: allegation id | finding "
                     f"({', '.join(Finding.values)})")
    disciplinary_action = forms.ChoiceField(choices=DisciplinaryAction.choices)
    rprp_directed = forms.BooleanField(required=False, label="Direct RPRP (reg 42(1)(b))")
    multiple_incidents = forms.BooleanField(required=False, label="Reg 42(6) applies")
    reasons = _area(required=False, label="Reasons (reg 43)")

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        findings = []
        for item in _pairs(data.get("findings", ""), "allegation_id", "finding"):
            raw_id = item["allegation_id"]
            findings.append({"allegation_id": int(raw_id) if raw_id.isdigit() else raw_id,
                             "finding": item["finding"]})
        data["findings"] = findings
        return data


class NotifyOutcomeForm(_Served):
    pass


class AppealForm(ActionForm):
    lodged_on = _day("Lodged on")
    grounds = forms.MultipleChoiceField(choices=AppealGround.choices,
                                        widget=forms.CheckboxSelectMultiple)
    extension_reason = _area(required=False, label="Reason for accepting it late, if any")


class DecideAppealForm(ActionForm):
    decision = forms.ChoiceField(choices=AppealDecision.choices)
    substituted_action = forms.ChoiceField(choices=[("", "—"), *DisciplinaryAction.choices],
                                           required=False, label="Substituted outcome (if upheld)")
    rationale = _area()


class CloseForm(ActionForm):
    rationale = _area()
    appeal_waived = forms.BooleanField(required=False, label="The officer waived the appeal")


class RationaleForm(ActionForm):
    rationale = _area()


class ResumeForm(RationaleForm):
    special_conditions_met = forms.NullBooleanField(
        required=False, label="AMH cases: special conditions still met (reg 49(3))?",
        widget=forms.Select(choices=[("", "Not an AMH case"), ("true", "Yes"), ("false", "No")]))


class RprpNotifyForm(_Served):
    reasons = _area()


class SummaryForm(ActionForm):
    summary = _area(4)


class RprpDiscussionForm(SummaryForm):
    held_on = _day("Held on")


class RprpReportForm(ActionForm):
    issue_summary = _area(label="(a) Summary of the issue and background")
    discussion_summary = _area(label="(b) Summary of the discussion")
    key_actions = _area(label="(c) Key actions, one a line: action | time period")
    officer_lessons = _area(label="(d) Lessons for the officer")
    organisation_lessons = _area(label="(e) Lessons for line management or the force")
    review_date = _day("(f) Review date")

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        data["key_actions"] = _pairs(data.get("key_actions", ""), "action", "period")
        return data


class RprpReviewForm(ActionForm):
    notes = _area(4, label="Review notes")


PROCESS_FORMS: dict[str, type[ActionForm]] = {
    "serve_reg17_notice": ServeReg17NoticeForm,
    "schedule_interview": ScheduleInterviewForm,
    "record_interview": RecordInterviewForm,
    "submit_report": SubmitReportForm,
    "record_resignation": RecordResignationForm,
    "certify_special_conditions": CertifySpecialConditionsForm,
    "serve_amh_notice": ServeAmhNoticeForm,
    "case_to_answer": CaseToAnswerForm,
    "serve_reg30_notice": ServeReg30NoticeForm,
    "officer_response": OfficerResponseForm,
    "bundle_to_chair": BundleToChairForm,
    "pre_hearing": PreHearingForm,
    "list_proceedings": ListProceedingsForm,
    "record_outcome": RecordOutcomeForm,
    "notify_outcome": NotifyOutcomeForm,
    "appeal": AppealForm,
    "decide_appeal": DecideAppealForm,
    "close": CloseForm,
    "withdraw": RationaleForm,
    "pause_for_criminal": RationaleForm,
    "resume": ResumeForm,
    "rprp_notify": RprpNotifyForm,
    "rprp_fact_finding": SummaryForm,
    "rprp_discussion": RprpDiscussionForm,
    "rprp_report": RprpReportForm,
    "rprp_review": RprpReviewForm,
}
