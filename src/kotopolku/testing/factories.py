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
from kotopolku.appointments.models import Appointment
from kotopolku.clients.models import Client as ClientRecord
from kotopolku.clients.models import GuidanceContact, Household
from kotopolku.deadlines.models import FollowUpTask, ReminderConsent
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.network.models import (
    Activity,
    ActivitySuggestion,
    CooperationEntry,
    Event,
    JoinHelpRequest,
    Partner,
    Referral,
)
from kotopolku.organizations.models import Organization, Place, RegularHours, Service, ServiceType
from kotopolku.reception.models import ChecklistTemplateItem, Placement

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


# --- Client records (clients app); names are obviously invented --------------------------------


class HouseholdFactory(factory.django.DjangoModelFactory[Household]):
    class Meta:
        model = Household

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Perhe Keksitty {n}")


class ClientRecordFactory(factory.django.DjangoModelFactory[ClientRecord]):
    """A client record (``clients.Client``; named so it does not clash with Django's test ``Client``)."""

    class Meta:
        model = ClientRecord

    organization = factory.SubFactory(OrganizationFactory)
    first_name = factory.Sequence(lambda n: f"Testi{n}")
    last_name = "Keksitty"
    languages = factory.LazyFunction(lambda: ["ar", "en"])
    preferred_language = "ar"
    target_group = ClientRecord.TargetGroup.INTERNATIONAL_PROTECTION
    first_residence_permit_date = datetime.date(2025, 3, 1)


class GuidanceContactFactory(factory.django.DjangoModelFactory[GuidanceContact]):
    class Meta:
        model = GuidanceContact

    client = factory.SubFactory(ClientRecordFactory)
    organization = factory.SelfAttribute("client.organization")
    contact_date = factory.LazyFunction(lambda: timezone.localdate())
    channel = GuidanceContact.Channel.MEETING
    service_type = ServiceType.EVERYDAY_GUIDANCE
    topics = factory.LazyFunction(lambda: ["housing"])
    duration_minutes = 30
    note = "Keksitty muistiinpano."


# --- Network: partners, hobbies, events, referrals ---------------------------------------------


class PartnerFactory(factory.django.DjangoModelFactory[Partner]):
    class Meta:
        model = Partner

    organization = factory.SubFactory(OrganizationFactory)
    kind = "sports_club"
    name = factory.Sequence(lambda n: f"Urheiluseura {n}")
    offers = "Harjoituksia kaikenikäisille."
    languages = factory.LazyFunction(lambda: ["fi", "en"])


class ActivityFactory(factory.django.DjangoModelFactory[Activity]):
    """A published activity; give ``languages=[...]``/``age_groups=[...]`` via ``network.services``
    when the test filters by them."""

    class Meta:
        model = Activity

    organization = factory.SubFactory(OrganizationFactory)
    category = "sports"
    name_fi = factory.Sequence(lambda n: f"Sählyvuoro {n}")
    description_fi = "Kaikille avoin vuoro."
    price = "free"
    schedule_fi = "Keskiviikkoisin 17–18"
    is_published = True


class ActivitySuggestionFactory(factory.django.DjangoModelFactory[ActivitySuggestion]):
    class Meta:
        model = ActivitySuggestion

    organization = factory.SubFactory(OrganizationFactory)
    language = "fi"
    organizer_name = "Keksitty yhdistys"
    category = "music"
    name = factory.Sequence(lambda n: f"Kuoro {n}")
    description = "Laulamme yhdessä."
    age_groups = factory.LazyFunction(lambda: ["adults"])
    languages = factory.LazyFunction(lambda: ["fi"])
    price = "free"
    schedule = "Maanantaisin 18–19"
    contact_name = "Keksitty Henkilö"
    contact_email = "kuoro@example.fi"


class JoinHelpRequestFactory(factory.django.DjangoModelFactory[JoinHelpRequest]):
    class Meta:
        model = JoinHelpRequest

    organization = factory.SubFactory(OrganizationFactory)
    activity = factory.SubFactory(ActivityFactory, organization=factory.SelfAttribute("..organization"))
    name = "Keksitty Asiakas"
    phone = "+358401234567"
    language = "ar"


class EventFactory(factory.django.DjangoModelFactory[Event]):
    class Meta:
        model = Event

    organization = factory.SubFactory(OrganizationFactory)
    kind = "heimo_cafe"
    title_fi = factory.Sequence(lambda n: f"HeiMo-ilta {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place_name_fi = "HeiMo-kahvila"
    street_address = "Kaivokatu 14"
    city = "Heinola"


class ReferralFactory(factory.django.DjangoModelFactory[Referral]):
    class Meta:
        model = Referral

    organization = factory.SubFactory(OrganizationFactory)
    client = factory.SubFactory(ClientRecordFactory, organization=factory.SelfAttribute("..organization"))
    activity = factory.SubFactory(ActivityFactory, organization=factory.SelfAttribute("..organization"))
    category = factory.LazyAttribute(lambda o: o.activity.category)
    referred_on = factory.LazyFunction(lambda: timezone.localdate())
    follow_up_on = factory.LazyAttribute(lambda o: o.referred_on + datetime.timedelta(days=14))


class CooperationEntryFactory(factory.django.DjangoModelFactory[CooperationEntry]):
    """A network meeting with one new partner of the same municipality (``partners=[...]`` to choose)."""

    class Meta:
        model = CooperationEntry
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    kind = "network_meeting"
    date = datetime.date(2026, 3, 2)

    @factory.post_generation
    def partners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.partners.set(extracted or [PartnerFactory.create(organization=self.organization)])


# --- Deadlines and reception (deadlines, reception apps) ---------------------------------------


class FollowUpTaskFactory(factory.django.DjangoModelFactory[FollowUpTask]):
    class Meta:
        model = FollowUpTask

    organization = factory.SubFactory(OrganizationFactory)
    assignee = factory.SubFactory(CounselorFactory, organization=factory.SelfAttribute("..organization"))
    title = factory.Sequence(lambda n: f"Soita takaisin {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


class ReminderConsentFactory(factory.django.DjangoModelFactory[ReminderConsent]):
    class Meta:
        model = ReminderConsent

    client = factory.SubFactory(ClientRecordFactory)
    organization = factory.LazyAttribute(lambda o: o.client.organization)
    given_on = factory.LazyFunction(lambda: timezone.localdate())


class PlacementFactory(factory.django.DjangoModelFactory[Placement]):
    """A placement proposal waiting for the decision (anonymous family data)."""

    class Meta:
        model = Placement

    organization = factory.SubFactory(OrganizationFactory)
    reference = factory.Sequence(lambda n: f"ELY-2026-{n:03d}")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    family_size = 4
    ages = factory.LazyFunction(lambda: [38, 35, 9, 4])
    needs = "Koulupaikka 9-vuotiaalle, päivähoito 4-vuotiaalle."


class ChecklistTemplateItemFactory(factory.django.DjangoModelFactory[ChecklistTemplateItem]):
    class Meta:
        model = ChecklistTemplateItem

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Vaihe {n}")
    offset_days = 7
    position = factory.Sequence(lambda n: n)


class AppointmentFactory(factory.django.DjangoModelFactory[Appointment]):
    """A booked in-person appointment of 45 minutes, a week from now, in the given municipality."""

    class Meta:
        model = Appointment

    organization = factory.SubFactory(OrganizationFactory)
    service = factory.SubFactory(ServiceFactory, organization=factory.SelfAttribute("..organization"))
    staff = factory.SubFactory(CounselorFactory, organization=factory.SelfAttribute("..organization"))
    place = factory.SubFactory(PlaceFactory, organization=factory.SelfAttribute("..organization"))
    mode = "in_person"
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(minutes=45))
    blocked_start = factory.SelfAttribute("start")
    blocked_end = factory.SelfAttribute("end")
    client_name = "Asiakas Testi"
    phone = "+358401234567"
    language = "fi"


def shared_letter(organization: Organization, **kwargs: Any) -> Any:
    """A letter a client shared from the letter helper (letters app): an invoice with a few facts."""
    from kotopolku.letters.crypto import encrypt_json
    from kotopolku.letters.models import SharedLetter

    now = timezone.now()
    payload = {
        "facts": {
            "sender": {"code": "energy", "name": "Heinolan Energia"},
            "document_type": "invoice",
            "letter_date": "2026-02-02",
            "due_date": "2026-02-23",
            "amount": "111.80",
            "reference_number": "12345 67897",
            "iban": "FI21 1234 5600 0007 85",
            "deadline": None,
            "appointment": None,
            "terms": [{"key": "erapaiva", "found": ["Eräpäivä"]}],
        },
        "text": "Heinolan Energia Oy\nLASKU\nEräpäivä 23.2.2026",
        "reading": {"kind": "text", "pages": 1, "ocr_pages": 0},
    }
    defaults: dict[str, Any] = {
        "handoff": SharedLetter.Handoff.DROPIN,
        "language": "en",
        "payload": encrypt_json(payload),
        "created_at": now,
        "delete_after": now + datetime.timedelta(days=30),
    }
    defaults.update(kwargs)
    return SharedLetter.objects.create(organization=organization, **defaults)
