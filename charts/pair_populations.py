"""The two sides of each proposed pairing, by population."""

import altair as alt

TITLE = "Lahore district has 5.0 times Quetta's people; Peshawar 26.6 times Awaran's"
DESCRIPTION = """
Paired bars for the two pairings the proposal names. Lahore district, 13,004,135 people, beside
Quetta district, 2,595,492; Peshawar district, 4,758,762, beside Awaran district, 178,958.
Kizilsu, paired with Jiangsu and Jiangxi in China, is shown for scale: 622,222 people in the
2020 census. The ratios are this site's calculation: 13,004,135 ÷ 2,595,492 = 5.01 and
4,758,762 ÷ 178,958 = 26.59.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["pair_populations"]
PAIRS = {"lahore_quetta": "Lahore – Quetta (proposed)", "peshawar_awaran": "Peshawar – Awaran (proposed)",
         "jiangsu_and_jiangxi_kizilsu": "Jiangsu and Jiangxi – Kizilsu (in place)"}
ROLES = {"proposed_donor": "Donor side", "proposed_recipient": "Receiving side", "recipient": "Receiving side"}


def chart(data):
    frame = data["pair_populations"].assign(
        pair=lambda f: f["pairing"].map(PAIRS), side=lambda f: f["role"].map(ROLES),
        millions=lambda f: f["population"] / 1e6)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("millions:Q", title="Population, millions"),
            color=alt.Color("side:N", title=None, sort=["Donor side", "Receiving side"]),
            row=alt.Row("pair:N", title=None, sort=list(PAIRS.values()),
                        header=HEADER),
            tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("population:Q", title="People", format=",.0f"),
                     alt.Tooltip("census_year:O", title="Census")],
        )
        .properties(width=200)
        .resolve_scale(y="independent")
    )
