"""Read ``glossary.yaml``: the terms a reader may need explained, each with its definition.

A page with ``template: glossary.html`` lists them; every other page links the first use of each
term in its text to that list (markup.py), so a reader meets an explanation where a term first
appears without editors adding links by hand.
"""

from __future__ import annotations

from .errors import Problems
from .model import GlossaryEntry, Project, Source
from .slugs import address_slug
from .typography import smart_text
from .yamlfile import did_you_mean, load_list

KEYS = ("term", "also", "definition", "sources")
EXAMPLE = ("- term: divisible pool\n  also: [divisible pools]\n  definition: The federal taxes shared with the provinces.\n"
           "  sources: [nfc-award-2009]")


def term_slug(term: str) -> str:
    """'NFC award' -> 'nfc-award': the id of the term's entry on the glossary page."""
    return address_slug(term, "term")


def load_glossary(project: Project, sources: dict[str, Source], problems: Problems) -> tuple[GlossaryEntry, ...]:
    rel = project.rel(project.glossary_file)
    loaded = load_list(project.glossary_file, rel, "terms", EXAMPLE, problems)
    if loaded is None:
        return ()
    found: list[GlossaryEntry] = []
    seen: dict[str, str] = {}  # every form, lower-cased -> the term it belongs to
    for entry, entry_node in zip(*loaded, strict=True):
        line = entry_node.start_mark.line + 1
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not isinstance(
                entry.get("definition"), str) or not entry["term"].strip() or not entry["definition"].strip():
            problems.add(rel, line, "each glossary entry needs a 'term' and a 'definition'", f"write it like:\n{EXAMPLE}")
            continue
        term = entry["term"].strip()
        unknown_keys = [k for k in entry if k not in KEYS]
        if unknown_keys:
            problems.add(rel, line, f"'{term}': unknown field '{unknown_keys[0]}'", did_you_mean(str(unknown_keys[0]), KEYS))
            continue
        also = entry.get("also") or []
        keys = entry.get("sources") or []
        if not isinstance(also, list) or not all(isinstance(a, str) and a.strip() for a in also):
            problems.add(rel, line, f"'{term}': 'also' must be a list of words", "write e.g. also: [divisible pools]")
            continue
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            problems.add(rel, line, f"'{term}': 'sources' must be a list of source keys", "write e.g. sources: [nfc-award-2009]")
            continue
        unknown = [k for k in keys if k not in sources]
        if unknown:
            problems.add(rel, line, f"'{term}': unknown source '{unknown[0]}'",
                         "add it to sources.yaml, or " + did_you_mean(unknown[0], sorted(sources), "known sources"))
            continue
        forms = tuple(dict.fromkeys(f.strip() for f in (term, *also)))
        clash = next((f for f in forms if f.casefold() in seen), None)
        if clash:
            problems.add(rel, line, f"'{clash}' is listed twice (also under '{seen[clash.casefold()]}')",
                         "keep each term and form in one entry only")
            continue
        seen.update({f.casefold(): term for f in forms})
        found.append(GlossaryEntry(term=smart_text(term), slug=term_slug(term), forms=forms,
                                   definition=smart_text(" ".join(entry["definition"].split())), sources=tuple(keys)))
    return tuple(sorted(found, key=lambda e: e.term.casefold()))
