"""Model fields shared by the domains."""

from __future__ import annotations

from typing import Any

from django.db import models


class CodeChoicesCharField(models.CharField):
    """A text column whose choices live in code only, not in migrations.

    For enums that every domain extends (audit actions, outbox message kinds): a new member needs no
    schema change, so domains never race each other for the next migration of a shared app.
    """

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, "django.db.models.CharField", args, kwargs
