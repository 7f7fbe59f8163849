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
    return (
        alt.Chart(data["labour_transfers"])
        .mark_bar(size=28)
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("workers:Q", title="Workers", axis=alt.Axis(format=",.0f")),
            tooltip=[alt.Tooltip("label:N", title="Group"), alt.Tooltip("workers:Q", title="Workers", format=",.0f"),
                     alt.Tooltip("period:N", title="Period")],
        )
        .properties(width=300, height=110)
    )
