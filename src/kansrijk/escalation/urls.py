"""Signals, covers, Doorbraak cases and the learning register.

`household_patterns` are joined into the household's URLs (`/households/<uuid>/…`); the rest
are named by a signal, case or cover of their own, because someone who stands in for a backup
reads a signal without opening the household's file.
"""

from django.urls import path

from . import case_views, views

household_patterns = [
    path("signals/new/", views.signal_raise, name="signal_raise"),
    path("doorbraak/new/", case_views.case_open, name="doorbraak_case_open"),
]

urlpatterns = [
    path("backup/signals/", views.signal_queue, name="signal_queue"),
    path("backup/cover/", views.covers, name="covers"),
    path("backup/cover/<uuid:cover_uuid>/end/", views.cover_end, name="cover_end"),
    path("signals/<uuid:signal_uuid>/", views.signal_page, name="signal"),
    path("signals/<uuid:signal_uuid>/pick-up/", views.signal_pick_up, name="signal_pick_up"),
    path("signals/<uuid:signal_uuid>/answer/", views.signal_answer, name="signal_answer"),
    path("signals/<uuid:signal_uuid>/pass-on/", views.signal_pass_on, name="signal_pass_on"),
    path("signals/<uuid:signal_uuid>/close/", views.signal_close, name="signal_close"),
    path("doorbraak/", case_views.case_list, name="doorbraak_cases"),
    path("doorbraak/cases/<uuid:case_uuid>/", case_views.case_page, name="doorbraak_case"),
    path(
        "doorbraak/cases/<uuid:case_uuid>/edit/", case_views.case_edit, name="doorbraak_case_edit"
    ),
    path("doorbraak/learning/", case_views.learning_register, name="learning_register"),
    path("doorbraak/learning.csv", case_views.learning_register_csv, name="learning_register_csv"),
]

programme_patterns = [
    path("signals/", views.programme_signals, name="programme_signals"),
    path("crisis-guidance/", views.crisis_guidance, name="crisis_guidance"),
]
