"""Staff API of the client records: session-authenticated, scoped to the municipality, audited.

Staff of another municipality get 404 (as on the staff pages); the identity code is always masked;
notes of guidance contacts follow ``accounts.policy.can_view_guidance_notes``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku.accounts.decorators import is_fully_authenticated
from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, can_view_guidance_notes, require
from kotopolku.api.errors import ApiError
from kotopolku.appointments.apis import INVALID, NOT_FOUND, AwareDateTimeField, ErrorSerializer
from kotopolku.clients import selectors, services
from kotopolku.clients.forms import SEARCH_MAX_LENGTH
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.organizations.models import Organization

NOT_AUTHENTICATED = OpenApiResponse(
    ErrorSerializer, description='code "not_authenticated": log in to the staff pages first.'
)
FORBIDDEN = OpenApiResponse(ErrorSerializer, description='code "permission_denied".')


class StaffApi(APIView):
    """Base of the staff API: the staff session (with its second factor), then the one policy."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    perm: Perm = Perm.VIEW_CLIENTS

    def staff_organization(self, request: Request, org: str) -> tuple[User, Organization]:
        if not is_fully_authenticated(request._request):
            raise ApiError(403, "not_authenticated", _("Log in to the staff pages first."))
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise Http404
        require(request.user, self.perm, organization)
        assert isinstance(request.user, User)
        return request.user, organization


class ClientQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        help_text="Name words, phone number, booking reference code or personal identity code. "
        "Empty: the most recently contacted.",
    )
    mine = serializers.BooleanField(required=False, default=False, help_text="Only my clients.")


class ClientListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    phone = serializers.CharField()
    responsible_worker = serializers.IntegerField(source="responsible_worker_id", allow_null=True)
    last_contact_at = AwareDateTimeField(allow_null=True)


class InterpreterOutputSerializer(serializers.Serializer):
    language = serializers.CharField(source="interpreter_language")
    mode = serializers.CharField(source="interpreter_mode")
    minutes = serializers.IntegerField(source="interpreter_minutes")


class GuidanceContactOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField(source="contact_date")
    channel = serializers.ChoiceField(choices=GuidanceContact.Channel.choices)
    service_type = serializers.CharField()
    topics = serializers.ListField(child=serializers.CharField())
    duration_minutes = serializers.IntegerField()
    interpreter = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField(
        help_text="Null unless the caller is one of the client's workers or the coordinator."
    )

    @extend_schema_field(InterpreterOutputSerializer(allow_null=True))
    def get_interpreter(self, contact: GuidanceContact) -> dict[str, Any] | None:
        return InterpreterOutputSerializer(contact).data if contact.interpreter_used else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_note(self, contact: GuidanceContact) -> str | None:
        return contact.note if self.context.get("show_notes") else None


class LinkedAppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    start = AwareDateTimeField()
    status = serializers.CharField()
    service_type = serializers.CharField(source="service.service_type")


class ClientDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    personal_identity_code_masked = serializers.CharField(
        source="masked_identity_code", help_text="Masked; unmasking is done on the staff page and audited."
    )
    languages = serializers.ListField(child=serializers.CharField())
    preferred_language = serializers.CharField()
    interpreter_needed = serializers.BooleanField()
    interpreter_language = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    household = serializers.IntegerField(source="household_id", allow_null=True)
    target_group = serializers.CharField()
    first_residence_permit_date = serializers.DateField(allow_null=True)
    permit_type = serializers.CharField()
    permit_expires_on = serializers.DateField(allow_null=True)
    assessment_date = serializers.DateField(allow_null=True)
    integration_plan_date = serializers.DateField(allow_null=True)
    plan_ends_on = serializers.DateField(allow_null=True)
    first_referral_date = serializers.DateField(allow_null=True)
    responsible_worker = serializers.IntegerField(source="responsible_worker_id", allow_null=True)
    last_contact_at = AwareDateTimeField(allow_null=True)
    anonymized_at = AwareDateTimeField(allow_null=True)
    guidance_contacts = serializers.SerializerMethodField()
    appointments = serializers.SerializerMethodField()

    @extend_schema_field(GuidanceContactOutputSerializer(many=True))
    def get_guidance_contacts(self, client: Client) -> list[dict[str, Any]]:
        contacts = selectors.client_contacts(client=client)
        return GuidanceContactOutputSerializer(contacts, many=True, context=self.context).data  # type: ignore[return-value]

    @extend_schema_field(LinkedAppointmentSerializer(many=True))
    def get_appointments(self, client: Client) -> list[dict[str, Any]]:
        return LinkedAppointmentSerializer(selectors.client_appointments(client=client), many=True).data  # type: ignore[return-value]


class ClientListApi(StaffApi):
    """Search the municipality's clients (staff only). Each search is audited (count only)."""

    @extend_schema(
        summary="Search clients (staff)",
        parameters=[ClientQuerySerializer],
        responses={
            200: ClientListOutputSerializer(many=True),
            400: INVALID,
            403: NOT_AUTHENTICATED,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, org: str) -> Response:
        user, organization = self.staff_organization(request, org)
        query = ClientQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        results = selectors.client_search(
            organization=organization,
            query=query.validated_data.get("q", ""),
            worker=user if query.validated_data.get("mine") else None,
        )
        services.client_search_record(organization=organization, actor=user, results=len(results), via="api")
        return Response(ClientListOutputSerializer(results, many=True).data)


class ClientDetailApi(StaffApi):
    """One client record with its contacts and appointments (staff only; audited)."""

    @extend_schema(
        summary="A client record (staff)",
        responses={200: ClientDetailOutputSerializer, 403: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def get(self, request: Request, org: str, pk: int) -> Response:
        user, organization = self.staff_organization(request, org)
        client = selectors.client_get_for_staff(organization=organization, pk=pk)
        services.client_record_view(client=client, actor=user, via="api")
        context = {"show_notes": can_view_guidance_notes(user, client)}
        return Response(ClientDetailOutputSerializer(client, context=context).data)
