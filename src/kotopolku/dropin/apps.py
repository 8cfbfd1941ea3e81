from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DropinConfig(AppConfig):
    name = "kotopolku.dropin"
    verbose_name = _("Drop-in hour")
