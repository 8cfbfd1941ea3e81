from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def no_demo_accounts_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Demo logins have published passwords: they must never exist in a production database."""
    if not settings.IS_PRODUCTION:
        return []
    from kotopolku.accounts.models import User

    try:
        count = User.objects.filter(is_demo_account=True).count()
    except DatabaseError:
        return []  # not migrated yet: nothing to find
    if count:
        return [
            Error(
                f"{count} demo account(s) exist in a production database.",
                hint="Remove them: manage.py remove_demo_accounts",
                id="kotopolku.E001",
            )
        ]
    return []
