"""One error type for every bad input: where it is, what is wrong, and what to do."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Stages that pass problems on as (line, message, hint) tuples mark a warning by this prefix.
WARNING = "warning: "


@dataclass(frozen=True)
class Problem:
    """A bad input, located: ``path`` is relative to the project root, ``line`` is 1-based.
    A ``warning`` is something that might be intended: printed, but the build goes on (unless --strict)."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    warning: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {WARNING if self.warning else ''}{self.message}"
        return f"{text}\n  -> {self.hint}" if self.hint else text


class BuildError(Exception):
    """Raised when a build cannot finish; carries every problem found, in source order."""

    def __init__(self, problems: list[Problem]) -> None:
        # The same fault met twice (a broken partial renders on many pages) is reported once.
        unique: dict[tuple[str, int | None, str], Problem] = {}
        for problem in problems:
            unique.setdefault((problem.path, problem.line, problem.message), problem)
        self.problems = sorted(unique.values(), key=lambda p: (p.path, p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


# Problems that only follow from another: a source, page or dataset that is there but failed to
# load (already reported) makes every use of it look unknown. Stages pass problems on as text, so
# the thing a problem is about is read from its message.
FOLLOW_ONS = {
    "source": re.compile(r"unknown source '([^']+)'"),
    "page": re.compile(r"points to a page that does not exist \((content/[^)]+)\)"),
    "dataset": re.compile(r"^unknown dataset '([^']+)'|^dataset '([^']+)' does not exist in charts/data/"),
}
UNKNOWN_CHART = re.compile(r"^unknown chart '([^']+)'")  # a follow-on when its module has a problem of its own


class Problems:
    """Collects problems across stages so one build reports all of them at once; warnings apart."""

    def __init__(self, strict: bool = False) -> None:
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []
        self.strict = strict  # --strict: warnings stop the build too
        self.failed: set[tuple[str, str]] = set()  # (kind, name) of what failed to load; name '*': all of them

    def fail(self, kind: str, name: str) -> None:
        """Note that a source, page or dataset failed to load, so its uses are not reported as well."""
        self.failed.add((kind, name))

    def follow_on(self, problem: Problem, paths: set[str]) -> bool:
        """True when ``problem`` only follows from another; ``paths``: the files that have problems."""
        for kind, pattern in FOLLOW_ONS.items():
            match = pattern.search(problem.message)
            name = match and next(group for group in match.groups() if group)
            if match and ((kind, name) in self.failed or (kind, "*") in self.failed):
                return True
        chart = UNKNOWN_CHART.search(problem.message)
        return bool(chart) and f"charts/{chart.group(1)}.py" in paths

    def add(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        if message.startswith(WARNING):
            self.warn(path, line, message[len(WARNING):], hint)
        else:
            self.items.append(Problem(path, line, message, hint))

    def warn(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        problem = Problem(path, line, message, hint, warning=True)
        if problem not in self.warnings:
            self.warnings.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items or (self.strict and self.warnings):
            found = self.items + (self.warnings if self.strict else [])
            paths = {p.path for p in found}
            raise BuildError([p for p in found if not self.follow_on(p, paths)])


def utf8_problem(path: str, data: bytes) -> Problem | None:
    """The problem with a file that is not UTF-8 (Windows-1252 from Word or Notepad), with its line."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(path, line, f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                       "save it as UTF-8 (in Notepad or Word: Save As, then Encoding: UTF-8)")
    return None


class FileFailure(Exception):
    """An unexpected exception while processing one file, with the file's path: raised by
    ``processing`` and reported by the pipeline at its stage boundary, never as a bare traceback.
    Plain arguments only, so it crosses from a worker process intact."""

    def __init__(self, path: str, error: str) -> None:
        super().__init__(path, error)
        self.path, self.error = path, error


@contextlib.contextmanager
def processing(path: str) -> Iterator[None]:
    """Work on one input file: an unexpected exception inside becomes a FileFailure naming it
    (the innermost file wins; BuildError, FileFailure and interruptions pass through as they are)."""
    try:
        yield
    except (BuildError, FileFailure):
        raise
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, say in which file
        raise FileFailure(path, f"{type(exc).__name__}: {exc}") from exc


def unexpected(path: str, error: str, stage: str) -> BuildError:
    """The one message for an exception the engine did not expect, naming the file or stage."""
    return BuildError([Problem(path, None, f"the build stopped unexpectedly while {stage}: {error}",
                               "check this file for anything unusual; if it looks right, report this message "
                               "(with the file) to the site's maintainers")])
