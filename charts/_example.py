"""An example chart module: copy it to charts/NAME.py (the name is how pages embed it).

Files whose names start with '_' are not charts: this example, and modules of code that charts
share (`from _bars import bar_list`), which the build tracks like the charts themselves. A chart
module sets three things and defines one function; the build reads TITLE, DESCRIPTION and
DATASETS without running the module.

House style (sitegen/charts.py's THEMES carries the look, light and dark): one view, so that the
interactive chart fills its column; text at the theme's 13 px, never smaller; values written on
the marks instead of an axis or a legend; style="focus" for the place the chart is about and
style="context" for the rest; labels in words, never a column's raw values ('xinjiang').
"""

import altair as alt

# Shown above the chart: say what the chart finds, not what it is.
TITLE = "Xinjiang's GDP per person was below China's in 2020: 53,593 yuan against 72,447"
# One paragraph for screen-reader users: what the chart shows, not how it looks.
DESCRIPTION = """
Two bars of gross domestic product per person in 2020, in yuan: Xinjiang 53,593 and China as a
whole 72,447.
"""
# The datasets in charts/data/ this chart reads, by file name without '.csv'.
DATASETS = ["gdp_per_capita"]


def chart(data):
    """``data`` maps each name in DATASETS to a pandas DataFrame of its CSV. Return an Altair chart."""
    frame = data["gdp_per_capita"].query("year == 2020").assign(
        value=lambda f: f["yuan"].map("{:,}".format),
        aria=lambda f: f["region_label"] + ": " + f["yuan"].map("{:,}".format) + " yuan per person in 2020")
    base = alt.Chart(frame).encode(
        y=alt.Y("region_label:N", title=None, sort="-x", axis=alt.Axis(labelPadding=6)),
        x=alt.X("yuan:Q", title=None, axis=None, scale=alt.Scale(domain=[0, 95000])),  # room for the values
    )
    bars = [base.transform_filter(f"datum.region == '{region}'").mark_bar(style=style, height=18).encode(
        # Tooltips are what readers get on hover or tap once the chart is interactive: titles in words.
        tooltip=[alt.Tooltip("region_label:N", title="Region"),
                 alt.Tooltip("yuan:Q", title="Yuan per person", format=",.0f")],
        description="aria:N")  # what a screen reader says for the bar
        for region, style in (("xinjiang", "focus"), ("china", "context"))]
    values = base.mark_text(style="value", align="left", dx=5, aria=False).encode(text="value:N")
    return alt.layer(*bars, values).properties(height={"step": 36})
