"""Public pages: /<lang>/ and /<lang>/<org>/..."""

from django.urls import include, path

from kotopolku.appointments import urls as booking_urls
from kotopolku.dropin import urls as dropin_urls
from kotopolku.feedback import views as feedback_views
from kotopolku.letters import urls as letter_urls
from kotopolku.network import urls as network_urls
from kotopolku.organizations import views

app_name = "public"

urlpatterns = [
    path("", views.organization_choose, name="choose"),
    path("<slug:org>/", views.organization_home, name="home"),
    path("<slug:org>/accessibility/", feedback_views.accessibility_statement, name="accessibility"),
    path("<slug:org>/accessibility/thanks/", feedback_views.feedback_thanks, name="feedback_thanks"),
    path("<slug:org>/drop-in/", include(dropin_urls.public_patterns)),
    path("<slug:org>/letters/", include(letter_urls.public_patterns)),
    path("<slug:org>/hobbies/", include(network_urls.hobby_patterns)),
    path("<slug:org>/events/", include(network_urls.event_patterns)),
    path("<slug:org>/book/", include(booking_urls.book_patterns)),
    path("<slug:org>/booking/<slug:token>/", include(booking_urls.booking_patterns)),
]
