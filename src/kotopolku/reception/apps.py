from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "kotopolku.reception"
    verbose_name = _("Quota-refugee reception")
