"""Staff pages of the client records, under /staff/<org>/clients/."""

from django.urls import path

from kotopolku.clients import staff_views

staff_patterns = [
    path("", staff_views.client_list, name="client_list"),
    path("new/", staff_views.client_new, name="client_new"),
    path("<int:pk>/", staff_views.client_detail, name="client_detail"),
    path("<int:pk>/edit/", staff_views.client_edit, name="client_edit"),
    path("<int:pk>/identity-code/", staff_views.client_identity_code, name="client_identity_code"),
    path("<int:pk>/contacts/new/", staff_views.guidance_contact_new, name="guidance_contact_new"),
    path("contacts/<int:pk>/", staff_views.guidance_contact_edit, name="guidance_contact_edit"),
    path("<int:pk>/appointments/link/", staff_views.client_appointment_link, name="client_appointment_link"),
    path(
        "appointments/<int:pk>/unlink/",
        staff_views.client_appointment_unlink,
        name="client_appointment_unlink",
    ),
    path("appointments/<int:pk>/", staff_views.appointment_client_link, name="appointment_client_link"),
    path("<int:pk>/export.json", staff_views.client_export_json, name="client_export_json"),
    path("<int:pk>/export/", staff_views.client_export_html, name="client_export_html"),
    path("<int:pk>/koto-aj.json", staff_views.client_koto_aj, name="client_koto_aj"),
    path("<int:pk>/anonymize/", staff_views.client_anonymize, name="client_anonymize"),
    path("households/", staff_views.household_list, name="household_list"),
    path("households/new/", staff_views.household_edit, name="household_new"),
    path("households/<int:pk>/", staff_views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", staff_views.household_edit, name="household_edit"),
]
