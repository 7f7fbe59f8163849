"""Labour transfers from southern Xinjiang: the part sent to coastal provinces filled into the total
it is part of (never stacked on it)."""

import altair as alt
from _bars import bar_list

TITLE = ("Of 151,000 workers moved to jobs from poor households in southern Xinjiang since 2018, 114,700 "
         "work in coastal provinces, China’s foreign ministry says")
DESCRIPTION = """
A bar standing for the 151,000 workers from poor southern Xinjiang households that China's foreign
ministry says were moved to jobs from 2018 to July 2020, with the 114,700 of them working in
coastal provinces filled into it: 76.0% of the total (114,700 ÷ 151,000, this site's calculation),
as the South China Morning Post reports.
"""
DATASETS = ["labour_transfers"]


def chart(data):
    frame = data["labour_transfers"].set_index("group")
    total, coastal = frame.loc["transferred_total", "workers"], frame.loc["in_coastal_provinces", "workers"]
    period = frame.loc["transferred_total", "period"]

    def bar(group, label, end, tone, value, **extra):
        row = frame.loc[group]
        return {"kind": "bar", "label": label, "end": end, "tone": tone, "value": value, "value_at": "right",
                "figure": row["label"], "workers": int(row["workers"]), "period": row["period"],
                "aria": f"{row['label']}: {row['workers']:,}", **extra}

    items = [
        {"kind": "note", "text": f"Workers, {period} (official figures)"},
        bar("transferred_total", "All moved to jobs", 1.0, "context", f"{total:,}"),
        bar("in_coastal_provinces", "Of whom working in coastal provinces", coastal / total, "focus", f"{coastal:,}",
            whole=1.0),
        {"kind": "fact", "text": f"About three in four: {100 * coastal / total:.1f}%"},
        {"kind": "note", "text": "Share: this site’s calculation"},
    ]
    return bar_list(items, [alt.Tooltip("figure:N", title="Group"), alt.Tooltip("workers:Q", title="Workers", format=",.0f"),
                             alt.Tooltip("period:N", title="Period")])
