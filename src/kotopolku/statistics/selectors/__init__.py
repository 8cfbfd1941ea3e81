"""The statistics: every figure is counted by the database, with a constant number of queries.

:func:`build_report` returns the sections of the coordinator's dashboard for one municipality (or,
with ``organization=None``, for all of them: the system administrators' view). Each query groups
and counts in SQL; Python only reshapes the few grouped rows into tables. Percentiles use
PostgreSQL's ``percentile_cont`` (see :mod:`kotopolku.statistics.aggregates`).

Sections that come from other apps use their selectors (reception, deadlines, network); those
selectors take one municipality, so the system-wide view leaves them out.
"""

from __future__ import annotations

from kotopolku.statistics.selectors.appointments import appointments_section, interpreters_section
from kotopolku.statistics.selectors.common import Filters, Report, language_label, month_label
from kotopolku.statistics.selectors.contacts import contacts_section
from kotopolku.statistics.selectors.dropin import dropin_section
from kotopolku.statistics.selectors.other_apps import (
    deadlines_section,
    letters_section,
    municipalities_section,
    network_section,
    reception_section,
)

__all__ = ["Filters", "Report", "build_report", "language_label", "month_label"]


def build_report(filters: Filters) -> Report:
    previous = filters.period.previous()
    sections = [
        contacts_section(filters, previous),
        dropin_section(filters, previous),
        appointments_section(filters, previous),
        interpreters_section(filters, previous),
    ]
    if filters.system_wide:
        sections.insert(0, municipalities_section(filters))
    else:
        sections += [
            reception_section(filters),
            deadlines_section(filters),
            network_section(filters),
            letters_section(filters),
        ]
    return Report(filters=filters, previous=previous, sections=sections)
