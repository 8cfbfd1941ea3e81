"""Staff pages: /staff/..., per municipality under /staff/<org>/..."""

from django.urls import include, path

from kotopolku.accounts import views
from kotopolku.audit import views as audit_views
from kotopolku.feedback import views as feedback_views
from kotopolku.organizations import staff_views

app_name = "staff"

organization_patterns = [
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
]

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("authenticator/", views.totp_setup, name="totp_setup"),
    path("logout/", views.logout_view, name="logout"),
    path("<slug:org>/", include(organization_patterns)),
]
