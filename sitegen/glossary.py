"""Read ``glossary.yaml``: the terms a reader may need explained, each with its definition.

A page with ``template: glossary.html`` lists them; every other page links the first use of each
term in its text to that list (markup.py), so a reader meets an explanation where a term first
appears without editors adding links by hand.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problems
from .languages import translated_file
from .model import GlossaryEntry, Project, Settings, Source
from .slugs import address_slug
from .typography import smart_text
from .yamlfile import did_you_mean, load_list

KEYS = ("term", "also", "definition", "sources")
TRANSLATION_KEYS = (*KEYS, "translates")  # a translation's entry names the entry it translates
EXAMPLE = ("- term: divisible pool\n  also: [divisible pools]\n  definition: The federal taxes shared with the provinces.\n"
           "  sources: [nfc-award-2009]")


def term_slug(term: str) -> str:
    """'NFC award' -> 'nfc-award': the id of the term's entry on the glossary page."""
    return address_slug(term, "term")


def load_glossaries(project: Project, settings: Settings, sources: dict[str, Source],
                    problems: Problems) -> dict[str, tuple[GlossaryEntry, ...]]:
    """Each language's glossary. A translation's entries each name the entry they translate
    ('translates: divisible pool') and cite exactly its sources: the two editions explain the same
    terms with the same evidence. A translation keeps its file's order (its own alphabet's)."""
    original = load_glossary(project, sources, problems)
    found = {settings.language: original}
    by_term = {e.term.casefold(): e for e in original}
    for lang in settings.translations:
        path = translated_file(project.glossary_file, lang, settings.language)
        if path.exists():
            found[lang] = load_glossary(project, sources, problems, path, by_term)
    return found


def load_glossary(project: Project, sources: dict[str, Source], problems: Problems, path: Path | None = None,
                  originals: dict[str, GlossaryEntry] | None = None) -> tuple[GlossaryEntry, ...]:
    """A glossary file's entries: glossary.yaml's, or with ``originals`` (the site language's
    entries by lower-cased term) a translation's."""
    path = path or project.glossary_file
    rel = project.rel(path)
    keys_allowed = KEYS if originals is None else TRANSLATION_KEYS
    loaded = load_list(path, rel, "terms", EXAMPLE, problems)
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
        unknown_keys = [k for k in entry if k not in keys_allowed]
        if unknown_keys:
            problems.add(rel, line, f"'{term}': unknown field '{unknown_keys[0]}'",
                         did_you_mean(str(unknown_keys[0]), keys_allowed))
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
        if originals is not None:
            translated = originals.get(str(entry.get("translates", "")).strip().casefold())
            if translated is None:
                problems.add(rel, line, f"'{term}': 'translates' must name a term of {project.rel(project.glossary_file)}",
                             did_you_mean(str(entry.get("translates", "")), [e.term for e in originals.values()], "terms"))
                continue
            if tuple(keys) != translated.sources:
                problems.add(rel, line, f"'{term}' cites {list(keys)}, but '{translated.term}' cites "
                             f"{list(translated.sources)}",
                             "cite the same sources, in the same order, as the entry it translates")
                continue
        seen.update({f.casefold(): term for f in forms})
        found.append(GlossaryEntry(term=smart_text(term), slug=term_slug(term), forms=forms,
                                   definition=smart_text(" ".join(entry["definition"].split())), sources=tuple(keys)))
    return tuple(found) if originals is not None else tuple(sorted(found, key=lambda e: e.term.casefold()))
