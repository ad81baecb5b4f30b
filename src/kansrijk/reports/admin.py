"""The programme's report settings and cost-benefit model in the admin (no personal data)."""

from django.contrib import admin

from kansrijk.core.admin import ModelAdmin, TabularInline

from .models import BenefitValue, CostBenefitModel, ReportSettings


class BenefitValueInline(TabularInline):
    model = BenefitValue
    extra = 0


@admin.register(CostBenefitModel)
class CostBenefitModelAdmin(ModelAdmin):
    list_display = ["programme", "changed_by", "changed_at"]
    readonly_fields = ["version", "changed_by", "changed_at"]
    inlines = [BenefitValueInline]

    def save_model(self, request, obj, form, change):
        # A change here overtakes a coordinator's open edit page, like a change there would.
        if change:
            obj.version += 1
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportSettings)
class ReportSettingsAdmin(ModelAdmin):
    list_display = ["programme", "suppression_threshold"]
    readonly_fields = ["version"]
