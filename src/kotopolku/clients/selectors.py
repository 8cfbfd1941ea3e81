"""Reads of client records. Every query is scoped to one municipality (``for_organization``)."""

from __future__ import annotations

import re

import phonenumbers
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kotopolku.accounts.models import User
from kotopolku.appointments.forms import PHONE_REGION
from kotopolku.appointments.models import REFERENCE_ALPHABET, REFERENCE_LENGTH, Appointment
from kotopolku.clients.identity_code import PATTERN as IDENTITY_CODE_PATTERN
from kotopolku.clients.models import Client, GuidanceContact, Household
from kotopolku.organizations.models import Organization

SEARCH_LIMIT = 50
REFERENCE_PATTERN = re.compile(rf"^[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}$")
MIN_PHONE_DIGITS = 5


def _phone_e164(text: str) -> str:
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def client_search(
    *, organization: Organization, query: str = "", worker: User | None = None, limit: int = SEARCH_LIMIT
) -> list[Client]:
    """Clients matching ``query`` (name words, phone, booking reference or identity code), best first.

    An empty query lists the most recently contacted. Anonymized records are never listed.
    One query (the responsible worker is joined).
    """
    clients = (
        Client.objects.for_organization(organization)
        .filter(anonymized_at__isnull=True)
        .select_related("responsible_worker")
    )
    if worker is not None:
        clients = clients.filter(Q(responsible_worker=worker) | Q(additional_workers=worker)).distinct()
    text = " ".join(query.split())
    if text:
        by_name = Q()
        for word in text.split(" "):
            by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        condition = by_name
        upper = text.upper().replace(" ", "")
        if REFERENCE_PATTERN.match(upper):
            booked = Appointment.objects.filter(
                organization=organization, reference=upper, client_id=OuterRef("pk")
            )
            condition |= Q(Exists(booked))
        if IDENTITY_CODE_PATTERN.match(upper):
            condition |= Q(personal_identity_code=upper)
        digits = re.sub(r"\D", "", text)
        if len(digits) >= MIN_PHONE_DIGITS and len(digits) >= len(text.replace(" ", "")) - 2:
            e164 = _phone_e164(text)
            condition |= Q(phone__contains=digits.lstrip("0"))
            if e164:
                condition |= Q(phone=e164)
        clients = clients.filter(condition).order_by("last_name", "first_name", "id")
    else:
        clients = clients.order_by("-last_contact_at", "-updated_at", "-id")
    return list(clients[:limit])


def client_get_for_staff(*, organization: Organization, pk: int) -> Client:
    """One client of the municipality (404 otherwise), with what the record page shows."""
    return get_object_or_404(
        Client.objects.for_organization(organization)
        .select_related("organization", "household", "responsible_worker")
        .prefetch_related("additional_workers"),
        pk=pk,
    )


def client_contacts(*, client: Client) -> QuerySet[GuidanceContact]:
    return (
        GuidanceContact.objects.for_organization(client.organization)
        .filter(client=client)
        .select_related("worker")
    )


def client_appointments(*, client: Client) -> QuerySet[Appointment]:
    return (
        Appointment.objects.for_organization(client.organization)
        .filter(client=client)
        .select_related("service", "staff")
        .order_by("-start")
    )


def household_members(*, client: Client) -> list[Client]:
    if client.household_id is None:
        return []
    return list(
        Client.objects.for_organization(client.organization)
        .filter(household_id=client.household_id)
        .exclude(pk=client.pk)
        .order_by("date_of_birth", "first_name")
    )


def household_get_for_staff(*, organization: Organization, pk: int) -> Household:
    members = Client.objects.filter(anonymized_at__isnull=True).order_by("date_of_birth", "first_name")
    return get_object_or_404(
        Household.objects.for_organization(organization).prefetch_related(
            Prefetch("members", queryset=members)
        ),
        pk=pk,
    )


def household_list(*, organization: Organization) -> QuerySet[Household]:
    members = Client.objects.filter(anonymized_at__isnull=True).order_by("date_of_birth", "first_name")
    return Household.objects.for_organization(organization).prefetch_related(
        Prefetch("members", queryset=members)
    )


def contact_get_for_staff(*, organization: Organization, pk: int) -> GuidanceContact:
    return get_object_or_404(
        GuidanceContact.objects.for_organization(organization).select_related(
            "client", "client__organization", "worker"
        ),
        pk=pk,
    )


def appointment_get_for_linking(*, organization: Organization, pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.for_organization(organization).select_related("service", "staff", "client"), pk=pk
    )


def appointment_by_reference(*, organization: Organization, reference: str) -> Appointment | None:
    return Appointment.objects.for_organization(organization).filter(reference=reference).first()
