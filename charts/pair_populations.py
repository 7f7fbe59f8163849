"""The two sides of each proposed pairing, by population, on one scale: the receiving districts in
the accent colour; the ratios between the sides, this site's calculation, written beside them."""

import altair as alt
from _bars import bar_list
from _words import words

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
TRANSLATIONS = {
    "ur": {
        "TITLE": ("ہر مجوزہ امداد دینے والے ضلع کی آبادی اپنے جوڑی دار سے کہیں زیادہ ہے: لاہور کی کوئٹہ سے 5.0 گنا، "
                  "پشاور کی آواران سے 26.6 گنا (اس سائٹ کا حساب)"),
        "DESCRIPTION": """
ایک ہی پیمانے پر مردم شماری کے مطابق آبادی کی افقی پٹیاں، جوڑیوں میں۔ ضلع لاہور کے 13,004,135 افراد کے ساتھ
ضلع کوئٹہ کے 2,595,492؛ ضلع پشاور کے 4,758,762 کے ساتھ ضلع آواران کے 178,958، جس کی پٹی اس پیمانے پر بمشکل
نظر آتی ہے۔ چین میں جیانگسو اور جیانگشی کا جوڑی دار قزلسو پیمانے کے اندازے کے لیے دکھایا گیا ہے: 2020 کی مردم
شماری میں 622,222 افراد۔ تناسب اس سائٹ کا حساب ہیں: 13,004,135 ÷ 2,595,492 = 5.01 اور 4,758,762 ÷ 178,958 = 26.59۔
""",
    },
}
ROOM = 0.7  # of the width, for the longest bar; its value goes after it
PAIRS = {"lahore_quetta": "Lahore – Quetta, proposed", "peshawar_awaran": "Peshawar – Awaran, proposed",
         "jiangsu_and_jiangxi_kizilsu": "Jiangsu and Jiangxi – Kizilsu, in place"}
SHORT = {"kizilsu": "Kizilsu prefecture (donor provinces not shown)"}
WORDS = {
    "ur": {
        "People, at the latest census": "آبادی، تازہ ترین مردم شماری کے مطابق",
        "Lahore – Quetta, proposed": "لاہور – کوئٹہ، مجوزہ", "Peshawar – Awaran, proposed": "پشاور – آواران، مجوزہ",
        "Jiangsu and Jiangxi – Kizilsu, in place": "جیانگسو اور جیانگشی – قزلسو، موجودہ",
        "Lahore district": "ضلع لاہور", "Quetta district": "ضلع کوئٹہ", "Peshawar district": "ضلع پشاور",
        "Awaran district": "ضلع آواران", "Kizilsu Kirghiz Autonomous Prefecture": "قزلسو کرغیز خود مختار پریفیکچر",
        "Kizilsu prefecture (donor provinces not shown)": "قزلسو پریفیکچر (امداد دینے والے صوبے نہیں دکھائے گئے)",
        "Lahore": "لاہور", "Quetta": "کوئٹہ", "Peshawar": "پشاور", "Awaran": "آواران",
        "{place}: {people} people ({year} census)": "{place}: {people} افراد ({year} کی مردم شماری)",
        "{big} has {ratio} times {small}’s people": "{big} کی آبادی {small} سے {ratio} گنا ہے",
        "Ratios: this site’s calculation": "تناسب: اس سائٹ کا حساب",
        "Place": "مقام", "People": "افراد", "Census": "مردم شماری",
    },
}


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["pair_populations"]
    longest = frame["population"].max()
    items = [{"kind": "note", "text": say("People, at the latest census")}]
    for pairing, heading in PAIRS.items():
        items.append({"kind": "heading", "text": say(heading)})
        sides = frame[frame["pairing"] == pairing]
        for row in sides.itertuples():
            receiving = row.role != "proposed_donor"
            items.append({"kind": "bar", "label": say(SHORT.get(row.place_id, row.place)),
                          "end": ROOM * row.population / longest,
                          "tone": "focus" if receiving and row.country == "pakistan" else "context",
                          "value": f"{row.population:,}", "place": say(row.place), "people": row.population,
                          "census": f"{row.census_year}", "side": "donor" if not receiving else "receiving",
                          "aria": say("{place}: {people} people ({year} census)", place=say(row.place),
                                      people=f"{row.population:,}", year=row.census_year)})
        if len(sides) == 2:  # the ratio, bigger ÷ smaller: a tiny bar still reads
            (big, more), (small, fewer) = sides.sort_values("population", ascending=False)[["place", "population"]].values
            items.append({"kind": "fact", "text": say("{big} has {ratio} times {small}’s people",
                                                      big=say(big.removesuffix(" district")), ratio=f"{more / fewer:.1f}",
                                                      small=say(small.removesuffix(" district")))})
    items.append({"kind": "note", "text": say("Ratios: this site’s calculation")})
    return bar_list(items, [alt.Tooltip("place:N", title=say("Place")),
                             alt.Tooltip("people:Q", title=say("People"), format=",.0f"),
                             alt.Tooltip("census:N", title=say("Census"))])
