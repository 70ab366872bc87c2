"""Forms for the list pages; each posts to the same service the API uses."""

from django import forms

from upright.lists.models import ListKind, Resolution


class ImportForm(forms.Form):
    list_kind = forms.ChoiceField(choices=ListKind.choices, label="List")
    file = forms.FileField(label="CSV file (docs/lists-format.md)")


class CheckForm(forms.Form):
    forenames = forms.CharField(max_length=100)
    surname = forms.CharField(max_length=100)
    other_names = forms.CharField(
        required=False, max_length=2000, label="Other names (Forenames|Surname; one per line)",
        widget=forms.Textarea(attrs={"rows": 2}))
    date_of_birth = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(choices=[("", "Not given"), ("M", "Male"), ("F", "Female")],
                            required=False)
    postcodes = forms.CharField(required=False, max_length=200,
                                label="Postcodes (current and previous, comma-separated)")
    person_id = forms.IntegerField(required=False, min_value=1,
                                   label="Workforce id (blank for an applicant)")
    subject_ref = forms.CharField(max_length=60, initial="manual",
                                  label="What the check is for (application, transfer)")

    def names(self) -> tuple[tuple[str, str], ...]:
        data = self.cleaned_data
        others = []
        for line in (data.get("other_names") or "").replace(";", "\n").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 2 and all(parts):
                others.append((parts[0], parts[1]))
        return ((data["forenames"], data["surname"]), *others)


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(choices=[(Resolution.CONFIRMED, Resolution.CONFIRMED.label),
                                            (Resolution.NOT_SAME, Resolution.NOT_SAME.label)])
    reason = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
