"""Public pages: /<lang>/ and /<lang>/<org>/..."""

from django.urls import path

from kotopolku.feedback import views as feedback_views
from kotopolku.organizations import views

app_name = "public"

urlpatterns = [
    path("", views.organization_choose, name="choose"),
    path("<slug:org>/", views.organization_home, name="home"),
    path("<slug:org>/accessibility/", feedback_views.accessibility_statement, name="accessibility"),
    path("<slug:org>/accessibility/thanks/", feedback_views.feedback_thanks, name="feedback_thanks"),
]
