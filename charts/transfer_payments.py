"""Central budget transfer payments to Xinjiang, 2014 and 2019, as columns on a time axis: each
column spans its year, and the years the source does not give are left empty."""

import altair as alt
import pandas as pd

TITLE = "Transfers from China’s central budget to Xinjiang rose from 263.69 billion yuan in 2014 to 422.48 billion in 2019"
DESCRIPTION = """
Two columns on a time axis: transfer payments from China's central budget to Xinjiang of 263.69
billion yuan in 2014 and 422.48 billion yuan in 2019, as reported by the South China Morning Post,
which gives no figures for the years between. That is 158.79 billion yuan more, or 60.2% ((422.48
− 263.69) ÷ 263.69, this site's calculation).
"""
DATASETS = ["transfer_payments"]


def chart(data):
    frame = data["transfer_payments"]
    frame = frame.assign(billions=frame["yuan"] / 1e9, start=frame["year"].astype(str) + "-02-15",
                         end=frame["year"].astype(str) + "-11-15", middle=frame["year"].astype(str) + "-07-01",
                         value=(frame["yuan"] / 1e9).map("{:,.2f}".format),
                         aria=frame["year"].astype(str) + ": " + (frame["yuan"] / 1e9).map("{:,.2f}".format)
                         + " billion yuan")
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=["2014-01-01", "2020-01-01"]),
              axis=alt.Axis(format="%Y", values=[f"{y}-07-01" for y in range(2014, 2020)], grid=False))
    y = alt.Y("billions:Q", title=None, scale=alt.Scale(domain=[0, 450]), axis=None)
    base = alt.Chart(frame)
    columns = base.mark_bar(style="focus").encode(
        x=x, x2="end:T", y=y, y2=alt.datum(0), tooltip=[alt.Tooltip("year:O", title="Year"),
                                       alt.Tooltip("billions:Q", title="Billion yuan", format=",.2f")],
        description="aria:N")
    values = base.mark_text(style="value", dy=-10, aria=False).encode(
        x=alt.X("middle:T", scale=alt.Scale(domain=["2014-01-01", "2020-01-01"]), title=None), y=y, text="value:N")
    gap = alt.Chart(pd.DataFrame({"date": ["2017-01-01", "2017-01-01"], "billions": [70, 42],
                                  "text": ["No figures for", "2015–18"]})).mark_text(style="note", aria=False).encode(
        x=alt.X("date:T", scale=alt.Scale(domain=["2014-01-01", "2020-01-01"]), title=None), y=y, text="text:N")
    change = alt.Title(["Billion yuan a year"], fontSize=13, fontWeight="normal",
                       subtitle=["Up 158.79 billion, or 60.2%:", "this site’s calculation"])
    return alt.layer(columns, values, gap, title=change).properties(height=220)
