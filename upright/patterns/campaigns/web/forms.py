"""Forms of the campaign pages. They parse input; the services validate and decide."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from upright.access.roles import ROLE_PERMS, Perm
from upright.conduct.selectors import COHORT_OUTCOMES, allegation_category_choices
from upright.patterns.campaigns.choices import Outcome, RiskLevel, VictimContact, WeightBy
from upright.patterns.campaigns.services import Criteria, ReviewInput
from upright.people.choices import EmploymentStatus

_YES_NO = [("", "Choose"), ("yes", "Yes"), ("no", "No")]


def _users_with(perm: str) -> list[tuple[int, str]]:
    roles = [role for role, perms in ROLE_PERMS.items() if perm in perms]
    return [(u.pk, u.get_full_name() or u.username) for u in get_user_model().objects.filter(
        role__in=roles, is_active=True).order_by("username")]


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    if isinstance(field, forms.ChoiceField):
        field.choices = choices


class CampaignForm(forms.Form):
    name = forms.CharField(max_length=200)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    category_codes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple,
        label="Allegation categories (none ticked: any)")
    attention_from = forms.DateField(required=False, label="Came to attention from",
                                     widget=forms.DateInput(attrs={"type": "date"}))
    attention_to = forms.DateField(required=False, label="Came to attention to (inclusive)",
                                   widget=forms.DateInput(attrs={"type": "date"}))
    outcomes = forms.MultipleChoiceField(choices=list(COHORT_OUTCOMES.items()),
                                         widget=forms.CheckboxSelectMultiple, label="Outcomes")
    employment_statuses = forms.MultipleChoiceField(
        required=False, choices=EmploymentStatus.choices, widget=forms.CheckboxSelectMultiple,
        label="Current employment status (none ticked: any)")
    panel_rate = forms.DecimalField(min_value=0, max_value=1, decimal_places=3, initial="0.1",
                                    label="Share sampled for the independent panel (0-1; 1 = "
                                          "every item)")
    panel_seed = forms.IntegerField(required=False, min_value=0,
                                    label="Sampling seed (blank: drawn and stored)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "category_codes", allegation_category_choices())

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(list(data["category_codes"]), data["attention_from"],
                        data["attention_to"], list(data["outcomes"]),
                        list(data["employment_statuses"]))


class AssignForm(forms.Form):
    reviewer_ids = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple,
                                                  label="Reviewers")
    weight_by = forms.ChoiceField(choices=WeightBy.choices, initial=WeightBy.MATTERS,
                                  label="Balance workloads by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reviewer_ids", _users_with(Perm.CAMPAIGNS_REVIEW))


class ReassignForm(forms.Form):
    reviewer_id = forms.TypedChoiceField(coerce=int, label="New reviewer")
    reason = forms.CharField(max_length=2000, label="Reason")

    def __init__(self, *args: Any, panel: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reviewer_id", _users_with(
            Perm.CAMPAIGNS_PANEL if panel else Perm.CAMPAIGNS_REVIEW))


class _OutcomeFields(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "Choose one"), *Outcome.choices], required=False,
                                label="Outcome (exactly one)")
    outcome_reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                     label="Reasons for the outcome", max_length=10000)
    reopen_matter_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        label="Matters to reopen (outcome: reopen)")
    risk_owner_id = forms.TypedChoiceField(coerce=int, required=False, empty_value=None,
                                           label="Risk plan owner (outcome: risk management)")
    risk_review_on = forms.DateField(required=False, label="Risk plan review date",
                                     widget=forms.DateInput(attrs={"type": "date"}))
    risk_measures = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                    label="Risk management measures", max_length=10000)

    def __init__(self, *args: Any, matters: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reopen_matter_ids", [(m.matter_id, m.reference) for m in matters])
        _choices(self, "risk_owner_id", [
            ("", "Choose"), *[(u.pk, u.get_full_name() or u.username)
                              for u in get_user_model().objects.filter(is_active=True)
                              .exclude(role="staff").order_by("username")[:500]]])

    def outcome_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("outcome", "outcome_reason", "risk_owner_id",
                                     "risk_review_on")} | {
            "reopen_matter_ids": list(data["reopen_matter_ids"]),
            "risk_measures": data["risk_measures"]}


class ReviewForm(_OutcomeFields):
    missed_lines = forms.ChoiceField(choices=_YES_NO, required=False,
                                     label="Were lines of inquiry missed?")
    missed_lines_detail = forms.CharField(required=False, label="Which lines of inquiry",
                                          widget=forms.Textarea(attrs={"rows": 2}),
                                          max_length=10000)
    victim_contact = forms.ChoiceField(choices=[("", "Choose"), *VictimContact.choices],
                                       required=False, label="Victim contact")
    victim_contact_detail = forms.CharField(required=False, label="Victim contact: detail",
                                            widget=forms.Textarea(attrs={"rows": 2}),
                                            max_length=10000)
    risk_level = forms.ChoiceField(choices=[("", "Choose"), *RiskLevel.choices], required=False,
                                   label="Risk level")
    risk_rationale = forms.CharField(required=False, label="Risk assessment rationale",
                                     widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    field_order = ["missed_lines", "missed_lines_detail", "victim_contact",
                   "victim_contact_detail", "risk_level", "risk_rationale", "outcome",
                   "outcome_reason", "reopen_matter_ids", "risk_owner_id", "risk_review_on",
                   "risk_measures"]

    def review_input(self) -> ReviewInput:
        data = self.cleaned_data
        missed = {"yes": True, "no": False}.get(data["missed_lines"])
        return ReviewInput(missed_lines=missed, missed_lines_detail=data["missed_lines_detail"],
                           victim_contact=data["victim_contact"],
                           victim_contact_detail=data["victim_contact_detail"],
                           risk_level=data["risk_level"], risk_rationale=data["risk_rationale"],
                           **self.outcome_values())


class PanelForm(_OutcomeFields):
    agrees = forms.ChoiceField(choices=_YES_NO, required=False,
                               label="Does the panel agree with the first review's outcome?")
    disagreement_reason = forms.CharField(required=False, label="Why the panel disagrees",
                                          widget=forms.Textarea(attrs={"rows": 3}),
                                          max_length=10000)

    field_order = ["agrees", "disagreement_reason", "outcome", "outcome_reason",
                   "reopen_matter_ids", "risk_owner_id", "risk_review_on", "risk_measures"]

    def review_input(self) -> ReviewInput:
        data = self.cleaned_data
        return ReviewInput(agrees={"yes": True, "no": False}.get(data["agrees"]),
                           disagreement_reason=data["disagreement_reason"],
                           **self.outcome_values())
