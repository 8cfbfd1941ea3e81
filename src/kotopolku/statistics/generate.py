"""Realistic, invented activity for statistics tests and the ``seed_scale`` benchmark.

Builds unsaved model instances (the caller bulk-inserts them): appointments on non-overlapping
hourly slots per staff member (the no-double-booking rule holds), drop-in visits per weekly
session, clients and their guidance contacts, with interpreters in the proportions of a Finnish
municipality's integration services. Everything is driven by one ``random.Random`` so a seed
gives the same data again.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments.models import REFERENCE_ALPHABET, Appointment, InterpreterMode, MeetingMode
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.dropin.models import DropinOutcome, DropinTopic, DropinVisit
from kotopolku.organizations.models import Organization, Place, Service, ServiceType

# Client languages with rough weights (Arabic, Ukrainian, Dari, Somali, … as in eastern Finland).
LANGUAGES = [
    ("ar", 22),
    ("uk", 25),
    ("ru", 10),
    ("prs", 8),
    ("fa", 6),
    ("so", 8),
    ("ti", 4),
    ("en", 10),
    ("fi", 7),
]
INTERPRETER_LANGUAGE = {
    "ar": "arabia",
    "uk": "ukraina",
    "ru": "venäjä",
    "prs": "dari",
    "fa": "persia",
    "so": "somali",
    "ti": "tigrinja",
}
TOPICS = [key for key, _label in GuidanceContact.Topic.choices]
SERVICE_TYPES = [key for key, _label in ServiceType.choices]
CHANNELS = [
    (GuidanceContact.Channel.MEETING, 50),
    (GuidanceContact.Channel.PHONE, 25),
    (GuidanceContact.Channel.DROP_IN, 12),
    (GuidanceContact.Channel.EMAIL, 10),
    (GuidanceContact.Channel.HOME_VISIT, 3),
]
DROPIN_OUTCOMES = [
    (DropinOutcome.SOLVED, 60),
    (DropinOutcome.FOLLOW_UP_BOOKED, 22),
    (DropinOutcome.REFERRED, 12),
    (DropinOutcome.OTHER, 6),
]
DROPIN_TOPICS = [key for key, _label in DropinTopic.choices]


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([key for key, _w in pairs], weights=[w for _k, w in pairs])[0]


def reference(number: int) -> str:
    """A unique reference for the ``number``-th generated appointment of a municipality."""
    digits = []
    for _ in range(6):
        number, rest = divmod(number, len(REFERENCE_ALPHABET))
        digits.append(REFERENCE_ALPHABET[rest])
    return "".join(reversed(digits))


def working_days(start: datetime.date, end: datetime.date) -> Iterator[datetime.date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


@dataclass
class World:
    organization: Organization
    staff: list[User]
    places: list[Place]
    services: list[Service]


def appointments(
    world: World,
    *,
    start: datetime.date,
    end: datetime.date,
    count: int,
    rng: random.Random,
    first_number: int = 0,
) -> list[Appointment]:
    """Up to ``count`` appointments on free hourly slots (8–15) of the staff between the dates."""
    tz = timezone.get_current_timezone()
    slots = [
        (staff, day, hour)
        for day in working_days(start, end)
        for staff in world.staff
        for hour in range(8, 16)
    ]
    chosen = rng.sample(slots, min(count, len(slots)))
    now = timezone.now()
    result = []
    for number, (staff, day, hour) in enumerate(chosen, start=first_number):
        meeting = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)
        duration = datetime.timedelta(minutes=rng.choice([30, 45, 45, 60]))
        created = meeting - datetime.timedelta(
            days=rng.choice([1, 2, 3, 5, 7, 10, 14, 21, 30]), hours=rng.randint(0, 8)
        )
        language = _weighted(rng, LANGUAGES)
        interpreter = language in INTERPRETER_LANGUAGE and rng.random() < 0.45
        in_past = meeting < now
        roll = rng.random()
        if roll < 0.12:
            status = Appointment.Status.CANCELLED
        elif not in_past:
            status = Appointment.Status.BOOKED
        elif roll < 0.21:
            status = Appointment.Status.NO_SHOW
        else:
            status = Appointment.Status.ATTENDED
        cancelled_at = None
        by_client = False
        if status == Appointment.Status.CANCELLED:
            cancelled_at = meeting - datetime.timedelta(hours=rng.choice([2, 12, 30, 72, 200]))
            cancelled_at = max(cancelled_at, created + datetime.timedelta(minutes=5))
            by_client = rng.random() < 0.7
        mode = _weighted(rng, [(MeetingMode.IN_PERSON, 70), (MeetingMode.PHONE, 20), (MeetingMode.VIDEO, 10)])
        result.append(
            Appointment(
                organization=world.organization,
                service=rng.choice(world.services),
                staff=staff,
                mode=mode,
                place=rng.choice(world.places) if mode == MeetingMode.IN_PERSON else None,
                start=meeting,
                end=meeting + duration,
                blocked_start=meeting,
                blocked_end=meeting + duration,
                status=status,
                channel=_weighted(rng, [("online", 55), ("staff", 35), ("drop_in", 10)]),
                reference=reference(number),
                manage_token=f"seed-{world.organization.pk}-{number}-{rng.getrandbits(64):016x}",
                client_name="Keksitty Asiakas",
                phone="+358401234567",
                language=language if language in {"fi", "sv", "en", "ar", "fa", "ru", "uk", "so"} else "en",
                interpreter_language=INTERPRETER_LANGUAGE[language] if interpreter else "",
                interpreter_mode=(
                    _weighted(rng, [(InterpreterMode.IN_PERSON, 40), (InterpreterMode.REMOTE, 60)])
                    if interpreter
                    else ""
                ),
                created_at=created,
                updated_at=created,
                cancelled_at=cancelled_at,
                cancelled_by_client=by_client,
            )
        )
    return result


def dropin_visits(
    world: World,
    *,
    start: datetime.date,
    end: datetime.date,
    per_session: int,
    rng: random.Random,
    key_prefix: str = "s0",
) -> list[DropinVisit]:
    """Visits of a weekly Tuesday session at the first place, ``per_session`` on average."""
    result = []
    day = start + datetime.timedelta(days=(1 - start.weekday()) % 7)
    while day <= end:
        key = f"{key_prefix}-{day:%Y%m%d}"
        for _ in range(max(0, int(rng.gauss(per_session, per_session / 4)))):
            language = _weighted(rng, LANGUAGES)
            result.append(
                DropinVisit(
                    organization=world.organization,
                    place=world.places[0],
                    session_key=key,
                    session_date=day,
                    topic=rng.choice(DROPIN_TOPICS),
                    language=language if language in {"fi", "sv", "en", "ar", "fa", "ru", "uk", "so"} else "",
                    language_other=""
                    if language in {"fi", "sv", "en", "ar", "fa", "ru", "uk", "so"}
                    else language,
                    needs_interpreter=language in INTERPRETER_LANGUAGE and rng.random() < 0.3,
                    outcome=_weighted(rng, DROPIN_OUTCOMES),
                    waited_minutes=max(0, int(rng.expovariate(1 / 12))),
                    service_minutes=max(2, int(rng.gauss(14, 6))),
                    served_by=rng.choice(world.staff),
                )
            )
        day += datetime.timedelta(days=7)
    return result


def clients(world: World, *, count: int, rng: random.Random) -> list[Client]:
    result = []
    for number in range(count):
        language = _weighted(rng, LANGUAGES)
        result.append(
            Client(
                organization=world.organization,
                first_name=f"Keksitty{number}",
                last_name="Asiakas",
                languages=[language],
                preferred_language=language,
                interpreter_needed=language in INTERPRETER_LANGUAGE,
                interpreter_language=INTERPRETER_LANGUAGE.get(language, ""),
                responsible_worker=rng.choice(world.staff),
            )
        )
    return result


def guidance_contacts(
    organization: Organization,
    client_rows: Sequence[tuple[int, str]],
    staff: Sequence[User],
    *,
    start: datetime.date,
    end: datetime.date,
    count: int,
    rng: random.Random,
) -> list[GuidanceContact]:
    """``count`` contacts of the given clients (``(client id, preferred language)``) between the dates."""
    days = (end - start).days + 1
    result = []
    for _ in range(count):
        client_id, language = rng.choice(client_rows)
        interpreter = language in INTERPRETER_LANGUAGE and rng.random() < 0.4
        duration = rng.choice([15, 20, 30, 45, 60, 90])
        result.append(
            GuidanceContact(
                organization=organization,
                client_id=client_id,
                contact_date=start + datetime.timedelta(days=rng.randrange(days)),
                channel=_weighted(rng, CHANNELS),
                service_type=rng.choice(SERVICE_TYPES),
                topics=rng.sample(TOPICS, rng.choice([1, 1, 2, 3])),
                duration_minutes=duration,
                interpreter_language=INTERPRETER_LANGUAGE[language] if interpreter else "",
                interpreter_mode=rng.choice(["in_person", "remote"]) if interpreter else "",
                interpreter_minutes=duration if interpreter else None,
                worker=rng.choice(staff),
            )
        )
    return result


@contextlib.contextmanager
def keep_given_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` store the generated ``created_at``/``updated_at`` (they are auto fields)."""
    fields = [field for field in model._meta.concrete_fields if isinstance(field, models.DateTimeField)]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
