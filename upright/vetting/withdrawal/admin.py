from django.contrib import admin

from upright.vetting.withdrawal.models import WithdrawalStepRule


@admin.register(WithdrawalStepRule)
class WithdrawalStepRuleAdmin(admin.ModelAdmin):
    """The step periods are reference data an administrator edits ([U])."""

    list_display = ("code", "name", "working_days", "verified", "legal_basis")
    list_editable = ("working_days", "verified")
