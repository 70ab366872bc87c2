"""Forms for the register pages; each posts to the same service the API uses."""

from django import forms

from upright.suspensions.choices import (
    DIRECT_END_REASONS,
    EndReason,
    Kind,
    Limb,
    NotificationMethod,
    RestrictionType,
    ReviewOutcome,
)

_TEXT = {"rows": 3}


def _text(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=20000,
                           widget=forms.Textarea(attrs=_TEXT))


class RegisterFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Any"), ("active", "Active"), ("ended", "Ended")],
                              required=False)
    kind = forms.ChoiceField(choices=[("", "Any"), *Kind.choices], required=False)


class _NotificationFields(forms.Form):
    notification_method = forms.ChoiceField(choices=NotificationMethod.choices,
                                            label="How the officer was told")
    notified_at = forms.DateTimeField(required=False, label="When (blank: now)",
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class _GroundsFields(forms.Form):
    redeployment_considered = forms.BooleanField(
        required=False, label="Temporary redeployment to alternative duties or an alternative "
                              "location was considered (reg 11(4)(a))")
    redeployment_rejected_reason = _text("Why redeployment is not appropriate", required=False)
    limbs = forms.MultipleChoiceField(choices=Limb.choices, widget=forms.CheckboxSelectMultiple,
                                      required=False, label="Limb(s) relied on (reg 11(4)(b))")


class _TermsFields(forms.Form):
    restriction_type = forms.ChoiceField(choices=[("", "Choose"), *RestrictionType.choices],
                                         required=False, label="Restriction type")
    restrictions = _text("Restrictions", required=False)
    location = forms.CharField(max_length=200, required=False, label="Location")


class ImposeForm(_NotificationFields, _GroundsFields, _TermsFields):
    kind = forms.ChoiceField(choices=Kind.choices, label="Decision")
    person_id = forms.IntegerField(label="Person (workforce id)")
    matter_ref = forms.CharField(max_length=40, label="Matter reference")
    narrative = _text("Summary of reasons (given to the officer)")
    review_interval_days = forms.IntegerField(required=False, min_value=1,
                                              label="Review every (days; blank: the default)")

    field_order = ["kind", "person_id", "matter_ref", "redeployment_considered",
                   "redeployment_rejected_reason", "limbs", "restriction_type", "restrictions",
                   "location", "narrative", "notification_method", "notified_at",
                   "review_interval_days"]


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(choices=[c for c in ReviewOutcome.choices
                                         if c[0] != ReviewOutcome.CONVERT], label="Outcome")
    reasons = _text("Reasons")
    representations_response = _text("Response to the representations considered",
                                      required=False)
    reviewed_on = forms.DateField(required=False, label="Review date (blank: today)",
                                  widget=forms.DateInput(attrs={"type": "date"}))


class ConvertForm(_NotificationFields, _GroundsFields, _TermsFields):
    reasons = _text("Reasons for the conversion")
    representations_response = _text("Response to the representations considered",
                                     required=False)


class RepresentationForm(forms.Form):
    made_by = forms.CharField(max_length=200, label="Made by")
    summary = _text("Summary")
    received_on = forms.DateField(required=False, label="Received (blank: today)",
                                  widget=forms.DateInput(attrs={"type": "date"}))


class EndForm(forms.Form):
    reason = forms.ChoiceField(choices=[(r.value, r.label) for r in EndReason
                                        if r in DIRECT_END_REASONS], label="Reason")
    reasons = _text("Details")
    ended_on = forms.DateField(required=False, label="End date (blank: today)",
                               widget=forms.DateInput(attrs={"type": "date"}))


class ConfirmForm(forms.Form):
    confirmed_at = forms.DateTimeField(required=False, label="Confirmed in writing at (blank: now)",
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
