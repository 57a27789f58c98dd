"""Which security group a value known only after apply will be: the plan's configuration read
as a graph of references, never a guess.

A rule's `security_group_id` or peer is unknown in a plan when it names a group the plan
creates. The attribute's expression lists its `references`; each is followed to what can give
an unknown value: a security group the plan creates (a candidate), `var.X` (the caller's
argument, in the module call), `local.X` (its expression, from the module's `.tf` files, since
the plan JSON leaves locals out), `each.*` (the resource's `for_each`), `module.M.OUTPUT` (the
output's expression in M). What cannot be followed (a data source read at apply, another
resource the plan changes, a local whose files are not found) is opaque. Exactly one candidate
and nothing opaque: that group. Otherwise the value stays unknown, with the reason.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen.audit.terraform_files import Folder, read_folder
from gen.reference import files
from gen.reference.words import printable

_RESOURCE = re.compile(r"^(?:data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.(.+))?$")
_INSTANCE_KEYS = re.compile(r"\[[^\]]*\]")
_NO_GROUP = ("count", "path", "terraform", "self")
"""References that never hold a group id."""


@dataclass
class Module:
    """One module of the configuration: its expressions, its caller and its folder."""

    prefix: str
    """`` for the root, `module.eks.` for module "eks" (configuration addresses: no keys)."""
    config: Mapping[str, Any]
    parent: Module | None = None
    name: str = ""
    folder: Path | None = None
    _files: Folder | None = field(default=None, repr=False)

    @property
    def files(self) -> Folder:
        if self._files is None:
            self._files = read_folder(self.folder) if self.folder else Folder()
        return self._files

    def resource(self, address: str) -> Mapping[str, Any]:
        """A resource's configuration by its address in this module (`TYPE.NAME`)."""
        found = (r for r in self.config.get("resources", []) if r.get("address") == address)
        return next(found, {})

    def call(self) -> Mapping[str, Any]:
        """The module block that calls this module (in the parent)."""
        return self.parent.config.get("module_calls", {}).get(self.name, {}) if self.parent else {}


def module_prefix(address: str) -> str:
    """`module.a["x"].module.b.aws_x.y[0]` -> `module.a.module.b.`."""
    parts = re.findall(r"module\.([\w-]+)(?:\[[^\]]*\])?\.", address)
    return "".join(f"module.{p}." for p in parts)


def config_address(address: str) -> str:
    """An instance address without its instance keys: the configuration's address."""
    return _INSTANCE_KEYS.sub("", address)


def modules(root_config: Mapping[str, Any], root: Path | None) -> dict[str, Module]:
    """Every module by prefix, each with its folder: from `.terraform/modules/modules.json`
    (written by `terraform init`, next to the root module), else a local `source`."""
    dirs = _installed(root)
    found: dict[str, Module] = {}

    def walk(config: Mapping[str, Any], module: Module, key: str) -> None:
        found[module.prefix] = module
        for name, call in config.get("module_calls", {}).items():
            child_key = f"{key}.{name}" if key else name
            folder = dirs.get(child_key)
            source = str(call.get("source", ""))
            if folder is None and module.folder is not None and source.startswith(("./", "../")):
                folder = Path(os.path.normpath(module.folder / source))  # a/../b: b
            child = Module(f"{module.prefix}module.{name}.", call.get("module", {}), module,
                           name, folder)  # fmt: skip
            walk(call.get("module", {}), child, child_key)

    walk(root_config, Module("", root_config, folder=root), "")
    return found


def _installed(root: Path | None) -> dict[str, Path]:
    if root is None:
        return {}
    try:
        data = json.loads(files.read_bytes(root / ".terraform" / "modules" / "modules.json"))
        return {m["Key"]: root / m["Dir"] for m in data["Modules"] if m.get("Key")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


@dataclass(frozen=True)
class Found:
    """Where the references lead: candidate groups (instance addresses) and what is opaque."""

    groups: frozenset[str] = frozenset()
    opaque: frozenset[str] = frozenset()

    def __or__(self, other: Found) -> Found:
        return Found(self.groups | other.groups, self.opaque | other.opaque)


@dataclass
class Resolver:
    """The plan's configuration and what the plan leaves unknown."""

    modules: Mapping[str, Module]
    new_groups: Mapping[str, tuple[str, ...]]
    """A group's configuration address -> its instances whose id is known only after apply."""
    pending: frozenset[str]
    """Configuration addresses of other resources with values known only after apply."""

    def group(self, address: str, kind: str, name: str, attribute: str) -> tuple[str | None, str]:
        """The group an unknown attribute of a resource instance will hold: (address, "") or
        (None, why not)."""
        module = self.modules.get(module_prefix(address))
        what = f"{address}: {attribute} is known only after apply"
        if module is None:
            return None, f"{what}, and its module is not in the plan's configuration"
        config = module.resource(f"{kind}.{name}")
        refs = _references(config.get("expressions", {}).get(attribute))
        found = self._follow(module, refs, _references(config.get("for_each_expression")), set())
        if found.opaque:
            return None, f"{what}, from {printable(', '.join(sorted(found.opaque)))}"
        if len(found.groups) == 1:
            return next(iter(found.groups)), ""
        if found.groups:
            names = ", ".join(sorted(found.groups))
            return None, f"{what}, and may be any of {printable(names)}"
        return None, f"{what}, and its expression names no security group the plan creates"

    def _follow(self, module: Module, refs: Iterable[str], each: list[str], seen: set) -> Found:
        """Where references lead; `each` is what `each.*` stands for there (the references of
        the resource's or the module call's `for_each`)."""
        found = Found()
        for ref in _most_specific(refs):
            if (module.prefix, ref) not in seen:
                seen.add((module.prefix, ref))
                found |= self._one(module, ref, each, seen)
        return found

    def _one(self, module: Module, ref: str, each: list[str], seen: set) -> Found:
        head, _, rest = ref.partition(".")
        if head == "var":
            return self._variable(module, rest.split(".")[0], seen)
        if head == "local":
            local = module.files.locals.get(rest.split(".")[0])
            if local is None:
                return Found(opaque=frozenset({f"{module.prefix}{ref} (its definition was not "
                                               "found next to the plan)"}))  # fmt: skip
            return self._follow(module, local.references, [], seen)
        if head == "each":
            return self._follow(module, each, [], seen)
        if head == "module":
            return self._output(module, rest, seen)
        if head in _NO_GROUP:
            return Found()
        return self._resource(module, ref)

    def _variable(self, module: Module, name: str, seen: set) -> Found:
        """A module's input: the caller's argument (a root variable's value is known)."""
        if module.parent is None:
            return Found()
        call = module.call()
        argument = call.get("expressions", {}).get(name)
        each = _references(call.get("for_each_expression"))
        return self._follow(module.parent, _references(argument), each, seen)

    def _output(self, module: Module, rest: str, seen: set) -> Found:
        name, _, output = rest.partition(".")
        child = self.modules.get(f"{module.prefix}module.{name}.")
        outputs = child.config.get("outputs", {}) if child else {}
        expression = outputs.get(output.split(".")[0], {}).get("expression")
        if child is None or expression is None:
            return Found(opaque=frozenset({f"{module.prefix}module.{rest}"}))
        return self._follow(child, _references(expression), [], seen)

    def _resource(self, module: Module, ref: str) -> Found:
        match = _RESOURCE.match(ref)
        if not match:
            return Found()
        kind, name, key, attribute = match.groups()
        data = ref.startswith("data.")
        address = f"{module.prefix}{'data.' if data else ''}{kind}.{name}"
        if kind == "aws_security_group" and not data:
            if attribute not in (None, "id"):
                return Found()  # its name or ARN is not a group id
            instances = self.new_groups.get(address, ())
            if key is not None:
                instances = tuple(i for i in instances if i == address + key)
            return Found(groups=frozenset(instances))
        return Found(opaque=frozenset({address})) if address in self.pending else Found()


def _references(expression: Any) -> list[str]:
    return list(expression.get("references", [])) if isinstance(expression, dict) else []


def _most_specific(refs: Iterable[str]) -> list[str]:
    """Terraform lists `aws_security_group.x[0].id`, `aws_security_group.x[0]` and
    `aws_security_group.x` for one traversal: a resource's keyed references, when there are
    any, stand for it (the bare one would name every instance), and `x[0]` goes beside
    `x[0].id`."""
    refs = list(dict.fromkeys(refs))
    shapes = {r: m.groups() for r in refs if (m := _RESOURCE.match(r)) and r.split(".")[0]
              not in (*_NO_GROUP, "var", "local", "each", "module")}  # fmt: skip
    keyed = {(kind, name) for kind, name, key, _ in shapes.values() if key is not None}
    kept = []
    for ref in refs:
        shape = shapes.get(ref)
        if shape is not None and shape[3] is None:
            if shape[2] is None and shape[:2] in keyed:
                continue
            if any(r.startswith(ref + ".") for r in refs):
                continue
        kept.append(ref)
    return kept
