from django import forms

from upright.notices.choices import Recipient, ServiceMethod, TimelinessBasis


class MatterFilterForm(forms.Form):
    matter_ref = forms.CharField(label="Matter reference", max_length=32, required=False)


class ServeForm(forms.Form):
    method = forms.ChoiceField(label="How it was served", choices=ServiceMethod.choices)
    served_at = forms.DateTimeField(
        label="When it was served",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


class TimelinessReportForm(forms.Form):
    matter_ref = forms.CharField(label="Matter reference", max_length=32)
    person_id = forms.IntegerField(label="Officer (person id)", required=False)
    basis = forms.ChoiceField(label="Basis", choices=TimelinessBasis.choices)
    period_index = forms.IntegerField(label="Relevant period (1 = first 12 months)", min_value=1)
    due_date = forms.DateField(label="Due date", widget=forms.DateInput(attrs={"type": "date"}))
    came_to_attention = forms.DateField(label="(a) Came to attention",
                                        widget=forms.DateInput(attrs={"type": "date"}))
    reg17_notice_date = forms.DateField(label="(b) Regulation 17 notice given", required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}))
    progress = forms.CharField(label="(c) Progress", widget=forms.Textarea)
    estimated_conclusion = forms.DateField(label="(d) Estimated conclusion",
                                           widget=forms.DateInput(attrs={"type": "date"}))
    estimated_report_date = forms.DateField(label="(d) Estimated report date",
                                            widget=forms.DateInput(attrs={"type": "date"}))
    reason_for_time = forms.CharField(label="(e) Reason for the time taken", widget=forms.Textarea)
    planned_steps = forms.CharField(label="(f) Planned steps", widget=forms.Textarea)
    recipients = forms.MultipleChoiceField(label="Recipients", choices=Recipient.choices,
                                           widget=forms.CheckboxSelectMultiple, required=False)
    prejudice_exempt = forms.BooleanField(
        label="Giving this report might prejudice an investigation (reg 19(3))", required=False)
    prejudice_rationale = forms.CharField(label="Why (required if exempt)", required=False,
                                          widget=forms.Textarea)
