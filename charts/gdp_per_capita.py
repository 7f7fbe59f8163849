"""Xinjiang's per-capita GDP beside China's national figure, as lines on a time axis: the years the
sources give are marked, the years between them drawn dashed."""

import altair as alt
import pandas as pd
from _words import words

TITLE = "Xinjiang’s GDP per person fell further behind China’s between 2015 and 2020"
DESCRIPTION = """
Two lines on a time axis of gross domestic product per person, in yuan: Xinjiang, and China as a
whole for reference. Xinjiang: 39,959 yuan in 2015, 54,280 in 2019 and 53,593 in 2020. China:
49,351, 70,892 and 72,447. The sources give no figures for 2016 to 2018, so those years are drawn
dashed. Xinjiang's figure was 81.0% of China's in 2015, 76.6% in 2019 and 74.0% in 2020 (this
site's calculation: Xinjiang ÷ China).
"""
DATASETS = ["gdp_per_capita"]
TRANSLATIONS = {
    "ur": {
        "TITLE": "2015 اور 2020 کے درمیان سنکیانگ کی فی کس جی ڈی پی چین کے مقابلے میں مزید پیچھے رہ گئی",
        "DESCRIPTION": """
وقت کے محور پر یوآن میں فی کس مجموعی ملکی پیداوار کی دو لکیریں: سنکیانگ، اور حوالے کے لیے پورا چین۔
سنکیانگ: 2015 میں 39,959 یوآن، 2019 میں 54,280 اور 2020 میں 53,593۔ چین: 49,351، 70,892 اور 72,447۔
ذرائع 2016 سے 2018 تک کے اعداد و شمار نہیں دیتے، اس لیے یہ برس نقطہ دار لکیر سے دکھائے گئے ہیں۔ سنکیانگ کا
عدد 2015 میں چین کے عدد کا 81.0%، 2019 میں 76.6% اور 2020 میں 74.0% تھا (اس سائٹ کا حساب: سنکیانگ ÷ چین)۔
""",
    },
}
WORDS = {
    "ur": {
        "Xinjiang": "سنکیانگ", "China": "چین", "China as a whole": "پورا چین",
        "{region}, {year}: {value} yuan per person": "{region}، {year}: فی کس {value} یوآن",
        "Region": "علاقہ", "Year": "سال", "Yuan per person": "فی کس یوآن",
        "Xinjiang as a share of China’s (this site’s calculation)": "چین کے مقابلے میں سنکیانگ کا تناسب (اس سائٹ کا حساب)",
        "Status of the figure": "عدد کی حیثیت",
        "as reported by SCMP; not separately confirmed":
            "جیسا کہ ساؤتھ چائنا مارننگ پوسٹ نے رپورٹ کیا؛ الگ سے تصدیق نہیں ہوئی",
        "regional statistics (seen only via a secondary copy); also given by the SCMP":
            "علاقائی اعداد و شمار (صرف ایک ثانوی نقل کے ذریعے دیکھے گئے)؛ ساؤتھ چائنا مارننگ پوسٹ نے بھی دیے",
        "preliminary national figure": "ابتدائی قومی عدد",
        "government white paper; also given by the SCMP": "حکومتی وائٹ پیپر؛ ساؤتھ چائنا مارننگ پوسٹ نے بھی دیا",
        "Yuan per person, current prices": "فی کس یوآن، موجودہ قیمتوں پر",
        # The subtitle's two lines: each line in Urdu is one sentence of it.
        "%: Xinjiang as a share of China’s, this site’s": "%: چین کے مقابلے میں سنکیانگ کا تناسب، اس سائٹ کا حساب۔",
        "calculation. Dashed: no figures for 2016–18.": "نقطہ دار: 2016–18 کے لیے کوئی اعداد و شمار نہیں۔",
    },
}
# Where each year's labels go, clear of the next year's: (align, dx).
PLACE = {2015: ("right", -9, 0), 2019: ("right", -6, None), 2020: ("center", 0, None)}  # (align, dx, dy)


def chart(data, lang=None):
    say = words(WORDS, lang)
    frame = data["gdp_per_capita"]
    frame = frame.assign(region_label=frame["region_label"].map(say), status=frame["status"].map(say))
    wide = frame.pivot(index="year", columns="region", values="yuan")
    share = frame["year"].map(100 * wide["xinjiang"] / wide["china"])
    frame = frame.assign(
        date=frame["year"].astype(str) + "-07-01", share=share.map("{:.1f}%".format),
        value=frame["yuan"].map("{:,}".format),
        aria=[say("{region}, {year}: {value} yuan per person", region=r.region_label, year=r.year, value=f"{r.yuan:,}")
              for r in frame.itertuples()])
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=["2014-01-01", "2020-12-31"]),
              axis=alt.Axis(format="%Y", values=[f"{y}-07-01" for y in range(2015, 2021)], labelPadding=6,
                            grid=False, labelFlush=False))
    y = alt.Y("yuan:Q", title=None, scale=alt.Scale(domain=[0, 80000]), axis=None)
    tooltip = [alt.Tooltip("region_label:N", title=say("Region")), alt.Tooltip("year:O", title=say("Year")),
               alt.Tooltip("yuan:Q", title=say("Yuan per person"), format=",.0f"),
               alt.Tooltip("share:N", title=say("Xinjiang as a share of China’s (this site’s calculation)")),
               alt.Tooltip("status:N", title=say("Status of the figure"))]
    base = alt.Chart(frame)
    layers = []
    for region, tone in (("china", "context"), ("xinjiang", "focus")):
        series = base.transform_filter(f"datum.region == '{region}'")
        layers += [
            series.transform_filter("datum.year <= 2019").mark_line(style=f"line-{tone}", strokeDash=[5, 4], aria=False)
            .encode(x=x, y=y),
            series.transform_filter("datum.year >= 2019").mark_line(style=f"line-{tone}", aria=False).encode(x=x, y=y),
            series.mark_point(style=tone, filled=True, size=70, opacity=1).encode(
                x=x, y=y, tooltip=tooltip, description="aria:N"),
        ]
        for year, (align, dx, dy) in PLACE.items():
            point = series.transform_filter(f"datum.year == {year}")
            china = region == "china"
            below = 18 if dy is None else dy
            layers.append(point.mark_text(style="value", align=align, dx=dx, dy=-14 if china and dy is None else below,
                                          aria=False).encode(x=x, y=y, text="value:N"))
            if not china:
                layers.append(point.mark_text(style="note", align=align, dx=dx, dy=below + 16, aria=False)
                              .encode(x=x, y=y, text="share:N"))
        # The line's name beside it, where it crosses the years the sources do not give.
        between = wide[region][2015] + (wide[region][2019] - wide[region][2015]) * 1.5 / 4
        layers.append(alt.Chart(pd.DataFrame({"date": ["2017-01-01"], "yuan": [between],
                                              "text": [say("China as a whole" if region == "china" else "Xinjiang")]}))
                      .mark_text(style="heading" if region == "china" else "heading-focus",
                                 dy=-14 if region == "china" else 20, aria=False)
                      .encode(x=x, y=y, text="text:N"))
    subtitle = [say("%: Xinjiang as a share of China’s, this site’s"), say("calculation. Dashed: no figures for 2016–18.")]
    if lang:
        # A title's lines after the first are drawn as <tspan>s, whose letters the font the build
        # embeds in a translated SVG leaves out: the second line is a text of its own, drawn where it
        # would be; the title goes above it (a title is placed above everything a view draws).
        subtitle, second = subtitle[:1], subtitle[1]
        layers.append(alt.Chart(pd.DataFrame({"text": [second]})).mark_text(
            style="note", align="left", baseline="alphabetic").encode(
            x=alt.value(0), y=alt.value(-7), text="text:N", description="text:N"))
    title = alt.Title([say("Yuan per person, current prices")], orient="top", fontSize=13, fontWeight="normal",
                      subtitle=subtitle, subtitlePadding=6)
    return alt.layer(*layers, title=title).properties(height=220)
