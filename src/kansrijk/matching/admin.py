from django.contrib import admin

from .models import BuddyProfile, MatchWishes

admin.site.register(BuddyProfile, filter_horizontal=["areas"])
admin.site.register(MatchWishes, filter_horizontal=["excluded"])
