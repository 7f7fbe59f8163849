"""The proposed Pakistani pairings and the Xinjiang pairings, as points and lines (no borders drawn)."""

import altair as alt

TITLE = "Who is paired with whom: the Xinjiang pairings and the proposed Pakistani ones"
DESCRIPTION = """
Two schematic maps from approximate city coordinates, with no borders drawn. In China, lines join
Jiangsu (Nanjing) to Artux in Kizilsu and Jiangxi (Nanchang) to Akto, both more than 3,000 km
apart. In Pakistan, the proposal's lines join Lahore to Quetta and Peshawar to Awaran.
"""
DATASETS = ["pairings"]


def _panel(frame, country, title):
    places = frame[frame["country"] == country]
    ends = ["pairing", "latitude", "longitude"]
    lines = places.loc[places["role"] == "donor", ends].merge(
        places.loc[places["role"] == "recipient", ends], on="pairing", suffixes=("", "_to"))
    # A centre per panel: otherwise Vega-Lite merges the two panels' projections into one.
    projection = {"type": "equirectangular",
                  "center": [round(places["longitude"].mean(), 2), round(places["latitude"].mean(), 2)]}
    links = alt.Chart(lines).mark_rule(strokeWidth=2, strokeDash=[4, 3]).encode(
        longitude="longitude:Q", latitude="latitude:Q", longitude2="longitude_to:Q", latitude2="latitude_to:Q",
    ).properties(projection=projection)
    points = alt.Chart(places).mark_circle(size=90, opacity=1).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        color=alt.Color("role:N", title=None, sort=["donor", "recipient"]),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("pairing:N", title="Pairing")],
    ).properties(projection=projection)
    # Akto sits close to Artux, so its label goes below; Quetta's goes left, clear of the Awaran line.
    placed = {"Akto": (0, 15, "center"), "Quetta": (-8, 0, "right")}
    labels = [
        alt.Chart(places[places["marker"] == marker] if marker else places[~places["marker"].isin(list(placed))])
        .mark_text(fontSize=12, dx=dx, dy=dy, align=align)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="marker:N")
        .properties(projection=projection)
        for marker, (dx, dy, align) in [*placed.items(), ("", (0, -11, "center"))]
    ]
    return alt.layer(links, points, *labels, title=title).properties(width=300, height=200)


def chart(data):
    frame = data["pairings"]
    return alt.vconcat(_panel(frame, "china", "China: pairings in operation"),
                       _panel(frame, "pakistan", "Pakistan: pairings proposed")).resolve_scale(color="shared")
