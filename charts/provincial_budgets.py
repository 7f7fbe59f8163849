"""China's donor rule (0.3–0.6% of fiscal revenue a year) applied to Pakistani provinces: this site's
arithmetic, as ranges in billion rupees and as shares of Balochistan's development programme."""

import altair as alt
from _bars import bar_list

TITLE = ("China’s rule applied to Punjab would raise Rs 10.0–20.0 billion a year, 4.4–8.7% of "
         "Balochistan’s development programme (this site’s calculation)")
DESCRIPTION = """
This site's arithmetic, not a source's: what 0.3% to 0.6% of a province's revenue would be each
year, the share China's 2010 rule asks of each donor, shown as ranges in billions of rupees and,
filled into a track standing for Balochistan's 2023–24 development programme of 229.301 billion
rupees, as shares of it. On Punjab's total income of 3,331.7 billion rupees (3,331.7 × 0.003 and
× 0.006): 10.0 to 20.0 billion rupees, or 4.4% to 8.7% of Balochistan's development programme. On
Punjab's own revenue of 625.3 billion: 1.9 to 3.8 billion rupees, or 0.8% to 1.6%. On Khyber
Pakhtunkhwa's total receipts of 1,456.712 billion (an estimate that may include loans and other
capital receipts): 4.4 to 8.7 billion rupees, or 1.9% to 3.8%. On its own-source revenue, expected
at 85 billion: 0.26 to 0.51 billion rupees, or 0.1% to 0.2%.
"""
DATASETS = ["provincial_budgets"]
# The rule's two ends, as fractions of fiscal revenue (Xinhua, 2010; China Daily, 2010).
LOW, HIGH = 0.003, 0.006
ROOM = 0.68  # of the width, for the longest range; its value goes after it
BASES = [("punjab_total_income", "Punjab: total income", "Punjab: total income of Rs {} billion"),
         ("punjab_own_revenue", "Punjab: own revenue", "Punjab: own revenue of Rs {} billion"),
         ("kp_total_receipts", "KP: total receipts*", "KP: total receipts of Rs {} billion*"),
         ("kp_own_revenue_expected", "KP: own revenue", "KP: own revenue of Rs {} billion")]


def number(value, decimals):
    return f"{value:,.{decimals}f}"


def stated(value):
    """A figure as its source gives it: every digit, no trailing zeros (1,456.712; 85)."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def chart(data):
    frame = data["provincial_budgets"].set_index("item_id")
    psdp = frame.loc["balochistan_psdp", "rupees_billion"]
    widest = max(frame.loc[item, "rupees_billion"] for item, _, _ in BASES) * HIGH
    billions = [{"kind": "heading", "text": "Billion rupees a year"},
                {"kind": "note", "text": "Light: at 0.3% of the base; dark: up to 0.6%"}]
    shares = [{"kind": "heading", "text": "% of Balochistan’s development budget"},
              {"kind": "note", "text": f"Each track is its programme: Rs {psdp:g} billion"}]
    for item, short, long in BASES:
        base = frame.loc[item, "rupees_billion"]
        low, high = base * LOW, base * HIGH
        decimals = 2 if high < 1 else 1
        money = f"{number(low, decimals)}–{number(high, decimals)}"
        share = f"{100 * low / psdp:.1f}–{100 * high / psdp:.1f}%"
        about = {"base": frame.loc[item, "item"] + f", {frame.loc[item, 'province']} ({frame.loc[item, 'fiscal_year']})",
                 "base_billion": f"Rs {stated(base)} billion", "range": f"Rs {money} billion", "share": share}
        tone = "focus" if item == "punjab_total_income" else "context"
        billions.append({"kind": "bar", "label": long.format(stated(base)), "start": ROOM * low / widest,
                         "end": ROOM * high / widest, "whole": ROOM * low / widest, "tone": tone, "value": money,
                         "aria": f"0.3–0.6% of {about['base']}: Rs {money} billion a year", **about})
        shares.append({"kind": "bar", "label": short, "start": low / psdp, "end": high / psdp, "whole": 1.0,
                       "tone": tone, "value": share, "value_at": "right",
                       "aria": f"0.3–0.6% of {about['base']}: {share} of Balochistan’s development programme", **about})
    notes = [{"kind": "note", "text": "KP: Khyber Pakhtunkhwa"},
             {"kind": "note", "text": "* May include loans and other capital receipts"},
             {"kind": "note", "text": "This site’s calculation"}]
    return bar_list(billions + shares + notes, [
        alt.Tooltip("base:N", title="Base"), alt.Tooltip("base_billion:N", title="Base amount"),
        alt.Tooltip("range:N", title="0.3–0.6% of it a year"),
        alt.Tooltip("share:N", title="As % of Balochistan’s development programme")])
