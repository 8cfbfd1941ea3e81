"""Public drop-in API: the sessions of a municipality. Same selector as the HTML pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kotopolku.appointments.apis import INVALID, NOT_FOUND, RATE_LIMITED, AwareDateTimeField, PublicApi
from kotopolku.appointments.selectors import TZ
from kotopolku.dropin import selectors
from kotopolku.organizations import selectors as organization_selectors
from kotopolku.organizations.apis import LANG_PARAMETER, public_api_limit

# The longest range one request may ask for, in days (both ends included), and the default range.
MAX_RANGE_DAYS = 92
DEFAULT_RANGE_DAYS = 28


class DropinPlaceOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()


class SessionOutputSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text='Stable per session: "s<schedule>-<YYYYMMDD>" or "x<extra session>".'
    )
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    place = DropinPlaceOutputSerializer()
    status = serializers.ChoiceField(
        choices=[selectors.SCHEDULED, selectors.OPEN, selectors.CANCELLED, selectors.CLOSED],
        help_text="open: check-in is open (from shortly before the start until the end).",
    )


class SessionQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(
        required=False, help_text="First day (YYYY-MM-DD, Helsinki time); today by default."
    )
    to = serializers.DateField(
        required=False,
        help_text=(
            f"Last day, included; {DEFAULT_RANGE_DAYS} days after `from` by default;"
            f" at most {MAX_RANGE_DAYS} days from `from`."
        ),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("date_from")  # a Python keyword, so renamed here
        return {name: fields[name] for name in ("from", "to")}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        date_from = attrs.get("from") or timezone.localdate(timezone.now(), TZ)
        date_to = attrs.get("to") or date_from + datetime.timedelta(days=DEFAULT_RANGE_DAYS)
        if date_to < date_from:
            raise serializers.ValidationError({"to": [_("The last day cannot be before the first day.")]})
        if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
            raise serializers.ValidationError(
                {"to": [_("Ask for at most %(days)d days at a time.") % {"days": MAX_RANGE_DAYS}]}
            )
        return {"from": date_from, "to": date_to}


@public_api_limit
class SessionListApi(PublicApi):
    """Drop-in sessions of a municipality, earliest first, in Helsinki time with the UTC offset."""

    @extend_schema(
        summary="Drop-in sessions",
        parameters=[SessionQuerySerializer, LANG_PARAMETER],
        responses={200: SessionOutputSerializer(many=True), 400: INVALID, 404: NOT_FOUND, 429: RATE_LIMITED},
    )
    def get(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        query = SessionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        sessions = selectors.sessions_between(
            organization=organization,
            date_from=query.validated_data["from"],
            date_to=query.validated_data["to"],
        )
        return Response(SessionOutputSerializer(sessions, many=True).data)
