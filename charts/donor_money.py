"""Donor money for Xinjiang as officials have stated it: single years and overlapping totals, never added."""

import altair as alt

TITLE = "Donor money for Xinjiang: the official figures do not agree"
DESCRIPTION = """
Horizontal bars in billion yuan, in two panels on separate scales, never stacked or added. In one
year: 15.18 billion yuan in 2017, about 16 billion in 2018, more than 18.8 billion in 2019 and 19.7
billion in 2025. Over several years, in the order they were stated: nearly 30 billion for the first
round, 1997 to 2010, as the SCMP reports it; 72.4 billion since 2012, stated in 2018; nearly 120
billion since 2010, stated in September 2019; 96.4 billion for the past decade, stated in 2020;
nearly 170 billion for the past decade, stated in 2023; more than 200 billion since 2012, stated in
2025. The 2020 figure is lower than the one stated a year before it.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["donor_money"]
SHORT = {"aid_2017": "2017", "aid_2018": "2018", "aid_2019": "2019", "aid_2025": "2025",
         "first_round": "1997–2010, first round (SCMP)", "invested_since_2012_to_2017": "Since 2012 (stated 2018)",
         "since_2010_to_2019": "Since 2010 (stated 2019)", "decade_to_2020": "Past decade (stated 2020)",
         "decade_to_2023": "Past decade (stated 2023)", "since_2012_to_2025": "Since 2012 (stated 2025)"}
PANELS = {"one_year": "Given in one year", "total_over_years": "Totals over several years (overlapping)"}
QUALIFIER = {"as_stated": "as stated", "about": "about", "nearly": "nearly", "more_than": "more than"}


def chart(data):
    frame = data["donor_money"].assign(
        billions=lambda f: f["yuan"] / 1e9,
        short=lambda f: f["item"].map(SHORT),
        panel=lambda f: f["figure_type"].map(PANELS),
        hedge=lambda f: f["qualifier"].map(QUALIFIER),
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=190)),
            x=alt.X("billions:Q", title="Billion yuan", axis=alt.Axis(format=",.0f", tickCount=4)),
            color=alt.Color("hedge:N", title="The source says", sort=list(QUALIFIER.values()),
                            legend=alt.Legend(orient="bottom", direction="vertical")),
            tooltip=[alt.Tooltip("label:N", title="Figure"),
                     alt.Tooltip("billions:Q", title="Billion yuan", format=",.2f"),
                     alt.Tooltip("hedge:N", title="The source says"),
                     alt.Tooltip("period_as_stated:N", title="Period"),
                     alt.Tooltip("stated:N", title="When stated"),
                     alt.Tooltip("source:N", title="Source")],
        )
        .properties(width=200)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("panel:N", title=None, sort=list(PANELS.values()), header=HEADER))
        .resolve_scale(x="independent", y="independent")
    )
