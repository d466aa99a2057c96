"""The code's shape, checked on the source: apps import only downward, page models import
no views, modules and functions stay short, and every module imports in a process of its own.

The layers (docs/architecture.md, "Layers"): a module imports only from its own app or a
lower one. Imports inside functions count; dotted strings (``subpage_urls``, model
references, ``include()``), template tags, signals and the search registry are how a lower
app reaches a higher one.
"""

import ast
import textwrap
from dataclasses import dataclass
from functools import cache

import pytest

from tests.servers import ROOT, run_manage

# Lower numbers are lower layers. Apps on one layer do not import each other.
LAYERS = {
    "portal": 1,  # the shared pieces: base pages, news, blocks, fields, background work...
    "search": 2,
    "network": 3,
    "catalogue": 4,
    "taskforces": 5,
    "workshops": 5,
    "consultations": 6,  # may ask taskforces (one task force as the audience)
    "surveys": 6,  # offices answer; may ask network (seats, regions, kinds of office)
    "alerts": 6,  # saved searches: re-runs search and the catalogue's listing for a person
    "reports": 7,  # reads every app above portal to count what happened in a year
    "demo": 8,  # dev and test only: may import anything
}
# Apps inside the portal package, by the package that holds them.
NESTED_APPS = {
    "portal.workshops": "workshops",
    "portal.consultations": "consultations",
    "portal.surveys": "surveys",
    "portal.alerts": "alerts",
    "portal.reports": "reports",
    "portal.demo": "demo",
}
APP_PACKAGES = ["portal", "search", "network", "catalogue", "taskforces"]

# The project's wiring puts every app together, so it may import any of them.
WIRING = ["portal/urls.py", "portal/asgi.py", "portal/wsgi.py", "portal/settings/"]
# Generated or data, not code people write.
NOT_MEASURED = ["/migrations/", "portal/demo/data/"]

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True)
class Module:
    path: str  # relative to the repository, with forward slashes
    name: str  # dotted

    @property
    def app(self) -> str:
        return app_of(self.name)

    @property
    def is_wiring(self) -> bool:
        return any(self.path == w or self.path.startswith(w) for w in WIRING)


def app_of(dotted: str) -> str | None:
    for package, app in NESTED_APPS.items():
        if dotted == package or dotted.startswith(package + "."):
            return app
    top = dotted.split(".")[0]
    return top if top in LAYERS else None


@cache
def application_modules() -> tuple[Module, ...]:
    modules = []
    for package in APP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(Module(relative, ".".join(parts)))
    return tuple(modules)


@cache
def syntax_tree(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)


def imports(module: Module):
    """(line, imported dotted name) for every import in the module, nested ones included.

    ``from a import b`` yields ``a.b``, so that ``from portal import workshops`` counts
    as an import of the workshops app.
    """
    package = module.name if module.path.endswith("__init__.py") else module.name.rpartition(".")[0]
    for node in ast.walk(syntax_tree(module.path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield node.lineno, base if alias.name == "*" else f"{base}.{alias.name}"


def measured(module: Module) -> bool:
    return not any(part in "/" + module.path for part in NOT_MEASURED)


def report(violations: list[tuple[str, int, str]], rule: str) -> str:
    """One line per violation, "file:line: what", in file and line order."""
    lines = [f"{path}:{line}: {what}" for path, line, what in sorted(violations)]
    return f"{len(lines)} violation(s) of: {rule}\n" + "\n".join(lines)


def test_apps_import_only_from_their_own_or_a_lower_layer():
    violations = []
    for module in application_modules():
        if module.is_wiring or module.app is None:
            continue
        for line, name in imports(module):
            target = app_of(name)
            if target is None or target == module.app:
                continue
            if target == "search" and module.name.endswith(".search"):
                # An app's search.py plugs into the search registry: portal's (standard
                # pages, news) is the one module of a lower layer that imports search.
                continue
            if LAYERS[target] >= LAYERS[module.app]:
                where = "above" if LAYERS[target] > LAYERS[module.app] else "beside"
                violations.append(
                    (module.path, line, f"{module.app} imports {name} ({target}, {where} it)")
                )
    assert not violations, report(violations, "an app imports only its own or lower layers")


def _is_models_module(module: Module) -> bool:
    return "models" in module.name.split(".")


def _is_views_module(name: str) -> bool:
    return "views" in name.split(".")[1:] and app_of(name) is not None


def test_page_and_data_models_import_no_views():
    violations = [
        (module.path, line, f"a models module imports {name}")
        for module in application_modules()
        if _is_models_module(module)
        for line, name in imports(module)
        if _is_views_module(name)
    ]
    assert not violations, report(violations, "models never import views (routes: urls modules)")


def test_no_module_is_longer_than_400_lines():
    violations = []
    for module in application_modules():
        if not measured(module):
            continue
        lines = len((ROOT / module.path).read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            violations.append((module.path, 1, f"{lines} lines"))
    assert not violations, report(
        violations, f"a module has at most {MAX_MODULE_LINES} lines (past that, a package)"
    )


def test_no_function_is_longer_than_60_lines():
    violations = []
    for module in application_modules():
        if not measured(module):
            continue
        for node in ast.walk(syntax_tree(module.path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    violations.append((module.path, node.lineno, f"{node.name}() {length} lines"))
    assert not violations, report(violations, f"a function has at most {MAX_FUNCTION_LINES} lines")


# Imported in a process of their own, right after Django is set up, app by app: an import
# cycle, or a module that imports only because the test run imported another one first,
# fails here.
IMPORT_EVERY_MODULE = textwrap.dedent(
    """
    import importlib, sys, traceback
    failed = 0
    for name in NAMES:
        try:
            importlib.import_module(name)
        except Exception as error:
            failed += 1
            frame = traceback.extract_tb(error.__traceback__)[-1]
            print(f"{name}: {type(error).__name__}: {error} ({frame.filename}:{frame.lineno})")
    sys.exit(1 if failed else 0)
    """
)


def _importable(module: Module) -> bool:
    # Settings modules other than the test settings read a deployment's environment;
    # migrations are imported by the migration loader.
    return "/migrations/" not in module.path and not module.path.startswith("portal/settings/")


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_every_module_of_the_app_imports_in_a_fresh_process(app):
    names = [m.name for m in application_modules() if m.app == app and _importable(m)]
    if not names:
        pytest.skip(f"{app} has no module yet")
    code = IMPORT_EVERY_MODULE.replace("NAMES", repr(names))
    result = run_manage(
        "shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="portal.settings.test"
    )
    output = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, f"{app}: modules that fail to import:\n{output}"
