from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "kotopolku.appointments"
    verbose_name = _("Appointments")

    def ready(self) -> None:
        from kotopolku.appointments import checks  # noqa: F401  (registers the system check)
        from kotopolku.appointments.db_rules import ensure_rule_after_migrate

        # SQLite drops a table's triggers when Django rebuilds the table: put the rule back.
        post_migrate.connect(
            ensure_rule_after_migrate, sender=self, dispatch_uid="appointments_no_double_booking"
        )
