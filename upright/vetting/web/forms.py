"""Forms of the vetting pages: they only parse input; the services validate and decide."""

from django import forms

from upright.vetting.models import (
    ApplicationKind,
    AssociationType,
    ClearanceLevel,
    ConvictionSource,
    DeclarationKind,
    Disposal,
    IntegrityOutcome,
    OffenceCategory,
    TerminationReason,
)
from upright.vetting.policy import WHILE_SERVING

DATE = forms.DateInput(attrs={"type": "date"})
ROWS2 = forms.Textarea(attrs={"rows": 2})


class GrantForm(forms.Form):
    level = forms.ChoiceField(label="Level", choices=ClearanceLevel.choices)
    conditions = forms.CharField(label="Conditions (optional)", required=False, widget=ROWS2)


class ConditionsForm(forms.Form):
    conditions = forms.CharField(label="Conditions (empty to remove)", required=False,
                                 widget=ROWS2)


class TerminateForm(forms.Form):
    reason = forms.ChoiceField(label="Reason", choices=TerminationReason.choices)
    notes = forms.CharField(label="Notes", required=False, widget=ROWS2)


class ExpiryFilterForm(forms.Form):
    within_days = forms.IntegerField(label="Expiring within (days)", min_value=0,
                                     max_value=3650, initial=90, required=False)


class ConvictionForm(forms.Form):
    staff_number = forms.CharField(label="Staff or warrant number", max_length=20)
    offence_category = forms.ChoiceField(label="Offence category",
                                         choices=OffenceCategory.choices)
    offence_date = forms.DateField(label="Offence date", widget=DATE)
    disposal = forms.ChoiceField(label="Disposal", choices=Disposal.choices)
    minor = forms.BooleanField(label="Minor offence (e.g. a speeding fixed penalty)",
                               required=False)
    description = forms.CharField(label="Description", max_length=300)
    source = forms.ChoiceField(label="Source", choices=ConvictionSource.choices)
    source_ref = forms.CharField(label="Source reference", max_length=60, required=False)


class DeclarationForm(forms.Form):
    kind = forms.ChoiceField(label="What are you declaring?", choices=DeclarationKind.choices)
    association_type = forms.ChoiceField(
        label="For an association: with whom", required=False,
        choices=[("", "(not an association)"), *AssociationType.choices])
    subject = forms.CharField(label="Name of the person, business or employer", max_length=200)
    details = forms.CharField(label="Details", widget=forms.Textarea(attrs={"rows": 4}))


class AssessForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=[
        ("accept", "Accept"), ("accept_with_conditions", "Accept with conditions"),
        ("refer", "Refer for vetting review")])
    conditions = forms.CharField(label="Conditions", required=False, widget=ROWS2)
    notes = forms.CharField(label="Notes", required=False, widget=ROWS2)


class IntegrityReviewForm(forms.Form):
    """The question fields (answer_<code>) are added per active question."""

    staff_number = forms.CharField(label="Staff or warrant number", max_length=20)
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label="Outcome", choices=IntegrityOutcome.choices)
    notes = forms.CharField(label="Notes", required=False, widget=ROWS2)

    def __init__(self, *args: object, questions: list[tuple[str, str]], **kwargs: object,
                 ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for code, text in questions:
            self.fields[f"answer_{code}"] = forms.CharField(label=text, widget=ROWS2)


class SimulationForm(forms.Form):
    name = forms.CharField(label="Name of the proposed rule", max_length=200)
    categories = forms.MultipleChoiceField(
        label="Offence categories counted (none ticked: all)", required=False,
        choices=OffenceCategory.choices, widget=forms.CheckboxSelectMultiple)
    disposals = forms.MultipleChoiceField(
        label="Disposals counted (none ticked: all)", required=False, choices=Disposal.choices,
        widget=forms.CheckboxSelectMultiple)
    exempt_minor_motoring = forms.BooleanField(label="Exempt minor motoring offences",
                                               required=False)
    within_years = forms.IntegerField(label="Only offences within the last N years (empty: any)",
                                      required=False, min_value=1, max_value=100)
    while_serving = forms.ChoiceField(label="Committed while serving", choices=[
        (v, {"any": "Either", "yes": "Only while serving", "no": "Only before service"}[v])
        for v in WHILE_SERVING])

    def rule(self) -> dict[str, object]:
        data = self.cleaned_data
        return {"categories": data["categories"], "disposals": data["disposals"],
                "exempt_minor_motoring": data["exempt_minor_motoring"],
                "within_years": data["within_years"], "while_serving": data["while_serving"]}


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=ApplicationKind.choices)
    level = forms.ChoiceField(label="Level applied for", choices=ClearanceLevel.choices)
    staff_number = forms.CharField(label="Staff number (transferees once joined, re-vetting)",
                                   max_length=20, required=False)
    forenames = forms.CharField(label="Forenames", max_length=100)
    surname = forms.CharField(label="Surname", max_length=100)
    date_of_birth = forms.DateField(label="Date of birth", widget=DATE)
    other_names = forms.CharField(
        label="Previous or other names, one per line as 'Forenames Surname'", required=False,
        widget=ROWS2)
    postcodes = forms.CharField(label="Current and previous postcodes, one per line",
                                required=False, widget=ROWS2)

    def other_name_pairs(self) -> list[list[str]]:
        pairs = []
        for line in self.cleaned_data["other_names"].splitlines():
            words = line.split()
            if words:
                pairs.append([" ".join(words[:-1]), words[-1]])
        return pairs

    def postcode_list(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["postcodes"].splitlines() if p.strip()]


class ResolveForm(forms.Form):
    resolution = forms.CharField(label="How it was resolved", widget=ROWS2)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=[
        ("grant", "Grant"), ("refuse", "Refuse"), ("discontinue", "Discontinue")])
    conditions = forms.CharField(label="Conditions (grant only)", required=False, widget=ROWS2)
    notes = forms.CharField(label="Reasons", required=False, widget=ROWS2)


class RenewalIntervalForm(forms.Form):
    level = forms.ChoiceField(label="Level", choices=ClearanceLevel.choices)
    months = forms.IntegerField(label="Interval (months)", min_value=1, max_value=240)
    verified = forms.BooleanField(label="Verified against the APP text", required=False)
    legal_basis = forms.CharField(label="Legal basis / source", max_length=300)


class RevettingRateForm(forms.Form):
    percent = forms.DecimalField(label="Share drawn each time (%)", min_value=0,
                                 max_value=100, decimal_places=2)
    interval_days = forms.IntegerField(label="Days between draws", min_value=1, max_value=3660)
    notes = forms.CharField(label="Notes", max_length=300, required=False)


class DrawForm(forms.Form):
    seed = forms.IntegerField(label="Seed (empty: a fresh one)", required=False, min_value=0)
