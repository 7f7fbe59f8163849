"""Kizilsu before the 2020 push: poor towns and villages filled into all of them, registered poor
people, and the 2020 plans drawn hollow beside the counts."""

import altair as alt
from _bars import bar_list

TITLE = "28 of Kizilsu’s 36 towns and 214 of its 265 villages were classed poor, the opinion article says"
DESCRIPTION = """
Three groups of bars, each on its own scale. Towns: 28 of the prefecture's 36 classed as severely
poverty-stricken, filled into a track standing for all 36. Villages: 214 of 265 classed as poor,
and 38 planned to leave poverty in 2020, drawn hollow as a plan. People: 250,962 registered as
poor at the end of 2019, and 11,677 planned to leave poverty in 2020, drawn hollow.
"""
DATASETS = ["kizilsu_poverty"]


def chart(data):
    count = data["kizilsu_poverty"].set_index("measure")["count"]
    frame = data["kizilsu_poverty"].set_index("measure")

    def bar(measure, label, length, tone, value, **extra):
        row = frame.loc[measure]
        return {"kind": "bar", "label": label, "end": length, "tone": tone, "value": value, "measure_label": row["label"],
                "count": int(row["count"]), "as_of": row["as_of"], "aria": f"{row['label']}: {row['count']:,}", **extra}

    towns, villages, people = count["all_towns"], count["all_villages"], count["registered_poor"]
    room = 0.78  # of the width, for the longest bar of a group; its value goes after it
    items = [
        {"kind": "heading", "text": "Towns"},
        bar("poor_towns", "Severely poverty-stricken, of all towns", count["poor_towns"] / towns, "focus",
            f"{count['poor_towns']} of {towns}", whole=1.0, value_at="right"),
        {"kind": "heading", "text": "Villages"},
        bar("poor_villages", "Poor, of all villages", count["poor_villages"] / villages, "focus",
            f"{count['poor_villages']} of {villages}", whole=1.0, value_at="right"),
        bar("plan_2020_villages", "Planned to leave poverty in 2020", count["plan_2020_villages"] / villages,
            "planned-focus", f"{count['plan_2020_villages']} (a plan)"),
        {"kind": "heading", "text": "People"},
        bar("registered_poor", "Registered poor, end of 2019", room, "focus", f"{people:,}"),
        bar("plan_2020_people", "Planned to leave poverty in 2020", room * count["plan_2020_people"] / people,
            "planned-focus", f"{count['plan_2020_people']:,} (a plan)"),
        {"kind": "note", "text": "Hollow: a plan, not a count"},
    ]
    return bar_list(items, [alt.Tooltip("measure_label:N", title="Measure"),
                             alt.Tooltip("count:Q", title="Count", format=",.0f"), alt.Tooltip("as_of:N", title="As of")])
