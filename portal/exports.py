"""Downloads the apps share: CSV streamed row by row, so large exports use little memory."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse


class _Echo:
    """A file-like object whose write() hands the line back to the csv writer's caller."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """Stream ``rows`` (the first being the header) as a CSV download named ``filename``."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
