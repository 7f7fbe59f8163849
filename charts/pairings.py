"""The proposed Pakistani pairings and the Xinjiang pairings, as points and lines (no borders drawn)."""

import math

import altair as alt

TITLE = "Kizilsu's partner provinces lie 3,830–3,900 km away; the proposed Pakistani pairs 720–1,040 km apart"
DESCRIPTION = """
Two schematic maps from approximate city coordinates, with no borders drawn, each at its own scale. In China, lines join
Jiangsu (marked at Nanjing) to Artux in Kizilsu, about 3,900 km apart, and Jiangxi (marked at
Nanchang) to Akto, about 3,830 km apart. In Pakistan, the proposal's lines join Lahore to Quetta,
about 720 km apart, and Peshawar to Awaran, about 1,040 km apart. The distances are this site's
calculation: great-circle distances between the coordinates in the data, by the haversine
formula with an Earth radius of 6,371 km, rounded to the nearest 10 km.
"""
DATASETS = ["pairings"]
EARTH_RADIUS_KM = 6371.0


def great_circle_km(lat1, lon1, lat2, lon2):
    """Haversine distance in km: 2R · asin(sqrt(sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)))."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _panel(frame, country, title):
    places = frame[frame["country"] == country]
    ends = ["pairing", "latitude", "longitude"]
    lines = places.loc[places["role"] == "donor", ends].merge(
        places.loc[places["role"] == "recipient", ends], on="pairing", suffixes=("", "_to"))
    lines = lines.assign(km=[round(great_circle_km(*r) / 10) * 10 for r in
                             lines[["latitude", "longitude", "latitude_to", "longitude_to"]].itertuples(index=False)])
    # A centre per panel: otherwise Vega-Lite merges the two panels' projections into one.
    projection = {"type": "equirectangular",
                  "center": [round(places["longitude"].mean(), 2), round(places["latitude"].mean(), 2)]}
    links = alt.Chart(lines).mark_rule(strokeWidth=2, strokeDash=[4, 3]).encode(
        longitude="longitude:Q", latitude="latitude:Q", longitude2="longitude_to:Q", latitude2="latitude_to:Q",
        tooltip=[alt.Tooltip("pairing:N", title="Pairing"),
                 alt.Tooltip("km:Q", title="Great-circle distance, km (this site's calculation)", format=",.0f")],
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
