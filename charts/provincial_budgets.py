"""China's donor rule (0.3–0.6% of fiscal revenue a year) applied to Pakistani provinces: this site's arithmetic."""

import altair as alt
import pandas as pd

TITLE = "China's rule applied to Punjab: 10–20 billion rupees a year, 4.4–8.7% of Balochistan's development budget"
DESCRIPTION = """
This site's arithmetic, not a source's: what 0.3% to 0.6% of a province's revenue would be each
year, the share China's 2010 rule asks of each donor, shown as ranges in billions of rupees and as
shares of Balochistan's 2023–24 development programme of 229.301 billion rupees. On Punjab's total
income of 3,331.7 billion rupees (3,331.7 × 0.003 and × 0.006): 10.0 to 20.0 billion rupees, or
4.4% to 8.7% of Balochistan's development programme. On Punjab's own revenue of 625.3 billion:
1.9 to 3.8 billion rupees, or 0.8% to 1.6%. On Khyber Pakhtunkhwa's own-source revenue target of
85 billion (2022–23): 0.26 to 0.51 billion rupees, or 0.1% to 0.2%. The sources give no total
income for Khyber Pakhtunkhwa in 2023–24.
"""
DATASETS = ["provincial_budgets"]
# The rule's two ends, as fractions of fiscal revenue (Xinhua, 2010; China Daily, 2010).
LOW, HIGH = 0.003, 0.006
BASES = [("punjab_total_income", "Punjab: 0.3–0.6% of total income"),
         ("punjab_own_revenue", "Punjab: 0.3–0.6% of own revenue"),
         ("kp_own_revenue_target", "KP: 0.3–0.6% of own-revenue target")]
PANELS = ["Billion rupees a year", "% of Balochistan's 2023–24 development programme"]
HEADER = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelLimit=340)


def chart(data):
    frame = data["provincial_budgets"].set_index("item_id")
    psdp = frame.loc["balochistan_psdp", "rupees_billion"]
    rows = []
    for item_id, label in BASES:
        base = frame.loc[item_id, "rupees_billion"]
        low, high = base * LOW, base * HIGH
        rows.append({"base": label, "panel": PANELS[0], "low": low, "high": high, "base_billion": base})
        rows.append({"base": label, "panel": PANELS[1], "low": 100 * low / psdp, "high": 100 * high / psdp,
                     "base_billion": base})
    derived = pd.DataFrame(rows)
    ranges = (
        alt.Chart()
        .mark_bar(height=14)
        .encode(
            y=alt.Y("base:N", title=None, sort=[label for _, label in BASES], axis=alt.Axis(labelLimit=260)),
            x=alt.X("low:Q", title=None),
            x2="high:Q",
            tooltip=[alt.Tooltip("base:N", title="Base"),
                     alt.Tooltip("base_billion:Q", title="Base, billion rupees", format=",.2f"),
                     alt.Tooltip("low:Q", title="At 0.3%", format=",.2f"),
                     alt.Tooltip("high:Q", title="At 0.6%", format=",.2f")],
        )
        .properties(width=260, height=90)
    )
    return (
        alt.layer(ranges, data=derived)
        .facet(row=alt.Row("panel:N", title=None, sort=PANELS, header=HEADER))
        .resolve_scale(x="independent")
    )
