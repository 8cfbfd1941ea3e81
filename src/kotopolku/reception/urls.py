"""Staff pages of the reception, under /staff/<org>/reception/ (included by accounts/urls.py)."""

from django.urls import path

from kotopolku.reception import staff_views

staff_patterns = [
    path("", staff_views.board, name="reception_board"),
    path("new/", staff_views.placement_new, name="placement_new"),
    path("<int:pk>/", staff_views.placement_detail, name="placement_detail"),
    path("<int:pk>/edit/", staff_views.placement_edit, name="placement_edit"),
    path("<int:pk>/decision/", staff_views.placement_decision, name="placement_decision"),
    path("<int:pk>/arrival/", staff_views.placement_arrival, name="placement_arrival"),
    path("<int:pk>/household/", staff_views.placement_household, name="placement_household"),
    path("items/<int:pk>/", staff_views.checklist_item, name="checklist_item"),
    path("template/", staff_views.checklist_template, name="checklist_template"),
    path("template/<int:pk>/", staff_views.checklist_template_item, name="checklist_template_item"),
]
