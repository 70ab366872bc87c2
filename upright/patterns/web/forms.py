"""Forms of the repeat-pattern pages: they parse input; the services validate and decide."""

import json
from typing import Any, cast

from django import forms

from upright.patterns.models import AlertAction, AlertDecision, AlertStatus

REASON_MAX = 5000


class AlertFilterForm(forms.Form):
    rule = forms.ChoiceField(label="Rule", required=False)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *AlertStatus.choices])

    def __init__(self, *args: Any, rule_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = cast(forms.ChoiceField, self.fields["rule"])
        rule.choices = [("", "Any rule"), *rule_choices]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=AlertDecision.choices,
                                 widget=forms.RadioSelect)
    action = forms.ChoiceField(label="How to act (when acting)", required=False,
                               choices=[("", "–"), *AlertAction.choices])
    reason = forms.CharField(label="Reason (required for no action)", required=False,
                             max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class RuleVersionForm(forms.Form):
    """A new version of a rule. Parameters are a JSON object (the page lists each kind's
    parameters); the service validates them and says what is wrong."""

    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(label="Description", required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    parameters = forms.CharField(label="Parameters (JSON)",
                                 widget=forms.Textarea(attrs={"rows": 4}))
    active = forms.BooleanField(label="Active (evaluated by runs)", required=False)
    note = forms.CharField(label="Why this change (kept with the version)", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_parameters(self) -> Any:
        try:
            value = json.loads(self.cleaned_data["parameters"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc.msg}.") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Must be a JSON object of parameter names and values.")
        return value
