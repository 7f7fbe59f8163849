"""Read the site settings file, ``settings.yaml``."""

from __future__ import annotations

from urllib.parse import urlsplit

from .errors import BuildError, Problem
from .languages import LANGUAGE_TAG
from .model import Project, Settings
from .typography import smart_text
from .yamlfile import YamlProblem, did_you_mean, load_mapping, read_text

REQUIRED = ("title", "description", "base_url", "language")
OPTIONAL = {"repository": "", "author": "", "toc_min_headings": 3, "social_cards": False, "translations": []}
TYPES = {"toc_min_headings": (int, "a whole number"), "social_cards": (bool, "true or false"),
         "translations": (list, "a list of language tags, e.g. [ur]")}


def normalise_base_url(value: str) -> str | None:
    """'https://u.github.io/repo' -> 'https://u.github.io/repo/'; None if not absolute http(s)."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def load_settings(project: Project, base_url: str | None = None) -> Settings:
    """Read settings.yaml; ``base_url`` (from --base-url) overrides the file's value."""
    path = project.rel(project.settings_file)
    if not project.settings_file.exists():
        raise BuildError([Problem(path, None, "the site settings file is missing",
                                  "create it with: title, description, base_url, language")])
    try:
        mapping = load_mapping(read_text(project.settings_file, path))
    except YamlProblem as exc:
        raise BuildError([Problem(path, exc.line, exc.message, exc.hint)]) from None
    problems = []
    values = dict(OPTIONAL)
    for key, value in mapping.values.items():
        line = mapping.line_of(key, 1)
        if key not in REQUIRED and key not in OPTIONAL:
            problems.append(Problem(path, line, f"unknown setting '{key}'",
                                    did_you_mean(key, REQUIRED + tuple(OPTIONAL))))
            continue
        expected, described = TYPES.get(key, (str, "text"))
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            problems.append(Problem(path, line, f"'{key}' must be {described}",
                                    f"write it as '{key}: ...' on one line"))
            continue
        values[key] = value
    for key in REQUIRED:
        if key not in mapping.values:
            problems.append(Problem(path, None, f"the setting '{key}' is missing", f"add a line '{key}: ...'"))
    raw_url = base_url if base_url is not None else values.get("base_url", "")
    normalised = normalise_base_url(raw_url) if isinstance(raw_url, str) else None
    if "base_url" in values or base_url is not None:
        if normalised is None:
            where = (path, mapping.line_of("base_url", 1)) if base_url is None else ("--base-url", None)
            problems.append(Problem(where[0], where[1], f"base URL '{raw_url}' is not an absolute http(s) address",
                                    "use the address the site is published at, e.g. https://user.github.io/repo/"))
    language = values.get("language", "")
    if isinstance(language, str) and language and not LANGUAGE_TAG.fullmatch(language):
        problems.append(Problem(path, mapping.line_of("language", 1), f"'{language}' is not a language tag",
                                "write the tag, e.g. language: en"))
    translations = values["translations"]
    for tag in translations:
        if not isinstance(tag, str) or not LANGUAGE_TAG.fullmatch(tag) or tag == language or translations.count(tag) > 1:
            problems.append(Problem(path, mapping.line_of("translations", 1),
                                    f"'{tag}' cannot be a translation's language",
                                    "list each language tag once (e.g. translations: [ur]), not the site's own language"))
            break
    if problems:
        raise BuildError(problems)
    values["translations"] = tuple(translations)
    values["base_url"] = normalised
    for key in ("title", "description", "author"):  # shown to readers: typographic quotes and dashes
        values[key] = smart_text(values[key])
    return Settings(**{key: values[key] for key in Settings.__dataclass_fields__})
