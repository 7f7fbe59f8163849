"""Read the source catalogue, ``sources.yaml``: every source a page or chart may cite."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .errors import Problems
from .model import Project, Source
from .yamlfile import YamlProblem, did_you_mean, load_mapping

KINDS = {
    "official statement": "Official statement",
    "official statistics": "Official statistics",
    "state media report": "State media report",
    "media report": "Media report",
    "government allegation": "Government allegation",
    "independent statistics": "Independent statistics",
    "independent research": "Independent research",
    "opinion": "Opinion article",
}
REQUIRED = ("title", "publisher", "date", "address", "kind")
OPTIONAL = ("notes", "via")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_sources(project: Project, problems: Problems) -> dict[str, Source]:
    """Every valid entry by key; each bad entry is reported and left out."""
    path = project.rel(project.sources_file)
    if not project.sources_file.exists():
        return {}
    try:
        catalogue = load_mapping(project.sources_file.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        return {}
    sources: dict[str, Source] = {}
    for key, entry in catalogue.values.items():
        line = catalogue.line_of(key, 1)
        if not KEY_PATTERN.match(key):
            problems.add(path, line, f"source key '{key}' must be lower-case letters, digits and hyphens",
                         "rename it, e.g. 'scmp-2021-pairing'")
            continue
        if not isinstance(entry, dict):
            problems.add(path, line, f"source '{key}' must list its fields",
                         "indent 'title:', 'publisher:', 'date:', 'address:' and 'kind:' under the key")
            continue
        fields = {}
        for name, value in entry.items():
            if name not in REQUIRED and name not in OPTIONAL:
                problems.add(path, line, f"source '{key}' has an unknown field '{name}'",
                             did_you_mean(str(name), REQUIRED + OPTIONAL))
                continue
            if isinstance(value, (dt.date, int)):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                problems.add(path, line, f"source '{key}': '{name}' must be text",
                             "write the value on the same line; say 'not stated' if the source does not give it")
                continue
            fields[name] = value.strip()
        missing = [name for name in REQUIRED if name not in fields and name not in entry]
        if missing:
            problems.add(path, line, f"source '{key}' is missing {', '.join(repr(m) for m in missing)}",
                         "every source needs title, publisher, date, address and kind; "
                         "write 'not stated' where the source itself does not give one")
            continue
        if any(name not in fields for name in REQUIRED):
            continue
        if fields["kind"] not in KINDS:
            problems.add(path, line, f"source '{key}' has an unknown kind '{fields['kind']}'",
                         did_you_mean(fields["kind"], tuple(KINDS)))
            continue
        sources[key] = Source(key=key, notes=fields.get("notes", ""), via=fields.get("via", ""),
                              **{name: fields[name] for name in REQUIRED})
    for key, source in sources.items():
        if source.via and source.via not in sources:
            problems.add(path, catalogue.line_of(source.key, 1),
                         f"source '{source.key}' says it came via '{source.via}', which is not in the catalogue",
                         did_you_mean(source.via, tuple(sources)))
        elif source.via:  # carried on the entry, so showing it needs no look-up in the catalogue
            sources[key] = replace(source, via_publisher=sources[source.via].publisher)
    return sources
