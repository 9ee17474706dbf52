"""CSV and XLSX renderings of the report's tables.

Every text cell passes `cell()`: a cell that starts like a formula (OWASP's CSV injection list:
= + - @ tab CR, and the full-width forms a Chinese keyboard types) gets a leading apostrophe, so
Excel, WPS or LibreOffice show it as text instead of running it. Residents write addresses and
workers write notes; no export may turn them into a formula or a link."""

from __future__ import annotations

import csv
import io
from typing import Any

from core.reports.figures import Report
from core.reports.tables import tables
from core.reports.texts import TITLES, WORDS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell(value: Any) -> Any:
    """A value as it may go into a spreadsheet: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _row(values: list[Any]) -> list[Any]:
    return [cell(v) for v in values]


def render_csv(report: Report) -> str:
    """One long table: section, then the section's own columns. UTF-8 with a BOM so that Excel
    opens the Chinese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(_row(["section", TITLES[report.period.kind], report.period.label,
                          report.grid or WORDS["all_grids"]]))
    for table in tables(report):
        writer.writerow([])
        writer.writerow(_row([table.key, *table.headers]))
        for row in table.rows:
            writer.writerow(_row([table.key, *row]))
    return out.getvalue()


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables(report):
        sheet = book.create_sheet(table.title[:31])
        sheet.append(_row([f"{TITLES[report.period.kind]} {report.period.label}"
                           + (f" {WORDS['grid']}：{report.grid}" if report.grid else "")]))
        sheet.append(_row(table.headers))
        for header in sheet[2]:
            header.font = bold
        for row in table.rows:
            sheet.append(_row(row))
        if table.key in ("summary", "satisfaction_by_category", "per_grid"):
            for row_cells in sheet.iter_rows(min_row=3):
                for figure in row_cells:
                    if isinstance(figure.value, float):
                        figure.number_format = "0.0%"
        for column in sheet.columns:
            width = max((len(str(c.value)) if c.value is not None else 0) for c in column[1:]) if len(column) > 1 else 8
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
