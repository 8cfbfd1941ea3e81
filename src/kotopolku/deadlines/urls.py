"""Staff pages of the deadlines app, under /staff/<org>/worklist/ (included by accounts/urls.py)."""

from django.urls import path

from kotopolku.deadlines import staff_views

staff_patterns = [
    path("", staff_views.worklist, name="worklist"),
    path("tasks/new/", staff_views.task_new, name="task_new"),
    path("tasks/<int:pk>/done/", staff_views.task_done, name="task_done"),
    path("permit-reminders/", staff_views.permit_reminders, name="permit_reminders"),
    path("permit-reminders/<int:pk>/consent/", staff_views.permit_consent, name="permit_consent"),
]
