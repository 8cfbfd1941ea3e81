"""Public hobby and events API. Same selectors as the HTML pages; texts in the request's language
(``?lang=`` or Accept-Language, Finnish as the fallback)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kotopolku.api.serializers import DateRangeQuerySerializer
from kotopolku.appointments.apis import INVALID, NOT_FOUND, RATE_LIMITED, AwareDateTimeField, PublicApi
from kotopolku.network import selectors
from kotopolku.network.models import (
    Activity,
    ActivityCategory,
    AgeGroup,
    Event,
    SpokenLanguage,
    age_group_for,
)
from kotopolku.organizations import selectors as organization_selectors
from kotopolku.organizations.apis import LANG_PARAMETER, public_api_limit

# The longest range one events request may ask for, in days (both ends included), and the default.
MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 90


class OrganizerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class HobbyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=ActivityCategory.choices)
    category_label = serializers.CharField(source="get_category_display")
    description = serializers.CharField()
    age_groups = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    free = serializers.BooleanField(source="is_free")
    price_details = serializers.CharField()
    support_available = serializers.BooleanField()
    accessibility = serializers.CharField()
    place = serializers.CharField(source="place_name")
    address = serializers.CharField()
    schedule = serializers.CharField()
    how_to_join = serializers.CharField()
    organizer = OrganizerOutputSerializer(allow_null=True)
    website = serializers.CharField()
    url = serializers.SerializerMethodField(
        help_text="The activity's public page (with the help-me-join form)."
    )

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=AgeGroup.choices)))
    def get_age_groups(self, obj: Activity) -> list[str]:
        return obj.age_group_codes()

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=SpokenLanguage.choices)))
    def get_languages(self, obj: Activity) -> list[str]:
        return obj.language_codes()

    def get_url(self, obj: Activity) -> str:
        return reverse("public:hobby_detail", kwargs={"org": self.context["org"], "pk": obj.pk})


class HobbyQuerySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ActivityCategory.choices, required=False)
    language = serializers.ChoiceField(
        choices=SpokenLanguage.choices, required=False, help_text="A language spoken there (ISO 639 code)."
    )
    age = serializers.CharField(
        required=False,
        help_text="An age group (children, youth, adults, seniors) or an age in years, e.g. 14.",
    )
    free = serializers.BooleanField(required=False, default=False, help_text="true: only free activities.")

    def validate_age(self, value: str) -> str:
        value = value.strip()
        if value in AgeGroup.values:
            return value
        if value.isdigit() and len(value) <= 3:
            group = age_group_for(int(value))
            if group:
                return group
        raise serializers.ValidationError(
            _("Give an age group (%(groups)s) or an age in years.") % {"groups": ", ".join(AgeGroup.values)}
        )


@public_api_limit
class HobbyListApi(PublicApi):
    """Published hobbies of a municipality, filtered like the public hobby finder."""

    @extend_schema(
        summary="Hobbies",
        parameters=[HobbyQuerySerializer, LANG_PARAMETER],
        responses={200: HobbyOutputSerializer(many=True), 400: INVALID, 404: NOT_FOUND, 429: RATE_LIMITED},
    )
    def get(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        query = HobbyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = selectors.HobbyFilters(
            category=data.get("category", ""),
            language=data.get("language", ""),
            age_group=data.get("age", ""),
            free_only=data.get("free", False),
        )
        activities = selectors.hobby_list_public(organization=organization, filters=filters)
        return Response(HobbyOutputSerializer(activities, many=True, context={"org": organization.slug}).data)


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    description = serializers.CharField()
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    place = serializers.CharField(source="place_name")
    address = serializers.CharField()
    free = serializers.BooleanField(source="is_free")
    organizer = OrganizerOutputSerializer(allow_null=True)
    website = serializers.CharField()


class EventQuerySerializer(DateRangeQuerySerializer):
    default_days = DEFAULT_RANGE_DAYS
    max_days = MAX_RANGE_DAYS


@public_api_limit
class EventListApi(PublicApi):
    """Published events of a municipality that overlap the days asked for, earliest first."""

    @extend_schema(
        summary="Events",
        parameters=[EventQuerySerializer, LANG_PARAMETER],
        responses={200: EventOutputSerializer(many=True), 400: INVALID, 404: NOT_FOUND, 429: RATE_LIMITED},
    )
    def get(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        query = EventQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        events = selectors.events_between(
            organization=organization,
            date_from=query.validated_data["from"],
            date_to=query.validated_data["to"],
        )
        return Response(EventOutputSerializer(events, many=True).data)
