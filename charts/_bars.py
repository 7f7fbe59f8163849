"""The layout the bar-list charts share: labelled bars in one view, each label on its own line
above its bar, values written on the bars, a dashed line for a national average.

A chart module imports it (``from _bars import bar_list``); the build runs it from the bytes it
read and hashed, and a change to it redraws every chart that imports it.
"""

import altair as alt
import pandas as pd

ROW, BAR, LINE = 44, 14, 24  # px: a bar row (its label, then its bar), a bar's thickness, a line of text
SCALE = alt.Scale(domain=[0, 1])  # every length is a fraction of the widest bar's room


def place(items):
    """Pixel rows, top to bottom: a 'heading', 'note', 'fact' or 'reference' (a national average's
    label) is a line of text; a 'bar' row has its label on one line and its bar below, drawn over
    the 'whole' it is part of, if any."""
    y, placed = 0, []
    for item in items:
        row = {"zero": 0.0, "start": 0.0, "end": 0.0, "whole": None, "at": None, "value_at": "end", "group": "",
               "label": "", "value": "", "tone": "", "aria": "", **item, "text_y": y + LINE - 7}
        if item["kind"] == "bar":
            row.update(text_y=y + 14, bar_y=y + 20, bar_y2=y + 20 + BAR, mid_y=y + 20 + BAR / 2)
        placed.append(row)
        y += ROW if item["kind"] == "bar" else LINE
    return pd.DataFrame(placed), y


def bar_list(items, tooltip):
    """Labelled bars in one view (so the interactive chart fills its column), values on the bars."""
    frame, height = place(items)
    base = alt.Chart(frame)
    bars = base.transform_filter("datum.kind == 'bar'")
    x = alt.X("start:Q", scale=SCALE, axis=None)
    y, y_text = alt.Y("bar_y:Q", scale=None, axis=None), alt.Y("text_y:Q", scale=None, axis=None)
    layers = [bars.transform_filter("datum.whole > 0").mark_bar(style="track", aria=False).encode(
        x=alt.X("zero:Q", scale=SCALE, axis=None), x2="whole:Q", y=y, y2="bar_y2:Q")]
    present = set(frame["tone"]) | set(frame["kind"])  # an empty layer would be a mark with no name
    layers += [bars.transform_filter(f"datum.tone == '{tone}'").mark_bar(style=tone).encode(
        x=x, x2="end:Q", y=y, y2="bar_y2:Q", tooltip=tooltip, description="aria:N")
        for tone in ("context", "focus", "planned", "planned-focus") if tone in present]
    # A national average: a dashed line through the bars of its group, labelled above them.
    averages = frame[frame["kind"] == "reference"].set_index("group")["at"]
    segments = frame[(frame["kind"] == "bar") & frame["group"].isin(averages.index)]
    if len(segments):
        segments = segments.assign(at=segments["group"].map(averages), y=segments["bar_y"] - 2, y2=segments["bar_y2"] + 3)
        layers.append(alt.Chart(segments).mark_rule(style="reference", aria=False).encode(
            x=alt.X("at:Q", scale=SCALE, axis=None), y=alt.Y("y:Q", scale=None, axis=None), y2="y2:Q"))
    layers += [base.transform_filter(f"datum.kind == '{kind}'").mark_text(style=style, align="left", baseline="alphabetic")
               .encode(x=alt.value(0), y=y_text, text="text:N", description="text:N")
               for kind, style in (("heading", "heading"), ("note", "note"), ("fact", "label")) if kind in present]
    if "reference" in present:
        layers.append(base.transform_filter("datum.kind == 'reference'")
                      .mark_text(style="label", align="center", baseline="alphabetic")
                      .encode(x=alt.X("at:Q", scale=SCALE, axis=None), y=y_text, text="text:N", description="text:N"))
    layers += [
        bars.mark_text(style="label", align="left", baseline="alphabetic", aria=False)
        .encode(x=alt.value(0), y=y_text, text="label:N"),
        bars.transform_filter("datum.value_at == 'end'").mark_text(style="value", align="left", dx=5, aria=False)
        .encode(x=alt.X("end:Q", scale=SCALE, axis=None), y=alt.Y("mid_y:Q", scale=None, axis=None), text="value:N"),
        bars.transform_filter("datum.value_at == 'right'")
        .mark_text(style="value", align="right", baseline="alphabetic", aria=False)
        .encode(x=alt.value("width"), y=y_text, text="value:N"),
    ]
    return alt.layer(*layers).properties(height=height)
