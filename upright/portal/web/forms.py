"""The public report form and the mailbox forms. They parse; intake's services validate."""

from django import forms


class PublicReportForm(forms.Form):
    what_happened = forms.CharField(
        label="What happened?", widget=forms.Textarea(attrs={"maxlength": 10000}),
        help_text="Tell us in your own words. At most 10,000 characters.",
    )
    occurred_on = forms.DateField(label="Date", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text="If you know it.")
    occurred_text = forms.CharField(label="When? (if you are not sure of the date)", required=False,
                                    widget=forms.TextInput(attrs={"maxlength": 200}),
                                    help_text="For example: about 10pm on a Friday in March.")
    location = forms.CharField(label="Where?", required=False,
                               widget=forms.TextInput(attrs={"maxlength": 300}))
    people_involved = forms.CharField(
        label="Who was involved?", required=False, widget=forms.Textarea(attrs={"maxlength": 2000}),
        help_text="Names, or shoulder, warrant or staff numbers, if you know them.",
    )
    anonymous = forms.BooleanField(
        label="Report anonymously", required=False,
        help_text="We will not ask who you are. You will get a reference and a passphrase so "
                  "you can read our questions and reply.",
    )
    reporter_name = forms.CharField(label="Your name", required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "name"}))
    reporter_email = forms.CharField(label="Your email address", required=False,
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    reporter_phone = forms.CharField(label="Your phone number", required=False,
                                     widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    # Anti-spam, with no outside service: a field people never see (bots fill it in), and a
    # signed timestamp that must be at least a few seconds and at most two hours old.
    website = forms.CharField(
        label="Leave this empty", required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    HONEYPOT = "website"
    SERVICE_FIELDS = ("what_happened", "occurred_on", "occurred_text", "location",
                      "people_involved", "anonymous", "reporter_name", "reporter_email",
                      "reporter_phone")

    def visible_fields_for_report(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SERVICE_FIELDS]


class FollowUpForm(forms.Form):
    reference = forms.CharField(label="Your reference", max_length=64,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
                                help_text="For example R-7KQ4-M2XD-9TRW-5.")
    passphrase = forms.CharField(label="Your passphrase", max_length=500,
                                 widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
                                 help_text="The five words you were given.")


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"maxlength": 5000}))
