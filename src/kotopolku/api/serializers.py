"""Serializers shared by the domains' APIs."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from kotopolku.appointments.selectors import TZ


class DateRangeQuerySerializer(serializers.Serializer):
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD`` (Helsinki dates, both included): ``from`` is today and
    ``to`` is ``default_days`` later when not given; at most ``max_days`` days at a time.
    Subclasses set the two limits."""

    default_days: ClassVar[int] = 28
    max_days: ClassVar[int] = 92

    date_from = serializers.DateField(
        required=False, help_text="First day (YYYY-MM-DD, Helsinki time); today by default."
    )
    to = serializers.DateField(required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("date_from")  # a Python keyword, so renamed here
        fields["to"].help_text = (
            f"Last day, included; {self.default_days} days after `from` by default;"
            f" at most {self.max_days} days from `from`."
        )
        return {name: fields[name] for name in ("from", "to")}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        date_from = attrs.get("from") or timezone.localdate(timezone.now(), TZ)
        date_to = attrs.get("to") or date_from + datetime.timedelta(days=self.default_days)
        if date_to < date_from:
            raise serializers.ValidationError({"to": [_("The last day cannot be before the first day.")]})
        if (date_to - date_from).days + 1 > self.max_days:
            raise serializers.ValidationError(
                {"to": [_("Ask for at most %(days)d days at a time.") % {"days": self.max_days}]}
            )
        return {"from": date_from, "to": date_to}
