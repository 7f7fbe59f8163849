"""Central budget transfer payments to Xinjiang, 2014 and 2019."""

import altair as alt

TITLE = "Central budget transfer payments to Xinjiang, billion yuan"
DESCRIPTION = """
Two bars: transfer payments from China's central budget to Xinjiang of 263.69 billion yuan in
2014 and 422.48 billion yuan in 2019, as reported by the South China Morning Post.
"""
DATASETS = ["transfer_payments"]


def chart(data):
    frame = data["transfer_payments"].assign(billions=lambda f: f["yuan"] / 1e9)
    return (
        alt.Chart(frame)
        .mark_bar(size=48)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("billions:Q", title="Billion yuan"),
            tooltip=[alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("billions:Q", title="Billion yuan", format=",.2f")],
        )
        .properties(height=260)
    )
