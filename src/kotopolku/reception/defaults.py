"""The default reception checklist every municipality starts from (the coordinator edits its copy).

The steps follow the reception of quota refugees (kotoutuminen.fi/kuntiin-sijoittaminen): housing is
arranged by the municipality before the arrival (lease and electricity first in its name, transferred
later; basic furniture, a few days' food and hygiene supplies), then registrations and benefits, the
health check, school and daycare, the assessment and the integration plan, civic orientation and an
interpreted introduction to the town. Offsets are days from the arrival (negative: before it).
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DefaultStep(NamedTuple):
    key: str
    title: Promise
    offset_days: int


DEFAULT_STEPS: tuple[DefaultStep, ...] = (
    DefaultStep("housing", _("Housing and lease transfer"), -14),
    DefaultStep("electricity", _("Electricity contract"), -7),
    DefaultStep("furniture", _("Furniture and starter kit (food, hygiene supplies)"), -2),
    DefaultStep("dvv_registration", _("DVV population register registration"), 7),
    DefaultStep("kela", _("Kela benefits and Kela card"), 10),
    DefaultStep("bank_account", _("Bank account"), 30),
    DefaultStep("id_card", _("Foreigner's identity card"), 21),
    DefaultStep("health_check", _("Initial health check (wellbeing county)"), 30),
    DefaultStep("school_daycare", _("School and daycare places"), 14),
    DefaultStep("assessment", _("Assessment of skills and service needs"), 60),
    DefaultStep("integration_plan", _("Integration plan"), 90),
    DefaultStep("civic_orientation", _("Multilingual civic orientation"), 90),
    DefaultStep("town_introduction", _("Interpreted introduction to the town"), 7),
)
