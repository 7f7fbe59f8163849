"""Reading YAML mappings with line numbers, so every error can point at its line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import yaml

# The C loader is several times faster; fall back where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping with the 1-based line of each top-level key."""

    values: dict[str, Any]
    lines: dict[str, int]

    def line_of(self, key: str, default: int) -> int:
        return self.lines.get(key, default)


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


def load_mapping(text: str, first_line: int = 1) -> Mapping:
    """Parse ``text`` (which starts at file line ``first_line``) as a mapping of string keys."""
    values, node = load_document(text, first_line)
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise YamlProblem(first_line, "expected 'key: value' lines", "write each setting as 'key: value' on its own line")
    lines = {}
    if node is not None:
        for key_node, _ in node.value:
            lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return Mapping({str(k): v for k, v in values.items()}, lines)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], label: str = "allowed") -> str:
    """A hint naming the closest valid word, or listing the choices (the first 12)."""
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    listed = sorted(choices)
    more = f", ... ({len(listed) - 12} more)" if len(listed) > 12 else ""
    return f"{label}: " + (", ".join(listed[:12]) + more if listed else "none")
