"""Drop-in pages: public (under /<lang>/<org>/drop-in/) and staff (under /staff/<org>/dropin/)."""

from django.urls import path

from kotopolku.dropin import staff_views, views

public_patterns = [
    path("", views.dropin_page, name="dropin"),
]

staff_patterns = [
    path("", staff_views.dropin_sessions, name="dropin_sessions"),
    path("schedules/<int:pk>/cancel/", staff_views.dropin_cancel, name="dropin_cancel"),
    path("cancellations/<int:pk>/undo/", staff_views.dropin_restore, name="dropin_restore"),
    path("extra/new/", staff_views.dropin_extra_new, name="dropin_extra_new"),
    path("extra/<int:pk>/delete/", staff_views.dropin_extra_delete, name="dropin_extra_delete"),
]
