"""Literacy by province at the 2023 census: each province's literate share filled into a track that
stands for all its people, Balochistan in the accent colour, Pakistan's rate as a reference line."""

import altair as alt
from _bars import bar_list
from _words import words

TITLE = "Balochistan has the lowest literacy rate of the four provinces: 42.0% at the 2023 census"
DESCRIPTION = """
Bars of the literate share of each province's people at the 2023 census, each filled into a track
that stands for all its people, with a dashed line at Pakistan's rate of 60.7%. Punjab 66.3%, Sindh
57.5%, Khyber Pakhtunkhwa 51.1% and Balochistan 42.0%, the lowest: 18.7 percentage points below
Pakistan as a whole (60.7 − 42.0, this site's calculation).
"""
DATASETS = ["pakistan_literacy"]
TRANSLATIONS = {
    "ur": {
        "TITLE": "چاروں صوبوں میں بلوچستان کی شرح خواندگی سب سے کم ہے: 2023 کی مردم شماری میں 42.0%",
        "DESCRIPTION": """
2023 کی مردم شماری میں ہر صوبے کے لوگوں میں خواندہ افراد کا حصہ، ہر پٹی اس صوبے کے تمام لوگوں کی پٹی میں
بھری ہوئی، اور پاکستان کی 60.7% شرح پر ایک نقطہ دار لکیر۔ پنجاب 66.3%، سندھ 57.5%، خیبر پختونخوا 51.1% اور
بلوچستان 42.0%، سب سے کم: پورے پاکستان سے 18.7 فیصد پوائنٹس نیچے (60.7 − 42.0، اس سائٹ کا حساب)۔
""",
    },
}
WORDS = {
    "ur": {
        "Pakistan": "پاکستان", "Punjab": "پنجاب", "Sindh": "سندھ", "Khyber Pakhtunkhwa": "خیبر پختونخوا",
        "Balochistan": "بلوچستان",
        "Pakistan as a whole {value}": "پورا پاکستان {value}",
        "{area}: {value} of people literate at the 2023 census": "{area}: 2023 کی مردم شماری میں {value} لوگ خواندہ",
        "Area": "علاقہ", "Literate, % of people (2023)": "خواندہ، لوگوں کا % (2023)",
    },
}


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["pakistan_literacy"].sort_values("literacy_percent", ascending=False)
    frame = frame.assign(area=frame["area"].map(say))
    national = frame.loc[frame["area_id"] == "pakistan", "literacy_percent"].item()
    items = [{"kind": "reference", "group": "provinces", "at": national / 100,
              "text": say("Pakistan as a whole {value}", value=f"{national:.1f}%")}]
    for row in frame[frame["area_id"] != "pakistan"].itertuples():
        items.append({"kind": "bar", "group": "provinces", "label": row.area, "end": row.literacy_percent / 100,
                      "whole": 1.0, "value": f"{row.literacy_percent:.1f}%", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context", "area": row.area,
                      "literacy_percent": row.literacy_percent,
                      "aria": say("{area}: {value} of people literate at the 2023 census", area=row.area,
                                  value=f"{row.literacy_percent:.1f}%")})
    return bar_list(items, [alt.Tooltip("area:N", title=say("Area")),
                             alt.Tooltip("literacy_percent:Q", title=say("Literate, % of people (2023)"), format=".1f")])
