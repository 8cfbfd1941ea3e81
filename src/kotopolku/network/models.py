"""Partner network and hobbies: partners, the cooperation log, activities (the hobby catalogue),
suggestions from partners, "help me join" requests, events and referrals.

Every row carries its ``organization`` and staff queries go through
:class:`~kotopolku.organizations.models.OrganizationScopedQuerySet`. The languages spoken at an
activity and its age groups are child rows (not a JSON list), so the public finder and the API
filter them in the database on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet, TimestampedModel


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SPORTS_CLUB = "sports_club", _("Sports club")
    PARISH = "parish", _("Parish")
    ADULT_EDUCATION = "adult_education", _("Adult education centre")
    LIBRARY = "library", _("Library")
    KELA = "kela", _("Kela office")
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    EMPLOYER = "employer", _("Employer")
    OTHER = "other", _("Other")


class ActivityCategory(models.TextChoices):
    SPORTS = "sports", _("Sports and exercise")
    MUSIC = "music", _("Music")
    ARTS_CRAFTS = "arts_crafts", _("Arts and crafts")
    LANGUAGE_CAFE = "language_cafe", _("Language café")
    CHILDREN = "children", _("Clubs for children")
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    FAMILIES = "families", _("Families")
    SENIORS = "seniors", _("Seniors")
    VOLUNTEERING = "volunteering", _("Volunteering")


class AgeGroup(models.TextChoices):
    """Who an activity is for; ``AGE_RANGES`` maps an age in years to a group (the API's ``age=14``)."""

    CHILDREN = "children", _("Children (under 13)")
    YOUTH = "youth", _("Young people (13–17)")
    ADULTS = "adults", _("Adults (18–64)")
    SENIORS = "seniors", _("Seniors (65 and over)")


AGE_RANGES: dict[str, tuple[int, int]] = {
    AgeGroup.CHILDREN: (0, 12),
    AgeGroup.YOUTH: (13, 17),
    AgeGroup.ADULTS: (18, 64),
    AgeGroup.SENIORS: (65, 150),
}


def age_group_for(age: int) -> str | None:
    for group, (low, high) in AGE_RANGES.items():
        if low <= age <= high:
            return group
    return None


class SpokenLanguage(models.TextChoices):
    """Languages spoken at an activity or by a partner: the site's languages and other common ones
    among newcomers in Finland (ISO 639 codes)."""

    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    AR = "ar", _("Arabic")
    FA = "fa", _("Persian")
    PRS = "prs", _("Dari")
    RU = "ru", _("Russian")
    UK = "uk", _("Ukrainian")
    SO = "so", _("Somali")
    KU = "ku", _("Kurdish")
    TI = "ti", _("Tigrinya")
    TR = "tr", _("Turkish")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    ET = "et", _("Estonian")
    TH = "th", _("Thai")
    VI = "vi", _("Vietnamese")
    ZH = "zh", _("Chinese")
    SIGN = "fse", _("Finnish Sign Language")


class Partner(TimestampedModel):
    """An organization the integration services work with: an association, a sports club, …"""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=150)
    offers = models.TextField(
        _("what they offer"), blank=True, help_text=_("Activities, services and help for newcomers.")
    )
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Languages in which they can serve people.")
    )
    notes = models.TextField(_("notes for staff"), blank=True)
    is_active = models.BooleanField(_("active partner"), default=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        city = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in [self.street_address, city] if part)

    def language_names(self) -> list[str]:
        names = dict(SpokenLanguage.choices)
        return [str(names.get(code, code)) for code in self.languages]


class CooperationEntry(TimestampedModel):
    """One piece of network work: a meeting, a joint event, an agreement (counted in statistics)."""

    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        JOINT_EVENT = "joint_event", _("Joint event")
        AGREEMENT = "agreement", _("Agreement")
        OTHER = "other", _("Other cooperation")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="cooperation_entries"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    partners = models.ManyToManyField(
        Partner, related_name="cooperation_entries", verbose_name=_("partners involved")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("What was agreed or done. No client details."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("cooperation entry")
        verbose_name_plural = _("cooperation log")
        indexes = [models.Index(fields=["organization", "date"], name="network_coop_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class PublishedQuerySet(OrganizationScopedQuerySet):
    """Scoped to a municipality, with ``published()``: what the public pages may show."""

    def published(self) -> PublishedQuerySet:
        return self.filter(is_published=True)


class Activity(TimestampedModel):
    """A hobby or activity in the public hobby finder. Texts per language, Finnish as the fallback."""

    class Price(models.TextChoices):
        FREE = "free", _("Free")
        COST = "cost", _("Costs money")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="activities")
    organizer = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("organizer"),
    )
    category = models.CharField(_("category"), max_length=30, choices=ActivityCategory.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    price = models.CharField(_("price"), max_length=10, choices=Price.choices, default=Price.FREE)
    price_details = models.CharField(
        _("price details"), max_length=300, blank=True, help_text=_("For example “20 € a term”.")
    )
    support_available = models.BooleanField(
        _("financial support available"),
        default=False,
        help_text=_("The fee can be lowered or paid, e.g. by a hobby voucher or the parish."),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    place_name = models.CharField(_("place"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    schedule = models.CharField(
        _("when"), max_length=300, blank=True, help_text=_("For example “Wednesdays 17–18.30”.")
    )
    how_to_join = models.TextField(_("how to join"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__in=["free", "cost"]), name="network_activity_known_price"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "is_published", "category"], name="network_activity_pub_idx")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        city = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in [self.street_address, city] if part)

    @property
    def is_free(self) -> bool:
        return self.price == self.Price.FREE

    def language_codes(self) -> list[str]:
        return [row.code for row in self.spoken_languages.all()]

    def language_names(self) -> list[str]:
        return [str(row.get_code_display()) for row in self.spoken_languages.all()]

    def age_group_codes(self) -> list[str]:
        """Youngest first, whatever the order they were chosen in."""
        order = AgeGroup.values
        return sorted((row.group for row in self.age_groups.all()), key=order.index)

    def age_group_names(self) -> list[str]:
        labels = dict(AgeGroup.choices)
        return [str(labels[code]) for code in self.age_group_codes()]


class ActivityLanguage(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="spoken_languages")
    code = models.CharField(_("language"), max_length=10, choices=SpokenLanguage.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "code"], name="network_activity_language_once"),
        ]
        indexes = [models.Index(fields=["code"], name="network_activity_lang_idx")]

    def __str__(self) -> str:
        return self.code


class ActivityAgeGroup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="age_groups")
    group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="network_activity_age_group_once"),
        ]

    def __str__(self) -> str:
        return self.group


class ActivitySuggestion(TimestampedModel):
    """An activity a partner suggests through the public form. Never published by itself: staff
    approve it (it becomes an :class:`Activity`, edited and translated by them) or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="activity_suggestions"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("language of the suggestion"), max_length=10)
    organizer_name = models.CharField(_("organizer"), max_length=150)
    category = models.CharField(_("category"), max_length=30, choices=ActivityCategory.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=3000)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    price = models.CharField(_("price"), max_length=10, choices=Activity.Price.choices)
    price_details = models.CharField(_("price details"), max_length=300, blank=True)
    place_name = models.CharField(_("place"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    schedule = models.CharField(_("when"), max_length=300, blank=True)
    how_to_join = models.TextField(_("how to join"), max_length=2000, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    activity = models.OneToOneField(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestion"
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "created_at", "id"]
        verbose_name = _("activity suggestion")
        verbose_name_plural = _("activity suggestions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | Q(status__in=["approved", "rejected"], decided_at__isnull=False),
                name="network_suggestion_decided_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(activity__isnull=True),
                name="network_suggestion_pending_has_no_activity",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JoinHelpRequest(TimestampedModel):
    """ "Ask the counselor to help me join": a request from the public hobby finder."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting")
        HANDLED = "handled", _("Handled")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="join_requests")
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="join_requests"
    )
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    language_other = models.CharField(_("client's own language"), max_length=60, blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "created_at", "id"]
        verbose_name = _("request for help to join")
        verbose_name_plural = _("requests for help to join")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="network_join_request_has_contact"
            ),
            models.CheckConstraint(
                condition=Q(status="new", handled_at__isnull=True)
                | Q(status="handled", handled_at__isnull=False),
                name="network_join_request_handled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.get_status_display()}"


class Event(TimestampedModel):
    """A HeiMo café event or a partner's event in the public events calendar."""

    class Kind(models.TextChoices):
        HEIMO_CAFE = "heimo_cafe", _("HeiMo café")
        PARTNER = "partner", _("Partner event")
        OWN = "own", _("Integration services")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HEIMO_CAFE)
    organizer = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organizer"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place_name = models.CharField(_("place"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    website = models.URLField(_("website"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="network_event_end_after_start"),
        ]
        indexes = [models.Index(fields=["organization", "start"], name="network_event_org_start_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def address(self) -> str:
        return ", ".join(part for part in [self.street_address, self.city] if part)

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()


class Referral(TimestampedModel):
    """A counselor refers a client to an activity or a partner, and follows up whether they joined.

    ``category`` is the activity's category at the time of the referral (chosen by the counselor
    for a referral to a partner), so the statistics count referrals by category and outcome.
    A referral is made to an activity or a partner (``services.referral_create`` requires one); it
    outlives them (the foreign keys are set to NULL), so the counts stay when a hobby is removed.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        JOINED = "joined", _("Joined")
        NOT_JOINED = "not_joined", _("Did not join")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="referrals")
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("client")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("activity"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("partner"),
    )
    category = models.CharField(_("category"), max_length=30, choices=ActivityCategory.choices)
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    follow_up_on = models.DateField(_("follow up on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why they joined or did not join, or what is still open. No health details."),
    )
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up_on", "id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__gte=F("referred_on")),
                name="network_referral_follow_up_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "joined", "not_joined"]),
                name="network_referral_known_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "outcome", "follow_up_on"], name="network_referral_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.referred_on:%Y-%m-%d} {self.get_category_display()}"

    @property
    def target_name(self) -> str:
        if self.activity is not None:
            return self.activity.name
        if self.partner is not None:
            return self.partner.name
        return "–"

    @property
    def is_due(self) -> bool:
        return self.outcome == self.Outcome.PENDING and self.follow_up_on <= timezone.localdate()
