"""Which facade methods send which SDK operation, found by an AST scan of the installed
source (no table to keep up to date).

Scanned: every module of the ``labelbox`` package (except this tool), the generated
entity base classes of ``labelbox._generated.entities`` included. The rules:

* A *generated operation method* is a public method of the generated client class
  (``labelbox_gen.client``) whose body uses one ``*_GQL`` constant of
  ``labelbox_gen.operations``; it sends that constant's operation
  (``get_dataset`` sends ``GetDataset``).
* A function or method *sends* an operation when its body (nested functions and
  lambdas included) refers to ``<anything>.<name>`` where ``<name>`` is a generated
  operation method -- called (``self._gen.get_dataset(id=...)``) or handed on
  (``self._get_single(Dataset, uid, self._gen.get_dataset)``).
* It also sends what the functions and methods it refers to send: module-level
  functions by name (also imported ones and ``module.function``), members of its own
  class and its bases through ``self.``/``cls.``, members of a named class through
  ``ClassName.``, and ``<other>.member`` when exactly one scanned class defines
  ``member``.
* A class attribute sends what the functions its value refers to send
  (``datasets = ToMany("Dataset", "datasets", _project_datasets)`` makes
  ``ProjectBase.datasets`` send what ``_project_datasets`` sends).
* Reported names are ``Class.member`` (or ``module.function``) of public names in
  public modules (``labelbox._generated.entities`` counts as public: its bases are the
  entities' API); a class ``XBase`` of it is reported as ``X`` when a class ``X`` of the
  ``labelbox`` package derives from it.

Names built at run time (``getattr(client, f"create_{name}")``) are invisible to this
scan; such a call site sends nothing as far as the map is concerned.
"""

from __future__ import annotations

import ast
import importlib.util
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from labelbox.schema_tool.sdk import CONSTANT_SUFFIX, operations_by_constant

#: The facade package scanned for callers.
FACADE_PACKAGE = "labelbox"
#: Generated module with entity base classes (part of the facade package).
ENTITIES_MODULE = "labelbox._generated.entities"
#: Generated module defining the client class whose methods send the operations.
GENERATED_CLIENT_MODULE = "labelbox_gen.client"
#: Subpackage never scanned: this tool.
EXCLUDED_PACKAGE = "labelbox.schema_tool"

#: Attribute names of built-in types: ``x.update(...)`` is more likely a dict's than ours.
_BUILTIN_METHODS = frozenset(
    name
    for builtin in (object, dict, list, set, frozenset, tuple, str, bytes, int, float)
    for name in dir(builtin)
)

#: A node of the call graph: (module, "Class.member" or "function").
_Node = tuple[str, str]


@dataclass(frozen=True)
class UsageMap:
    """Operation names to the facade methods that send them, and back.

    Attributes:
        methods_by_operation: operation name -> sorted ``Class.method`` names.
        operations_by_method: ``Class.method`` name -> sorted operation names.
    """

    methods_by_operation: dict[str, tuple[str, ...]]
    operations_by_method: dict[str, tuple[str, ...]]

    def methods(self, operations: Iterable[str]) -> list[str]:
        """The facade methods that send some operations.

        Args:
            operations: Operation names, e.g. ``["GetDataset"]``.

        Returns:
            The sorted facade methods that send any of them.
        """
        found: set[str] = set()
        for name in operations:
            found.update(self.methods_by_operation.get(name, ()))
        return sorted(found)


# --------------------------------------------------------------------------- sources
def _module_source(module: str) -> str | None:
    """The source text of ``module`` as installed, or None if it has none."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.loader is None:
        return None
    get_source = getattr(spec.loader, "get_source", None)
    if get_source is None:
        return None
    try:
        source = get_source(spec.name)
    except (ImportError, OSError):
        return None
    return source if isinstance(source, str) else None


def _walk_package(root: Traversable, prefix: str) -> Iterator[tuple[str, str, bool]]:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if (entry / "__init__.py").is_file():
                yield from _walk_package(entry, f"{prefix}.{entry.name}")
        elif entry.name.endswith(".py"):
            stem = entry.name[:-3]
            name = prefix if stem == "__init__" else f"{prefix}.{stem}"
            yield name, entry.read_text(encoding="utf-8"), stem == "__init__"


def _package_sources(package: str) -> list[tuple[str, str, bool]]:
    """``(module, source, is_package)`` of every module of ``package`` (or of the
    single module ``package``); empty when it is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations is None:
        source = _module_source(package)
        return [(package, source, False)] if source is not None else []
    found = list(_walk_package(resources.files(package), package))
    return [m for m in found if not _within(m[0], EXCLUDED_PACKAGE)]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


# ------------------------------------------------------------ generated client methods
def generated_operation_methods() -> dict[str, str]:
    """Which operation each generated client method sends, read from the generated
    client's source (the method uses the operation's ``*_GQL`` constant).

    Returns:
        Generated client method name -> operation name (``get_dataset`` ->
        ``GetDataset``).
    """
    operations = operations_by_constant()
    source = _module_source(GENERATED_CLIENT_MODULE)
    found: dict[str, str] = {}
    if source is None:  # no source installed: fall back on the generator's naming
        for constant, op in operations.items():
            found[constant[: -len(CONSTANT_SUFFIX)].lower()] = op.name
        return found
    for cls in ast.parse(source).body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for item in cls.body:
            if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if item.name.startswith("_"):
                continue
            used = {
                node.id
                for node in ast.walk(item)
                if isinstance(node, ast.Name) and node.id in operations
            }
            if len(used) == 1:
                found[item.name] = operations[used.pop()].name
    return found


# ------------------------------------------------------------------------- scanning
@dataclass
class _Module:
    name: str
    is_package: bool
    functions: set[str] = field(default_factory=set)
    classes: dict[str, list[str]] = field(default_factory=dict)  # class -> base names
    members: dict[str, set[str]] = field(default_factory=dict)  # class -> member names
    imported: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (mod, name)
    modules: dict[str, str] = field(default_factory=dict)  # alias -> module


@dataclass
class _Uses:
    operations: set[str] = field(default_factory=set)
    functions: set[tuple[str, str]] = field(default_factory=set)  # (module or alias, name)
    class_members: set[tuple[str, str]] = field(default_factory=set)  # (class, member)
    any_members: set[str] = field(default_factory=set)


def _resolve_relative(module: _Module, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    parts = module.name.split(".")
    if not module.is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*parts, target] if target else parts)


def _declare(tree: ast.Module, module: _Module) -> None:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            module.functions.add(node.name)
        elif isinstance(node, ast.ClassDef):
            module.classes[node.name] = [
                b.id if isinstance(b, ast.Name) else b.attr
                for b in node.bases
                if isinstance(b, (ast.Name, ast.Attribute))
            ]
            module.members[node.name] = set(_class_members(node))
    for found in ast.walk(tree):
        if isinstance(found, ast.ImportFrom):
            source = _resolve_relative(module, found.level, found.module)
            for alias in found.names:
                module.imported[alias.asname or alias.name] = (source, alias.name)
        elif isinstance(found, ast.Import):
            for alias in found.names:
                if alias.asname:
                    module.modules[alias.asname] = alias.name


def _assigned(item: ast.stmt) -> list[str]:
    """Names a class-body statement binds with a value or annotation."""
    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
        return [item.target.id]
    if isinstance(item, ast.Assign):
        return [t.id for t in item.targets if isinstance(t, ast.Name)]
    return []


def _class_members(cls: ast.ClassDef) -> Iterator[str]:
    for item in cls.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield item.name
        else:
            yield from _assigned(item)


def _uses(body: ast.AST, module: _Module, own_class: str | None, gen: dict[str, str]) -> _Uses:
    uses = _Uses()
    for node in ast.walk(body):
        if isinstance(node, ast.Attribute):
            attr = node.attr
            if attr in gen:
                uses.operations.add(gen[attr])
                continue
            receiver = node.value
            if isinstance(receiver, ast.Name):
                if receiver.id in ("self", "cls") and own_class is not None:
                    uses.class_members.add((own_class, attr))
                    continue
                if receiver.id in module.modules:
                    uses.functions.add((module.modules[receiver.id], attr))
                    continue
                imported = module.imported.get(receiver.id)
                if imported is not None and not imported[1][:1].isupper():
                    uses.functions.add((f"{imported[0]}.{imported[1]}", attr))
                    continue
                if receiver.id[:1].isupper():
                    uses.class_members.add((receiver.id, attr))
                    continue
            if (
                isinstance(receiver, ast.Call)
                and isinstance(receiver.func, ast.Name)
                and receiver.func.id == "type"
                and own_class is not None
            ):
                uses.class_members.add((own_class, attr))
                continue
            if attr not in _BUILTIN_METHODS:
                uses.any_members.add(attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in module.functions:
                uses.functions.add((module.name, node.id))
            elif node.id in module.imported:
                uses.functions.add(module.imported[node.id])
    return uses


@dataclass
class _Graph:
    modules: dict[str, _Module] = field(default_factory=dict)
    uses: dict[_Node, _Uses] = field(default_factory=dict)

    def classes_named(self, name: str) -> list[tuple[str, str]]:
        return [(m.name, name) for m in self.modules.values() if name in m.classes]

    def lookup_member(self, module: str, cls: str, member: str, seen: set[_Node]) -> list[_Node]:
        """The definitions of ``cls.member``, looking through bases (by name)."""
        if (module, cls) in seen:
            return []
        seen.add((module, cls))
        if member in self.modules[module].members.get(cls, set()):
            return [(module, f"{cls}.{member}")]
        found: list[_Node] = []
        for base in self.modules[module].classes.get(cls, []):
            for base_module, base_cls in self.classes_named(base):
                found.extend(self.lookup_member(base_module, base_cls, member, seen))
        return found

    def targets(self, node: _Node) -> set[_Node]:
        """The graph nodes ``node`` refers to."""
        uses = self.uses[node]
        out: set[_Node] = set()
        for mod, name in uses.functions:
            if mod in self.modules and name in self.modules[mod].functions:
                out.add((mod, name))
        own_module = node[0]
        for cls, member in uses.class_members:
            owners = [(own_module, cls)] if cls in self.modules[own_module].classes else []
            for owner_module, owner_cls in owners or self.classes_named(cls):
                out.update(self.lookup_member(owner_module, owner_cls, member, set()))
        for member in uses.any_members:
            owners = [
                (m.name, c)
                for m in self.modules.values()
                for c, names in m.members.items()
                if member in names
            ]
            if len(owners) == 1:
                out.add((owners[0][0], f"{owners[0][1]}.{member}"))
        out.discard(node)
        return out


def _scan(sources: list[tuple[str, str, bool]], gen: dict[str, str]) -> _Graph:
    graph = _Graph()
    trees: dict[str, ast.Module] = {}
    for name, source, is_package in sources:
        try:
            trees[name] = ast.parse(source)
        except SyntaxError:
            continue
        graph.modules[name] = module = _Module(name, is_package)
        _declare(trees[name], module)
    for name, tree in trees.items():
        module = graph.modules[name]
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                graph.uses[(name, node.name)] = _uses(node, module, None, gen)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        members = [item.name]
                        value: ast.AST = item
                    elif isinstance(item, (ast.Assign, ast.AnnAssign)) and item.value is not None:
                        members = _assigned(item)
                        value = item.value
                    else:
                        continue
                    for member in members:
                        graph.uses[(name, f"{node.name}.{member}")] = _uses(
                            value, module, node.name, gen
                        )
    return graph


def _propagate(graph: _Graph) -> dict[_Node, set[str]]:
    edges = {node: graph.targets(node) for node in graph.uses}
    sends = {node: set(uses.operations) for node, uses in graph.uses.items()}
    changed = True
    while changed:
        changed = False
        for node, targets in edges.items():
            before = len(sends[node])
            for target in targets:
                sends[node] |= sends.get(target, set())
            changed = changed or len(sends[node]) != before
    return sends


def _public(module: str, qualname: str) -> bool:
    if _within(module, ENTITIES_MODULE):  # private package, public entity API
        module = FACADE_PACKAGE
    return not any(part.startswith("_") for part in (*module.split("."), *qualname.split(".")))


def _display_names(graph: _Graph) -> dict[tuple[str, str], str]:
    """(module, class) -> reported class name (``XBase`` of the entities module -> ``X``)."""
    names: dict[tuple[str, str], str] = {}
    for module in graph.modules.values():
        for cls in module.classes:
            names[(module.name, cls)] = cls
            if not _within(module.name, ENTITIES_MODULE) or not cls.endswith("Base"):
                continue
            facade_name = cls[: -len("Base")]
            for other in graph.modules.values():
                if _within(other.name, FACADE_PACKAGE) and cls in other.classes.get(
                    facade_name, []
                ):
                    names[(module.name, cls)] = facade_name
    return names


def build_usage_map(sources: list[tuple[str, str, bool]], gen: dict[str, str]) -> UsageMap:
    """Finds which facade methods send which operation, by an AST scan.

    Args:
        sources: ``(module, source, is_package)`` of every module scanned.
        gen: Generated client method -> the operation it sends.

    Returns:
        The usage map.
    """
    graph = _scan(sources, gen)
    display = _display_names(graph)
    by_operation: dict[str, set[str]] = defaultdict(set)
    by_method: dict[str, set[str]] = defaultdict(set)
    for (module, qualname), operations in _propagate(graph).items():
        if not operations or not _public(module, qualname):
            continue
        if "." in qualname:
            cls, member = qualname.split(".", 1)
            shown = f"{display.get((module, cls), cls)}.{member}"
        else:
            shown = f"{module}.{qualname}"
        by_method[shown] |= operations
        for op in operations:
            by_operation[op].add(shown)
    return UsageMap(
        {op: tuple(sorted(methods)) for op, methods in sorted(by_operation.items())},
        {method: tuple(sorted(ops)) for method, ops in sorted(by_method.items())},
    )


@cache
def usage_map() -> UsageMap:
    """The usage map of the installed SDK (computed once per process).

    Returns:
        Operation names to the facade methods that send them, and back.
    """
    sources = _package_sources(FACADE_PACKAGE)  # ENTITIES_MODULE included
    return build_usage_map(sources, generated_operation_methods())
