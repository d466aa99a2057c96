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
