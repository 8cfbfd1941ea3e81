from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kotopolku.accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from kotopolku.accounts import signals  # noqa: F401  (connects the audit receivers)
