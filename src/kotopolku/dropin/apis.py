"""Public drop-in API: the sessions of a municipality. Same selector as the HTML pages."""

from __future__ import annotations

from typing import Any

from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kotopolku.api.errors import ApiError
from kotopolku.api.serializers import DateRangeQuerySerializer
from kotopolku.appointments.apis import (
    INVALID,
    NOT_FOUND,
    RATE_LIMITED,
    AwareDateTimeField,
    PublicApi,
)
from kotopolku.appointments.forms import language_choices, normalise_phone
from kotopolku.core.ratelimits import dropin_checkin_rate
from kotopolku.dropin import selectors, services
from kotopolku.dropin.models import DropinTicket, DropinTopic
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


class SessionQuerySerializer(DateRangeQuerySerializer):
    default_days = DEFAULT_RANGE_DAYS
    max_days = MAX_RANGE_DAYS


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


# --- Tickets -------------------------------------------------------------------------------------------


class NextSessionOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    place = DropinPlaceOutputSerializer()
    status = serializers.CharField()
    checkin_opens = AwareDateTimeField()


class SessionClosedSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='"session_closed"')
    message = serializers.CharField()
    next_session = NextSessionOutputSerializer(allow_null=True)


class TicketInputSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=language_choices(), help_text='A UI language code, or "other" with `language_other`.'
    )
    language_other = serializers.CharField(required=False, allow_blank=True, max_length=60)
    topic = serializers.ChoiceField(choices=DropinTopic.choices)
    needs_interpreter = serializers.BooleanField(required=False, default=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=60)
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=32, help_text="For a text message when the turn is near."
    )

    def validate_phone(self, value: str) -> str:
        from django import forms

        value = value.strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except forms.ValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class TicketCreatedSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    token = serializers.CharField(help_text="Secret: the key to the ticket's status.")
    position = serializers.IntegerField(help_text="1 = next in line.")
    estimated_wait_minutes = serializers.IntegerField()


class TicketStatusSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DropinTicket.Status.choices)
    position = serializers.IntegerField(allow_null=True, help_text="Null when no longer waiting.")
    estimated_wait_minutes = serializers.IntegerField(allow_null=True)


def _session_for_id(session_id: str) -> selectors.Session:
    session = selectors.session_find(key=session_id)
    if session is None:
        raise ApiError(404, "not_found", _("Not found."))
    return session


def _next_session_data(error: services.CheckInClosed) -> dict[str, Any] | None:
    if error.next_session is None:
        return None
    return dict(NextSessionOutputSerializer(error.next_session).data)


@method_decorator(
    ratelimit(key="ip", rate=dropin_checkin_rate, method="POST", block=True, group="dropin-checkin"),
    name="dispatch",
)
class TicketCreateApi(PublicApi):
    """Check in to an open drop-in session and get a queue number."""

    @extend_schema(
        summary="Check in to a drop-in session",
        request=TicketInputSerializer,
        responses={
            201: TicketCreatedSerializer,
            400: INVALID,
            404: NOT_FOUND,
            409: OpenApiResponse(
                SessionClosedSerializer,
                description='code "session_closed": check-in is not open (not yet, over, cancelled, closed).',
            ),
            429: RATE_LIMITED,
        },
    )
    def post(self, request: Request, session_id: str) -> Response:
        session = _session_for_id(session_id)
        data = TicketInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["language"] == "other" and not values.get("language_other", "").strip():
            raise ApiError(400, "invalid", _("Write which language you want to use."))
        organization = session.place.organization
        try:
            ticket = services.ticket_check_in(
                organization=organization,
                session=session,
                language=values["language"],
                language_other=values.get("language_other", ""),
                topic=values["topic"],
                needs_interpreter=values.get("needs_interpreter", False),
                name=values.get("name", ""),
                phone=values.get("phone", ""),
                source=DropinTicket.Source.API,
            )
        except services.CheckInClosed as error:
            raise ApiError(
                409,
                "session_closed",
                _("Check-in for this session is closed."),
                next_session=_next_session_data(error),
            ) from error
        except services.QueueError as error:
            raise ApiError(400, "invalid", error.message) from error
        state = selectors.ticket_state(token=ticket.token)
        assert state is not None
        return Response(
            TicketCreatedSerializer(
                {
                    "number": ticket.number,
                    "token": ticket.token,
                    "position": state.position,
                    "estimated_wait_minutes": state.estimated_wait_minutes,
                }
            ).data,
            status=201,
        )


@public_api_limit
class TicketStatusApi(PublicApi):
    """A ticket's number, status and place in the queue (poll it; the token is the secret)."""

    @extend_schema(
        summary="Drop-in ticket status",
        responses={200: TicketStatusSerializer, 404: NOT_FOUND, 429: RATE_LIMITED},
    )
    def get(self, request: Request, token: str) -> Response:
        state = selectors.ticket_state(token=token)
        if state is None:
            raise ApiError(404, "not_found", _("Not found."))
        return Response(
            TicketStatusSerializer(
                {
                    "number": state.ticket.number,
                    "status": state.ticket.status,
                    "position": state.position,
                    "estimated_wait_minutes": state.estimated_wait_minutes,
                }
            ).data
        )
