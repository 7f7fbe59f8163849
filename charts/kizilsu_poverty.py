"""Kizilsu before the 2020 push: towns and villages classed poor, registered poor people."""

import altair as alt

TITLE = "Kizilsu before the end of the campaign: how much was classed poor"
DESCRIPTION = """
Three panels of horizontal bars, each on its own scale. Towns: 28 of 36 classed as severely
poverty-stricken. Villages: 214 of 265 classed as poor, and 38 planned to leave poverty in 2020.
People: 250,962 registered as poor at the end of 2019, and 11,677 planned to leave poverty in 2020.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["kizilsu_poverty"]
SHORT = {"all_towns": "All towns", "poor_towns": "Severely poor towns", "all_villages": "All villages",
         "poor_villages": "Poor villages", "plan_2020_villages": "To exit poverty (2020 plan)",
         "registered_poor": "Registered poor", "plan_2020_people": "To exit poverty (2020 plan)"}


def chart(data):
    frame = data["kizilsu_poverty"].assign(short=lambda f: f["measure"].map(SHORT))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("count:Q", title=None, axis=alt.Axis(format="~s", tickCount=4)),
            tooltip=[alt.Tooltip("label:N", title="Measure"), alt.Tooltip("count:Q", title="Count", format=",.0f"),
                     alt.Tooltip("as_of:N", title="As of")],
        )
        .properties(width=200)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("category:N", title=None, sort=["towns", "villages", "people"],
                           header=HEADER))
        .resolve_scale(x="independent", y="independent")
    )
