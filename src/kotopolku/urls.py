from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from kotopolku.core import views as core_views

handler400 = "kotopolku.core.views.bad_request"
handler403 = "kotopolku.core.views.permission_denied"
handler404 = "kotopolku.core.views.page_not_found"
handler500 = "kotopolku.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("staff/", include("kotopolku.accounts.urls")),
    path("api/", include("kotopolku.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("kotopolku.organizations.urls")),
    prefix_default_language=True,
)
