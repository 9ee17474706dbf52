"""CSV and XLSX renderings of the report's tables."""

from __future__ import annotations

import csv
import io

from core.reports.figures import Report
from core.reports.tables import tables
from core.texts.reports import TITLES, WORDS


def render_csv(report: Report) -> str:
    """One long table: section, then the section's own columns. UTF-8 with a BOM so that Excel
    opens the Chinese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["section", TITLES[report.period.kind], report.period.label, report.grid or WORDS["all_grids"]])
    for table in tables(report):
        writer.writerow([])
        writer.writerow([table.key, *table.headers])
        for row in table.rows:
            writer.writerow([table.key, *row])
    return out.getvalue()


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables(report):
        sheet = book.create_sheet(table.title[:31])
        sheet.append([f"{TITLES[report.period.kind]} {report.period.label}"
                      + (f" {WORDS['grid']}：{report.grid}" if report.grid else "")])
        sheet.append(table.headers)
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append(row)
        if table.key in ("summary", "satisfaction_by_category", "per_grid"):
            for row_cells in sheet.iter_rows(min_row=3):
                for cell in row_cells:
                    if isinstance(cell.value, float):
                        cell.number_format = "0.0%"
        for column in sheet.columns:
            width = max((len(str(c.value)) if c.value is not None else 0) for c in column[1:]) if len(column) > 1 else 8
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
