"""The two sides of each proposed pairing, by population, on one scale: the receiving districts in
the accent colour; the ratios between the sides, this site's calculation, written beside them."""

import altair as alt
from _bars import bar_list

TITLE = ("Each proposed donor district has far more people than its partner: Lahore 5.0 times Quetta’s, "
         "Peshawar 26.6 times Awaran’s (this site’s calculation)")
DESCRIPTION = """
Horizontal bars of census population on one scale, in pairs. Lahore district, 13,004,135 people,
beside Quetta district, 2,595,492; Peshawar district, 4,758,762, beside Awaran district, 178,958,
whose bar is barely visible at this scale. Kizilsu, paired with Jiangsu and Jiangxi in China, is
shown for scale: 622,222 people in the 2020 census. The ratios are this site's calculation:
13,004,135 ÷ 2,595,492 = 5.01 and 4,758,762 ÷ 178,958 = 26.59.
"""
DATASETS = ["pair_populations"]
ROOM = 0.7  # of the width, for the longest bar; its value goes after it
PAIRS = {"lahore_quetta": "Lahore – Quetta, proposed", "peshawar_awaran": "Peshawar – Awaran, proposed",
         "jiangsu_and_jiangxi_kizilsu": "Jiangsu and Jiangxi – Kizilsu, in place"}
SHORT = {"kizilsu": "Kizilsu prefecture (donor provinces not shown)"}


def chart(data):
    frame = data["pair_populations"]
    longest = frame["population"].max()
    items = [{"kind": "note", "text": "People, at the latest census"}]
    for pairing, heading in PAIRS.items():
        items.append({"kind": "heading", "text": heading})
        sides = frame[frame["pairing"] == pairing]
        for row in sides.itertuples():
            receiving = row.role != "proposed_donor"
            items.append({"kind": "bar", "label": SHORT.get(row.place_id, row.place), "end": ROOM * row.population / longest,
                          "tone": "focus" if receiving and row.country == "pakistan" else "context",
                          "value": f"{row.population:,}", "place": row.place, "people": row.population,
                          "census": f"{row.census_year}", "side": "donor" if not receiving else "receiving",
                          "aria": f"{row.place}: {row.population:,} people ({row.census_year} census)"})
        if len(sides) == 2:  # the ratio, bigger ÷ smaller: a tiny bar still reads
            (big, more), (small, fewer) = sides.sort_values("population", ascending=False)[["place", "population"]].values
            items.append({"kind": "fact", "text": f"{big.removesuffix(' district')} has {more / fewer:.1f} times "
                                                  f"{small.removesuffix(' district')}’s people"})
    items.append({"kind": "note", "text": "Ratios: this site’s calculation"})
    return bar_list(items, [alt.Tooltip("place:N", title="Place"), alt.Tooltip("people:Q", title="People", format=",.0f"),
                             alt.Tooltip("census:N", title="Census")])
