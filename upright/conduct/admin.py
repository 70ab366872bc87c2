"""Reference data is admin-editable ("the law is data"); matters change only via services."""

from django.contrib import admin

from upright.conduct.models import AllegationCategory, DeadlineRule


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "legal_basis", "unit", "amount", "verified")
    list_filter = ("verified", "unit")


@admin.register(AllegationCategory)
class AllegationCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "name", "active")
    list_filter = ("group", "active")
