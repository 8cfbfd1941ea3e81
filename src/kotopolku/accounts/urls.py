"""Staff pages: /staff/..., per municipality under /staff/<org>/..."""

from django.urls import URLPattern, URLResolver, include, path

from kotopolku.accounts import views
from kotopolku.appointments import calendar_feed
from kotopolku.appointments import staff_views as appointment_views
from kotopolku.audit import views as audit_views
from kotopolku.clients import urls as client_urls
from kotopolku.deadlines import urls as deadline_urls
from kotopolku.dropin import urls as dropin_urls
from kotopolku.feedback import views as feedback_views
from kotopolku.letters import urls as letter_urls
from kotopolku.network import urls as network_urls
from kotopolku.organizations import staff_views
from kotopolku.reception import urls as reception_urls
from kotopolku.statistics import urls as statistics_urls

app_name = "staff"

organization_patterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("inbox/", feedback_views.inbox, name="inbox"),
    path("inbox/<int:pk>/", feedback_views.inbox_item, name="inbox_item"),
    path("settings/", staff_views.organization_settings, name="settings"),
    path("setup/", staff_views.setup_overview, name="setup"),
    path("services/new/", staff_views.service_edit, name="service_new"),
    path("services/<int:pk>/", staff_views.service_edit, name="service_edit"),
    path("places/new/", staff_views.place_edit, name="place_new"),
    path("places/<int:pk>/", staff_views.place_edit, name="place_edit"),
    path("hours/new/", staff_views.hours_edit, name="hours_new"),
    path("hours/<int:pk>/", staff_views.hours_edit, name="hours_edit"),
    path("hours/<int:pk>/delete/", staff_views.hours_delete, name="hours_delete"),
    path("people/", views.staff_list, name="staff_list"),
    path("people/new/", views.staff_create, name="staff_new"),
    path("people/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("people/<int:pk>/reset-authenticator/", views.staff_reset_totp, name="staff_reset_totp"),
    path("audit/", audit_views.audit_log, name="audit_log"),
    path("agenda/", appointment_views.agenda, name="agenda"),
    path("agenda/calendar/", appointment_views.calendar_subscription, name="calendar_subscription"),
    path("agenda/calendar/renew/", appointment_views.calendar_renew, name="calendar_renew"),
    path("appointments/new/", appointment_views.appointment_new, name="appointment_new"),
    path("appointments/<int:pk>/", appointment_views.appointment_detail, name="appointment_detail"),
    path("appointments/<int:pk>/cancel/", appointment_views.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:pk>/move/", appointment_views.appointment_move, name="appointment_move"),
    path("appointments/<int:pk>/outcome/", appointment_views.appointment_outcome, name="appointment_outcome"),
    path("availability/", appointment_views.availability, name="availability"),
    path("availability/<int:pk>/hours/", appointment_views.working_hours_add, name="working_hours_add"),
    path(
        "availability/hours/<int:pk>/delete/",
        appointment_views.working_hours_delete,
        name="working_hours_delete",
    ),
    path(
        "availability/<int:pk>/absences/",
        appointment_views.availability_exception_add,
        name="availability_exception_add",
    ),
    path(
        "availability/absences/<int:pk>/delete/",
        appointment_views.availability_exception_delete,
        name="availability_exception_delete",
    ),
    path(
        "availability/<int:pk>/schedule/", appointment_views.staff_schedule_edit, name="staff_schedule_edit"
    ),
    path("availability/closed-days/", appointment_views.closed_day_add, name="closed_day_add"),
    path(
        "availability/closed-days/<int:pk>/delete/",
        appointment_views.closed_day_delete,
        name="closed_day_delete",
    ),
    path("availability/rules/", appointment_views.booking_rules, name="booking_rules"),
    path("callbacks/", appointment_views.callbacks, name="callbacks"),
    path("callbacks/<int:pk>/", appointment_views.callback_detail, name="callback_detail"),
    path("dropin/", include(dropin_urls.staff_patterns)),
    path("letters/", include(letter_urls.staff_patterns)),
    path("clients/", include(client_urls.staff_patterns)),
    path("worklist/", include(deadline_urls.staff_patterns)),
    path("reception/", include(reception_urls.staff_patterns)),
    path("statistics/", include(statistics_urls.staff_patterns)),
    path("", include(network_urls.staff_patterns)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("authenticator/", views.totp_setup, name="totp_setup"),
    path("logout/", views.logout_view, name="logout"),
    # A personal calendar subscription: no login, the token is the secret (before "<org>/").
    path("calendar/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    # Every municipality together, system administrators only (before "<org>/"; "statistics" is reserved).
    path("statistics/", include(statistics_urls.system_patterns)),
    path("<slug:org>/", include(organization_patterns)),
]
