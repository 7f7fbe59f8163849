"""Pakistan's provinces: population (2023) as parts of Pakistan's, and multidimensional poverty
(2014/15) against Pakistan's rate; Balochistan in the accent colour."""

import altair as alt
from _bars import bar_list
from _words import words

TITLE = ("Balochistan, with 14.89 million of Pakistan’s 241.49 million people in 2023, had the highest "
         "poverty rate of the four provinces in 2014/15: 71.2%")
DESCRIPTION = """
Two groups of bars, Balochistan highlighted. Population at the 2023 census, each province filled
into a track standing for Pakistan's 241.49 million: Punjab 127.69 million, Sindh 55.70, Khyber
Pakhtunkhwa (including the former FATA) 40.86, Balochistan 14.89 and Islamabad Capital Territory
2.36. Share of people multidimensionally poor in 2014/15, with a dashed line at Pakistan's 38.8%:
rural Balochistan 84.6%, former FATA 73.7%, Balochistan 71.2%, Khyber Pakhtunkhwa excluding the
former FATA 49%, Sindh 43%, Gilgit-Baltistan 43%, Punjab 31% and Azad Jammu and Kashmir 25%.
"""
DATASETS = ["pakistan_provinces"]
TRANSLATIONS = {
    "ur": {
        "TITLE": ("بلوچستان، جہاں 2023 میں پاکستان کے 241.49 ملین لوگوں میں سے 14.89 ملین بستے تھے، 2014/15 میں "
                  "چاروں صوبوں میں غربت کی سب سے زیادہ شرح رکھتا تھا: 71.2%"),
        "DESCRIPTION": """
پٹیوں کے دو گروپ، بلوچستان نمایاں۔ 2023 کی مردم شماری میں آبادی، ہر صوبہ پاکستان کے 241.49 ملین کی
نمائندگی کرنے والی پٹی میں بھرا ہوا: پنجاب 127.69 ملین، سندھ 55.70، خیبر پختونخوا (سابق فاٹا سمیت) 40.86،
بلوچستان 14.89 اور وفاقی دارالحکومت اسلام آباد 2.36۔ 2014/15 میں کثیر جہتی غربت کے شکار لوگوں کا حصہ، پاکستان
کی 38.8% شرح پر ایک نقطہ دار لکیر کے ساتھ: دیہی بلوچستان 84.6%، سابق فاٹا 73.7%، بلوچستان 71.2%، سابق فاٹا کے
بغیر خیبر پختونخوا 49%، سندھ 43%، گلگت بلتستان 43%، پنجاب 31% اور آزاد جموں و کشمیر 25%۔
""",
    },
}
SHORT = {"khyber_pakhtunkhwa": "Khyber Pakhtunkhwa*", "khyber_pakhtunkhwa_excl_fata": "Khyber Pakhtunkhwa*",
         "islamabad_capital_territory": "Islamabad Capital Territory", "balochistan_rural": "Balochistan, rural areas"}
WORDS = {
    "ur": {
        "Pakistan": "پاکستان", "Punjab": "پنجاب", "Sindh": "سندھ", "Balochistan": "بلوچستان",
        "Khyber Pakhtunkhwa*": "خیبر پختونخوا*", "Islamabad Capital Territory": "وفاقی دارالحکومت اسلام آباد",
        "Balochistan, rural areas": "بلوچستان، دیہی علاقے", "Former FATA": "سابق فاٹا",
        "Gilgit-Baltistan": "گلگت بلتستان", "Azad Jammu and Kashmir": "آزاد جموں و کشمیر",
        "Khyber Pakhtunkhwa (including former FATA)": "خیبر پختونخوا (سابق فاٹا سمیت)",
        "Khyber Pakhtunkhwa (excluding former FATA)": "خیبر پختونخوا (سابق فاٹا کے بغیر)",
        "Balochistan (rural)": "بلوچستان (دیہی)",
        "Population, 2023 census (millions)": "آبادی، 2023 کی مردم شماری (ملین میں)",
        "Each track is Pakistan: {total} million": "ہر پٹی پورا پاکستان ہے: {total} ملین",
        "{people} people": "{people} افراد",
        "{value} million (as published)": "{value} ملین (جیسا شائع ہوا)",
        "2023 census": "2023 کی مردم شماری",
        "{area}: {value} million people at the 2023 census": "{area}: 2023 کی مردم شماری میں {value} ملین افراد",
        "* With the former FATA, merged into it in 2018": "* سابق فاٹا سمیت، جو 2018 میں اس میں ضم ہوا",
        "Multidimensional poverty, 2014/15": "کثیر جہتی غربت، 2014/15",
        "% of people counted as poor": "غریب شمار کیے گئے لوگوں کا %",
        "Pakistan {value}": "پاکستان {value}",
        "{value} multidimensionally poor": "{value} کثیر جہتی غربت کا شکار",
        "{area}: {value} of people multidimensionally poor in 2014/15":
            "{area}: 2014/15 میں {value} لوگ کثیر جہتی غربت کا شکار",
        "* Without the former FATA (its own row)": "* سابق فاٹا کے بغیر (اس کی اپنی قطار)",
        "Area": "علاقہ", "Figure": "عدد", "Year": "سال",
    },
}


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["pakistan_provinces"].assign(name=lambda f: f["area_id"].map(SHORT).fillna(f["area"]).map(say),
                                              area=lambda f: f["area"].map(say))
    population = frame[frame["measure"] == "population"].sort_values("people_millions", ascending=False)
    poverty = frame[frame["measure"] == "mpi_headcount"].sort_values("percent", ascending=False, kind="stable")
    total = population.loc[population["area_id"] == "pakistan", "people_millions"].item()
    national = poverty.loc[poverty["area_id"] == "pakistan", "percent"].item()
    items = [{"kind": "heading", "text": say("Population, 2023 census (millions)")},
             {"kind": "note", "text": say("Each track is Pakistan: {total} million", total=f"{total:.2f}")}]
    for row in population[population["area_id"] != "pakistan"].itertuples():
        exact = (say("{people} people", people=f"{row.people:,.0f}") if row.people == row.people
                 else say("{value} million (as published)", value=f"{row.people_millions:.2f}"))
        items.append({"kind": "bar", "label": row.name, "end": row.people_millions / total, "whole": 1.0,
                      "value": f"{row.people_millions:.2f}", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context",
                      "area": row.area, "figure": exact, "year": say("2023 census"),
                      "aria": say("{area}: {value} million people at the 2023 census", area=row.area,
                                  value=f"{row.people_millions:.2f}")})
    items += [{"kind": "note", "text": say("* With the former FATA, merged into it in 2018")},
              {"kind": "heading", "text": say("Multidimensional poverty, 2014/15")},
              {"kind": "note", "text": say("% of people counted as poor")},
              {"kind": "reference", "group": "poverty", "at": national / 100,
               "text": say("Pakistan {value}", value=f"{national:g}%")}]
    for row in poverty[poverty["area_id"] != "pakistan"].itertuples():
        items.append({"kind": "bar", "group": "poverty", "label": row.name, "end": row.percent / 100, "whole": 1.0,
                      "value": f"{row.percent:g}%", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context",
                      "area": row.area, "figure": say("{value} multidimensionally poor", value=f"{row.percent:g}%"),
                      "year": "2014/15",
                      "aria": say("{area}: {value} of people multidimensionally poor in 2014/15", area=row.area,
                                  value=f"{row.percent:g}%")})
    items.append({"kind": "note", "text": say("* Without the former FATA (its own row)")})
    return bar_list(items, [alt.Tooltip("area:N", title=say("Area")), alt.Tooltip("figure:N", title=say("Figure")),
                             alt.Tooltip("year:N", title=say("Year"))])
