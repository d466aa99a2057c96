"""The demo content, loaded once per test run and put back wherever a test module needs it.

`load_demo` takes about a minute. On PostgreSQL the first module that asks for the demo
loads it inside a transaction, copies every table's rows out (COPY, binary) with the files
the demo stored, and rolls back; each later module truncates the tables and copies the
rows back in, inside its own transaction, in a second or two. Other databases (SQLite)
load the demo each time.
"""

import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

# The storages the demo writes files to (images and documents).
STORAGES = ("default", "private")


@dataclass
class DemoSnapshot:
    output: str  # what load_demo printed
    tables: dict[str, bytes] = field(default_factory=dict)
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)


def load_demo() -> str:
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def take_snapshot() -> DemoSnapshot:
    """Load the demo in the current transaction and copy out what it wrote."""
    snapshot = DemoSnapshot(load_demo())
    if connection.vendor != "postgresql":
        return snapshot
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                snapshot.tables[table] = b"".join(bytes(block) for block in copy)
    for alias in STORAGES:
        for name in _stored_files(storages[alias]):
            with storages[alias].open(name) as stored:
                snapshot.files[(alias, name)] = stored.read()
    return snapshot


def restore(snapshot: DemoSnapshot) -> str:
    """Make the database hold exactly the demo's rows, in the current transaction."""
    if connection.vendor != "postgresql":
        return load_demo()
    tables = ", ".join(f'"{table}"' for table in snapshot.tables)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(f"TRUNCATE {tables}")  # noqa: S608 - the database's own table names
        for table, rows in snapshot.tables.items():
            with cursor.cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(rows)
        _advance_sequences(cursor)
    # A test may have replaced a storage since (override_settings): put the files back.
    for (alias, name), content in snapshot.files.items():
        if not storages[alias].exists(name):
            storages[alias].save(name, ContentFile(content))
    return snapshot.output


def _advance_sequences(cursor) -> None:
    """Each id sequence past its table's highest id, as after load_demo itself (sequences
    are not rolled back, so this only matters on a database whose sequences were reset)."""
    cursor.execute(
        "SELECT sequence.oid::regclass::text, quote_ident(owner.relname), "
        "quote_ident(attribute.attname) FROM pg_class sequence "
        "JOIN pg_depend link ON link.objid = sequence.oid "
        "AND link.classid = 'pg_class'::regclass AND link.refclassid = 'pg_class'::regclass "
        "JOIN pg_class owner ON owner.oid = link.refobjid "
        "JOIN pg_attribute attribute ON attribute.attrelid = owner.oid "
        "AND attribute.attnum = link.refobjsubid "
        "WHERE sequence.relkind = 'S' AND owner.relnamespace = current_schema()::regnamespace"
    )
    for sequence, table, column in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(%s, max({column})) FROM {table} HAVING max({column}) > "  # noqa: S608
            "(SELECT last_value FROM " + sequence + ")",
            [sequence],
        )


def _stored_files(storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for name in folders:
        names += _stored_files(storage, f"{folder}/{name}" if folder else name)
    return names
