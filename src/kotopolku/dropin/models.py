"""Drop-in sessions: a weekly schedule, cancelled occurrences and extra sessions.

An occurrence of a schedule is not stored: it is computed (``selectors.sessions_between``) from the
schedule, its exceptions and the Finnish public holidays, so changing a schedule changes every
coming session at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotopolku.organizations.models import (
    Organization,
    OrganizationScopedQuerySet,
    Place,
    TimestampedModel,
    Weekday,
)


class DropinSchedule(TimestampedModel):
    """One recurring drop-in hour, e.g. every Tuesday 12:15–13:00 at HeiMo café."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="dropin_schedules")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="dropin_schedules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    valid_from = models.DateField(_("first day"))
    valid_until = models.DateField(_("last day"), null=True, blank=True)
    checkin_opens_minutes_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=15
    )
    staff_on_duty = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="dropin_schedules", verbose_name=_("staff on duty")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start_time", "id"]
        verbose_name = _("drop-in schedule")
        verbose_name_plural = _("drop-in schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="dropin_schedule_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6), name="dropin_schedule_valid_weekday"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="dropin_schedule_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(checkin_opens_minutes_before__lte=240),
                name="dropin_schedule_checkin_opens_at_most_4_hours_before",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The last day cannot be before the first day.")
        if self.place_id and self.organization_id and self.place.organization_id != self.organization_id:
            errors["place"] = _("Choose a place of this municipality.")
        if errors:
            raise ValidationError(errors)

    def occurs_on(self, day: datetime.date) -> bool:
        return (
            day.weekday() == self.weekday
            and day >= self.valid_from
            and (self.valid_until is None or day <= self.valid_until)
        )


class DropinSessionException(TimestampedModel):
    """One occurrence of a schedule cancelled by staff, with the reason shown to the public."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")

    schedule = models.ForeignKey(DropinSchedule, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CANCELLED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("drop-in session exception")
        verbose_name_plural = _("drop-in session exceptions")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "date"], name="dropin_one_exception_per_occurrence"),
            models.CheckConstraint(condition=Q(kind="cancelled"), name="dropin_exception_known_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.schedule} {self.date:%Y-%m-%d} {self.kind}"


class DropinExtraSession(TimestampedModel):
    """A drop-in session outside the weekly schedule."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="dropin_extra_sessions"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="dropin_extra_sessions")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    checkin_opens_minutes_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=15
    )
    staff_on_duty = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="dropin_extra_sessions",
        verbose_name=_("staff on duty"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("extra drop-in session")
        verbose_name_plural = _("extra drop-in sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="dropin_extra_end_after_start"),
            models.CheckConstraint(
                condition=Q(checkin_opens_minutes_before__lte=240),
                name="dropin_extra_checkin_opens_at_most_4_hours_before",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"


class DropinTopic(models.TextChoices):
    """What the visitor comes about (chosen at check-in; counted in the statistics)."""

    LETTER = "letter", _("A letter or other post")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit or citizenship")
    KELA = "kela", _("Kela and benefits")
    HOUSING = "housing", _("Housing")
    WORK_STUDY = "work_study", _("Work and studies")
    HOBBIES = "hobbies", _("Hobbies and free time")
    OTHER = "other", _("Something else")


class DropinOutcome(models.TextChoices):
    SOLVED = "solved", _("Solved")
    FOLLOW_UP_BOOKED = "follow_up", _("Follow-up appointment booked")
    REFERRED = "referred", _("Referred to a partner")
    OTHER = "other", _("Other")


class DropinQueue(TimestampedModel):
    """The queue of one drop-in session, stored when the first person checks in or staff open it.

    ``session_key`` is the session's stable id (``Session.id``: ``s<schedule>-<YYYYMMDD>`` or
    ``x<extra>``); start, end and place are copied so the queue stays readable if the schedule changes.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="dropin_queues")
    session_key = models.CharField(_("session"), max_length=40)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="dropin_queues")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    last_number = models.PositiveIntegerField(_("last ticket number"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("drop-in queue")
        verbose_name_plural = _("drop-in queues")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "session_key"], name="dropin_one_queue_per_session"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="dropin_queue_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.session_key

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class DropinTicket(TimestampedModel):
    """One person in a drop-in queue. The name and phone are optional and are removed when the
    session is closed; what remains for the statistics is the anonymous :class:`DropinVisit`."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called")
        SERVING = "serving", _("Being served")
        DONE = "done", _("Done")
        NO_SHOW = "no_show", _("Did not come when called")
        LEFT = "left", _("Left the queue")
        NOT_SERVED = "not_served", _("The session ended before their turn")

    class Source(models.TextChoices):
        PHONE = "phone", _("Own phone")
        KIOSK = "kiosk", _("Café tablet")
        STAFF = "staff", _("Added by staff")
        API = "api", _("API")

    ACTIVE = (Status.CALLED, Status.SERVING)
    # Statuses a ticket can leave the queue by; none of them comes back.
    FINAL = (Status.DONE, Status.NO_SHOW, Status.LEFT, Status.NOT_SERVED)
    MAX_RECALLS = 1

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="dropin_tickets")
    queue = models.ForeignKey(DropinQueue, on_delete=models.CASCADE, related_name="tickets")
    number = models.PositiveIntegerField(_("number"))
    token = models.CharField(max_length=43, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10)
    language_other = models.CharField(_("other language"), max_length=60, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=DropinTopic.choices)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    name = models.CharField(_("first name or nickname"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    source = models.CharField(_("checked in with"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.WAITING)
    checked_in_at = models.DateTimeField(_("checked in"))
    called_at = models.DateTimeField(_("called"), null=True, blank=True)
    recall_count = models.PositiveSmallIntegerField(_("called again"), default=0)
    started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dropin_tickets",
        verbose_name=_("served by"),
    )
    counter = models.CharField(_("where to come"), max_length=40, blank=True)
    # The code of a letter the visitor shared with the letter helper (letters.SharedLetter.code).
    letter_code = models.CharField(_("letter code"), max_length=8, blank=True)
    near_notified_at = models.DateTimeField(null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["checked_in_at", "number"]
        verbose_name = _("drop-in ticket")
        verbose_name_plural = _("drop-in tickets")
        indexes = [models.Index(fields=["queue", "status", "checked_in_at"], name="dropin_ticket_queue_idx")]
        constraints = [
            models.UniqueConstraint(fields=["queue", "number"], name="dropin_one_ticket_per_number"),
            # A staff member serves one person at a time: two "call next" presses by the same person
            # can't hold two tickets, and no ticket is ever held by two people (it has one served_by).
            models.UniqueConstraint(
                fields=["queue", "served_by"],
                condition=Q(status__in=["called", "serving"]),
                name="dropin_one_active_ticket_per_staff",
            ),
            models.CheckConstraint(
                condition=Q(recall_count__lte=1), name="dropin_ticket_recalled_at_most_once"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["called", "serving"])
                | (Q(served_by__isnull=False) & Q(called_at__isnull=False)),
                name="dropin_ticket_called_by_someone",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="dropin_ticket_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.queue} #{self.number}"

    @property
    def language_label(self) -> str:
        """The language's name (in the UI language list), or what the visitor wrote."""
        return str(dict(settings.LANGUAGES).get(self.language, "")) or self.language_other or self.language


class DropinVisit(models.Model):
    """An anonymous drop-in contact: what it was about, in which language, how it ended, how long
    it took. No personal data; it outlives the ticket. A counselor may later link it to a client."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="dropin_visits")
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, related_name="dropin_visits")
    session_key = models.CharField(_("session"), max_length=40)
    session_date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=20, choices=DropinTopic.choices)
    language = models.CharField(_("language"), max_length=10)
    language_other = models.CharField(_("other language"), max_length=60, blank=True)
    needs_interpreter = models.BooleanField(_("needed an interpreter"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DropinOutcome.choices)
    waited_minutes = models.PositiveIntegerField(_("waiting time (minutes)"))
    service_minutes = models.PositiveIntegerField(_("service time (minutes)"))
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="dropin_visits"
    )
    ticket = models.OneToOneField(
        DropinTicket, on_delete=models.SET_NULL, null=True, blank=True, related_name="visit"
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dropin_visits",
        verbose_name=_("client"),
        help_text=_("Linked by staff afterwards; the visit stays anonymous otherwise."),
    )
    follow_up_appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="from_dropin_visits",
        verbose_name=_("follow-up appointment"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("drop-in visit")
        verbose_name_plural = _("drop-in visits")
        indexes = [models.Index(fields=["organization", "session_date"], name="dropin_visit_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.session_date} {self.topic} {self.outcome}"
