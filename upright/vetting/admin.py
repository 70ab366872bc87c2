"""Administrators edit the integrity review questions (reference data, not verified against
the APP text). Renewal intervals and the re-vetting rate are versioned, so they change only
through their services (the vetting settings page or the API), never edited in place."""

from django.contrib import admin

from upright.vetting.models import IntegrityQuestion


@admin.register(IntegrityQuestion)
class IntegrityQuestionAdmin(admin.ModelAdmin):
    list_display = ("code", "position", "active", "text")
    readonly_fields = ("code",)
