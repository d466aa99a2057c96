"""Where task-force files live: the "private" storage, which no URL serves."""

from django.core.files.storage import storages


def private_storage():
    """A callable, so that the storage is looked up when used and tests can swap it."""
    return storages["private"]
