from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kotopolku.accounts.models import User
from kotopolku.organizations.models import Organization, Place, RegularHours, Service


def organization_list_public() -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True).order_by("name")


def organization_get_public(*, slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug, is_active=True)


def organization_list_for_staff(*, user: User) -> QuerySet[Organization]:
    if user.is_superuser:
        return Organization.objects.order_by("name")
    if user.organization_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=user.organization_id)


def service_list_public(*, organization: Organization) -> QuerySet[Service]:
    return Service.objects.for_organization(organization).filter(is_active=True)


def place_list_public(*, organization: Organization) -> QuerySet[Place]:
    hours = RegularHours.objects.order_by("weekday", "start_time")
    return (
        Place.objects.for_organization(organization)
        .filter(is_active=True)
        .prefetch_related(Prefetch("regular_hours", queryset=hours))
    )


def regular_hours_public(*, organization: Organization) -> QuerySet[RegularHours]:
    return RegularHours.objects.for_organization(organization).select_related("place")


def public_staff(*, organization: Organization) -> QuerySet[User]:
    return User.objects.filter(organization=organization, is_active=True, show_on_public_pages=True).order_by(
        "role", "last_name"
    )
