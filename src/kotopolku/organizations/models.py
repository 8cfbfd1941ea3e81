"""Municipalities (organizations) and what they publish: places, services and regular hours.

Every row that belongs to a municipality carries its ``organization``; staff queries go through
:class:`OrganizationScopedQuerySet.for_user` (see ``selectors.py``), so tenant isolation has one home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kotopolku.accounts.models import User


class OrganizationScopedQuerySet(models.QuerySet):
    """The one place where a staff member's view of the data is limited to their municipality."""

    def for_user(self, user: User) -> OrganizationScopedQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if user.organization_id is None:
            return self.none()
        return self.filter(organization_id=user.organization_id)

    def for_organization(self, organization: Organization) -> OrganizationScopedQuerySet:
        return self.filter(organization=organization)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def validate_not_reserved(value: str) -> None:
    from django.conf import settings

    if value in settings.KOTOPOLKU_RESERVED_SLUGS:
        raise ValidationError(_("This address name is reserved. Choose another one."))


class Organization(TimestampedModel):
    """A municipality using the installation (one installation can serve a whole region)."""

    slug = models.SlugField(
        _("address name"),
        max_length=50,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Used in web addresses, e.g. heinola. Lower-case letters, numbers and hyphens."),
    )
    name = models.CharField(_("name"), max_length=120)
    unit_name = models.CharField(_("unit"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    booking_instructions = models.TextField(_("how to book an appointment"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    accessibility_statement = models.TextField(
        _("known accessibility problems"),
        blank=True,
        help_text=_("Content that is not yet accessible, and how to get it in another way."),
    )
    accessibility_statement_date = models.DateField(
        _("accessibility statement prepared on"), null=True, blank=True
    )
    accessibility_feedback_email = models.EmailField(
        _("email for accessibility feedback"),
        blank=True,
        help_text=_("Shown on the accessibility statement beside the feedback form."),
    )
    is_active = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Place(TimestampedModel):
    """An office or meeting place, e.g. HeiMo café at Kaivokatu 14."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name"), max_length=120)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    accessibility = models.TextField(_("accessibility of the place"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(
            part for part in [self.street_address, f"{self.postal_code} {self.city}".strip()] if part
        )


class ServiceType(models.TextChoices):
    """The five services of the municipality's integration work (seed page); used in statistics."""

    INITIAL_PHASE = "initial_phase", _("Initial phase of integration")
    QUOTA_REFUGEE_RECEPTION = "quota_reception", _("Reception of quota refugees")
    EVERYDAY_GUIDANCE = "guidance", _("Everyday support, guidance and advice")
    PERMITS_CITIZENSHIP = "permits", _("Residence permit and citizenship matters")
    HOBBIES = "hobbies", _("Help with finding hobbies")


class Service(TimestampedModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services")
    service_type = models.CharField(_("type"), max_length=30, choices=ServiceType.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    bookable = models.BooleanField(_("can be booked online"), default=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("published"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="service_duration_between_5_and_480_minutes",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class RegularHours(TimestampedModel):
    """Published weekly hours, e.g. the drop-in hour at HeiMo café every Tuesday 12:15–13:00."""

    class Kind(models.TextChoices):
        DROP_IN = "drop_in", _("Drop-in hour, no appointment needed")
        BY_APPOINTMENT = "appointment", _("Meetings by appointment")
        PHONE = "phone", _("Phone hours")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="regular_hours")
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="regular_hours", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("regular hours")
        verbose_name_plural = _("regular hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="regular_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6), name="regular_hours_valid_weekday"
            ),
        ]

    def __str__(self) -> str:
        times = f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.get_kind_display()} {self.get_weekday_display()} {times}"

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time must be after the start time.")})
        place = self.place
        if place is not None and self.organization_id and place.organization_id != self.organization_id:
            raise ValidationError({"place": _("Choose a place of this municipality.")})
