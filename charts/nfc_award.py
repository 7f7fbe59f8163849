"""How the 7th National Finance Commission Award shares federal revenue."""

import altair as alt

TITLE = "The 7th NFC Award: Balochistan gets 9.09% of the provinces' pool, and population weighs most"
DESCRIPTION = """
Three panels of horizontal bars in percent, each a different measure. The provinces' share of
the divisible pool: 47.5% before the award, 56% in 2010–11 and 57.5% after. The split of the
provinces' pool: Punjab 51.74%, Sindh 24.55%, Khyber Pakhtunkhwa 14.62%, Balochistan 9.09%.
The weights of the criteria: population 82%, poverty and backwardness 10.3%, revenue 5%, area
(inverse population density) 2.7%.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["nfc_award"]
SHORT = {"provinces_share_before": "Before the award", "provinces_share_2010_11": "2010–11",
         "provinces_share_after_2010_11": "After 2010–11", "punjab": "Punjab", "sindh": "Sindh",
         "khyber_pakhtunkhwa": "Khyber Pakhtunkhwa", "balochistan": "Balochistan", "population": "Population",
         "poverty_backwardness": "Poverty and backwardness", "revenue": "Revenue (2.5 + 2.5)",
         "inverse_population_density": "Area (inverse density)"}
PANELS = {"vertical": "Provinces' share of the divisible pool", "horizontal": "Split between the provinces",
          "criteria": "Weights of the criteria for the split"}


def chart(data):
    frame = data["nfc_award"].assign(panel=lambda f: f["component"].map(PANELS),
                                     short=lambda f: f["item_id"].map(SHORT),
                                     highlight=lambda f: (f["item_id"] == "balochistan").map(
                                         {True: "Balochistan", False: "Other"}))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("percent:Q", title="Percent", scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(tickCount=5)),
            color=alt.Color("highlight:N", title=None, sort=["Balochistan", "Other"]),
            tooltip=[alt.Tooltip("item:N", title="Item"), alt.Tooltip("percent:Q", title="Percent")],
        )
        .properties(width=200)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("panel:N", title=None, sort=list(PANELS.values()),
                           header=HEADER))
        .resolve_scale(y="independent")
    )
