"""Random sequences of edits, each step built incrementally and compared byte for byte with a
clean build of the same files: the promise that output never depends on how it was reached.

Edits: page text, titles, order, tags, added, renamed and deleted pages, templates, sources,
chart data, same-size edits that keep the modification time, and invalid edits later fixed.
Run with a fixed seed in the suite; SITEGEN_EDIT_STEPS=500 runs longer sequences."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from sitegen.errors import BuildError
from sitegen.incremental import Builder
from sitegen.model import BuildOptions, Project
from sitegen.pipeline import build_site
from tests.conftest import REPO, page, tree_digest, write_files
from tests.test_incremental import FUNDS_CHART, SITE

STEPS = int(os.environ.get("SITEGEN_EDIT_STEPS", "30"))
WORDS = "pairing assistance money projects people schools roads Kizilsu Quetta Awaran census poverty".split()


class Project_:
    """The test project's files as the sequence has made them, and the edits it may make next."""

    def __init__(self, root: Path, chance: random.Random) -> None:
        self.root, self.chance = root, chance
        self.broken: dict[str, str] = {}  # path -> its good text, while an invalid edit stands

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in (self.root / "content").rglob("*.md")
                      if p.name != "index.md" and p.relative_to(self.root).as_posix() not in self.broken)

    def text(self) -> str:
        return " ".join(self.chance.choice(WORDS) for _ in range(self.chance.randint(3, 30))) + "."

    def edit(self) -> tuple[str, set[Path]]:
        """Make one random edit; (what it was, the paths it touched)."""
        chance = self.chance
        if self.broken and chance.random() < 0.5:
            path, good = self.broken.popitem()
            write_files(self.root, {path: good})
            return f"fix {path}", {self.root / path}
        kind = chance.choice(["text", "text", "title", "order", "tags", "add", "delete", "rename", "template",
                              "source", "data", "same size", "invalid"])
        pages = self.pages()
        target = chance.choice(pages)
        path = self.root / target
        if kind == "text":
            write_files(self.root, {target: page(self._title(path), self.text() + " [@state-report]",
                                                 order=self._order(path))})
        elif kind == "title":
            write_files(self.root, {target: page(chance.choice(WORDS).capitalize() + f" {chance.randint(1, 99)}",
                                                 path.read_text().split("---\n", 2)[2].strip(), order=self._order(path))})
        elif kind == "order":
            write_files(self.root, {target: page(self._title(path), "Reordered.", order=chance.randint(0, 9))})
        elif kind == "tags":
            write_files(self.root, {target: page(self._title(path), "Tagged.", order=self._order(path),
                                                 tags=f"[{chance.choice(WORDS).lower()}]")})
        elif kind == "add":
            section = chance.choice(["xinjiang", "pakistan"])
            target = f"content/{section}/new-{chance.randint(0, 999)}.md"
            write_files(self.root, {target: page(f"New {chance.randint(0, 999)}", self.text(), date="2022-03-04")})
        elif kind == "delete" and len(pages) > 3 and not self._linked(target):
            path.unlink()
        elif kind == "rename" and not self._linked(target):
            new = self.root / target.replace(".md", f"-{chance.randint(0, 99)}.md")
            path.rename(new)
            return f"rename {target}", {path, new}
        elif kind == "template":
            pager = self.root / "templates/partials/pager.html"
            pager.write_text(pager.read_text() + f"{{# edit {chance.randint(0, 9999)} #}}\n")
            return "template", {pager}
        elif kind == "source":
            sources = self.root / "sources.yaml"
            sources.write_text(sources.read_text().replace("publisher: ", f"publisher: P{chance.randint(0, 9)} ", 1))
            return "source", {sources}
        elif kind == "data":
            csv = self.root / "charts/data/funds.csv"
            csv.write_text(f"province,yuan\nJiangsu,{chance.randint(1, 99)}\nShanghai,20\n")
            return "data", {csv}
        elif kind == "same size":
            before = path.stat()
            text = path.read_text()
            if "." in text.split("---\n", 2)[2]:
                swapped = text[: text.rindex(".")] + "!" + text[text.rindex(".") + 1:]
                path.write_text(swapped)
                os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        elif kind == "invalid":
            self.broken[target] = path.read_text()
            write_files(self.root, {target: path.read_text().replace("title:", "titel:", 1)})
        return f"{kind} {target}", {self.root / target}

    def _linked(self, target: str) -> bool:
        return any(target.rsplit("/", 1)[-1] in p.read_text() for p in (self.root / "content").rglob("*.md"))

    @staticmethod
    def _title(path: Path) -> str:
        return next(line[len("title: "):] for line in path.read_text().splitlines() if line.startswith(("title: ", "titel: ")))

    @staticmethod
    def _order(path: Path) -> int:
        return next((int(line[len("order: "):]) for line in path.read_text().splitlines() if line.startswith("order: ")), 5)


def clean_build(root: Path, options: BuildOptions) -> tuple[dict[str, str] | None, list[str]]:
    """(the files the pure build makes, by path and hash of their bytes, or None; the problems it
    reports): pipeline.build_site, which knows nothing of the incremental layer."""
    try:
        files = build_site(Project(root), options)
    except BuildError as exc:
        return None, [str(p) for p in exc.problems]
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}, []


@pytest.mark.parametrize("mode", ["serve", "build"])
def test_random_edit_sequences_always_equal_a_clean_build(make_site, mode):
    root = make_site({**SITE, **FUNDS_CHART,
                      "content/xinjiang/results.md": page("Results", "{{< chart funds >}}", order=3)})
    options = BuildOptions(hashed_static=mode == "build")
    project = Project(root)
    output = root / "out" / "site"
    serve_builder = Builder(project, options, in_place=True, cache_name="serve")
    serve_builder.build(output)
    chance = random.Random(20261201 + (mode == "build"))
    edits = Project_(root, chance)
    for step in range(STEPS):
        edit, paths = edits.edit()
        before = tree_digest(output)
        expected, expected_problems = clean_build(root, options)
        try:
            if mode == "serve":
                serve_builder.build(output, changed=paths)
            else:  # a new process each time: state from .cache/, site swapped in whole
                builder = Builder(project, options)
                builder.build(output)
                builder.save()
        except BuildError as exc:
            assert expected is None, f"step {step} ({edit}): the incremental build failed, a clean one did not"
            assert [str(p) for p in exc.problems] == expected_problems, f"step {step} ({edit})"
            assert tree_digest(output) == before, f"step {step} ({edit}): a failed build changed the output"
            continue
        assert expected is not None, f"step {step} ({edit}): a clean build fails: {expected_problems}"
        assert tree_digest(output) == expected, f"step {step} ({edit}): differs from a clean build"


def test_the_sequences_cover_every_kind_of_edit():
    chance = random.Random(20261201)
    kinds = {chance.choice(["text", "text", "title", "order", "tags", "add", "delete", "rename", "template",
                            "source", "data", "same size", "invalid"]) for _ in range(STEPS)}
    assert len(kinds) >= 10, kinds
    assert REPO.exists()
