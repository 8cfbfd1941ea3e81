"""Small helpers shared by the domain services."""

from __future__ import annotations

from typing import Any

from django.db import models


def model_apply_changes(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set the given fields on ``instance``; return the names of those whose value changed.

    The names (never the values) go into the audit log, so the log says *what* changed
    without copying content into it.
    """
    changed = []
    for field, value in data.items():
        current = getattr(instance, field)
        # An untranslated text is stored as NULL, while a form sends an empty box as "": no change.
        if current != value and not (current in (None, "") and value in (None, "")):
            setattr(instance, field, value)
            changed.append(field)
    return sorted(changed)
