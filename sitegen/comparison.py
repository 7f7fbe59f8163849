"""Read ``compare.yaml``: the Xinjiang model and the Pakistan proposal, dimension by dimension.

Kept as data (not prose) so that the compare page's table is rendered by its template and every
cell's sources are checked against the catalogue.
"""

from __future__ import annotations

from .errors import Problems
from .model import ComparisonCell, ComparisonRow, Project, Source
from .typography import smart_text
from .yamlfile import did_you_mean, load_list

SIDES = ("xinjiang", "pakistan")
EXAMPLE = "- dimension: Who pairs with whom\n  xinjiang: {text: ..., sources: [key]}\n  pakistan: {text: ..., sources: [key]}"


def load_comparison(project: Project, sources: dict[str, Source], problems: Problems) -> tuple[ComparisonRow, ...]:
    rel = project.rel(project.comparison_file)
    loaded = load_list(project.comparison_file, rel, "dimensions", EXAMPLE, problems)
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
