"""Dependencies point one way. core knows no feature; training and marketplace know no other feature; grants
asks training only through `training.public` (its training record, course choices, pathway steps)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ("training", "grants", "marketplace")
ALLOWED = {  # package -> modules of other packages it may import (besides core)
    "core": set(),
    "training": set(),
    "marketplace": set(),
    "grants": {"training.public"},
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
                if top in FEATURES and top != package and not _allowed(module, name, allowed):
                    wrong.append(f"{path.relative_to(ROOT)} imports {module} {name}".strip())
    assert wrong == []
