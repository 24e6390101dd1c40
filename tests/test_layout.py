"""The layout shows the architecture: stage packages whose imports point one way (issue #13).

Every ``import``/``from`` of a kg module counts, at module level or inside a function, and
under ``TYPE_CHECKING`` too: a cycle or an upward import that only happens lazily still ties
the two modules together for a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

#: Each layer may import its own and lower layers only. The shared modules directly under kg/
#: (records, errors, text, ...) are the bottom; kg.pipeline composes the stages; the CLI and
#: the package's public API sit on top.
LAYERS = {
    "shared": 0, "ingest": 1, "extract": 2, "link": 3, "rdf": 4, "views": 5, "pipeline": 6,
    "cli": 7, "__init__": 7, "__main__": 7,
}


def _module(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(KG.rglob("*.py")):
        name = _module(path)
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
            elif (isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                  and node.module.split(".")[0] == "kg"):
                targets |= {f"{node.module}.{a.name}" for a in node.names}
                targets.add(node.module)
        found[name] = targets
    # keep only targets that are modules of kg ("from kg.x import y" names a module or a name)
    return {name: {t for t in targets if t in found and t != name}
            for name, targets in found.items()}


def _layer(module: str) -> int:
    parts = module.split(".")  # "kg" itself is the package's __init__
    return LAYERS["__init__"] if len(parts) == 1 else LAYERS.get(parts[1], LAYERS["shared"])


IMPORTS = _imports()


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_layout_no_module_imports_a_layer_above_its_own(module: str) -> None:
    upward = sorted(t for t in IMPORTS[module] if _layer(t) > _layer(module))
    assert upward == []


def test_layout_has_no_import_cycle() -> None:
    import networkx as nx

    graph = nx.DiGraph([(a, b) for a, targets in IMPORTS.items() for b in targets])
    # a package's __init__ is imported with each of its modules: not a cycle of code
    graph.remove_nodes_from([n for n in list(graph) if (KG.parent / n.replace(".", "/")).is_dir()])
    assert sorted(sorted(c) for c in nx.simple_cycles(graph)) == []


def test_layout_every_package_says_what_it_takes_and_gives() -> None:
    for init in sorted(KG.rglob("__init__.py")):
        if init.parent.name == "assets":
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) >= 3, init
