"""Labour transfers from southern Xinjiang: the total and the part sent to coastal provinces."""

import altair as alt

TITLE = "Labour transfers out of southern Xinjiang, 2018 to July 2020 (official figures)"
DESCRIPTION = """
Two bars side by side, not stacked, because the second is part of the first. China's foreign
ministry put the number of workers from poor southern Xinjiang households moved to jobs since 2018
at 151,000, and those working in coastal provinces at 114,700, as the South China Morning Post
reports.
"""
DATASETS = ["labour_transfers"]


def chart(data):
    frame = data["labour_transfers"].assign(
        short=lambda f: f["group"].map({"transferred_total": "All moved since 2018",
                                        "in_coastal_provinces": "Of whom in coastal provinces"}))
    return (
        alt.Chart(frame)
        .mark_bar(size=28)
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("workers:Q", title="Workers", axis=alt.Axis(format=",.0f", tickCount=4)),
            tooltip=[alt.Tooltip("label:N", title="Group"), alt.Tooltip("workers:Q", title="Workers", format=",.0f"),
                     alt.Tooltip("period:N", title="Period")],
        )
        .properties(width=200, height=90)
    )
