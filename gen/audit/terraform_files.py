"""What `terraform show -json` leaves out, read from a module's `.tf` files: the line of each
`resource` and `module` block, and of each object a module block's arguments key by name
(`ingress_15017 = {`: a `for_each` instance's own lines), for locations a reviewer can click;
and what each `local` refers to (the plan's configuration has the expressions of resources,
module inputs and outputs, never of locals).

Not an HCL parser: a scan that blanks string literals and comments (keeping `${...}`
interpolations, which are code), then finds blocks and `locals` attributes by bracket depth,
and references by their shape (`var.X`, `local.X`, `aws_security_group.N[0].id`, ...). A file
it cannot read is skipped, so what it would have told stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gen.reference import files

_HEREDOC = re.compile(r"<<-?([A-Za-z_][\w-]*)[ \t]*\n")
_ROOT = re.compile(r"(?<![\w.\]\)\"-])([A-Za-z_][\w-]*)((?:\.[A-Za-z_*][\w-]*|\[[^\[\]\n]*\])*)")
_ONE_NAME = ("var", "local", "each", "count", "path", "terraform", "self")
_BLOCK = re.compile(r'^(resource|module|data)\s+"([^"\n]+)"(?:\s+"([^"\n]+)")?\s*\{', re.M)
_LOCALS = re.compile(r"^locals\s*\{", re.M)
_ATTRIBUTE = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=(?![=>])", re.M)
_KEYED = re.compile(r'^[ \t]*"?([\w-]+)"?[ \t]*=[ \t]*\{', re.M)


@dataclass(frozen=True)
class Local:
    """One local value: what its expression refers to, and where it is written."""

    references: tuple[str, ...]
    file: str
    line: int


@dataclass
class Folder:
    """A module's folder: its blocks' lines and its locals."""

    blocks: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    """("resource", TYPE, NAME) or ("module", NAME) -> (file, line)."""
    locals: dict[str, Local] = field(default_factory=dict)
    keyed: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    """Module block name -> each `KEY = {` in it -> (file, line)."""


def read_folder(folder: Path) -> Folder:
    """Every `.tf` file of the folder, in name order."""
    found = Folder()
    for path in sorted(folder.glob("*.tf")):
        try:
            text = files.read_bytes(path).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # what it holds stays unknown
        shown = path.as_posix()
        code = blank(text)
        for match in _BLOCK.finditer(text):
            if code[match.start()] == match.group(1)[0]:  # code, not a comment or a string
                key = tuple(g for g in match.groups() if g is not None)
                found.blocks.setdefault(key, (shown, _line(text, match.start())))
                if key[0] == "module":
                    end = _block_end(code, match.end() - 1)
                    found.keyed.setdefault(key[1], _keys(text, code, match.end(), end, shown))
        for name, (start, end) in _locals(code).items():
            refs = references(code[start:end], text[start:end])
            found.locals.setdefault(name, Local(refs, shown, _line(text, start)))
    return found


def _keys(text: str, code: str, start: int, end: int, shown: str) -> dict[str, tuple[str, int]]:
    keys: dict[str, tuple[str, int]] = {}
    for match in _KEYED.finditer(text, start, end):
        brace = match.end() - 1
        if code[brace] == "{":  # code, not a comment or a string
            keys.setdefault(match.group(1), (shown, _line(text, match.start(1))))
    return keys


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def blank(text: str) -> str:
    """The text with string literals' characters and comments as spaces (same length, same
    lines); interpolations inside strings are kept, being code."""
    out = list(text)
    stack: list[str] = []
    i = 0
    while i < len(text):
        step = _in_string if stack and stack[-1] == "string" else _in_code
        i = step(text, out, stack, i)
    return "".join(out)


def _spaces(out: list[str], start: int, end: int) -> None:
    for j in range(start, end):
        if out[j] != "\n":
            out[j] = " "


def _in_string(text: str, out: list[str], stack: list[str], i: int) -> int:
    char = text[i]
    if char == "\\":
        _spaces(out, i, min(i + 2, len(text)))
        return i + 2
    if char == '"':
        stack.pop()
        return i + 1
    if text.startswith(("$${", "%%{"), i):
        _spaces(out, i, i + 3)
        return i + 3
    if text.startswith(("${", "%{"), i):
        stack.append("interpolation")
        return i + 2
    _spaces(out, i, i + 1)
    return i + 1


def _in_code(text: str, out: list[str], stack: list[str], i: int) -> int:
    char = text[i]
    if char == '"':
        stack.append("string")
    elif char == "#" or text.startswith("//", i):
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        _spaces(out, i, end)
        return end
    elif text.startswith("/*", i):
        end = text.find("*/", i + 2)
        end = len(text) if end < 0 else end + 2
        _spaces(out, i, end)
        return end
    elif (heredoc := _HEREDOC.match(text, i)) is not None:
        return _heredoc(text, out, heredoc)
    elif char == "{":
        stack.append("brace")
    elif char == "}" and stack:
        stack.pop()
    return i + 1


def _heredoc(text: str, out: list[str], match: re.Match) -> int:
    """A heredoc's body is a template: blanked, except its `${...}` interpolations."""
    end = re.compile(rf"^[ \t]*{re.escape(match.group(1))}[ \t]*$", re.M).search(text, match.end())
    stop = end.start() if end else len(text)
    kept = [m.span() for m in re.finditer(r"\$\{[^{}]*\}", text[match.end() : stop])]
    cursor = match.end()
    for start, finish in kept:
        _spaces(out, cursor, match.end() + start)
        cursor = match.end() + finish
    _spaces(out, cursor, stop)
    return end.end() if end else len(text)


def _depths(code: str, start: int, end: int):
    """(offset, depth) at each newline from start to end, depth counting every bracket."""
    depth = 0
    for i in range(start, end):
        char = code[i]
        if char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
        elif char == "\n":
            yield i, depth


def _block_end(code: str, start: int) -> int:
    """The offset of the `}` closing the block whose `{` is at `start`."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code)


def _locals(code: str) -> dict[str, tuple[int, int]]:
    """Each local's name -> the span of its expression."""
    found: dict[str, tuple[int, int]] = {}
    for block in _LOCALS.finditer(code):
        opening = block.end() - 1
        closing = _block_end(code, opening)
        starts = [opening] + [i for i, depth in _depths(code, opening, closing) if depth == 1]
        names = []
        for line_start in starts:
            match = _ATTRIBUTE.match(code, line_start + 1)
            if match and match.end() <= closing:
                names.append((match.group(1), match.end()))
        for n, (name, start) in enumerate(names):
            end = names[n + 1][1] if n + 1 < len(names) else closing
            found[name] = (start, end)
    return found


def references(code: str, text: str) -> tuple[str, ...]:
    """The references in an expression (`code` blanked, `text` as written, same offsets), in
    the plan JSON's spelling: `var.X`, `local.X`, `each.value`, `module.M.OUTPUT`,
    `data.T.N[KEY].ATTRIBUTE`, `TYPE.NAME[KEY].ATTRIBUTE`."""
    found = []
    for match in _ROOT.finditer(code):
        root, chain = match.group(1), text[match.start(2) : match.end(2)]
        if code[match.end() : match.end() + 1] == "(" or not chain.startswith("."):
            continue  # a function call, a keyword, a for-expression's own name
        parts = re.findall(r"\.[A-Za-z_*][\w-]*|\[[^\[\]\n]*\]", chain)
        if root in _ONE_NAME:
            found.append(root + parts[0])
        elif root == "module" and len(parts) > 1:
            found.append(root + "".join(parts[:2]))
        elif root == "data" or "_" in root:  # (data.)TYPE.NAME[KEY].ATTRIBUTE
            found.append(root + "".join(_resource_parts(parts, root == "data")))
    return tuple(dict.fromkeys(found))


def _resource_parts(parts: list[str], typed: bool) -> list[str]:
    """TYPE-less parts of a resource reference: its name, its key if any, one attribute."""
    head = parts[:2] if typed else parts[:1]  # data: the type and the name
    rest = parts[len(head) :]
    if rest and rest[0].startswith("["):
        head, rest = head + rest[:1], rest[1:]
    return head + rest[:1] if rest and rest[0].startswith(".") else head
