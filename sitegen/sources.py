"""Read the source catalogue, ``sources.yaml``: every source a page or chart may cite."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import urlsplit

from .errors import Problems
from .model import Project, Source
from .typography import smart_text
from .yamlfile import YamlProblem, did_you_mean, load_mapping, read_text

# The kinds of claim a source may be; how each is named to readers is in i18n/LANG.yaml ('kind_...').
KINDS = (
    "official statement",
    "official statistics",
    "state media report",
    "media report",
    "government allegation",
    "government action",  # a sanction, ban or listing: something done, not alleged
    "independent statistics",
    "independent research",
    "reference work",  # encyclopedias and similar compilations
    "opinion",
)
REQUIRED = ("title", "publisher", "date", "address", "kind")
OPTIONAL = ("notes", "via")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


NOT_STATED = "not stated"


def _date_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) when ``text`` is not YYYY-MM-DD, YYYY-MM, YYYY or 'not stated'."""
    if text == NOT_STATED:
        return None
    shape = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if shape:
        year, month, day = (int(part) if part else 1 for part in shape.groups())
        try:
            dt.date(year, month, day)
            return None
        except ValueError:
            return (f"the date '{text}' does not exist",
                    "check the month (01-12) and the day of the month; write YYYY-MM-DD, YYYY-MM or YYYY")
    return (f"the date '{text}' is not written YYYY-MM-DD, YYYY-MM or YYYY",
            "for example: date: \"2021-11-03\", \"2021-11\" or \"2021\"; or 'not stated'")


def _address_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) when ``text`` is neither an http(s) address nor 'not stated'."""
    if text == NOT_STATED:
        return None
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    if not parts.scheme and "." in text.split("/")[0]:
        return f"the address '{text}' has no 'https://'", f"write it in full: https://{text}"
    return f"the address '{text}' is not a web address", "give the full address, starting https://; or 'not stated'"


def load_sources(project: Project, problems: Problems) -> dict[str, Source]:
    """Every valid entry by key; each bad entry is reported and left out."""
    path = project.rel(project.sources_file)
    if not project.sources_file.exists():
        return {}
    try:
        catalogue = load_mapping(read_text(project.sources_file, path))
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        problems.fail("source", "*")  # one message for the file, not one for every citation
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
                problems.add(path, catalogue.field_line(key, str(name)), f"source '{key}' has an unknown field '{name}'",
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
        wrong = _date_problem(fields["date"]) or _address_problem(fields["address"])
        if wrong:
            problems.add(path, catalogue.field_line(key, "date" if _date_problem(fields["date"]) else "address"),
                         f"source '{key}': {wrong[0]}", wrong[1])
            continue
        if fields["kind"] not in KINDS:
            problems.add(path, catalogue.field_line(key, "kind"), f"source '{key}' has an unknown kind '{fields['kind']}'",
                         did_you_mean(fields["kind"], KINDS))
            continue
        typeset = {name: smart_text(fields[name]) if name in ("title", "publisher") else fields[name] for name in REQUIRED}
        sources[key] = Source(key=key, notes=smart_text(fields.get("notes", "")), via=fields.get("via", ""), **typeset)
    for key in catalogue.values:
        if key not in sources:
            problems.fail("source", key)  # reported above; citing it is no second mistake
    for key, source in sources.items():
        if source.via and source.via not in sources:
            problems.add(path, catalogue.line_of(source.key, 1),
                         f"source '{source.key}' says it came via '{source.via}', which is not in the catalogue",
                         did_you_mean(source.via, tuple(sources)))
        elif source.via:  # carried on the entry, so showing it needs no look-up in the catalogue
            sources[key] = replace(source, via_publisher=sources[source.via].publisher)
    return sources
