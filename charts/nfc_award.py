"""How the 7th National Finance Commission Award shares federal revenue: every figure a share of a
whole, drawn filled into a track that stands for that whole; Balochistan in the accent colour."""

import altair as alt
from _bars import bar_list
from _words import words

TITLE = "Under the 7th NFC Award Balochistan gets 9.09% of the provinces' pool, and population decides 82% of the split"
DESCRIPTION = """
Three groups of bars in percent, each filled into a track that stands for a whole. The provinces'
share of the divisible pool: 47.5% before the award, 56% in 2010–11 and 57.5% after. The split of
the provinces' pool: Punjab 51.74%, Sindh 24.55%, Khyber Pakhtunkhwa 14.62%, Balochistan 9.09%.
The weights of the criteria that set the split: population 82%, poverty and backwardness 10.3%,
revenue 5%, area (inverse population density) 2.7%.
"""
DATASETS = ["nfc_award"]
TRANSLATIONS = {
    "ur": {
        "TITLE": "7ویں این ایف سی ایوارڈ کے تحت بلوچستان کو صوبوں کے حصے کا 9.09% ملتا ہے، اور تقسیم کا 82% آبادی طے کرتی ہے",
        "DESCRIPTION": """
فیصد میں پٹیوں کے تین گروپ، ہر ایک ایسی پٹی میں بھری ہوئی جو کسی کل کی نمائندگی کرتی ہے۔ قابلِ تقسیم محاصل
میں صوبوں کا حصہ: ایوارڈ سے پہلے 47.5%، 2010–11 میں 56% اور اس کے بعد 57.5%۔ صوبوں کے حصے کی آپس میں
تقسیم: پنجاب 51.74%، سندھ 24.55%، خیبر پختونخوا 14.62%، بلوچستان 9.09%۔ تقسیم طے کرنے والے معیارات کے وزن:
آبادی 82%، غربت اور پسماندگی 10.3%، محاصل 5%، رقبہ (آبادی کی معکوس کثافت) 2.7%۔
""",
    },
}
GROUPS = {"vertical": ("Provinces’ share of the divisible pool", "Each track is the whole pool"),
          "horizontal": ("How the provinces’ pool is split", "Each track is the provinces’ pool"),
          "criteria": ("What decides the split", "Weight of each criterion")}
SHORT = {"provinces_share_before": "Before the 7th award", "provinces_share_2010_11": "In 2010–11",
         "provinces_share_after_2010_11": "After 2010–11", "revenue": "Revenue (2.5 generation + 2.5 collection)",
         "poverty_backwardness": "Poverty and backwardness", "inverse_population_density": "Area (inverse population density)",
         "khyber_pakhtunkhwa": "Khyber Pakhtunkhwa"}
WORDS = {
    "ur": {
        "Provinces’ share of the divisible pool": "قابلِ تقسیم محاصل میں صوبوں کا حصہ",
        "Each track is the whole pool": "ہر پٹی پورے قابلِ تقسیم محاصل کی نمائندگی کرتی ہے",
        "How the provinces’ pool is split": "صوبوں کا حصہ آپس میں کیسے تقسیم ہوتا ہے",
        "Each track is the provinces’ pool": "ہر پٹی صوبوں کے پورے حصے کی نمائندگی کرتی ہے",
        "What decides the split": "تقسیم کس بنیاد پر ہوتی ہے",
        "Weight of each criterion": "ہر معیار کا وزن",
        "Before the 7th award": "7ویں ایوارڈ سے پہلے", "In 2010–11": "2010–11 میں", "After 2010–11": "2010–11 کے بعد",
        "Punjab": "پنجاب", "Sindh": "سندھ", "Khyber Pakhtunkhwa": "خیبر پختونخوا", "Balochistan": "بلوچستان",
        "Population": "آبادی", "Poverty and backwardness": "غربت اور پسماندگی",
        "Revenue (2.5 generation + 2.5 collection)": "محاصل (2.5 پیداوار + 2.5 وصولی)",
        "Area (inverse population density)": "رقبہ (آبادی کی معکوس کثافت)",
        # The data's names of the figures, for tooltips and screen readers.
        "Provinces' share of the divisible pool before the 7th award":
            "7ویں ایوارڈ سے پہلے قابلِ تقسیم محاصل میں صوبوں کا حصہ",
        "Provinces' share of the divisible pool in 2010–11": "2010–11 میں قابلِ تقسیم محاصل میں صوبوں کا حصہ",
        "Provinces' share of the divisible pool after 2010–11": "2010–11 کے بعد قابلِ تقسیم محاصل میں صوبوں کا حصہ",
        "Punjab's share of the provinces' pool": "صوبوں کے حصے میں پنجاب کا حصہ",
        "Sindh's share of the provinces' pool": "صوبوں کے حصے میں سندھ کا حصہ",
        "Khyber Pakhtunkhwa's share of the provinces' pool (NWFP in the source)":
            "صوبوں کے حصے میں خیبر پختونخوا کا حصہ (ماخذ میں شمال مغربی سرحدی صوبہ)",
        "Balochistan's share of the provinces' pool": "صوبوں کے حصے میں بلوچستان کا حصہ",
        "Weight of population": "آبادی کا وزن", "Weight of poverty and backwardness": "غربت اور پسماندگی کا وزن",
        "Weight of revenue generation and collection (2.5 + 2.5)": "محاصل کی پیداوار اور وصولی کا وزن (2.5 + 2.5)",
        "Weight of area (inverse population density)": "رقبے کا وزن (آبادی کی معکوس کثافت)",
        "{item}: {value}": "{item}: {value}",
        "Item": "مد", "Percent": "فیصد",
    },
}


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["nfc_award"]
    frame = frame.assign(item=frame["item"].map(say))
    items = []
    for component, (heading, note) in GROUPS.items():
        items += [{"kind": "heading", "text": say(heading)}, {"kind": "note", "text": say(note)}]
        for row in frame[frame["component"] == component].itertuples():
            label = say(SHORT.get(row.item_id, row.item_id.replace("_", " ").capitalize()))
            items.append({"kind": "bar", "label": label, "end": row.percent / 100, "whole": 1.0,
                          "value": f"{row.percent:g}%", "value_at": "right",
                          "tone": "focus" if row.item_id == "balochistan" else "context",
                          "item": row.item, "percent": row.percent,
                          "aria": say("{item}: {value}", item=row.item, value=f"{row.percent:g}%")})
    return bar_list(items, [alt.Tooltip("item:N", title=say("Item")), alt.Tooltip("percent:Q", title=say("Percent"))])
