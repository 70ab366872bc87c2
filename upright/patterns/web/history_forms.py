"""The filters of the full history page."""

import datetime as dt
from typing import Any

from django import forms

from upright.core.history import HISTORY_KINDS
from upright.patterns.history import KIND_NAMES


class HistoryFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Kinds", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(kind, KIND_NAMES.get(kind, kind)) for kind in HISTORY_KINDS])
    date_from = forms.DateField(label="From (inclusive)", required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To (inclusive)", required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("date_from")
        end: dt.date | None = data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
