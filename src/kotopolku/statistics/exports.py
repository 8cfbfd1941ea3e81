"""Files that leave the staff view: CSV (one table), XLSX (every table, a sheet each) and the PDF
report. Every figure in them is suppressed (:meth:`Table.published`)."""

from __future__ import annotations

import csv
import io
import logging
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kotopolku.statistics import suppression
from kotopolku.statistics.selectors import Report
from kotopolku.statistics.tables import PublishedTable, Table


def suppression_note() -> str:
    return _(
        "%(small)s = 1–4 (a small number is not shown); "
        "%(hidden)s = hidden so that totals do not reveal a small number."
    ) % {
        "small": suppression.SMALL,
        "hidden": suppression.HIDDEN,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    return value


def _csv_bytes(text: str) -> bytes:
    # UTF-8 with a byte order mark, so Excel opens the Nordic letters right.
    return ("\ufeff" + text).encode("utf-8")


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table.published().all_rows():
        writer.writerow([_plain(value) for value in row])
    return _csv_bytes(out.getvalue())


def report_csv(report: Report, *, title: str) -> bytes:
    """Every table in one file: the title, then each table under its own title, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title])
    writer.writerow(
        [_("Period"), report.filters.period.start.isoformat(), report.filters.period.end.isoformat()]
    )
    writer.writerow([suppression_note()])
    for table in report.tables():
        published = table.published()
        writer.writerow([])
        writer.writerow([published.title])
        for row in published.all_rows():
            writer.writerow([_plain(value) for value in row])
    return _csv_bytes(out.getvalue())


def _sheet_title(published: PublishedTable, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", published.key)[:28] or "table"
    title, number = base, 2
    while title in used:
        title = f"{base[:26]}{number}"
        number += 1
    used.add(title)
    return title


def report_xlsx(report: Report, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = "info"
    info.append([title])
    info["A1"].font = Font(bold=True, size=14)
    info.append([_("Period"), report.filters.period.start.isoformat(), report.filters.period.end.isoformat()])
    info.append([suppression_note()])
    used = {"info"}
    for table in report.tables():
        published = table.published()
        sheet = workbook.create_sheet(_sheet_title(published, used))
        sheet.append([published.title])
        sheet["A1"].font = Font(bold=True)
        for index, row in enumerate(published.all_rows()):
            sheet.append([_plain(value) for value in row])
            if index == 0 or (published.footer and index == len(published.body) + 1):
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_pdf(report: Report, *, context: dict[str, Any]) -> bytes:
    """The PDF report for the regional programme's annual review (WeasyPrint: HTML + CSS → PDF)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    html = render_to_string("statistics/report_pdf.html", {**context, "suppression_note": suppression_note()})
    return HTML(string=html).write_pdf()
