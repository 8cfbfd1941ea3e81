"""factory_boy factories for the domain models, and helpers for staff logins with TOTP.

Create with ``XFactory.create(...)``: it is typed to return the model (calling the class is not).
Translated texts are always given per language (``name_fi`` …), never through the bare field:
django-modeltranslation writes a bare ``name=`` into the *active* language, which would make
factories depend on whichever language the previous request left active.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.models import Role, User
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.organizations.models import Organization, Place, RegularHours, Service, ServiceType

TEST_PASSWORD = "correct-horse-battery-staple-42"


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kunta{n}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    unit_name_fi = "Kotoutumispalvelut"
    intro_fi = "Neuvontaa maahan muuttaneille."
    contact_phone = "+358 3 000 0000"
    contact_email = factory.LazyAttribute(lambda o: f"neuvonta@{o.slug}.example")
    is_active = True


class PlaceFactory(factory.django.DjangoModelFactory[Place]):
    class Meta:
        model = Place

    organization = factory.SubFactory(OrganizationFactory)
    name_fi = factory.Sequence(lambda n: f"Toimipiste {n}")
    street_address = "Kaivokatu 14"
    postal_code = "18100"
    city = "Heinola"
    is_active = True


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    service_type = ServiceType.EVERYDAY_GUIDANCE
    name_fi = factory.Sequence(lambda n: f"Palvelu {n}")
    description_fi = "Neuvomme arjen asioissa."
    bookable = True
    duration_minutes = 45
    position = factory.Sequence(lambda n: n)
    is_active = True


class RegularHoursFactory(factory.django.DjangoModelFactory[RegularHours]):
    class Meta:
        model = RegularHours

    organization = factory.SubFactory(OrganizationFactory)
    place = factory.SubFactory(PlaceFactory, organization=factory.SelfAttribute("..organization"))
    kind = RegularHours.Kind.DROP_IN
    weekday = 1
    start_time = datetime.time(12, 15)
    end_time = datetime.time(13, 0)
    note_fi = "Päivystys ilman ajanvarausta."


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A staff member of a municipality; the role factories below are easier to read."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Henkilö{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")
    organization: Any = factory.SubFactory(OrganizationFactory)
    role: Any = Role.COUNSELOR
    is_active = True
    password = factory.django.Password(TEST_PASSWORD)


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR


class CounselorFactory(UserFactory):
    role = Role.COUNSELOR


class ReportingFactory(UserFactory):
    role = Role.REPORTING


class SystemAdminFactory(UserFactory):
    organization = None
    role = ""
    is_superuser = True
    is_staff = True


class FeedbackFactory(factory.django.DjangoModelFactory[AccessibilityFeedback]):
    class Meta:
        model = AccessibilityFeedback

    organization = factory.SubFactory(OrganizationFactory)
    received_at = factory.LazyFunction(timezone.now)
    answer_due = factory.LazyAttribute(lambda o: AccessibilityFeedback.due_date_for(o.received_at))
    message = "Lomakkeen painike ei toimi näppäimistöllä."
    page_url = "/fi/heinola/"
    language = "fi"


# --- TOTP -------------------------------------------------------------------------------------


def totp_device(user: User, *, confirmed: bool = True, **kwargs: Any) -> TOTPDevice:
    """A TOTP authenticator of ``user``, confirmed unless told otherwise."""
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=confirmed, **kwargs)


def totp_code(device: TOTPDevice, *, steps: int = 0) -> str:
    """The code an authenticator app shows now for ``device`` (``steps`` moves it in time)."""
    code = totp(device.bin_key, device.step, device.t0 - steps * device.step, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def wrong_totp_code(device: TOTPDevice) -> str:
    """A well-formed code that is not valid at the moment (not the current nor a neighbouring step)."""
    valid = {totp_code(device, steps=s) for s in (-2, -1, 0, 1, 2)}
    candidate = 0
    while f"{candidate:06d}" in valid:
        candidate += 1
    return f"{candidate:06d}"


def login_staff(client: Client, user: User, *, device: TOTPDevice | None = None) -> Client:
    """Log ``user`` in on ``client``; with ``device`` the session is also second-factor verified."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def translated(instance: Any, field: str, language: str) -> Any:
    """``instance.<field>_<language>``, a column that django-modeltranslation adds at run time."""
    return getattr(instance, f"{field}_{language}")
