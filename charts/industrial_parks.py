"""Jobs and enterprises in the paired industrial parks."""

import altair as alt

TITLE = "Jobs and enterprises reported at paired industrial parks"
DESCRIPTION = """
Horizontal bars per park, in two panels. Enterprises: 129 in Jiangsu's parks in Kizilsu and 86 in
Jiangxi's parks in Akto. Jobs: more than 6,200 and more than 4,000 people employed in those
parks; 4,168 employees of the yarn-making company at the Guangdong textile park in Tumshuq (the
operation, not the whole park); and a planned 10,000 local hires by a Jiangsu sock maker in
Tumshuq, a plan rather than a count.
"""
# Panel names above the bars, so the chart is narrow enough for a phone.
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=320)
DATASETS = ["industrial_parks"]
QUALIFIER = {"as_stated": "as stated", "more_than": "more than this", "planned": "planned, not yet a count"}


def chart(data):
    frame = data["industrial_parks"].assign(
        panel=lambda f: f["measure"].map({"enterprises": "Enterprises", "jobs": "Jobs",
                                          "employees": "Jobs", "planned_hires": "Jobs"}),
        short=lambda f: f["park_id"].map({"jiangsu_kizilsu_parks": "Jiangsu, Kizilsu",
                                          "jiangxi_akto_parks": "Jiangxi, Akto",
                                          "tumshuq_yarn_operation": "Yarn operation, Tumshuq",
                                          "jiangsu_tumshuq_socks": "Jiangsu socks, Tumshuq"}),
        status=lambda f: f["qualifier"].map(QUALIFIER),
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("count:Q", title=None, axis=alt.Axis(format=",.0f", tickCount=4)),
            color=alt.Color("status:N", title="The figure is", sort=list(QUALIFIER.values()),
                            legend=alt.Legend(orient="bottom", direction="vertical")),
            tooltip=[alt.Tooltip("park:N", title="Park"), alt.Tooltip("count:Q", title="Count", format=",.0f"),
                     alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("status:N", title="The figure is")],
        )
        .properties(width=200)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("panel:N", title=None, sort=["Enterprises", "Jobs"],
                           header=HEADER))
        .resolve_scale(x="independent", y="independent")
    )
