"""Administrators edit the register's periods (reference data, [U]); entries are read-only here
because every change to them goes through the services."""

from django.contrib import admin

from upright.suspensions.models import SuspensionRule


@admin.register(SuspensionRule)
class SuspensionRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "amount", "unit", "verified", "legal_basis")
    readonly_fields = ("code",)
