"""How the 7th National Finance Commission Award shares federal revenue: every figure a share of a
whole, drawn filled into a track that stands for that whole; Balochistan in the accent colour."""

import altair as alt
from _bars import bar_list

TITLE = "Under the 7th NFC Award Balochistan gets 9.09% of the provinces' pool, and population decides 82% of the split"
DESCRIPTION = """
Three groups of bars in percent, each filled into a track that stands for a whole. The provinces'
share of the divisible pool: 47.5% before the award, 56% in 2010–11 and 57.5% after. The split of
the provinces' pool: Punjab 51.74%, Sindh 24.55%, Khyber Pakhtunkhwa 14.62%, Balochistan 9.09%.
The weights of the criteria that set the split: population 82%, poverty and backwardness 10.3%,
revenue 5%, area (inverse population density) 2.7%.
"""
DATASETS = ["nfc_award"]
GROUPS = {"vertical": ("Provinces’ share of the divisible pool", "Each track is the whole pool"),
          "horizontal": ("How the provinces’ pool is split", "Each track is the provinces’ pool"),
          "criteria": ("What decides the split", "Weight of each criterion")}
SHORT = {"provinces_share_before": "Before the 7th award", "provinces_share_2010_11": "In 2010–11",
         "provinces_share_after_2010_11": "After 2010–11", "revenue": "Revenue (2.5 generation + 2.5 collection)",
         "poverty_backwardness": "Poverty and backwardness", "inverse_population_density": "Area (inverse population density)",
         "khyber_pakhtunkhwa": "Khyber Pakhtunkhwa"}


def chart(data):
    frame = data["nfc_award"]
    items = []
    for component, (heading, note) in GROUPS.items():
        items += [{"kind": "heading", "text": heading}, {"kind": "note", "text": note}]
        for row in frame[frame["component"] == component].itertuples():
            label = SHORT.get(row.item_id, row.item_id.replace("_", " ").capitalize())
            items.append({"kind": "bar", "label": label, "end": row.percent / 100, "whole": 1.0,
                          "value": f"{row.percent:g}%", "value_at": "right",
                          "tone": "focus" if row.item_id == "balochistan" else "context",
                          "item": row.item, "percent": row.percent, "aria": f"{row.item}: {row.percent:g}%"})
    return bar_list(items, [alt.Tooltip("item:N", title="Item"), alt.Tooltip("percent:Q", title="Percent")])
