"""A chart's words in the language it is drawn in.

A chart shown on a translated page is drawn again in that page's language: the build calls
``chart(data, lang)`` (and ``chart(data)`` for the site's own language). The module keeps its
words per language in a dictionary and looks each one up with ``say``::

    WORDS = {"ur": {"Punjab": "پنجاب", "Pakistan as a whole {value}": "پورا پاکستان {value}"}}

    def chart(data, lang=None):
        say = words(WORDS, lang)
        ... say("Punjab") ... say("Pakistan as a whole {value}", value="60.7%") ...

In the site's language ``say`` gives the words back as written. In a translation, a word the
dictionary lacks stops the build, naming it: no chart goes out half translated. Numbers keep
their Western digits in every language (see i18n/terms.ur.md).
"""


def words(table, lang):
    """``say(text, **values)``: ``text`` in ``lang`` (as written when ``lang`` is None), ``{name}``
    filled in from ``values``."""
    found = table.get(lang, {}) if lang else None

    def say(text, **values):
        if found is None:
            shown = text
        elif text in found:
            shown = found[text]
        else:
            raise KeyError(f"WORDS has no '{lang}' words for {text!r}: add them to the chart module's WORDS")
        shown = shown.format(**values) if values else shown
        # Words in a right-to-left script are embedded as such (U+202B ... U+202C): an SVG's text
        # runs left to right, which would put '60.7%' on the wrong side of the Urdu words around it.
        return f"\u202b{shown}\u202c" if found is not None and any("\u0600" <= c <= "\u06ff" for c in shown) else shown

    return say
