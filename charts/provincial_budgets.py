"""China's donor rule (0.3–0.6% of fiscal revenue a year) applied to Pakistani provinces: this site's
arithmetic, as ranges in billion rupees and as shares of Balochistan's development programme."""

import altair as alt
from _bars import bar_list
from _words import words

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
TRANSLATIONS = {
    "ur": {
        "TITLE": ("چین کا اصول پنجاب پر لاگو ہو تو سالانہ 10.0–20.0 ارب روپے جمع ہوں گے، جو بلوچستان کے ترقیاتی "
                  "پروگرام کا 4.4–8.7% ہے (اس سائٹ کا حساب)"),
        "DESCRIPTION": """
یہ اس سائٹ کا اپنا حساب ہے، کسی ماخذ کا نہیں: کسی صوبے کی آمدنی کا 0.3% سے 0.6%، یعنی وہ حصہ جو چین کا 2010
کا اصول ہر امداد دینے والے سے مانگتا ہے، ہر سال کتنا بنے گا؛ یہ ارب روپے میں حدود کے طور پر دکھایا گیا ہے، اور
بلوچستان کے 2023–24 کے 229.301 ارب روپے کے ترقیاتی پروگرام کی نمائندگی کرنے والی پٹی میں بھر کر اس کے حصوں کے
طور پر بھی۔ پنجاب کی 3,331.7 ارب روپے کی کل آمدنی پر (3,331.7 × 0.003 اور × 0.006): 10.0 سے 20.0 ارب روپے،
یعنی بلوچستان کے ترقیاتی پروگرام کا 4.4% سے 8.7%۔ پنجاب کی 625.3 ارب کی اپنی آمدنی پر: 1.9 سے 3.8 ارب روپے،
یعنی 0.8% سے 1.6%۔ خیبر پختونخوا کی 1,456.712 ارب کی کل وصولیوں پر (ایک تخمینہ جس میں قرضے اور دیگر سرمایہ
جاتی وصولیاں شامل ہو سکتی ہیں): 4.4 سے 8.7 ارب روپے، یعنی 1.9% سے 3.8%۔ اس کی اپنے ذرائع سے آمدنی پر، جو 85
ارب متوقع تھی: 0.26 سے 0.51 ارب روپے، یعنی 0.1% سے 0.2%۔
""",
    },
}
# The rule's two ends, as fractions of fiscal revenue (Xinhua, 2010; China Daily, 2010).
LOW, HIGH = 0.003, 0.006
ROOM = 0.68  # of the width, for the longest range; its value goes after it
BASES = [("punjab_total_income", "Punjab: total income", "Punjab: total income of Rs {base} billion"),
         ("punjab_own_revenue", "Punjab: own revenue", "Punjab: own revenue of Rs {base} billion"),
         ("kp_total_receipts", "KP: total receipts*", "KP: total receipts of Rs {base} billion*"),
         ("kp_own_revenue_expected", "KP: own revenue", "KP: own revenue of Rs {base} billion")]
WORDS = {
    "ur": {
        "Punjab: total income": "پنجاب: کل آمدنی", "Punjab: own revenue": "پنجاب: اپنی آمدنی",
        "KP: total receipts*": "کے پی: کل وصولیاں*", "KP: own revenue": "کے پی: اپنی آمدنی",
        "Punjab: total income of Rs {base} billion": "پنجاب: {base} ارب روپے کی کل آمدنی",
        "Punjab: own revenue of Rs {base} billion": "پنجاب: {base} ارب روپے کی اپنی آمدنی",
        "KP: total receipts of Rs {base} billion*": "کے پی: {base} ارب روپے کی کل وصولیاں*",
        "KP: own revenue of Rs {base} billion": "کے پی: {base} ارب روپے کی اپنی آمدنی",
        "Billion rupees a year": "ارب روپے سالانہ",
        "Light: at 0.3% of the base; dark: up to 0.6%": "ہلکا: بنیاد کا 0.3%؛ گہرا: 0.6% تک",
        "% of Balochistan’s development budget": "بلوچستان کے ترقیاتی بجٹ کا %",
        "Each track is its programme: Rs {psdp} billion": "ہر پٹی اس کا پروگرام ہے: {psdp} ارب روپے",
        # The data's names of the bases, for tooltips and screen readers.
        "{item}, {province} ({year})": "{item}، {province} ({year})",
        "Total income (estimate)": "کل آمدنی (تخمینہ)", "Provincial (own) revenue": "صوبائی (اپنی) آمدنی",
        "Total receipts (estimate)": "کل وصولیاں (تخمینہ)", "Own-source revenue (expected)": "اپنے ذرائع سے آمدنی (متوقع)",
        "Punjab": "پنجاب", "Khyber Pakhtunkhwa": "خیبر پختونخوا",
        "Rs {value} billion": "{value} ارب روپے",
        "0.3–0.6% of {base}: Rs {money} billion a year": "{base} کا 0.3–0.6%: {money} ارب روپے سالانہ",
        "0.3–0.6% of {base}: {share} of Balochistan’s development programme":
            "{base} کا 0.3–0.6%: بلوچستان کے ترقیاتی پروگرام کا {share}",
        "KP: Khyber Pakhtunkhwa": "کے پی: خیبر پختونخوا",
        "* May include loans and other capital receipts": "* ممکن ہے قرضے اور دیگر سرمایہ جاتی وصولیاں شامل ہوں",
        "This site’s calculation": "اس سائٹ کا حساب",
        "Base": "بنیاد", "Base amount": "بنیادی رقم", "0.3–0.6% of it a year": "اس کا 0.3–0.6% سالانہ",
        "As % of Balochistan’s development programme": "بلوچستان کے ترقیاتی پروگرام کے % کے طور پر",
    },
}


def number(value, decimals):
    return f"{value:,.{decimals}f}"


def stated(value):
    """A figure as its source gives it: every digit, no trailing zeros (1,456.712; 85)."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["provincial_budgets"].set_index("item_id")
    psdp = frame.loc["balochistan_psdp", "rupees_billion"]
    widest = max(frame.loc[item, "rupees_billion"] for item, _, _ in BASES) * HIGH
    billions = [{"kind": "heading", "text": say("Billion rupees a year")},
                {"kind": "note", "text": say("Light: at 0.3% of the base; dark: up to 0.6%")}]
    shares = [{"kind": "heading", "text": say("% of Balochistan’s development budget")},
              {"kind": "note", "text": say("Each track is its programme: Rs {psdp} billion", psdp=f"{psdp:g}")}]
    for item, short, long in BASES:
        base = frame.loc[item, "rupees_billion"]
        low, high = base * LOW, base * HIGH
        decimals = 2 if high < 1 else 1
        money = f"{number(low, decimals)}–{number(high, decimals)}"
        share = f"{100 * low / psdp:.1f}–{100 * high / psdp:.1f}%"
        about = {"base": say("{item}, {province} ({year})", item=say(frame.loc[item, "item"]),
                             province=say(frame.loc[item, "province"]), year=frame.loc[item, "fiscal_year"]),
                 "base_billion": say("Rs {value} billion", value=stated(base)),
                 "range": say("Rs {value} billion", value=money), "share": share}
        tone = "focus" if item == "punjab_total_income" else "context"
        billions.append({"kind": "bar", "label": say(long, base=stated(base)), "start": ROOM * low / widest,
                         "end": ROOM * high / widest, "whole": ROOM * low / widest, "tone": tone, "value": money,
                         "aria": say("0.3–0.6% of {base}: Rs {money} billion a year", base=about["base"], money=money),
                         **about})
        shares.append({"kind": "bar", "label": say(short), "start": low / psdp, "end": high / psdp, "whole": 1.0,
                       "tone": tone, "value": share, "value_at": "right",
                       "aria": say("0.3–0.6% of {base}: {share} of Balochistan’s development programme",
                                   base=about["base"], share=share), **about})
    notes = [{"kind": "note", "text": say("KP: Khyber Pakhtunkhwa")},
             {"kind": "note", "text": say("* May include loans and other capital receipts")},
             {"kind": "note", "text": say("This site’s calculation")}]
    return bar_list(billions + shares + notes, [
        alt.Tooltip("base:N", title=say("Base")), alt.Tooltip("base_billion:N", title=say("Base amount")),
        alt.Tooltip("range:N", title=say("0.3–0.6% of it a year")),
        alt.Tooltip("share:N", title=say("As % of Balochistan’s development programme"))])
