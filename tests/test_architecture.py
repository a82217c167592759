"""The folders of kg/ spell the flow, and imports only run downward: every import in every
module (lazy ones inside functions and TYPE_CHECKING ones included) is checked against the
table below, and no module takes a private name (`_name`) from another module.

    base (model, errors, vocab)  imports nothing from kg but base (vocab loads its generated half, _ns)
    text     -> base
    extract  -> base, text
    store    -> base
    builder  -> base, text, extract, store
    read     -> base, store, and text.reference (the reference tenures `kg show` prints)
    cli, kg/__init__, kg/__main__ -> anything
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = {"model", "errors", "vocab", "_ns"}
LAYERS = ("text", "extract", "store", "builder", "read")
ANYTHING = "anything"
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "text": {"base", "text"},
    "extract": {"base", "text", "extract"},
    "store": {"base", "store"},
    "builder": {"base", "text", "extract", "store", "builder"},
    "read": {"base", "store", "read", "text.reference"},
    "top": {ANYTHING},
}


def layer_of(module: str, package: str = "kg") -> str:
    """The layer of a dotted module name inside `package` (kg.read.viz.page -> "read")."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in ("cli", "__main__"):
        return "top"
    if parts[0] in BASE:
        return "base"
    if parts[0] in LAYERS:
        return parts[0]
    raise AssertionError(f"{module} is in no layer: add its folder to tests/test_architecture.py (and DEVELOPERS.md)")


def allows(layer: str, target: str, package: str = "kg") -> bool:
    rules = ALLOWED[layer]
    if ANYTHING in rules:
        return True
    target_layer = layer_of(target, package)
    return target_layer in rules or any(
        target == f"{package}.{r}" or target.startswith(f"{package}.{r}.") for r in rules if "." in r
    )


def modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file, for every module of the package under root."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def violations(root: Path, package: str = "kg") -> list[str]:
    """One line per import that breaks the table or takes another module's private name."""
    found = []
    known = modules(root, package)
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        layer = layer_of(name, package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                imports = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against this module's package
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
                imports = [(base, alias.name) for alias in node.names]
            else:
                continue
            where = f"{name} (line {node.lineno}): `{ast.unparse(node)}`"
            for module, imported in imports:
                if module != package and not module.startswith(package + "."):
                    continue  # the standard library and third-party packages
                target = f"{module}.{imported}" if imported and f"{module}.{imported}" in known else module
                if not allows(layer, target, package):
                    found.append(f"{where}: {layer} may import only {', '.join(sorted(ALLOWED[layer]))}, not {target}")
                if imported and imported.startswith("_") and target != name:
                    own_private_module = target in known and target.rsplit(".", 1)[0] == name.rsplit(".", 1)[0]
                    if not own_private_module:
                        found.append(f"{where}: imports the private name {imported} of {module}")
    return found


def test_imports_only_run_downward_and_take_no_private_names() -> None:
    found = violations(ROOT)
    assert not found, "imports that break the layers (see the table in DEVELOPERS.md):\n" + "\n".join(found)


def test_every_module_is_in_a_layer() -> None:
    for name in modules(ROOT, "kg"):
        layer_of(name)


def test_a_broken_wall_is_reported_with_the_module_and_the_import(tmp_path: Path) -> None:
    pkg = tmp_path / "kg"
    for folder in ("read", "builder", "store", "extract"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "vocab.py").write_text("PREFIXES = {}\n")
    (pkg / "builder" / "rdf.py").write_text("def document_triples():\n    return []\n\ndef _digest():\n    pass\n")
    (pkg / "store" / "index.py").write_text(
        "def lookup():\n    from kg.read import results  # a store that reads queries\n"
    )
    (pkg / "read" / "results.py").write_text(
        "from kg.vocab import PREFIXES\nfrom kg.builder.rdf import document_triples\nfrom .rdfish import x\n"
    )
    (pkg / "read" / "rdfish.py").write_text("x = 1\n")
    (pkg / "extract" / "names.py").write_text("import kg.store.index\nfrom kg.builder.rdf import _digest\n")
    found = violations(tmp_path)
    assert found == [
        "kg.extract.names (line 1): `import kg.store.index`: extract may import only base, extract, text, not kg.store.index",
        "kg.extract.names (line 2): `from kg.builder.rdf import _digest`: extract may import only base, extract, text, "
        "not kg.builder.rdf",
        "kg.extract.names (line 2): `from kg.builder.rdf import _digest`: imports the private name _digest of kg.builder.rdf",
        "kg.read.results (line 2): `from kg.builder.rdf import document_triples`: read may import only base, read, store, "
        "text.reference, not kg.builder.rdf",
        "kg.store.index (line 2): `from kg.read import results`: store may import only base, store, not kg.read.results",
    ]


def test_kg_query_loads_no_heavy_library(hand_store: Path) -> None:
    """spaCy, rdflib, pyvis, pyshacl and friends stay lazy: `kg query` starts without them."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom kg.cli import main\n"
        f"try:\n    main(['query', 'actors', '--store', {str(hand_store)!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = ('spacy', 'rdflib', 'pyvis', 'pyshacl', 'networkx', 'trafilatura', 'jinja2', 'starlette', 'httpx')\n"
        "print('loaded:', sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Freedonia" in out
    assert out.splitlines()[-1] == "loaded: []"
