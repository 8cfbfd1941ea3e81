"""Drop-in pages: public (under /<lang>/<org>/drop-in/) and staff (under /staff/<org>/dropin/)."""

from django.urls import path

from kotopolku.dropin import queue_views, staff_views, views

public_patterns = [
    path("", views.dropin_page, name="dropin"),
    path("check-in/", views.checkin, name="dropin_checkin"),
    path("kiosk/", views.kiosk, name="dropin_kiosk"),
    path("display/", views.display, name="dropin_display"),
    path("ticket/<slug:token>/", views.ticket, name="dropin_ticket"),
    path("ticket/<slug:token>/leave/", views.ticket_leave, name="dropin_ticket_leave"),
]

staff_patterns = [
    path("", staff_views.dropin_sessions, name="dropin_sessions"),
    path("schedules/new/", staff_views.dropin_schedule_edit, name="dropin_schedule_new"),
    path("schedules/<int:pk>/", staff_views.dropin_schedule_edit, name="dropin_schedule_edit"),
    path("schedules/<int:pk>/cancel/", staff_views.dropin_cancel, name="dropin_cancel"),
    path("cancellations/<int:pk>/undo/", staff_views.dropin_restore, name="dropin_restore"),
    path("extra/new/", staff_views.dropin_extra_new, name="dropin_extra_new"),
    path("extra/<int:pk>/delete/", staff_views.dropin_extra_delete, name="dropin_extra_delete"),
    path("today/", queue_views.dropin_today, name="dropin_today"),
    path("poster/", queue_views.dropin_poster, name="dropin_poster"),
    path("kiosk/", queue_views.dropin_kiosk_start, name="dropin_kiosk_start"),
    path("queue/<str:session>/", queue_views.queue_page, name="dropin_queue"),
    path("queue/<str:session>/call-next/", queue_views.queue_call_next, name="dropin_call_next"),
    path("queue/<str:session>/add/", queue_views.queue_add, name="dropin_queue_add"),
    path("queue/<str:session>/close/", queue_views.queue_close, name="dropin_queue_close"),
    path("visits/<int:pk>/link/", queue_views.visit_link_client, name="dropin_visit_link"),
    path("tickets/<int:pk>/finish/", queue_views.ticket_finish, name="dropin_ticket_finish"),
    path("tickets/<int:pk>/<str:action>/", queue_views.ticket_action, name="dropin_ticket_action"),
]
