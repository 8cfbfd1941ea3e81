"""Staff accounts. Newcomers never need an account."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.organizations.models import Organization


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    COUNSELOR = "counselor", _("Counselor")
    REPORTING = "reporting", _("Reporting")


class User(AbstractUser):
    """A staff member of one municipality, or a system administrator (``is_superuser``, no municipality)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    job_title = models.CharField(
        _("job title"), max_length=120, blank=True, help_text=_("Shown on the public pages, e.g. counselor.")
    )
    show_on_public_pages = models.BooleanField(_("show on the public pages"), default=False)
    is_demo_account = models.BooleanField(
        _("demo account"), default=False, editable=False, help_text=_("Created by the demo data loader.")
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            # A municipality's staff member always has a role; a system administrator has no municipality.
            models.CheckConstraint(
                condition=Q(organization__isnull=True) | ~Q(role=""),
                name="user_staff_member_has_role",
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(is_superuser=True) | Q(is_active=False),
                name="user_without_organization_is_system_admin",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_system_admin(self) -> bool:
        return self.is_superuser
