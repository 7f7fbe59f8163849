"""Read ``compare.yaml``: the Xinjiang model and the Pakistan proposal, dimension by dimension.

Kept as data (not prose) so that the compare page's table is rendered by its template and every
cell's sources are checked against the catalogue.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problems
from .languages import translated_file
from .model import ComparisonCell, ComparisonRow, Project, Settings, Source
from .typography import smart_text
from .yamlfile import did_you_mean, load_list

SIDES = ("xinjiang", "pakistan")
EXAMPLE = "- dimension: Who pairs with whom\n  xinjiang: {text: ..., sources: [key]}\n  pakistan: {text: ..., sources: [key]}"


def load_comparisons(project: Project, settings: Settings, sources: dict[str, Source],
                     problems: Problems) -> dict[str, tuple[ComparisonRow, ...]]:
    """Each language's comparison. A translation has the same dimensions in the same order, each
    cell citing exactly the sources of the cell it translates; a language without its own file
    shows the site language's table."""
    original = load_comparison(project, sources, problems)
    found = {settings.language: original}
    for lang in settings.translations:
        path = translated_file(project.comparison_file, lang, settings.language)
        if not path.exists():
            continue
        rel = project.rel(path)
        before = len(problems.items)
        rows = load_comparison(project, sources, problems, path)
        if len(problems.items) > before:
            continue
        if len(rows) != len(original):
            problems.add(rel, None, f"{len(rows)} dimensions, but {project.rel(project.comparison_file)} has {len(original)}",
                         "translate every dimension, in the same order")
            continue
        for number, (row, source_row) in enumerate(zip(rows, original, strict=True), start=1):
            for side in SIDES:
                if getattr(row, side).sources != getattr(source_row, side).sources:
                    problems.add(rel, None, f"dimension {number} ('{row.dimension}'), {side}: cites "
                                 f"{list(getattr(row, side).sources)}, but '{source_row.dimension}' cites "
                                 f"{list(getattr(source_row, side).sources)}",
                                 "cite the same sources, in the same order, as the cell it translates")
        if len(problems.items) == before:
            found[lang] = rows
    return found


def load_comparison(project: Project, sources: dict[str, Source], problems: Problems,
                    path: Path | None = None) -> tuple[ComparisonRow, ...]:
    path = path or project.comparison_file
    rel = project.rel(path)
    loaded = load_list(path, rel, "dimensions", EXAMPLE, problems)
    if loaded is None:
        return ()
    rows = []
    for entry, entry_node in zip(*loaded, strict=True):
        line = entry_node.start_mark.line + 1
        if not isinstance(entry, dict) or set(entry) != {"dimension", *SIDES}:
            problems.add(rel, line, "each dimension needs exactly 'dimension', 'xinjiang' and 'pakistan'",
                         f"write it like:\n{EXAMPLE}")
            continue
        cells = []
        for side in SIDES:
            cell = entry[side]
            if not isinstance(cell, dict) or not isinstance(cell.get("text"), str) or not cell.get("sources"):
                problems.add(rel, line, f"'{entry['dimension']}': the {side} side needs 'text' and 'sources'",
                             "every cell says what it says and who says it")
                break
            keys = cell["sources"] if isinstance(cell["sources"], list) else [cell["sources"]]
            unknown = [k for k in keys if k not in sources]
            if unknown:
                problems.add(rel, line, f"'{entry['dimension']}': unknown source '{unknown[0]}'",
                             "add it to sources.yaml, or " + did_you_mean(str(unknown[0]), sorted(sources), "known sources"))
                break
            cells.append(ComparisonCell(smart_text(" ".join(cell["text"].split())), tuple(keys)))
        else:
            rows.append(ComparisonRow(smart_text(str(entry["dimension"])), cells[0], cells[1]))
    return tuple(rows)
