"""One form per action; each posts to the same service the API uses."""

from typing import Any

from django import forms

from upright.conduct.choices import InvestigationMode, ReferralCriterion, SeverityLevel, SeverityRoute
from upright.conduct.states import MatterStatus
from upright.conduct.web.complaint_forms import COMPLAINT_FORMS
from upright.conduct.web.process_forms import PROCESS_FORMS, ActionForm


class _ActionForm(ActionForm):
    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        return data


class ReferralCheckForm(_ActionForm):
    criteria = forms.MultipleChoiceField(
        choices=ReferralCriterion.choices, widget=forms.CheckboxSelectMultiple, required=False,
        label="Referral criteria that apply (CMR regs 4 and 7)",
    )
    voluntary = forms.BooleanField(required=False, label="Refer voluntarily (Sch 3 para 4(2))")
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)


class IopcDecisionForm(_ActionForm):
    mode = forms.ChoiceField(choices=InvestigationMode.choices, label="IOPC decision")
    special_procedures = forms.NullBooleanField(
        required=False, label="Complaints investigated: special procedures apply (CMR reg 16)?",
        widget=forms.Select(choices=[("", "—"), ("true", "Yes"), ("false", "No")]))
    iopc_investigator = forms.CharField(max_length=200, required=False,
                                        label="IOPC lead investigator (independent, para 19)")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=20000)


class AssessSeverityForm(_ActionForm):
    level = forms.ChoiceField(choices=SeverityLevel.choices, label="Severity (if proved)")
    route = forms.ChoiceField(choices=SeverityRoute.choices, label="Route")
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)


class AppointInvestigatorForm(_ActionForm):
    investigator_id = forms.TypedChoiceField(coerce=int, label="Investigator", choices=[],
                                             required=False, empty_value=None)
    iopc_investigator = forms.CharField(
        max_length=200, required=False,
        label="Or, in an independent investigation, the IOPC's lead investigator (para 19)")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=20000)

    def __init__(self, *args: Any, investigators: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator_id"].choices = [("", "Choose an investigator")] + [  # type: ignore[attr-defined]
            (u.pk, u.get_full_name() or u.username) for u in investigators or []
        ]


class CloseNfaForm(_ActionForm):
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)


class ReopenForm(_ActionForm):
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "referral_check": ReferralCheckForm,
    "iopc_decision": IopcDecisionForm,
    "assess_severity": AssessSeverityForm,
    "appoint_investigator": AppointInvestigatorForm,
    "close_nfa": CloseNfaForm,
    "reopen": ReopenForm,
    **PROCESS_FORMS,
    **COMPLAINT_FORMS,
}


class MatterFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *MatterStatus.choices],
                               required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label="Staff number, name or matter reference", max_length=100)
