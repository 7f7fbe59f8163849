"""Xinjiang's per-capita GDP beside China's national figure, as lines on a time axis: the years the
sources give are marked, the years between them drawn dashed."""

import altair as alt
import pandas as pd

TITLE = "Xinjiang’s GDP per person fell further behind China’s between 2015 and 2020"
DESCRIPTION = """
Two lines on a time axis of gross domestic product per person, in yuan: Xinjiang, and China as a
whole for reference. Xinjiang: 39,959 yuan in 2015, 54,280 in 2019 and 53,593 in 2020. China:
49,351, 70,892 and 72,447. The sources give no figures for 2016 to 2018, so those years are drawn
dashed. Xinjiang's figure was 81.0% of China's in 2015, 76.6% in 2019 and 74.0% in 2020 (this
site's calculation: Xinjiang ÷ China).
"""
DATASETS = ["gdp_per_capita"]
# Where each year's labels go, clear of the next year's: (align, dx).
PLACE = {2015: ("right", -9, 0), 2019: ("right", -6, None), 2020: ("center", 0, None)}  # (align, dx, dy)


def chart(data):
    frame = data["gdp_per_capita"]
    wide = frame.pivot(index="year", columns="region", values="yuan")
    share = frame["year"].map(100 * wide["xinjiang"] / wide["china"])
    frame = frame.assign(
        date=frame["year"].astype(str) + "-07-01", share=share.map("{:.1f}%".format),
        value=frame["yuan"].map("{:,}".format),
        aria=frame["region_label"] + ", " + frame["year"].astype(str) + ": " + frame["yuan"].map("{:,}".format)
        + " yuan per person")
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=["2014-01-01", "2020-12-31"]),
              axis=alt.Axis(format="%Y", values=[f"{y}-07-01" for y in range(2015, 2021)], labelPadding=6,
                            grid=False, labelFlush=False))
    y = alt.Y("yuan:Q", title=None, scale=alt.Scale(domain=[0, 80000]), axis=None)
    tooltip = [alt.Tooltip("region_label:N", title="Region"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("yuan:Q", title="Yuan per person", format=",.0f"),
               alt.Tooltip("share:N", title="Xinjiang as a share of China’s (this site’s calculation)"),
               alt.Tooltip("status:N", title="Status of the figure")]
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
                                              "text": ["China as a whole" if region == "china" else "Xinjiang"]}))
                      .mark_text(style="heading" if region == "china" else "heading-focus",
                                 dy=-14 if region == "china" else 20, aria=False)
                      .encode(x=x, y=y, text="text:N"))
    title = alt.Title(["Yuan per person, current prices"], orient="top", fontSize=13, fontWeight="normal",
                      subtitle=["%: Xinjiang as a share of China’s, this site’s", "calculation. Dashed: no figures for 2016–18."],
                      subtitlePadding=6)
    return alt.layer(*layers, title=title).properties(height=220)
