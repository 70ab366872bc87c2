"""Filters for the statistics pages: financial year, unit and (for disproportionality) the
workforce compared."""

from django import forms

from upright.insight.disproportion import WORKFORCES


class ReturnFilterForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100, label="Financial year starting",
                              help_text="e.g. 2024 for 2024/25")
    unit = forms.CharField(max_length=400, required=False, label="Unit path",
                           help_text="e.g. /MPS/FL/ (blank for the whole force)")

    def clean_unit(self) -> str:
        unit = self.cleaned_data["unit"].strip()
        if unit and not (unit.startswith("/") and unit.endswith("/")):
            raise forms.ValidationError("A unit path starts and ends with /, e.g. /MPS/FL/.")
        return unit


class DisproFilterForm(ReturnFilterForm):
    workforce = forms.ChoiceField(choices=[(w, w.title()) for w in sorted(WORKFORCES)],
                                  initial="officers", required=False)


class DrillForm(ReturnFilterForm):
    dimension = forms.CharField(max_length=60)
    category = forms.CharField(max_length=200)
    person_type = forms.CharField(max_length=20)
    period = forms.CharField(max_length=10, required=False)
    page = forms.IntegerField(min_value=1, required=False)
