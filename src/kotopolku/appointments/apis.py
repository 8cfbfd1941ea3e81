"""Public booking API: free times, booking, and the client's own booking behind its manage token.

Thin views: parse input, call :mod:`selectors` / :mod:`services` (the same ones the HTML pages use),
and turn their outcomes into JSON with a stable ``code``:

- ``ValidationError`` from a service → 400 ``{"code": "invalid", "errors": {field: [messages]}}``;
- ``SlotTaken`` → 409 ``{"code": "slot_taken", "next_slots": [...]}``;
- a booking that is no longer booked or is past the self-service cut-off → 409 ``not_booked`` / ``too_late``.

The views take no authentication (``authentication_classes = []``): a logged-in staff member's
browser session is never used here, so these POST endpoints cannot be driven by a cross-site form.
"""

from __future__ import annotations

import datetime
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku.accounts.models import User
from kotopolku.api.errors import ApiError
from kotopolku.appointments import selectors, services
from kotopolku.appointments.models import Appointment, InterpreterMode, MeetingMode
from kotopolku.appointments.slots import Slot
from kotopolku.core.ratelimits import public_form_rate
from kotopolku.organizations import selectors as organization_selectors
from kotopolku.organizations.apis import LANG_PARAMETER, public_api_limit
from kotopolku.organizations.models import Organization, Service

# The longest range one slots request may ask for, in days (both ends included).
MAX_RANGE_DAYS = 62
# How many free times a 409 slot_taken answer offers instead.
NEXT_SLOTS = 5
# Database ids are 64-bit; a larger number is an input error, not an overflow inside the driver.
MAX_ID = 2**63 - 1

# Booking creation has the public forms' tighter limit too (default 10/h per address): every
# booking takes a counselor's hour, so a script must not fill a calendar. The HTML booking form
# can share the budget by using the same group.
booking_limit = method_decorator(
    ratelimit(key="ip", rate=public_form_rate, method="POST", block=True, group="public-booking"),
    name="dispatch",
)


class PublicApi(APIView):
    """Anonymous JSON API: no session authentication (so no CSRF exposure), request size enforced."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # DRF's parsers read the raw stream, which skips Django's DATA_UPLOAD_MAX_MEMORY_SIZE check;
        # reading the body applies it (RequestDataTooBig → 400 "too_large").
        if request.method == "POST":
            request._request.body  # noqa: B018
        super().initial(request, *args, **kwargs)


def _invalid(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


# --- Fields and serializers ------------------------------------------------------------------------


class AwareDateTimeField(serializers.DateTimeField):
    """ISO 8601 with a UTC offset; shown in Helsinki time (e.g. 2026-12-01T10:00:00+02:00)."""

    default_error_messages = {
        "naive": gettext_lazy("Give the time with its UTC offset, e.g. 2026-12-01T10:00:00+02:00."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("default_timezone", selectors.TZ)
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> datetime.datetime:
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value)
            except ValueError:
                parsed = None
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        elif isinstance(value, datetime.datetime) and timezone.is_naive(value):
            self.fail("naive")
        return super().to_internal_value(value)


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class SlotOutputSerializer(serializers.Serializer):
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    staff = serializers.IntegerField(source="staff_id", help_text="Id of the staff member.")
    mode = serializers.ChoiceField(choices=MeetingMode.choices)


class SlotQuerySerializer(serializers.Serializer):
    OPTIONAL = ("staff", "mode")

    service = IdField(help_text="Id of a bookable service of the municipality.")
    date_from = serializers.DateField(help_text="First day (YYYY-MM-DD, Helsinki time).")
    to = serializers.DateField(
        help_text=f"Last day, included; from `from` to `to` is at most {MAX_RANGE_DAYS} days."
    )
    staff = IdField(required=False, help_text="Only this staff member's times.")
    mode = serializers.ChoiceField(
        choices=MeetingMode.choices, required=False, help_text="Only this meeting mode."
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("date_from")  # a Python keyword, so renamed here
        # Keep the documented order: service, from, to, staff, mode.
        return {name: fields[name] for name in ("service", "from", "to", "staff", "mode")}

    def validate_service(self, value: int) -> Service:
        service = (
            selectors.bookable_services(organization=self.context["organization"]).filter(pk=value).first()
        )
        if service is None:
            raise serializers.ValidationError(_("Choose one of the services of this municipality."))
        return service

    def validate_staff(self, value: int) -> int:
        if not User.objects.filter(pk=value, organization=self.context["organization"]).exists():
            raise serializers.ValidationError(_("Choose one of the staff of this municipality."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        date_from, date_to = attrs["from"], attrs["to"]
        if date_to < date_from:
            raise serializers.ValidationError({"to": [_("The last day cannot be before the first day.")]})
        if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
            raise serializers.ValidationError(
                {"to": [_("Ask for at most %(days)d days at a time.") % {"days": MAX_RANGE_DAYS}]}
            )
        return attrs


class BookingInputSerializer(serializers.Serializer):
    service = IdField(help_text="Id of a bookable service of the municipality.")
    start = AwareDateTimeField(help_text="A free start time from the slots endpoint, with its UTC offset.")
    staff = IdField(
        required=False,
        allow_null=True,
        help_text="The staff member of the chosen slot; any free one when left out.",
    )
    mode = serializers.ChoiceField(
        choices=MeetingMode.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="The meeting mode of the chosen slot.",
    )
    name = serializers.CharField(
        max_length=150,
        error_messages={
            "required": gettext_lazy("Write your name."),
            "blank": gettext_lazy("Write your name."),
        },
    )
    email = serializers.EmailField(max_length=254, required=False, allow_null=True, allow_blank=True)
    phone = serializers.CharField(
        max_length=40,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Finnish (040 123 4567) or international (+358 40 123 4567) number; stored as E.164.",
    )
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        help_text="The language the client wants messages in.",
    )
    interpreter_language = serializers.CharField(
        max_length=60, required=False, allow_null=True, allow_blank=True
    )
    interpreter_mode = serializers.ChoiceField(
        choices=InterpreterMode.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text='Used with `interpreter_language`; "remote" when not given.',
    )
    topic = serializers.CharField(max_length=1000, required=False, allow_null=True, allow_blank=True)
    privacy_accepted = serializers.BooleanField(
        help_text="Must be true: the client has read the privacy notice.",
        error_messages={"required": gettext_lazy("Read and accept the privacy notice to book.")},
    )

    def validate_phone(self, value: str | None) -> str:
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "FI")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise serializers.ValidationError(
                _("Enter a valid phone number, e.g. 040 123 4567 or +358 40 123 4567.")
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def validate_service(self, value: int) -> Service:
        # Whether it belongs to this municipality and can be booked is the booking service's rule.
        service = Service.objects.filter(pk=value).first()
        if service is None:
            raise serializers.ValidationError(_("Choose one of the services of this municipality."))
        return service

    def validate_staff(self, value: int | None) -> User | None:
        if value is None:
            return None
        staff = User.objects.filter(pk=value).first()
        if staff is None:
            raise serializers.ValidationError(_("Choose one of the staff of this municipality."))
        return staff

    def validate_privacy_accepted(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Read and accept the privacy notice to book."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Optional fields may be left out, empty or null: all mean "not given".
        for name in ("email", "phone", "interpreter_language", "interpreter_mode", "topic"):
            attrs[name] = attrs.get(name) or ""
        attrs["staff"], attrs["mode"] = attrs.get("staff"), attrs.get("mode") or None
        if not attrs["email"] and not attrs["phone"]:
            raise serializers.ValidationError(
                {"phone": [_("Give a phone number or an email address, so we can confirm the time.")]}
            )
        if attrs["interpreter_language"]:
            attrs["interpreter_mode"] = attrs["interpreter_mode"] or InterpreterMode.REMOTE
        else:
            attrs["interpreter_mode"] = ""
        return attrs


class BookingOutputSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="Short code to quote on the phone.")
    manage_token = serializers.CharField(
        help_text="Secret for /api/v1/appointments/<manage_token>/: whoever holds it can cancel or move."
    )
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    staff = serializers.IntegerField(source="staff_id")


class RescheduleInputSerializer(serializers.Serializer):
    start = AwareDateTimeField(help_text="A free start time from the slots endpoint, with its UTC offset.")


class NamedServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PlaceOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()


class AppointmentOutputSerializer(serializers.Serializer):
    """What the holder of the manage token may see: the time and where, none of the client's details."""

    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Appointment.Status.choices)
    start = AwareDateTimeField()
    end = AwareDateTimeField()
    organization = serializers.SlugField(source="organization.slug", help_text="For the slots endpoint.")
    service = NamedServiceSerializer()
    staff = serializers.IntegerField(source="staff_id")
    mode = serializers.ChoiceField(choices=MeetingMode.choices)
    place = PlaceOutputSerializer(allow_null=True, help_text="Null unless the meeting is in person.")
    can_change = serializers.SerializerMethodField(
        help_text="Whether the client can still cancel or move the time online (before the cut-off)."
    )

    def get_can_change(self, appointment: Appointment) -> bool:
        return services.client_change_allowed(appointment)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


# Only documents the answer: a declared field named ``errors`` would hide ``Serializer.errors``.
InvalidSerializer = inline_serializer(
    "Invalid",
    fields={
        "code": serializers.CharField(),
        "message": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), help_text="Messages per field."
        ),
    },
)


class SlotTakenSerializer(ErrorSerializer):
    next_slots = SlotOutputSerializer(
        many=True,
        help_text=f"The first {NEXT_SLOTS} free times from that day on (for the same staff member and "
        "meeting mode when the request named them).",
    )


RATE_LIMITED = OpenApiResponse(ErrorSerializer, description='Too many requests: code "rate_limited".')
NOT_FOUND = OpenApiResponse(ErrorSerializer, description='code "not_found".')
INVALID = OpenApiResponse(InvalidSerializer, description='code "invalid" (or "too_large", "parse_error").')


# --- Helpers -------------------------------------------------------------------------------------


def _slot_taken(
    *,
    organization: Organization,
    service: Service,
    start: datetime.datetime,
    staff_id: int | None = None,
    mode: str | None = None,
    ignore_appointment_id: int | None = None,
) -> ApiError:
    day = timezone.localtime(start, selectors.TZ).date()
    slots: list = []
    # The next free times are usually within the week: look there first, then as far as allowed.
    for days in (7, MAX_RANGE_DAYS):
        slots = selectors.slots_for_service(
            organization=organization,
            service=service,
            date_from=day,
            date_to=day + datetime.timedelta(days=days - 1),
            staff_id=staff_id,
            mode=mode,
            ignore_appointment_id=ignore_appointment_id,
        )
        if len(slots) >= NEXT_SLOTS:
            break
    return ApiError(
        status.HTTP_409_CONFLICT,
        "slot_taken",
        _("This time is no longer free. Choose another time."),
        next_slots=SlotOutputSerializer(slots[:NEXT_SLOTS], many=True).data,
    )


def _change_refused(appointment: Appointment) -> ApiError | None:
    if appointment.status != Appointment.Status.BOOKED:
        return ApiError(
            status.HTTP_409_CONFLICT,
            "not_booked",
            _("This appointment is no longer booked, so it cannot be changed."),
        )
    if not services.client_change_allowed(appointment):
        return ApiError(
            status.HTTP_409_CONFLICT,
            "too_late",
            _("It is too late to change this appointment online. Please call us."),
        )
    return None


def _refused_meanwhile(token: str, error: DjangoValidationError) -> exceptions.APIException:
    """The service refused a change that looked allowed a moment ago (a concurrent request): say why."""
    return _change_refused(selectors.appointment_get_by_token(token=token)) or _invalid(error)


def _appointment_response(appointment: Appointment) -> Response:
    return Response(AppointmentOutputSerializer(appointment).data)


# --- Views ---------------------------------------------------------------------------------------


@public_api_limit
class SlotListApi(PublicApi):
    """Free start times of a service, earliest first, in Helsinki time with the UTC offset."""

    @extend_schema(
        summary="Free appointment times",
        parameters=[SlotQuerySerializer, LANG_PARAMETER],
        responses={200: SlotOutputSerializer(many=True), 400: INVALID, 404: NOT_FOUND, 429: RATE_LIMITED},
    )
    def get(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        # An empty optional filter (``?staff=&mode=``, as an HTML form sends it) means no filter.
        params = {
            key: value
            for key, value in request.query_params.items()
            if value or key not in SlotQuerySerializer.OPTIONAL
        }
        query = SlotQuerySerializer(data=params, context={"organization": organization})
        query.is_valid(raise_exception=True)
        validated = query.validated_data
        slots: list[Slot] = selectors.slots_for_service(
            organization=organization,
            service=validated["service"],
            date_from=validated["from"],
            date_to=validated["to"],
            staff_id=validated.get("staff"),
            mode=validated.get("mode"),
        )
        return Response(SlotOutputSerializer(slots, many=True).data)


@public_api_limit
@booking_limit
class AppointmentCreateApi(PublicApi):
    """Book one of the free times. Keep the ``manage_token``: it is the only way to change the booking.

    Without ``interpreter_mode`` an interpreter (``interpreter_language``) is booked as remote.
    Also limited like the public forms (default 10 bookings an hour per address).
    """

    @extend_schema(
        summary="Book a free time",
        parameters=[LANG_PARAMETER],
        request=BookingInputSerializer,
        responses={
            201: BookingOutputSerializer,
            400: INVALID,
            404: NOT_FOUND,
            409: OpenApiResponse(
                SlotTakenSerializer, description='code "slot_taken": someone else was first.'
            ),
            429: RATE_LIMITED,
        },
    )
    def post(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        serializer = BookingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = services.ClientDetails(
            name=data["name"],
            language=data["language"],
            email=data["email"],
            phone=data["phone"],
            interpreter_language=data["interpreter_language"],
            interpreter_mode=data["interpreter_mode"],
            topic=data["topic"],
        )
        staff: User | None = data["staff"]
        try:
            appointment = services.appointment_book(
                organization=organization,
                service=data["service"],
                start=data["start"],
                client=client,
                privacy_accepted=data["privacy_accepted"],
                staff=staff,
                mode=data["mode"],
            )
        except DjangoValidationError as error:
            raise _invalid(error) from error
        except services.SlotTaken as error:
            raise _slot_taken(
                organization=organization,
                service=data["service"],
                start=data["start"],
                staff_id=staff.pk if staff else None,
                mode=data["mode"],
            ) from error
        return Response(BookingOutputSerializer(appointment).data, status=status.HTTP_201_CREATED)


TOKEN_RESPONSES: dict[int, Any] = {200: AppointmentOutputSerializer, 404: NOT_FOUND, 429: RATE_LIMITED}
CHANGE_REFUSED = OpenApiResponse(
    ErrorSerializer, description='code "too_late" (past the cut-off) or "not_booked" (already cancelled).'
)


@public_api_limit
@method_decorator(never_cache, name="dispatch")
class AppointmentDetailApi(PublicApi):
    """The booking, without the client's personal details."""

    @extend_schema(
        summary="The booking behind a manage token", parameters=[LANG_PARAMETER], responses=TOKEN_RESPONSES
    )
    def get(self, request: Request, token: str) -> Response:
        return _appointment_response(selectors.appointment_get_by_token(token=token))


@public_api_limit
@method_decorator(never_cache, name="dispatch")
class AppointmentCancelApi(PublicApi):
    """Cancel, until the municipality's cut-off (default 2 hours before). The time is free again at once."""

    @extend_schema(
        summary="Cancel the booking",
        parameters=[LANG_PARAMETER],
        request=None,
        responses={**TOKEN_RESPONSES, 409: CHANGE_REFUSED},
    )
    def post(self, request: Request, token: str) -> Response:
        appointment = selectors.appointment_get_by_token(token=token)
        refused = _change_refused(appointment)
        if refused:
            raise refused
        try:
            appointment = services.appointment_cancel(appointment=appointment, actor=None, by_client=True)
        except DjangoValidationError as error:
            raise _refused_meanwhile(token, error) from error
        return _appointment_response(appointment)


@public_api_limit
@method_decorator(never_cache, name="dispatch")
class AppointmentRescheduleApi(PublicApi):
    """Move to another free time of the same service, until the cut-off."""

    @extend_schema(
        summary="Move the booking to another free time",
        parameters=[LANG_PARAMETER],
        request=RescheduleInputSerializer,
        responses={
            **TOKEN_RESPONSES,
            400: INVALID,
            409: OpenApiResponse(
                SlotTakenSerializer,
                description='code "slot_taken" (with next_slots), "too_late" or "not_booked".',
            ),
        },
    )
    def post(self, request: Request, token: str) -> Response:
        appointment = selectors.appointment_get_by_token(token=token)
        refused = _change_refused(appointment)
        if refused:
            raise refused
        serializer = RescheduleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        start = serializer.validated_data["start"]
        try:
            appointment = services.appointment_reschedule(
                appointment=appointment, start=start, actor=None, by_client=True
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise _invalid(error) from error
            raise _refused_meanwhile(token, error) from error
        except services.SlotTaken as error:
            raise _slot_taken(
                organization=appointment.organization,
                service=appointment.service,
                start=start,
                ignore_appointment_id=appointment.pk,
            ) from error
        return _appointment_response(appointment)
