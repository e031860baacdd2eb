"""A dashboard table as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from bot.features.dashboard.model import Table

# A cell a spreadsheet would run as a formula; member-written text (a win) may start so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_cell(cell) for cell in row] for row in table.rows)
    return buffer.getvalue()
