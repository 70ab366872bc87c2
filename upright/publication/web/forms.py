"""Staff forms: they parse input only; the services decide."""

from django import forms


class _Versioned(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReviewForm(_Versioned):
    public_summary = forms.CharField(label="Conduct, as the public will read it",
                                     widget=forms.Textarea(attrs={"rows": 5}), required=False)
    public_finding = forms.CharField(label="Finding (outcomes)", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    public_action = forms.CharField(label="Disciplinary action (outcomes)", required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label="Review notes (not published)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class DirectionsForm(_Versioned):
    officer_not_named = forms.BooleanField(label="The chair directed that the officer is not named",
                                           required=False)
    other_names_withheld = forms.BooleanField(label="Other names are withheld", required=False)
    restricted = forms.BooleanField(
        label="National-security direction or prohibition on publication", required=False)
    notes = forms.CharField(label="The directions, as given", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(_Versioned):
    pass


class PublishForm(_Versioned):
    override_reason = forms.CharField(label="Reason for publishing outside the window",
                                      required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(_Versioned):
    reason = forms.CharField(label="Reason", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    direction = forms.CharField(label="Chair's or court's direction (if before the minimum "
                                      "display period ends)", required=False)


ACTION_FORMS: dict[str, type[_Versioned]] = {
    "directions": DirectionsForm, "review": ReviewForm, "approve": ApproveForm,
    "publish": PublishForm, "withdraw": WithdrawForm,
}
ACTION_LABELS = {"directions": "Record the chair's directions", "review": "Redaction review",
                 "approve": "Approve", "publish": "Publish", "withdraw": "Withdraw"}


class MarkReportedForm(forms.Form):
    reported_on = forms.DateField(label="Date reported",
                                  widget=forms.DateInput(attrs={"type": "date"}))
    college_reference = forms.CharField(label="College reference", required=False,
                                        max_length=60)
