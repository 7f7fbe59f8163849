"""Read ``compare.yaml``: the Xinjiang model and the Pakistan proposal, dimension by dimension.

Kept as data (not prose) so that the compare page's table is rendered by its template and every
cell's sources are checked against the catalogue.
"""

from __future__ import annotations

from .errors import Problems
from .model import ComparisonCell, ComparisonRow, Project, Source
from .typography import smart_text
from .yamlfile import YamlProblem, did_you_mean, load_document, read_text

SIDES = ("xinjiang", "pakistan")
EXAMPLE = "- dimension: Who pairs with whom\n  xinjiang: {text: ..., sources: [key]}\n  pakistan: {text: ..., sources: [key]}"


def load_comparison(project: Project, sources: dict[str, Source], problems: Problems) -> tuple[ComparisonRow, ...]:
    path = project.comparison_file
    rel = project.rel(path)
    if not path.exists():
        return ()
    try:
        entries, node = load_document(read_text(path, rel))
    except YamlProblem as exc:
        problems.add(rel, exc.line, exc.message, exc.hint)
        return ()
    if not isinstance(entries, list):
        problems.add(rel, 1, "compare.yaml must be a list of dimensions", f"write each one like:\n{EXAMPLE}")
        return ()
    rows = []
    for entry, entry_node in zip(entries, node.value, strict=True):
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
