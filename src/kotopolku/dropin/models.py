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
