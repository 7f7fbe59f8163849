"""What the opinion article says Jiangsu and Jiangxi spent and built; overlapping figures are never stacked."""

import altair as alt

TITLE = "What the opinion article says Jiangsu and Jiangxi spent and built"
DESCRIPTION = """
Separate bars, never stacked or added, because some figures are parts of others. Money: 3.86
billion yuan since 2016 for the areas of Xinjiang the two provinces are paired with, of which
802 million yuan for Kizilsu; 629 million yuan for
bilingual education and 354 million yuan for schools in Kizilsu, whose relation to the other
sums is not stated. Projects: 221 for their paired areas, of which 110 in Kizilsu. People: 385 teaching
staff sent to Kizilsu.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["jiangsu_jiangxi_aid"]
SHORT = {"projects_xinjiang": "All their paired areas", "funds_xinjiang": "All their paired areas",
         "projects_kizilsu": "Kizilsu (part of the above)", "funds_kizilsu": "Kizilsu (part of the above)",
         "bilingual_education_funds": "Kizilsu: bilingual education",
         "school_building_funds": "Kizilsu: school building", "teaching_staff_sent": "Kizilsu"}
RELATIONSHIP = {"total": "Total", "part_of_total": "Part of the total above",
                "relationship_not_stated": "Relation to the totals not stated"}


def chart(data):
    frame = data["jiangsu_jiangxi_aid"].assign(
        # Money is in the 'yuan' column, counts in 'count'; money is drawn in millions of yuan.
        amount=lambda f: f["yuan"].fillna(f["count"]),
        shown=lambda f: (f["yuan"] / 1e6).fillna(f["count"]),
        relation=lambda f: f["relationship"].map(RELATIONSHIP),
        short=lambda f: f["item"].map(SHORT),
        panel=lambda f: f["measure_type"].map({"money": "Money (million yuan)", "projects": "Projects",
                                               "people": "Teaching staff sent"}),
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("shown:Q", title=None, axis=alt.Axis(format=",.0f", tickCount=4)),
            color=alt.Color("relation:N", title="How the figure relates", sort=list(RELATIONSHIP.values()),
                            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=300)),
            tooltip=[alt.Tooltip("label:N", title="Figure"), alt.Tooltip("amount:Q", title="Amount", format=",.0f"),
                     alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("period:N", title="Period"),
                     alt.Tooltip("relation:N", title="Relation")],
        )
        .properties(width=200)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("panel:N", title=None, sort=["Money (million yuan)", "Projects", "Teaching staff sent"],
                           header=HEADER))
        .resolve_scale(x="independent", y="independent")
    )
