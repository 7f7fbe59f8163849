"""Reading YAML mappings with line numbers, so every error can point at its line."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems, utf8_problem

# The C loader is several times faster; fall back where libyaml is missing.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(yaml.MarkedYAMLError):
    """A key given twice in one mapping: PyYAML would silently keep the last."""

    def __init__(self, key: str, first_line: int, mark: yaml.Mark) -> None:
        super().__init__(problem=f"duplicate key '{key}'", problem_mark=mark)
        self.key, self.first_line = key, first_line


class _Loader(_Base):
    """The safe loader, refusing duplicate keys and keeping impossible dates as the text written."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node)
                try:
                    if key in seen:
                        raise DuplicateKey(str(key), seen[key], key_node.start_mark)
                    seen[key] = key_node.start_mark.line
                except TypeError:  # an unhashable key: PyYAML reports it below
                    pass
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | str:
        # '2021-02-30' looks like a date but is none: left as text, so the check of the field
        # that holds it reports it with its line instead of PyYAML crashing.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping with the 1-based line of each top-level key."""

    values: dict[str, Any]
    lines: dict[str, int]
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> its own keys' lines

    def line_of(self, key: str, default: int) -> int:
        return self.lines.get(key, default)

    def field_line(self, key: str, name: str) -> int:
        """The line of ``name`` inside the mapping under ``key`` (else the line of ``key``)."""
        return self.field_lines.get(key, {}).get(name, self.line_of(key, 1))


class YamlProblem(Exception):
    """Malformed YAML, or YAML that is not a mapping; ``line`` is 1-based in the file."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def load_document(text: str, first_line: int = 1) -> tuple[Any, Any]:
    """(the parsed value, its YAML node, whose ``start_mark.line`` gives positions) or YamlProblem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except DuplicateKey as exc:
        raise YamlProblem(first_line + exc.problem_mark.line, f"duplicate key '{exc.key}'",
                          f"'{exc.key}' is already given on line {first_line + exc.first_line}: keep one of the two") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or "malformed YAML"
        raise YamlProblem(
            line,
            f"malformed YAML: {problem}",
            "check indentation, a missing ':' after a key, and quote values that contain ': ' or start with '@', '`' or '['",
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, f"malformed YAML: {exc}", "check the YAML syntax") from exc
    finally:
        loader.dispose()
    return values, node


def read_text(path: Path, rel: str) -> str:
    """The text of a UTF-8 file (a byte-order mark is allowed and dropped), or YamlProblem."""
    data = path.read_bytes()
    problem = utf8_problem(rel, data)
    if problem:
        raise YamlProblem(problem.line or 1, problem.message, problem.hint)
    return data.decode("utf-8").removeprefix("\ufeff")


def load_mapping(text: str, first_line: int = 1) -> Mapping:
    """Parse ``text`` (which starts at file line ``first_line``) as a mapping of string keys."""
    values, node = load_document(text, first_line)
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise YamlProblem(first_line, "expected 'key: value' lines", "write each setting as 'key: value' on its own line")
    lines, field_lines = {}, {}
    if node is not None:
        for key_node, value_node in node.value:
            lines[str(key_node.value)] = first_line + key_node.start_mark.line
            if isinstance(value_node, yaml.MappingNode):
                field_lines[str(key_node.value)] = {str(k.value): first_line + k.start_mark.line
                                                    for k, _ in value_node.value}
    return Mapping({str(k): v for k, v in values.items()}, lines, field_lines)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], label: str = "allowed") -> str:
    """A hint naming the closest valid word, or listing the choices (the first 12)."""
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    listed = sorted(choices)
    more = f", ... ({len(listed) - 12} more)" if len(listed) > 12 else ""
    return f"{label}: " + (", ".join(listed[:12]) + more if listed else "none")


def load_list(path: Path, rel: str, what: str, example: str, problems: Problems) -> tuple[list, list] | None:
    """A YAML file that is a list (compare.yaml's dimensions, glossary.yaml's terms): (the entries,
    their nodes, whose ``start_mark.line`` gives each one's line), or None after reporting why not.
    A missing or empty file is an empty list."""
    if not path.exists():
        return [], []
    try:
        entries, node = load_document(read_text(path, rel))
    except YamlProblem as exc:
        problems.add(rel, exc.line, exc.message, exc.hint)
        return None
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        problems.add(rel, 1, f"{path.name} must be a list of {what}", f"write each one like:\n{example}")
        return None
    return entries, node.value
