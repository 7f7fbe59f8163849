"""An example chart module: copy it to charts/NAME.py (the name is how pages embed it).

Files whose names start with '_' are not built. A chart module sets three things and defines
one function; the build reads TITLE, DESCRIPTION and DATASETS without running the module.
"""

import altair as alt

# Shown above the chart and read out as the chart's text alternative.
TITLE = "Per-capita GDP, Xinjiang and China (yuan)"
# One paragraph for screen-reader users: what the chart shows, not how it looks.
DESCRIPTION = """
A grouped bar chart of per-capita GDP in yuan for Xinjiang and for China as a whole in 2015,
2019 and 2020. Xinjiang's figure is below the national one in every year.
"""
# The datasets in charts/data/ this chart reads, by file name without '.csv'.
DATASETS = ["gdp_per_capita"]


def chart(data):
    """``data`` maps each name in DATASETS to a pandas DataFrame of its CSV. Return an Altair chart."""
    frame = data["gdp_per_capita"]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("region:N", title=None, axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("yuan:Q", title="Yuan per person"),
            color=alt.Color("region:N", title="Region"),
            column=alt.Column("year:O", title=None),
            # Tooltips are what readers get on hover or tap once the chart is interactive.
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("region:N", title="Region"),
                     alt.Tooltip("yuan:Q", title="Yuan per person", format=",.0f")],
        )
        .properties(width=120, height=260)
    )
