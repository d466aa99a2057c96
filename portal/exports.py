"""Downloads the apps share: CSV streamed row by row, so large exports use little memory."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"); tab and carriage return also hide a formula behind leading whitespace.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` as a spreadsheet shows it literally: text that would start a formula
    gets a leading single quote; numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back to the csv writer's caller."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """Stream ``rows`` (the first being the header) as a CSV download named ``filename``.

    Every export goes through here, so no cell that people typed reaches a spreadsheet
    as a live formula."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([neutralise_formula(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def quote_formulas_in_wagtail_exports() -> None:
    """Give the admin's own CSV downloads (reports, form submissions, listings) the same
    protection: Wagtail writes every CSV row in ``SpreadsheetExportMixin.write_csv_row``
    and offers no hook for it, so that one method is replaced, once, at start-up.
    (Its XLSX export already stores formula-like text as text.)"""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "quotes_formulas", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    write_csv_row.quotes_formulas = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
