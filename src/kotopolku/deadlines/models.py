"""Follow-up tasks of the staff, and the permit-renewal reminders to clients (consent and what was sent).

The legal deadlines themselves are not stored: they are computed from the dates on the client record
by ``legal_rules.py``, so a corrected date corrects every deadline at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.models import Client
from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet, TimestampedModel


class FollowUpTask(TimestampedModel):
    """A staff member's own to-do with a due date, optionally about a client ("call back about Kela")."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="follow_up_tasks")
    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_up_tasks",
        verbose_name=_("client"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_up_tasks",
        verbose_name=_("assigned to"),
    )
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        indexes = [
            models.Index(
                fields=["organization", "due_on"],
                name="task_org_open_due_idx",
                condition=Q(done_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="task_has_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ReminderConsent(TimestampedModel):
    """The client agreed to get a permit-renewal reminder by text message or email.

    Kept as a row of its own (when it was given, who recorded it, when it was withdrawn) so that the
    reminder command can prove why it wrote to the client. Withdrawing keeps the row (history) and
    stops every further reminder.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="reminder_consents")
    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="reminder_consent")
    given_on = models.DateField(_("consent given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder consent")
        verbose_name_plural = _("reminder consents")

    def __str__(self) -> str:
        return f"{self.client_id} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class PermitReminder(models.Model):
    """A permit-renewal reminder queued for a client: one per client and permit expiry date.

    The unique constraint is what makes ``send_permit_reminders`` idempotent: the row and the outbox
    messages are written in one transaction, and a second run (or a second process) cannot insert it
    again. A renewed permit has a new expiry date, so its window gets a reminder of its own.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="permit_reminders")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="permit_reminders")
    permit_expires_on = models.DateField(_("permit expires"))
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=10)
    messages = models.PositiveSmallIntegerField(_("messages"), default=0)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("permit reminder")
        verbose_name_plural = _("permit reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "permit_expires_on"], name="permit_reminder_once_per_expiry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.permit_expires_on}"
