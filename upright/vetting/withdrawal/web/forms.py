"""One form per step; each posts to the same service the API uses (services.withdrawal_act)."""

from django import forms

from upright.vetting.withdrawal.models import (
    AppealOutcome,
    Decision,
    HarmGround,
    LeftHow,
    RepresentativeKind,
    ServiceMethod,
    TriggerKind,
)

_TEXT = {"rows": 3}


def _text(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=20000,
                           widget=forms.Textarea(attrs=_TEXT))


def _day(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}))


class OpenForm(forms.Form):
    person_id = forms.IntegerField(label="Person (workforce id)", min_value=1)
    trigger_kind = forms.ChoiceField(choices=TriggerKind.choices, label="Trigger")
    trigger_ref = forms.CharField(label="Trigger reference (matter, hit)", required=False,
                                  max_length=60)
    trigger_summary = _text("What the adverse information is")
    clearance_id = forms.IntegerField(label="Clearance id (blank: the active one)",
                                      required=False, min_value=1)


class NoticeForm(forms.Form):
    notice_summary = _text("What the notice says")
    service_method = forms.ChoiceField(choices=ServiceMethod.choices, label="How it was served")
    served_at = forms.DateTimeField(required=False, label="Served at (blank: now)",
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class NoteForm(forms.Form):
    note = _text("Note", required=False)


class InviteForm(forms.Form):
    invited_on = _day("Invited on (blank: today)")


class DecideForm(NoticeForm):
    decision = forms.ChoiceField(choices=Decision.choices)
    reasons = _text("Reasons")
    conditions = _text("Conditions (retain with conditions only)", required=False)
    harm_test_applied = forms.BooleanField(required=False,
                                           label="Information withheld under the harm test (reg 8)")
    harm_test_grounds = forms.MultipleChoiceField(choices=HarmGround.choices, required=False,
                                                  widget=forms.CheckboxSelectMultiple,
                                                  label="Harm test grounds")
    harm_test_reasons = _text("Why disclosure would cause harm", required=False)
    dismissed_on = _day("Date of dismissal without notice (withdraw only; blank: served date)")


class LodgeForm(forms.Form):
    lodged_on = _day("Lodged on (blank: today)")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=AppealOutcome.choices)
    reasons = _text("Reasons")
    decided_on = _day("Decided on (blank: today)")


class LeavingForm(forms.Form):
    how = forms.ChoiceField(choices=LeftHow.choices, label="The officer")
    left_on = _day("On", required=True)


class RepresentativeForm(forms.Form):
    kind = forms.ChoiceField(choices=RepresentativeKind.choices)
    name = forms.CharField(max_length=200)
    organisation = forms.CharField(max_length=200, required=False)


class InterviewForm(forms.Form):
    held_on = _day("Held on", required=True)
    notes = _text("Notes")


class RepresentationForm(forms.Form):
    received_on = _day("Received on", required=True)
    made_by = forms.CharField(max_length=200)
    summary = _text("Summary")


STEP_FORMS: dict[str, type[forms.Form]] = {
    "serve_notice": NoticeForm, "start_info_gathering": NoteForm,
    "invite_representations": InviteForm, "refer_for_decision": NoteForm, "decide": DecideForm,
    "lodge_appeal": LodgeForm, "close_no_appeal": NoteForm, "decide_appeal": OutcomeForm,
    "lodge_pat": LodgeForm, "close_no_pat": NoteForm, "decide_pat": OutcomeForm,
    "record_leaving": LeavingForm, "representative": RepresentativeForm,
    "interview": InterviewForm, "representation": RepresentationForm,
}
