"""Client records of the municipality's integration services, their households and guidance contacts.

Kotopolku is the front office, not the register of plans: the record holds the minimum needed to
serve the client, compute the legal deadlines (``deadlines`` app) and hand the assessment- and
plan-relevant data over to the national Koto-AJ register (``clients/koto_aj.py``).

Personal data rules: every read of a record and every unmasking of the identity code is audited
(``clients/services.py``); anonymization (by request or by the retention rule) empties the personal
fields and keeps anonymous facts (contact dates, channels, service types, interpreter minutes).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.appointments.models import InterpreterMode
from kotopolku.clients.identity_code import mask_identity_code, validate_identity_code
from kotopolku.organizations.models import (
    Organization,
    OrganizationScopedQuerySet,
    ServiceType,
    TimestampedModel,
)


class Household(TimestampedModel):
    """A family living together (e.g. a quota-refugee family); its members are :class:`Client` rows."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="households")
    name = models.CharField(
        _("name"), max_length=120, help_text=_("A label staff recognise, e.g. the family name.")
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class Client(TimestampedModel):
    class TargetGroup(models.TextChoices):
        """Who the municipality serves under Act 681/2023 (not jobseekers: the employment authority)."""

        INTERNATIONAL_PROTECTION = (
            "international_protection",
            _("Beneficiary of international protection or family member"),
        )
        SOCIAL_ASSISTANCE = "social_assistance", _("Receives non-temporary social assistance")
        CHILD_HOME_CARE_ALLOWANCE = "child_home_care", _("Receives child home care allowance")
        UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Unaccompanied minor")
        TRAFFICKING_VICTIM = "trafficking_victim", _("Victim of trafficking in human beings")
        OTHER_IN_NEED = "other_in_need", _("Other person in need of integration services")

    class PermitType(models.TextChoices):
        """The basis of residence; the permit letters (A, B, P, P-EU) are Migri's."""

        CONTINUOUS = "continuous", _("Continuous residence permit (A)")
        TEMPORARY = "temporary", _("Temporary residence permit (B)")
        PERMANENT = "permanent", _("Permanent residence permit (P)")
        EU_LONG_TERM = "eu_long_term", _("EU long-term resident's permit (P-EU)")
        EU_REGISTRATION = "eu_registration", _("Registered right of residence of an EU citizen")
        RESIDENCE_CARD = "residence_card", _("Residence card of a family member of an EU citizen")
        TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection")
        NORDIC = "nordic", _("Nordic citizen")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="clients")

    # --- Identity: who the client is. The identity code is optional, validated with its check
    # character, unique within the municipality, masked in the UI (unmasking is audited).
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    personal_identity_code = models.CharField(
        _("personal identity code"),
        max_length=11,
        blank=True,
        validators=[validate_identity_code],
        help_text=_("Optional. Finnish personal identity code, e.g. 010190-123A."),
    )

    # --- Language: what the client speaks (ISO 639 codes), the language of messages to them
    # (one of the site's languages), and whether an interpreter is needed and in which language.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    preferred_language = models.CharField(
        _("language of messages"), max_length=10, default="fi", help_text=_("Messages to the client use it.")
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    interpreter_language = models.CharField(_("interpreter language"), max_length=60, blank=True)

    # --- Contact details: the phone number is normalised to E.164 like the booking form does.
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("In international format."))
    email = models.EmailField(_("email"), blank=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )

    # --- Integration-law facts (Act 681/2023): target group, residence permit, and the dates of the
    # early-stage services from which the ``deadlines`` app computes what falls due.
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices, blank=True)
    first_residence_permit_date = models.DateField(_("first residence permit granted"), null=True, blank=True)
    permit_type = models.CharField(_("current permit"), max_length=30, choices=PermitType.choices, blank=True)
    permit_expires_on = models.DateField(_("current permit expires"), null=True, blank=True)
    assessment_date = models.DateField(_("skills and service-need assessment done"), null=True, blank=True)
    integration_plan_date = models.DateField(_("first integration plan made"), null=True, blank=True)
    plan_ends_on = models.DateField(_("integration plan ends"), null=True, blank=True)
    first_referral_date = models.DateField(
        _("first referral to a service after the plan"), null=True, blank=True
    )

    # --- Casework: who is responsible, on what legal basis the data is kept, and when the client
    # was last in contact (the retention rule counts from it).
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_clients",
        verbose_name=_("responsible worker"),
    )
    additional_workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="works_with_clients",
        verbose_name=_("other workers"),
        help_text=_("They also see the notes of the guidance contacts."),
    )
    legal_basis_note = models.TextField(
        _("legal basis"),
        blank=True,
        max_length=1000,
        help_text=_("E.g. Act 681/2023 §§ 12–16: statutory integration services."),
    )
    consent_note = models.TextField(_("consent"), blank=True, max_length=1000)
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)

    # --- Privacy: set when the personal fields were emptied (on request or by the retention rule).
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            models.Index(fields=["organization", "last_name", "first_name"], name="client_org_name_idx"),
            models.Index(fields=["organization", "phone"], name="client_org_phone_idx"),
            models.Index(fields=["organization", "last_contact_at"], name="client_org_last_contact_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "personal_identity_code"],
                condition=~Q(personal_identity_code=""),
                name="client_identity_code_unique_per_org",
            ),
            models.CheckConstraint(
                condition=Q(anonymized_at__isnull=True)
                | (Q(personal_identity_code="") & Q(phone="") & Q(email="")),
                name="client_anonymized_has_no_contacts",
            ),
            models.CheckConstraint(
                condition=Q(plan_ends_on__isnull=True)
                | Q(integration_plan_date__isnull=True)
                | Q(plan_ends_on__gte=models.F("integration_plan_date")),
                name="client_plan_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        if self.anonymized_at:
            return str(_("Anonymized client %(id)s") % {"id": self.pk})
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def masked_identity_code(self) -> str:
        return mask_identity_code(self.personal_identity_code)

    @property
    def is_anonymized(self) -> bool:
        return self.anonymized_at is not None


class GuidanceContact(TimestampedModel):
    """One contact of guidance and advice (ohjaus ja neuvonta) with a client."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        DROP_IN = "drop_in", _("Drop-in")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        HOME_VISIT = "home_visit", _("Home visit")

    class Topic(models.TextChoices):
        HOUSING = "housing", _("Housing")
        KELA = "kela", _("Kela benefits")
        SOCIAL_SERVICES = "social_services", _("Social services")
        HEALTH = "health", _("Health services")
        RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
        CITIZENSHIP = "citizenship", _("Citizenship")
        FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
        LANGUAGE_STUDIES = "language_studies", _("Finnish or Swedish studies")
        EDUCATION = "education", _("Education and training")
        WORK = "work", _("Work and employment")
        CHILDREN = "children", _("School, daycare and children")
        MONEY = "money", _("Money, bank and bills")
        REGISTRATION = "registration", _("Registration and documents")
        HOBBIES = "hobbies", _("Hobbies and free time")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="guidance_contacts")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")

    # --- What happened: when, how, which service and topics, how long.
    contact_date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    service_type = models.CharField(_("service"), max_length=30, choices=ServiceType.choices)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))

    # --- Interpreter used: countable for the state's reimbursement of interpreting costs.
    interpreter_language = models.CharField(_("interpreter language"), max_length=60, blank=True)
    interpreter_mode = models.CharField(
        _("interpreting"), max_length=20, choices=InterpreterMode.choices, blank=True
    )
    interpreter_minutes = models.PositiveSmallIntegerField(_("interpreting (minutes)"), null=True, blank=True)

    # --- The note is sensitive: only the client's workers and the coordinator see it
    # (``accounts.policy.can_view_guidance_notes``); anonymization empties it.
    note = models.TextField(_("note"), blank=True, max_length=5000)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker"),
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-contact_date", "-id"]
        verbose_name = _("guidance contact")
        verbose_name_plural = _("guidance contacts")
        indexes = [models.Index(fields=["organization", "contact_date"], name="contact_org_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
                name="contact_duration_1_to_600",
            ),
            models.CheckConstraint(
                condition=(
                    Q(interpreter_language="") & Q(interpreter_mode="") & Q(interpreter_minutes__isnull=True)
                )
                | (~Q(interpreter_language="") & ~Q(interpreter_mode="") & Q(interpreter_minutes__gte=1)),
                name="contact_interpreter_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_date} {self.get_channel_display()}"

    @property
    def interpreter_used(self) -> bool:
        return bool(self.interpreter_language)

    def topic_labels(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [str(labels.get(code, code)) for code in self.topics]
