"""Labour transfers from southern Xinjiang: the total and the part sent to coastal provinces."""

import altair as alt

TITLE = "Labour transfers from poor families in southern Xinjiang, 2018 to July 2020"
DESCRIPTION = """
Two bars side by side, not stacked, because the second is part of the first: 151,000 labourers
from poor families in southern Xinjiang transferred since 2018, of whom 114,700 in coastal
provinces, according to China's foreign ministry as reported by the South China Morning Post.
"""
DATASETS = ["labour_transfers"]


def chart(data):
    frame = data["labour_transfers"].assign(
        short=lambda f: f["group"].map({"transferred_total": "All transferred since 2018",
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
