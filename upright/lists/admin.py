from django.contrib import admin

from upright.lists.models import ListMatchBand


@admin.register(ListMatchBand)
class ListMatchBandAdmin(admin.ModelAdmin):
    """The match and review thresholds are reference data an administrator tunes."""

    list_display = ("band", "min_evidence_weight", "note")
    list_editable = ("min_evidence_weight",)
