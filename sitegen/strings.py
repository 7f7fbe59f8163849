"""Read the interface strings, ``i18n/LANG.yaml``: every word the templates and the engine show
readers (menus, "On this page", source kinds, month names, units), one file per language.

The site language's file names every key; a translation must give each of them (a missing one is
a build error naming the key), and nothing else (an unknown key is a misspelt one). A template
asks for a string with ``t("key")`` (``t("key", n=3)`` fills ``{n}``); asking for a key no file
has fails with the template's line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from .errors import Problems
from .model import Project, Settings
from .typography import smart_text
from .yamlfile import YamlProblem, did_you_mean, load_mapping, read_text

MONTHS = 12
UNITS_KEY = "units"  # a translation's words for the units of numbers ('yuan', 'Rs billion', 'people')
# What a translation gives that the site language's file does not: settings.yaml has the site's
# title and description, and the site language writes its units itself (datasets.format_number).
TRANSLATION_ONLY = ("site_title", "site_description", UNITS_KEY)


@dataclass(frozen=True)
class Strings:
    """One language's strings. Its repr is its content, so a page's fingerprint changes exactly
    when a string it could show changes."""

    lang: str
    file: str  # 'i18n/ur.yaml', for messages
    items: tuple[tuple[str, Any], ...]
    # The same pairs by key, made once: templates look strings up many times on every page.
    _by_key: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_key.update(self.items)

    def __call__(self, key: str, **values: object) -> Markup:
        """For templates: the string, escaped, with ``values`` filled in (escaped unless Markup)."""
        return Markup(escape(self.text(key))).format(**values) if values else Markup(escape(self.text(key)))

    def text(self, key: str, **values: object) -> str:
        """For the engine: the string as plain text, ``values`` filled in."""
        found = self._by_key.get(key)
        if not isinstance(found, str):
            raise KeyError(f"{self.file} has no string '{key}'"
                           + ("" if found is None else " (it is a list or mapping: use t.get)"))
        return found.format(**values) if values else found

    def get(self, key: str) -> Any:
        """A string, list or mapping by its key (``months``, ``units``)."""
        found = self._by_key.get(key)
        if found is None:
            raise KeyError(f"{self.file} has no entry '{key}'")
        return found

    def date(self, value: dt.date) -> str:
        """'3 November 2021' in this language: the day and year in Western digits, the month's name
        from ``months`` ('date_format' orders them: '{day} {month} {year}')."""
        return self.text("date_format").format(day=value.day, month=self.get("months")[value.month - 1], year=value.year)

    def unit(self, unit: str) -> str | None:
        """How this language writes a number in ``unit``: '{number} یوآن'; None when it gives no
        word for it (the site language writes units itself, see datasets.format_number)."""
        units = self._by_key.get(UNITS_KEY) or {}
        return units.get(unit)


def load_strings(project: Project, settings: Settings, problems: Problems) -> dict[str, Strings]:
    """Each language's strings, the site language's file naming the keys every other must give."""
    languages = settings.languages
    found: dict[str, Strings] = {}
    reference: dict[str, Any] | None = None
    for lang in languages:
        path = project.strings_folder / f"{lang}.yaml"
        rel = project.rel(path)
        if not path.exists():
            problems.add(rel, None, f"the interface strings for '{lang}' are missing",
                         f"copy {project.rel(project.strings_folder)}/{languages[0]}.yaml to {path.name} and translate "
                         "each value" if reference is not None else "create it (see the README, 'Languages')")
            continue
        try:
            mapping = load_mapping(read_text(path, rel))
        except YamlProblem as exc:
            problems.add(rel, exc.line, exc.message, exc.hint)
            continue
        values = mapping.values
        before = len(problems.items)
        for key, value in values.items():
            line = mapping.line_of(key, 1)
            if key == "months":
                if not (isinstance(value, list) and len(value) == MONTHS and all(isinstance(m, str) and m for m in value)):
                    problems.add(rel, line, "'months' must list the 12 month names, January first",
                                 "write months: [January, February, ...]")
            elif key == UNITS_KEY:
                if not (isinstance(value, dict) and all(isinstance(v, str) and "{number}" in v for v in value.values())):
                    problems.add(rel, line, "'units' must map each unit to how a number in it is written",
                                 "write e.g. units: {yuan: '{number} یوآن'} ({number} stands for the number)")
            elif not isinstance(value, str):
                problems.add(rel, line, f"'{key}' must be a text", f"write it as {key}: \"...\" on one line")
        if reference is None:
            for key in ("months", "date_format"):
                if key not in values:
                    problems.add(rel, None, f"the string '{key}' is missing", "see the README, 'Languages'")
            for key in TRANSLATION_ONLY:
                if key in values:
                    problems.add(rel, mapping.line_of(key, 1), f"'{key}' belongs in a translation's file",
                                 "the site's title and description are set in settings.yaml; remove the line")
        else:
            for key in (*reference, "site_title", "site_description"):
                if key not in values:
                    problems.add(rel, None, f"the string '{key}' is missing (it is in {languages[0]}.yaml)",
                                 f"add a line {key}: ... with its translation")
            for key in values:
                if key not in reference and key not in TRANSLATION_ONLY:
                    problems.add(rel, mapping.line_of(key, 1), f"unknown string '{key}'",
                                 did_you_mean(key, tuple(reference)))
        if len(problems.items) > before:
            continue
        if reference is None:
            reference = values
            values = {**values, "site_title": settings.title, "site_description": settings.description}
        else:
            values = {**values, "site_title": smart_text(values["site_title"]),
                      "site_description": smart_text(values["site_description"])}
        found[lang] = Strings(lang, rel, tuple(sorted((k, _frozen(v)) for k, v in values.items())))
    return found


def _frozen(value: Any) -> Any:
    """Lists and mappings as tuples and sorted pairs: a Strings is hashable and its repr stable."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return {k: value[k] for k in sorted(value)}
    return value

