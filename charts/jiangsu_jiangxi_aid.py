"""What the opinion article says Jiangsu and Jiangxi spent and built: Kizilsu's part filled into the
total it is part of (never stacked on it or added to it), other figures beside them."""

import altair as alt
from _bars import bar_list

TITLE = ("Of the 3.86 billion yuan and 221 projects Jiangsu and Jiangxi gave their paired areas since "
         "2016, Kizilsu got 802 million yuan and 110 projects, an opinion article says")
DESCRIPTION = """
Bars on two scales, money and projects, never stacked or added. Money since 2016: 3,860 million
yuan (3.86 billion) for the areas of Xinjiang the two provinces are paired with, of which 802
million yuan for Kizilsu, drawn filled into the total; and 629 million yuan for bilingual education
and 354 million yuan for schools in Kizilsu, whose relation to the other sums is not stated.
Projects since 2016: 221 for their paired areas, of which 110 in Kizilsu. People: 385 teaching
staff sent to Kizilsu.
"""
DATASETS = ["jiangsu_jiangxi_aid"]


def chart(data):
    frame = data["jiangsu_jiangxi_aid"].set_index("item")
    million = (frame["yuan"] / 1e6).round(6)
    total, kizilsu = million["funds_xinjiang"], million["funds_kizilsu"]
    projects, kizilsu_projects = frame.loc["projects_xinjiang", "count"], frame.loc["projects_kizilsu", "count"]

    def about(item, amount):
        row = frame.loc[item]
        return {"figure": row["label"], "amount": amount, "period": row["period"],
                "aria": f"{row['label']}: {amount} ({row['period']})"}

    items = [
        {"kind": "heading", "text": "Money, million yuan"},
        {"kind": "note", "text": "Since 2016 (the 13th Five-Year Plan)"},
        {"kind": "bar", "label": "Kizilsu, of all their paired areas", "end": kizilsu / total, "whole": 1.0,
         "tone": "focus", "value": f"{kizilsu:,.0f} of {total:,.0f}", "value_at": "right",
         **about("funds_kizilsu", f"{kizilsu:,.0f} million yuan of the {total:,.0f} million")},
        {"kind": "note", "text": "Period and relation to the above not stated:"},
        *[{"kind": "bar", "label": label, "end": million[item] / total, "tone": "context",
           "value": f"{million[item]:,.0f}", **about(item, f"{million[item]:,.0f} million yuan")}
          for item, label in (("bilingual_education_funds", "Bilingual education in Kizilsu"),
                              ("school_building_funds", "Building schools in Kizilsu"))],
        {"kind": "heading", "text": "Projects, since 2016"},
        {"kind": "bar", "label": "Kizilsu, of all their paired areas", "end": kizilsu_projects / projects,
         "whole": 1.0, "tone": "focus", "value": f"{kizilsu_projects:.0f} of {projects:.0f}", "value_at": "right",
         **about("projects_kizilsu", f"{kizilsu_projects:.0f} projects of the {projects:.0f}")},
        {"kind": "heading", "text": "People"},
        {"kind": "fact", "text": f"Teaching staff sent to Kizilsu: {frame.loc['teaching_staff_sent', 'count']:.0f}"},
    ]
    return bar_list(items, [alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("amount:N", title="Amount"),
                             alt.Tooltip("period:N", title="Period")])
