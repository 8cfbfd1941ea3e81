"""Accessibility feedback from the public (Act 306/2019): answered within 14 days."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet


class AccessibilityFeedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="accessibility_feedback"
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answer_due = models.DateField(_("answer due"))
    page_url = models.CharField(_("page"), max_length=300, blank=True)
    message = models.TextField(_("feedback"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_note = models.TextField(_("how it was answered"), blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "answer_due", "received_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new", answered_at__isnull=True)
                | Q(status="answered", answered_at__isnull=False),
                name="feedback_answered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.get_status_display()}"

    @property
    def days_left(self) -> int:
        return (self.answer_due - timezone.localdate()).days

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.NEW and self.answer_due < timezone.localdate()

    @staticmethod
    def due_date_for(received: datetime.datetime) -> datetime.date:
        return timezone.localtime(received).date() + datetime.timedelta(
            days=settings.KOTOPOLKU_FEEDBACK_ANSWER_DAYS
        )
