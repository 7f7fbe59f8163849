"""Jobs and enterprises in the paired industrial parks."""

import altair as alt

TITLE = "Jobs and enterprises in paired industrial parks"
DESCRIPTION = """
Horizontal bars per park, in two panels. Enterprises: 129 in Jiangsu's parks in Kizilsu and 86 in
Jiangxi's parks in Akto. Jobs: more than 6,200 and more than 4,000 people employed in those
parks; 4,168 employees in the Guangdong textile park in Tumshuq; and a planned 10,000 local hires
by a Jiangsu sock maker in Tumshuq, a plan rather than a count.
"""
DATASETS = ["industrial_parks"]
QUALIFIER = {"as_stated": "as stated", "more_than": "more than this", "planned": "planned, not yet a count"}


def chart(data):
    frame = data["industrial_parks"].assign(
        panel=lambda f: f["measure"].map({"enterprises": "Enterprises", "jobs": "Jobs",
                                          "employees": "Jobs", "planned_hires": "Jobs"}),
        short=lambda f: f["park_id"].map({"jiangsu_kizilsu_parks": "Jiangsu's parks, Kizilsu",
                                          "jiangxi_akto_parks": "Jiangxi's parks, Akto",
                                          "guangdong_tumshuq_park": "Guangdong textile park, Tumshuq",
                                          "jiangsu_tumshuq_socks": "Jiangsu sock plant, Tumshuq"}),
        status=lambda f: f["qualifier"].map(QUALIFIER),
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("short:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("count:Q", title=None, axis=alt.Axis(format=",.0f")),
            color=alt.Color("status:N", title="The figure is", sort=list(QUALIFIER.values())),
            tooltip=[alt.Tooltip("park:N", title="Park"), alt.Tooltip("count:Q", title="Count", format=",.0f"),
                     alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("status:N", title="The figure is")],
        )
        .properties(width=260)
    )
    return (
        alt.layer(bars, data=frame)
        .facet(row=alt.Row("panel:N", title=None, sort=["Enterprises", "Jobs"],
                           header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")))
        .resolve_scale(x="independent", y="independent")
    )
