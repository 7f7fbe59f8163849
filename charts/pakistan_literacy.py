"""Literacy by province at the 2023 census: each province's literate share filled into a track that
stands for all its people, Balochistan in the accent colour, Pakistan's rate as a reference line."""

import altair as alt
from _bars import bar_list

TITLE = "Balochistan has the lowest literacy rate of the four provinces: 42.0% at the 2023 census"
DESCRIPTION = """
Bars of the literate share of each province's people at the 2023 census, each filled into a track
that stands for all its people, with a dashed line at Pakistan's rate of 60.7%. Punjab 66.3%, Sindh
57.5%, Khyber Pakhtunkhwa 51.1% and Balochistan 42.0%, the lowest: 18.7 percentage points below
Pakistan as a whole (60.7 − 42.0, this site's calculation).
"""
DATASETS = ["pakistan_literacy"]


def chart(data):
    frame = data["pakistan_literacy"].sort_values("literacy_percent", ascending=False)
    national = frame.loc[frame["area_id"] == "pakistan", "literacy_percent"].item()
    items = [{"kind": "reference", "group": "provinces", "at": national / 100,
              "text": f"Pakistan as a whole {national:.1f}%"}]
    for row in frame[frame["area_id"] != "pakistan"].itertuples():
        items.append({"kind": "bar", "group": "provinces", "label": row.area, "end": row.literacy_percent / 100,
                      "whole": 1.0, "value": f"{row.literacy_percent:.1f}%", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context", "area": row.area,
                      "literacy_percent": row.literacy_percent,
                      "aria": f"{row.area}: {row.literacy_percent:.1f}% of people literate at the 2023 census"})
    return bar_list(items, [alt.Tooltip("area:N", title="Area"),
                             alt.Tooltip("literacy_percent:Q", title="Literate, % of people (2023)", format=".1f")])
