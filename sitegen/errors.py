"""One error type for every bad input: where it is, what is wrong, and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A bad input, located: ``path`` is relative to the project root, ``line`` is 1-based."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
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


class Problems:
    """Collects problems across stages so one build reports all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, message, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)
