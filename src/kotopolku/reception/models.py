"""Reception of quota refugees: the placement proposal, the municipality's decision, the arrival, and
the checklist every arriving household gets from the municipality's editable template.

The proposal holds anonymous family data only (size, ages, needs): names and identity data arrive
later as client records (``clients``), which the placement links to through their household.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.models import Household
from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet, TimestampedModel

# Checklist items are due between 90 days before and a year after the arrival.
MIN_OFFSET_DAYS = -90
MAX_OFFSET_DAYS = 365


class Placement(TimestampedModel):
    """One family proposed for placement by the ELY Centre, from the proposal to the arrival."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the decision")
        ACCEPTED = "accepted", _("Accepted, arrival coming")
        DECLINED = "declined", _("Declined")
        ARRIVED = "arrived", _("Arrived")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="placements")

    # --- The proposal: anonymous family data only (no names, no identity data).
    reference = models.CharField(
        _("proposal reference"), max_length=60, help_text=_("The ELY Centre's reference, e.g. ELY-2026-014.")
    )
    received_on = models.DateField(_("proposal received"))
    family_size = models.PositiveSmallIntegerField(_("family size"))
    ages = models.JSONField(_("ages"), default=list, blank=True, help_text=_("Age of each family member."))
    needs = models.TextField(
        _("needs"),
        blank=True,
        max_length=3000,
        help_text=_("School and daycare, health and accessibility, education, work history, wishes."),
    )

    # --- The municipality's decision.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # --- The arrival: planned until the status is "arrived", then the actual day.
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    household = models.OneToOneField(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("household"),
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(family_size__gte=1) & Q(family_size__lte=30), name="placement_family_size_1_to_30"
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_on__isnull=False),
                name="placement_decision_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="arrived") | Q(arrival_date__isnull=False),
                name="placement_arrived_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["proposed", "declined"]) | Q(arrival_date__isnull=True),
                name="placement_arrival_only_when_accepted",
            ),
            models.UniqueConstraint(fields=["organization", "reference"], name="placement_reference_unique"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def has_arrived(self) -> bool:
        return self.status == self.Status.ARRIVED

    @property
    def ages_text(self) -> str:
        return ", ".join(str(age) for age in self.ages)


class ChecklistTemplateItem(TimestampedModel):
    """One step of the municipality's reception checklist template, edited by the coordinator.

    ``key`` names the default steps (``dvv_registration`` …) so that "days to each milestone" can be
    counted across households even when the coordinator renames a step; a step the coordinator adds
    has no key. Steps are never deleted, only taken out of use (households keep their copies).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reception_template_items"
    )
    key = models.SlugField(_("milestone key"), max_length=40, blank=True)
    title = models.CharField(_("step"), max_length=200)
    offset_days = models.SmallIntegerField(
        _("due (days from the arrival)"),
        help_text=_("Negative: before the arrival, e.g. -14 = two weeks before. 0 = the arrival day."),
    )
    default_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default owner"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "offset_days", "id"]
        verbose_name = _("checklist template step")
        verbose_name_plural = _("checklist template steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(offset_days__gte=MIN_OFFSET_DAYS) & Q(offset_days__lte=MAX_OFFSET_DAYS),
                name="reception_template_offset_in_range",
            ),
            models.UniqueConstraint(
                fields=["organization", "key"], condition=~Q(key=""), name="reception_template_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(TimestampedModel):
    """One step of one household's checklist: a copy of a template step with its own owner, due date
    (``offset_days`` from the arrival: moving the arrival moves every due date) and status."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checklist")
    template_item = models.ForeignKey(
        ChecklistTemplateItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.SlugField(_("milestone key"), max_length=40, blank=True)
    title = models.CharField(_("step"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    offset_days = models.SmallIntegerField(_("due (days from the arrival)"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reception_items",
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TODO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "offset_days", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="done") & Q(done_on__isnull=False))
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="reception_item_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(offset_days__gte=MIN_OFFSET_DAYS) & Q(offset_days__lte=MAX_OFFSET_DAYS),
                name="reception_item_offset_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def due_on(self, arrival_date: datetime.date | None) -> datetime.date | None:
        if arrival_date is None:
            return None
        return arrival_date + datetime.timedelta(days=self.offset_days)

    @property
    def due_date(self) -> datetime.date | None:
        return self.due_on(self.placement.arrival_date)

    @property
    def is_closed(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.NOT_NEEDED}
