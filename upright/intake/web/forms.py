"""Staff forms. They only parse input: the services hold the rules and the messages."""

from typing import Any

from django import forms

from upright.conduct.choices import MatterKind, Standard
from upright.conduct.selectors import allegation_category_choices


class ConfidentialReportForm(forms.Form):
    what_happened = forms.CharField(
        label="What happened", widget=forms.Textarea(attrs={"maxlength": 10000}),
        help_text="In your own words. At most 10,000 characters.",
    )
    occurred_on = forms.DateField(label="Date", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    occurred_text = forms.CharField(label="When (if you are not sure of the date)", required=False,
                                    widget=forms.TextInput(attrs={"maxlength": 200}))
    location = forms.CharField(label="Where", required=False,
                               widget=forms.TextInput(attrs={"maxlength": 300}))
    people_involved = forms.CharField(
        label="Who was involved", required=False, widget=forms.Textarea(attrs={"maxlength": 2000}),
        help_text="Names, warrant or staff numbers, if you know them.",
    )
    anonymous = forms.BooleanField(
        label="Do not record my name", required=False,
        help_text="You will get a reference and a passphrase to follow up anonymously.",
    )
    reporter_name = forms.CharField(label="Your name", required=False)
    reporter_email = forms.CharField(label="Your email address", required=False,
                                     widget=forms.EmailInput())
    reporter_phone = forms.CharField(label="Your phone number", required=False,
                                     widget=forms.TextInput(attrs={"type": "tel"}))


class TriageRecordForm(forms.Form):
    kind = forms.ChoiceField(label="Record as", choices=MatterKind.choices)
    summary = forms.CharField(label="Summary", widget=forms.Textarea)
    came_to_attention_on = forms.DateField(
        label="Came to the force's attention on", required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave blank to use the date the report was received.",
    )


class AllegationForm(forms.Form):
    subject = forms.CharField(
        label="Subject (warrant or staff number)", required=False,
        help_text="Use the person search above to find a number by name.",
    )
    standard = forms.ChoiceField(label="Standard of Professional Behaviour",
                                 choices=[("", "Choose a standard"), *Standard.choices], required=False)
    category_code = forms.ChoiceField(label="IOPC allegation category", required=False, choices=[])
    description = forms.CharField(label="Allegation", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Reference data can change at run time, so the choices are read per form.
        self.fields["category_code"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a category"), *allegation_category_choices()]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(f) for f in ("subject", "standard", "category_code", "description"))


AllegationFormSet = forms.formset_factory(AllegationForm, extra=3, max_num=10, absolute_max=10)


class NoActionForm(forms.Form):
    reason = forms.CharField(label="Reason for no further action", widget=forms.Textarea)


class QuestionForm(forms.Form):
    body = forms.CharField(label="Message to the reporter", widget=forms.Textarea(
        attrs={"maxlength": 5000}))
