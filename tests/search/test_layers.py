"""Search knows no app: every app registers what it puts into search in its own
search.py (search.registry), so search/ imports only Django, Wagtail, the search engines'
clients and the project's shared pieces in portal."""

import ast
from pathlib import Path

import search

SEARCH_DIR = Path(search.__file__).parent
APPS = {"network", "catalogue", "taskforces", "workshops", "demo"}
# The project's shared pieces; nothing else of portal (its workshops, its demo, its wiring).
# portal.exports is where every CSV goes through (no typed cell becomes a live formula).
SHARED_PORTAL_MODULES = {"portal.background", "portal.exports", "portal.models"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "portal":
                found += [(node.lineno, f"portal.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def is_allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top in APPS:
        return False
    if top == "portal":
        return module in SHARED_PORTAL_MODULES or any(
            module.startswith(f"{shared}.") for shared in SHARED_PORTAL_MODULES
        )
    return True


def test_search_imports_no_app_module():
    files = sorted(SEARCH_DIR.rglob("*.py"))
    assert len(files) > 10
    offending = [
        f"{path.relative_to(SEARCH_DIR.parent)}:{line}: {module}"
        for path in files
        for line, module in imported_modules(path)
        if not is_allowed(module)
    ]
    assert offending == []


def test_the_check_sees_imports_inside_functions(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text(
        "def f():\n    from catalogue.models import Category\n    import network.models\n"
    )
    modules = [module for _, module in imported_modules(path)]
    assert modules == ["catalogue.models", "network.models"]
    assert not any(is_allowed(module) for module in modules)
    assert not is_allowed("portal.workshops.models")
    assert is_allowed("portal.background")
    assert is_allowed("wagtail.models")


def test_every_app_registers_its_search_module():
    from search.registry import registry

    # By class name: workshops are moving to an app of their own.
    names = {model.__name__ for model in [*registry.pages, *registry.models]}
    assert {
        "OfficePage",
        "Member",
        "CatalogueEntryPage",
        "Question",
        "StandardPage",
        "NewsArticlePage",
        "WorkshopPage",
        "TaskForcePage",
        "Thread",
        "Post",
        "Document",
        "Meeting",
        "Decision",
        "ActionItem",
    } <= names
