"""Public booking pages, included by ``organizations/urls.py`` in its ``public`` namespace:
``/<lang>/<org>/book/…`` (the booking flow and the call-back request) and
``/<lang>/<org>/booking/<token>/…`` (a booking's own page: see, move, cancel, add to calendar)."""

from django.urls import path

from kotopolku.appointments.views import booking, manage

book_patterns = [
    path("", booking.book_service, name="book_service"),
    path("details/", booking.book_details, name="book_details"),
    path("time/", booking.book_time, name="book_time"),
    path("contact/", booking.book_contact, name="book_contact"),
    path("confirm/", booking.book_confirm, name="book_confirm"),
    path("done/", booking.book_done, name="book_done"),
    path("callback/", booking.book_callback, name="book_callback"),
    path("callback/thanks/", booking.book_callback_thanks, name="book_callback_thanks"),
]

booking_patterns = [
    path("", manage.booking_manage, name="booking_manage"),
    path("cancel/", manage.booking_cancel, name="booking_cancel"),
    path("reschedule/", manage.booking_reschedule, name="booking_reschedule"),
    path("calendar.ics", manage.booking_calendar, name="booking_calendar"),
]
