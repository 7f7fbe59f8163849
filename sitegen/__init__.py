"""The pairing explainer's site engine.

One module per pipeline stage, read in this order:
settings/sources (read the project's YAML) -> content (Markdown files -> pages) ->
resolve (links, anchors, navigation) -> render (Jinja) -> write (the only module that
writes to disk). ``pipeline`` runs the stages; ``serve`` wraps a build in a live-reload
server; ``scaffold`` creates new pages.
"""
