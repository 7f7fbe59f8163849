"""Jobs at the paired industrial parks, on one scale: Kizilsu's parks in the accent colour, the
Tumshuq operations in grey, a hiring plan drawn hollow."""

import altair as alt
from _bars import bar_list

TITLE = "Jiangsu’s and Jiangxi’s parks in Kizilsu employ more than 6,200 and 4,000 people, an opinion article says"
DESCRIPTION = """
Horizontal bars of people employed, on one scale. Jiangsu's parks in Kizilsu, with 129 enterprises:
more than 6,200 people. Jiangxi's parks in Akto, Kizilsu, with 86 enterprises: more than 4,000. In
Tumshuq, for comparison: 4,168 employees of the yarn-making company at the Guangdong textile park
(the operation, not the whole park), and 10,000 local hires planned by a Jiangsu sock maker, drawn
hollow because it is a plan rather than a count.
"""
DATASETS = ["industrial_parks"]
ROOM = 0.6  # of the width, for the longest bar; its value goes after it
SHORT = {"jiangsu_kizilsu_parks": "Jiangsu’s parks in Kizilsu", "jiangxi_akto_parks": "Jiangxi’s parks in Akto, Kizilsu",
         "tumshuq_yarn_operation": "Yarn company, Guangdong park, Tumshuq",
         "jiangsu_tumshuq_socks": "Jiangsu sock plant, Tumshuq"}
HEDGE = {"as_stated": "{:,}", "more_than": "more than {:,}", "planned": "{:,} planned"}


def chart(data):
    frame = data["industrial_parks"]
    enterprises = frame[frame["measure"] == "enterprises"].set_index("park_id")["count"]
    people = frame[frame["measure"] != "enterprises"]
    longest = people["count"].max()
    items = [{"kind": "heading", "text": "People employed, or to be hired"}]
    for row in people.itertuples():
        label = SHORT[row.park_id] + (f" ({enterprises[row.park_id]} enterprises)" if row.park_id in enterprises else "")
        kizilsu = row.location == "kizilsu"
        items.append({"kind": "bar", "label": label, "end": ROOM * row.count / longest,
                      "tone": ("planned" if row.qualifier == "planned" else "focus" if kizilsu else "context"),
                      "value": HEDGE[row.qualifier].format(row.count), "park": row.park,
                      "figure": f"{HEDGE[row.qualifier].format(row.count)} {row.unit}",
                      "enterprises": f"{enterprises[row.park_id]}" if row.park_id in enterprises else "not stated",
                      "aria": f"{row.park}: {HEDGE[row.qualifier].format(row.count)} {row.unit}"})
    items.append({"kind": "note", "text": "Hollow: a plan, not a count"})
    return bar_list(items, [alt.Tooltip("park:N", title="Park or operation"), alt.Tooltip("figure:N", title="People"),
                             alt.Tooltip("enterprises:N", title="Enterprises")])
