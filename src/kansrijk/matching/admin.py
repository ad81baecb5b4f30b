from django.contrib import admin

from kansrijk.core.admin import ModelAdmin

from .models import BuddyProfile, MatchWishes

admin.site.register(BuddyProfile, ModelAdmin, filter_horizontal=["areas"])
admin.site.register(MatchWishes, ModelAdmin, filter_horizontal=["excluded"])
