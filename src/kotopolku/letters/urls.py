"""Letter helper pages: public (under /<lang>/<org>/letters/) and staff (under /staff/<org>/letters/)."""

from django.urls import path

from kotopolku.letters import staff_views, views

public_patterns = [
    path("", views.letters_start, name="letters"),
    path("shared/", views.letter_shared, name="letter_shared"),
    path("<str:token>/", views.letter_status, name="letter_status"),
    path("<str:token>/share/", views.letter_share, name="letter_share"),
    path("<str:token>/delete/", views.letter_delete, name="letter_delete"),
]

staff_patterns = [
    path("", staff_views.shared_letters, name="shared_letters"),
    path("<int:pk>/", staff_views.shared_letter_detail, name="shared_letter_detail"),
    path("<int:pk>/delete/", staff_views.shared_letter_delete, name="shared_letter_delete"),
]
