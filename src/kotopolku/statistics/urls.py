"""Statistics pages: ``/staff/<org>/statistics/`` (included by accounts.urls) and the system-wide view."""

from django.urls import path

from kotopolku.statistics import views

staff_patterns = [
    path("", views.dashboard, name="statistics"),
    path("export.<str:fmt>", views.export, name="statistics_export"),
]

system_patterns = [
    path("", views.system_dashboard, name="statistics_all"),
    path("export.<str:fmt>", views.system_export, name="statistics_all_export"),
]
