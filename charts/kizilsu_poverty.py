"""Kizilsu before the 2020 push: towns and villages classed poor, registered poor people."""

import altair as alt

TITLE = "Kizilsu before the campaign: how much was classed poor"
DESCRIPTION = """
Three panels of horizontal bars, each on its own scale. Towns: 28 of 36 classed as severely
poverty-stricken. Villages: 214 of 265 classed as poor, and 38 planned to leave poverty in 2020.
People: 250,962 registered as poor at the end of 2019, and 11,677 planned to leave poverty in 2020.
"""
DATASETS = ["kizilsu_poverty"]


def chart(data):
    frame = data["kizilsu_poverty"]
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X("count:Q", title="Count", axis=alt.Axis(format=",.0f")),
            tooltip=[alt.Tooltip("label:N", title="Measure"), alt.Tooltip("count:Q", title="Count", format=",.0f"),
                     alt.Tooltip("as_of:N", title="As of")],
        )
        .properties(width=300)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("category:N", title=None, sort=["towns", "villages", "people"],
                           header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")))
        .resolve_scale(x="independent", y="independent")
    )
