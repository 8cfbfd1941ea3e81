from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kotopolku.api.views import api_root
from kotopolku.appointments import apis as appointment_apis
from kotopolku.clients import apis as client_apis
from kotopolku.dropin import apis as dropin_apis
from kotopolku.letters import apis as letter_apis
from kotopolku.network import apis as network_apis
from kotopolku.organizations import apis as organization_apis
from kotopolku.statistics import apis as statistics_apis

urlpatterns = [
    path("", api_root, name="api-root"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its script as a file, so the page keeps a strict Content-Security-Policy;
    # Swagger UI itself sets inline styles.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("v1/organizations/", organization_apis.OrganizationListApi.as_view(), name="api-organizations"),
    path(
        "v1/organizations/<slug:org>/services/",
        organization_apis.ServiceListApi.as_view(),
        name="api-organization-services",
    ),
    path(
        "v1/organizations/<slug:org>/slots/",
        appointment_apis.SlotListApi.as_view(),
        name="api-organization-slots",
    ),
    path(
        "v1/organizations/<slug:org>/appointments/",
        appointment_apis.AppointmentCreateApi.as_view(),
        name="api-organization-appointments",
    ),
    path(
        "v1/organizations/<slug:org>/dropin/sessions/",
        dropin_apis.SessionListApi.as_view(),
        name="api-organization-dropin-sessions",
    ),
    path(
        "v1/organizations/<slug:org>/hobbies/",
        network_apis.HobbyListApi.as_view(),
        name="api-organization-hobbies",
    ),
    path(
        "v1/organizations/<slug:org>/events/",
        network_apis.EventListApi.as_view(),
        name="api-organization-events",
    ),
    path(
        "v1/organizations/<slug:org>/statistics/",
        statistics_apis.StatisticsApi.as_view(),
        name="api-organization-statistics",
    ),
    path(
        "v1/organizations/<slug:org>/clients/",
        client_apis.ClientListApi.as_view(),
        name="api-organization-clients",
    ),
    path(
        "v1/organizations/<slug:org>/clients/<int:pk>/",
        client_apis.ClientDetailApi.as_view(),
        name="api-organization-client",
    ),
    path(
        "v1/dropin/sessions/<str:session_id>/tickets/",
        dropin_apis.TicketCreateApi.as_view(),
        name="api-dropin-tickets",
    ),
    path("v1/dropin/tickets/<slug:token>/", dropin_apis.TicketStatusApi.as_view(), name="api-dropin-ticket"),
    path(
        "v1/organizations/<slug:org>/letters/",
        letter_apis.LetterReadApi.as_view(),
        name="api-organization-letters",
    ),
    path(
        "v1/appointments/<slug:token>/",
        appointment_apis.AppointmentDetailApi.as_view(),
        name="api-appointment",
    ),
    path(
        "v1/appointments/<slug:token>/cancel/",
        appointment_apis.AppointmentCancelApi.as_view(),
        name="api-appointment-cancel",
    ),
    path(
        "v1/appointments/<slug:token>/reschedule/",
        appointment_apis.AppointmentRescheduleApi.as_view(),
        name="api-appointment-reschedule",
    ),
]
