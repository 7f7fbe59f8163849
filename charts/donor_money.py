"""Donor money for Xinjiang as officials have stated it, on one scale: single years, then the
overlapping totals (never added), with the two totals that contradict each other in the accent colour."""

import altair as alt
from _bars import bar_list

TITLE = ("Officials put the donors’ money at nearly 120 billion yuan since 2010, then 96.4 billion for "
         "the decade: the totals do not agree")
DESCRIPTION = """
Horizontal bars in billion yuan on one scale, never stacked or added. In a single year: 15.18
billion yuan in 2017, about 16 billion in 2018, more than 18.8 billion in 2019 and 19.7 billion in
2025. Totals over several years, in the order they were stated: nearly 30 billion for the first
round, 1997 to 2010, as the SCMP reports it; 72.4 billion since 2012, stated in 2018; nearly 120
billion since 2010, stated in September 2019; 96.4 billion for the past decade, stated in 2020;
nearly 170 billion for the past decade, stated in 2023; more than 200 billion since 2012, stated in
2025. The 2020 total is lower than the one stated a year before it; those two are highlighted.
"""
DATASETS = ["donor_money"]
ROOM = 0.62  # of the width, for the longest bar; its value goes after it
SHORT = {"aid_2017": "2017", "aid_2018": "2018", "aid_2019": "2019", "aid_2025": "2025",
         "first_round": "1997–2010, the first round (SCMP)", "invested_since_2012_to_2017": "Since 2012, stated in 2018",
         "since_2010_to_2019": "Since 2010, stated in 2019", "decade_to_2020": "The past decade, stated in 2020",
         "decade_to_2023": "The past decade, stated in 2023", "since_2012_to_2025": "Since 2012, stated in 2025"}
CONTRADICTING = {"since_2010_to_2019", "decade_to_2020"}
HEDGE = {"as_stated": "{}", "about": "about {}", "nearly": "nearly {}", "more_than": "more than {}"}
GROUPS = {"one_year": "Given in a single year", "total_over_years": "Totals over several years (they overlap)"}


def chart(data):
    frame = data["donor_money"]
    longest = frame["yuan"].max()
    items = [{"kind": "note", "text": "Billion yuan, as stated, with the sources’ hedges"}]
    for figure_type, heading in GROUPS.items():
        items.append({"kind": "heading", "text": heading})
        for row in frame[frame["figure_type"] == figure_type].itertuples():
            amount = HEDGE[row.qualifier].format(f"{row.yuan / 1e9:,.2f}".rstrip("0").rstrip("."))
            items.append({"kind": "bar", "label": SHORT[row.item], "end": ROOM * row.yuan / longest,
                          "tone": "focus" if row.item in CONTRADICTING else "context", "value": amount,
                          "figure": row.label, "amount": f"{amount} billion yuan", "period": row.period_as_stated,
                          "stated": row.stated, "word": row.measure_as_stated,
                          "aria": f"{row.label}: {amount} billion yuan, stated {row.stated}"})
    return bar_list(items, [alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("amount:N", title="Amount"),
                             alt.Tooltip("period:N", title="Period, as stated"), alt.Tooltip("stated:N", title="When stated"),
                             alt.Tooltip("word:N", title="The source’s word")])
