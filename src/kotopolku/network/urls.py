"""Network pages: public (under /<lang>/<org>/hobbies/ and /events/) and staff (under /staff/<org>/)."""

from django.urls import path

from kotopolku.network import staff_views, views

hobby_patterns = [
    path("", views.hobby_finder, name="hobbies"),
    path("suggest/", views.hobby_suggest, name="hobby_suggest"),
    path("suggest/thanks/", views.hobby_suggest_thanks, name="hobby_suggest_thanks"),
    path("help/thanks/", views.hobby_help_thanks, name="hobby_help_thanks"),
    path("<int:pk>/", views.hobby_detail, name="hobby_detail"),
]

event_patterns = [
    path("", views.events_page, name="events"),
    path("calendar.ics", views.events_feed, name="events_feed"),
]

staff_patterns = [
    path("partners/", staff_views.partner_list, name="partners"),
    path("partners/new/", staff_views.partner_edit, name="partner_new"),
    path("partners/<int:pk>/", staff_views.partner_edit, name="partner_edit"),
    path("cooperation/", staff_views.cooperation_list, name="cooperation"),
    path("cooperation/new/", staff_views.cooperation_edit, name="cooperation_new"),
    path("cooperation/<int:pk>/", staff_views.cooperation_edit, name="cooperation_edit"),
    path("cooperation/<int:pk>/delete/", staff_views.cooperation_delete, name="cooperation_delete"),
    path("activities/", staff_views.activity_list, name="activities"),
    path("activities/new/", staff_views.activity_edit, name="activity_new"),
    path("activities/<int:pk>/", staff_views.activity_edit, name="activity_edit"),
    path("activities/suggestions/", staff_views.suggestion_list, name="suggestions"),
    path("activities/suggestions/<int:pk>/", staff_views.suggestion_review, name="suggestion_review"),
    path("activities/suggestions/<int:pk>/reject/", staff_views.suggestion_reject, name="suggestion_reject"),
    path("events/", staff_views.event_list, name="network_events"),
    path("events/new/", staff_views.event_edit, name="event_new"),
    path("events/<int:pk>/", staff_views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", staff_views.event_delete, name="event_delete"),
    path("hobby-requests/", staff_views.join_request_list, name="join_requests"),
    path("hobby-requests/<int:pk>/", staff_views.join_request_detail, name="join_request"),
    path("referrals/", staff_views.referral_list, name="referrals"),
    path("referrals/for-client/<int:pk>/", staff_views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", staff_views.referral_detail, name="referral"),
]
