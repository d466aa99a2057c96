"""Runs the task-force suite's own checks again on another kind of workspace (the forum).

A module that calls ``reuse(globals(), module, …)`` collects the given modules' tests and
their module fixtures as its own; its ``workspace`` fixture then replaces the conftest's
for them, so the same assertions run on the workspace it gives.
"""

from types import ModuleType

import pytest


def reuse(namespace: dict, *modules: ModuleType, skip: set[str] = frozenset()) -> None:
    for module in modules:
        for name, item in vars(module).items():
            if name in skip or name.startswith("__"):
                continue
            is_test = name.startswith("test_") and callable(item)
            is_class = name.endswith("Tests") and isinstance(item, type)
            is_fixture = hasattr(item, "_pytestfixturefunction") or type(item).__name__ in {
                "FixtureFunctionDefinition",
                "FixtureFunctionMarker",
            }
            if is_test or is_class or is_fixture:
                namespace[name] = item


def forum_in_place_of_taskforce():
    """The ``workspace`` fixture of a reusing module: the forum, a member who never joined."""

    @pytest.fixture
    def workspace(forum_workspace):
        return forum_workspace

    return workspace
