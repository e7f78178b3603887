"""Dependencies point one way, no module imports itself back through others, and core holds only the platform.

core is the platform and knows no package. privacy (consent, "My information", the access log) and impact
(the outcomes registry) know only core. accounts (people and their accounts) may use privacy: it registers
what it stores about a person there, like every feature. The features (training, grants, marketplace) may use
accounts, privacy and impact through what those offer to everyone (registries, and accounts' people
services); none knows another feature, except grants, which asks training only through `training.public`.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "accounts", "privacy", "impact", "training", "grants", "marketplace")
FEATURES = ("training", "grants", "marketplace")
# What features may import of accounts, privacy and impact: their entry points for everyone.
SHARED = {
    "accounts.people",  # a participant's record for staff (training's and grants' staff pages)
    "accounts.throttle",  # counted tries for the report form (training)
    "accounts.drafts",  # a participant's answers kept between the questions of a long form (core.steps)
    "accounts.services.register_sign_in_hook",  # the shop moves a guest's cart into the account
    "accounts.registration",  # registering oneself, the same answer for every address (training's employers)
    "privacy.services",  # data sections, withdrawal hooks, consent
    "privacy.access_log",  # which reads of a participant's data are logged
    "privacy.retention",  # what counts as a participant's activity; ended applications' words to let go
    "impact.services",  # themes of the public impact page
}
ALLOWED = {  # package -> modules of other packages it may import (besides core)
    "core": set(),
    "privacy": set(),
    "impact": set(),
    "accounts": {"privacy.services", "privacy.access_log", "privacy.retention"},
    "training": SHARED,
    "marketplace": SHARED,
    "grants": SHARED | {"training.public"},
}


def _imports(path: Path) -> set[tuple[str, str]]:
    """(module, name) for `from module import name`; (module, "") for `import module`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.update((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update((alias.name, "") for alias in node.names)
    return found


def _allowed(module: str, name: str, allowed: set[str]) -> bool:
    full = f"{module}.{name}" if name else module
    return any(candidate == a or candidate.startswith(a + ".") for a in allowed for candidate in (module, full))


def test_packages_import_only_what_they_may():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module, name in _imports(path):
                top = module.split(".")[0]
                if top in PACKAGES and top not in (package, "core") and not _allowed(module, name, allowed):
                    wrong.append(f"{path.relative_to(ROOT)} imports {module} {name}".strip())
    assert wrong == []


def test_every_package_is_listed():
    """A new top-level package gets its line above (and in the Makefile, mypy.ini and core/babel.cfg)."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(PACKAGES)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the modules of this project it imports, anywhere in it (in a function too)."""
    paths = [ROOT / "app.py"] + [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                                 if "migrations" not in path.parts and "translations" not in path.parts]
    modules = {_module_name(path): path for path in paths}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for imported, name in _imports(path):
            for candidate in (f"{imported}.{name}" if name else imported, imported):
                if candidate in modules and candidate != module:
                    targets.add(candidate)
                    break
        graph[module] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_circles():
    """A circle means neither module can be read without the other; imports inside functions count too."""
    assert _circles(_import_graph()) == []


# Core modules that no feature and not app.py uses, or one feature alone, and why they are the platform's all the
# same. A module not listed here that only one feature uses belongs in that feature.
CORE_ALONE = {
    "core.form_messages": "WTForms' own messages, listed for pybabel extract; never imported",
}


def _core_users(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Core module -> the top-level packages (features, and "app" for app.py) that use it: directly, or through
    core modules they use."""
    core = {module for module in graph if module.split(".")[0] == "core" and module != "core"}
    users: dict[str, set[str]] = {module: set() for module in core}
    for module, targets in graph.items():
        top = "app" if module == "app" else module.split(".")[0]
        for target in targets & core:
            if top != "core":
                users[target].add(top)
    changed = True
    while changed:  # a core module's users use what it imports
        changed = False
        for module in core:
            for target in graph[module] & core:
                if not users[module] <= users[target]:
                    users[target] |= users[module]
                    changed = True
    return users


def test_core_holds_only_what_more_than_one_feature_uses():
    """The done-when of issue #29: no module in core/ that a single feature alone uses (or nobody uses). What
    app.py uses is the platform (the factory, the error pages, the scheduler and backups through the commands)."""
    users = _core_users(_import_graph())
    alone = {module: sorted(found) for module, found in users.items()
             if "app" not in found and len(found) <= 1 and module not in CORE_ALONE}
    assert alone == {}, "move these into the feature that uses them, or list them in CORE_ALONE with a reason"
    assert set(CORE_ALONE) <= set(users), "CORE_ALONE names a module that is gone"


def test_the_core_counter_counts_through_core_and_inside_functions(tmp_path):
    graph = {"app": {"core.a"}, "core.a": {"core.b"}, "core.b": set(), "core.c": set(), "core.d": set(),
             "training.x": {"core.c", "core.d"}, "grants.y": {"core.d"}}
    assert _core_users(graph) == {"core.a": {"app"}, "core.b": {"app"}, "core.c": {"training"},
                                  "core.d": {"training", "grants"}}
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from core import clock\n    import core.images\n", encoding="utf-8")
    assert _imports(module) == {("core", "clock"), ("core.images", "")}


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
