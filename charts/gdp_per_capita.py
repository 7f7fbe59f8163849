"""Xinjiang's per-capita GDP beside China's, with the yuan values reported."""

import altair as alt

TITLE = "Per-capita GDP, Xinjiang and China, in yuan"
DESCRIPTION = """
Grouped bars of gross domestic product per person, in yuan, for Xinjiang and for China as a
whole in 2015, 2019 and 2020. Xinjiang's figure is lower in every year; the gap grows from
9,392 yuan in 2015 to 18,854 yuan in 2020 (China's figure minus Xinjiang's, this site's
calculation).
"""
DATASETS = ["gdp_per_capita"]
ORDER = ["Xinjiang", "China"]


def chart(data):
    frame = data["gdp_per_capita"]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("region_label:N", sort=ORDER),
            y=alt.Y("yuan:Q", title="Yuan per person", axis=alt.Axis(format=",.0f")),
            color=alt.Color("region_label:N", title="Region", sort=ORDER),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("region_label:N", title="Region"),
                     alt.Tooltip("yuan:Q", title="Yuan per person", format=",.0f"),
                     alt.Tooltip("status:N", title="Status")],
        )
        .properties(height=280)
    )
