"""Who may find what through search: the reader's scope, asked on every search.

The scope is the set of reader keys the person holds now, as the apps that registered
readers (search.registry.register_readers) say from their own rules: the network's
members, the members of each task force, the asker and the providers of a catalogue
question. Computed for each request from the reader's current roles, so that leaving a
task force or the network hides its content from the next search on.
"""

from dataclasses import dataclass, field

from search.registry import registry


@dataclass(frozen=True)
class SearchScope:
    """What one reader may see: public entries, and those naming one of these keys."""

    readers: frozenset[str] = field(default_factory=frozenset)


PUBLIC_SCOPE = SearchScope()


def search_scope(user) -> SearchScope:
    if user is None or not (user.is_authenticated and user.is_active):
        return PUBLIC_SCOPE
    return SearchScope(readers=registry.readers_of(user))
