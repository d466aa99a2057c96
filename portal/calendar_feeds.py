"""What else goes into a member's personal calendar address, beside their workshops.

The personal feed is served by the workshops app (``workshops:my_calendar``), which may
not import the apps beside it on its layer (docs/architecture.md, "Layers"). An app adds
its own events by registering a source at start-up: a function of the person giving
iCalendar events they may see (the task forces register their meetings, only for the
task forces the person may read).
"""

from collections.abc import Callable, Iterable

import icalendar

Source = Callable[[object], Iterable[icalendar.Event]]
_sources: list[Source] = []


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def events_for(user) -> list[icalendar.Event]:
    return [event for source in _sources for event in source(user)]
