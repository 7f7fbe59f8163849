"""What the locator maps share: Natural Earth areas in an Albers equal-area projection, the
pairings as great-circle lines labelled with their length, names placed by hand with a halo, and
below the map a key with a globe, what the shading means and a scale bar.

A map module describes its map in a ``Locator`` and returns ``locator_map(data, LOCATOR)``; the
build runs this module from the bytes it read and hashed, and a change to it redraws both maps.

Drawn in another language (``locator_map(data, LOCATOR, lang, WORDS)``), every word is looked up
with ``say``: the words both maps use in this module's WORDS, the map's own (its labels, places and
provinces) in the WORDS the map module gives. The areas' names come from the map data, in English,
and are looked up as the chart is drawn. Marks that only draw (swatches, leader lines, the scale
bar) are left out of what a screen reader reads, and each label is read as its text.
"""

import json
import math
from dataclasses import dataclass, field, replace

import altair as alt
import pandas as pd
from _words import words


@dataclass(frozen=True)
class Locator:
    """One locator map. Positions are (longitude, latitude) unless said otherwise."""

    country: str  # the rows of the 'pairings' data this map shows
    geo: str  # the dataset of its areas ('provinces', 'countries', 'borders' objects)
    width: int
    map_height: int
    key_height: int
    # Albers equal-area conic (a Vega projection); its scale (pixels per radian) is the one
    # charts/data/make_geo.mjs simplified the data for.
    albers: dict
    scale_bar_km: int
    scale_bar_latitude: float  # the bar is true along this parallel (the scale varies with latitude)
    # Labels placed by hand, as a map editor would: (text, longitude, latitude, style, dx, dy, align).
    labels: list
    # Names placed at places of the data, by marker: (text, dx, dy, align, style).
    place_labels: dict
    # Where each pairing's distance goes along its line: (fraction of the way from the donor, dy in pixels).
    distance_labels: dict
    area: str  # what the map's areas are called in their tooltips
    shown: dict  # what an area's tooltip says it is, by tone: 'donor', 'receiving', 'neutral'
    legend: list  # the key's entries: (tone, text)
    # Areas too small to hold their names: a number beside each, with a line to it, named in the
    # key: (number, name, longitude, latitude, dx, dy of the number from the point).
    callouts: list = field(default_factory=list)
    # Drawn in another language, labels that need another place (longer words, or letters reaching
    # further below the line than Latin ones): entries that replace those of 'place_labels' and
    # 'distance_labels', by their key, as {"place_labels": {...}, "distance_labels": {...}}.
    translated: dict = field(default_factory=dict)

    def placed(self, lang) -> "Locator":
        """The map as it is laid out in ``lang`` (None: the site's language)."""
        if not lang or not self.translated:
            return self
        return replace(self, **{name: {**getattr(self, name), **moved} for name, moved in self.translated.items()})

    @property
    def projection(self) -> dict:
        return {**self.albers, "clipExtent": [[0, 0], [self.width, self.map_height]]}


# The words both maps use, and the countries' names in the map data.
WORDS = {
    "ur": {
        "Country": "ملک", "On this map": "اس نقشے پر", "Pairing": "جوڑی", "Place": "مقام",
        "Great-circle distance, km (this site's calculation)": "عظیم دائرے کا فاصلہ، کلومیٹر (اس سائٹ کا حساب)",
        "{km} km": "{km} کلومیٹر", "{start} – {end}": "{start} – {end}",
        "{place_title}: {place}; {area_title}: {area}": "{place_title}: {place}؛ {area_title}: {area}",
        "Afghanistan": "افغانستان", "Bangladesh": "بنگلہ دیش", "Bhutan": "بھوٹان", "Cambodia": "کمبوڈیا",
        "China": "چین", "India": "بھارت", "Iran": "ایران", "Japan": "جاپان", "Kazakhstan": "قازقستان",
        "Kyrgyzstan": "کرغیزستان", "Laos": "لاؤس", "Mongolia": "منگولیا", "Myanmar": "میانمار", "Nepal": "نیپال",
        "North Korea": "شمالی کوریا", "Oman": "عمان", "Pakistan": "پاکستان", "Philippines": "فلپائن",
        "Russia": "روس", "Saudi Arabia": "سعودی عرب", "Siachen Glacier": "سیاچن گلیشیئر",
        "South Korea": "جنوبی کوریا", "Sri Lanka": "سری لنکا", "Taiwan": "تائیوان", "Tajikistan": "تاجکستان",
        "Thailand": "تھائی لینڈ", "Turkmenistan": "ترکمانستان", "United Arab Emirates": "متحدہ عرب امارات",
        "Uzbekistan": "ازبکستان", "Vietnam": "ویتنام",
    },
}


def in_language(say, topology, feature):
    """A Vega expression: the name of the area a datum of ``feature`` is, in the chart's language."""
    names = sorted({g["properties"]["name"] for g in topology["objects"][feature]["geometries"]})
    return f"{json.dumps({name: say(name) for name in names})}[datum.properties.name]"


GLOBE = {"type": "orthographic", "rotate": [-84, -30, 0], "scale": 46, "translate": [48, 52]}

EARTH_RADIUS_KM = 6371.0
# Colours come from the site's light and dark themes: neutral land is the theme's 'track', lines
# and labels its 'focus', 'label', 'note' and 'heading' styles, and the two kinds of shaded area
# its categorical palette (a tone names the colour, the scale gives it in each theme).
TONES = ["donor", "receiving", "green", "purple", "locator", "neutral"]
TONE = alt.Scale(domain=TONES, range="category")


def great_circle_km(lat1, lon1, lat2, lon2):
    """Haversine distance in km: 2R · asin(sqrt(sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)))."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def along(lat1, lon1, lat2, lon2, f):
    """(latitude, longitude) of the point a fraction f of the way along the great circle."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    d = great_circle_km(lat1, lon1, lat2, lon2) / EARTH_RADIUS_KM
    a, b = math.sin((1 - f) * d) / math.sin(d), math.sin(f * d) / math.sin(d)
    x = a * math.cos(p1) * math.cos(l1) + b * math.cos(p2) * math.cos(l2)
    y = a * math.cos(p1) * math.sin(l1) + b * math.cos(p2) * math.sin(l2)
    z = a * math.sin(p1) + b * math.sin(p2)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def albers(lon, lat, p):
    """Pixel position of a point, as Vega's conicEqualArea projection with ``p`` places it."""
    y0, y1 = (math.radians(v) for v in p["parallels"])
    n = (math.sin(y0) + math.sin(y1)) / 2
    c = 1 + math.sin(y0) * (2 * n - math.sin(y0))

    def raw(lam, phi):
        rho = math.sqrt(c - 2 * n * math.sin(phi)) / n
        return rho * math.sin(lam * n), math.sqrt(c) / n - rho * math.cos(lam * n)

    x, y = raw(math.radians(lon + p["rotate"][0]), math.radians(lat))
    cx, cy = raw(0, math.radians(p["center"][1]))
    return p["translate"][0] + p["scale"] * (x - cx), p["translate"][1] - p["scale"] * (y - cy)


def pixels_per_km(lat, p):
    """The projection's scale along the parallel at ``lat``, in pixels per km."""
    east = albers(0.5, lat, p)[0] - albers(-0.5, lat, p)[0]
    return east / (EARTH_RADIUS_KM * math.radians(1) * math.cos(math.radians(lat)))


def shapes(topology, feature):
    return alt.Chart(alt.Data(values=topology, format=alt.DataFormat(type="topojson", feature=feature)))


def pixels(**channels):
    """Encodings for positions given in pixels."""
    return {k: alt.X(v, scale=None) if k == "x" else alt.Y(v, scale=None) if k == "y" else v
            for k, v in channels.items()}


def labelled(m, rows, describe=False, **mark):
    """Text with a halo of the background's colour under it, so it reads over lines and shading:
    the theme's 'value-on-focus' style is the background's colour; unfilled, it draws the outline.
    ``describe``: a screen reader reads the text alone (not its position too)."""
    data = pd.DataFrame(rows)
    where = {"longitude": "longitude:Q", "latitude": "latitude:Q"} if "longitude" in data else pixels(x="x:Q", y="y:Q")
    style, size, weight = mark.pop("style"), mark.pop("fontSize", 13), mark.pop("fontWeight", None)
    halo = alt.Chart(data).mark_text(style="value-on-focus", filled=False, strokeWidth=3, strokeJoin="round", aria=False,
                                     fontSize=size, fontWeight=weight or "normal", **mark)
    text = alt.Chart(data).mark_text(style=style, fontSize=size, **({"fontWeight": weight} if weight else {}), **mark)
    layers = [chart.encode(text="text:N", **where, **({"description": "text:N"} if describe and chart is text else {}))
              for chart in (halo, text)]
    return [layer.project(**m.projection) for layer in layers] if "longitude" in data else layers


def pairs(m, places, say):
    """One row per pairing: both ends, the great-circle distance, and its label along the line."""
    ends = ["pairing", "marker", "latitude", "longitude"]
    lines = places.loc[places["role"] == "donor", ends].merge(
        places.loc[places["role"] == "recipient", ends], on="pairing", suffixes=("", "_to"))
    rows = []
    for r in lines.itertuples(index=False):
        km = round(great_circle_km(r.latitude, r.longitude, r.latitude_to, r.longitude_to) / 10) * 10
        fraction, dy = m.distance_labels[r.pairing]
        lat, lon = along(r.latitude, r.longitude, r.latitude_to, r.longitude_to, fraction)
        (x0, y0), (x1, y1) = (albers(*reversed(along(r.latitude, r.longitude, r.latitude_to, r.longitude_to, f)), m.albers)
                              for f in (fraction - 0.02, fraction + 0.02))
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        angle = angle + 180 if abs(angle) > 90 else angle  # never upside down
        rows.append({"type": "Feature", "pairing": say("{start} – {end}", start=say(r.marker), end=say(r.marker_to)),
                     "km": km, "text": say("{km} km", km=f"{km:,}"),
                     "latitude": lat, "longitude": lon, "angle": round(angle % 360, 1), "dy": dy,
                     "geometry": {"type": "LineString", "coordinates": [[r.longitude, r.latitude],
                                                                        [r.longitude_to, r.latitude_to]]}})
    return rows


def map_view(m, places, geo, say, lang):
    donors = sorted(set(places.loc[places["role"] == "donor", "province"]))
    receiving = sorted(set(places.loc[places["role"] == "recipient", "province"]))
    tone = (f"indexof({donors}, datum.properties.name) >= 0 ? 'donor' : "
            f"indexof({receiving}, datum.properties.name) >= 0 ? 'receiving' : 'neutral'")
    if lang:
        countries = shapes(geo, "countries").transform_calculate(country=in_language(say, geo, "countries"))
        country, name = "country:N", in_language(say, geo, "provinces")
        shown = f"{json.dumps({tone: say(text) for tone, text in m.shown.items()})}[datum.tone]"
    else:
        countries, country, name, shown = shapes(geo, "countries"), "properties.name:N", "datum.properties.name", \
            f"{m.shown}[datum.tone]"
    layers = [
        # Land around, fainter than the country mapped, and the borders between countries.
        countries.mark_geoshape(style="track", fillOpacity=0.5, strokeWidth=0)
        .encode(tooltip=[alt.Tooltip(country, title=say("Country"))]).project(**m.projection),
        shapes(geo, "borders").mark_geoshape(style="context", filled=False, strokeWidth=0.6, aria=False).project(**m.projection),
        shapes(geo, "provinces").transform_calculate(name=name, tone=tone, shown=shown)
        .mark_geoshape(style="track", strokeWidth=0.5)
        .encode(tooltip=[alt.Tooltip("name:N", title=say(m.area)), alt.Tooltip("shown:N", title=say("On this map"))])
        .project(**m.projection),
        shapes(geo, "provinces").transform_calculate(tone=tone).transform_filter("datum.tone != 'neutral'")
        .mark_geoshape(style="track", strokeWidth=0.5, fillOpacity=0.6, aria=False)
        .encode(color=alt.Color("tone:N", scale=TONE, legend=None)).project(**m.projection),
    ]
    lines = pd.DataFrame(pairs(m, places, say))
    layers.append(alt.Chart(alt.Data(values=lines.to_dict("records"))).mark_geoshape(
        style="focus", filled=False, strokeWidth=2).encode(tooltip=[
            alt.Tooltip("pairing:N", title=say("Pairing")),
            alt.Tooltip("km:Q", title=say("Great-circle distance, km (this site's calculation)"), format=",.0f")])
        .project(**m.projection))
    points, described = places, {}
    if lang:  # the places' names in the language, and read as such
        points = places.assign(marker=places["marker"].map(say), province=places["province"].map(say))
        points = points.assign(about=[say("{place_title}: {place}; {area_title}: {area}", place_title=say("Place"),
                                          place=r.marker, area_title=say(m.area), area=r.province)
                                      for r in points.itertuples()])
        described = {"description": "about:N"}
    layers.append(alt.Chart(points).mark_circle(style="label", size=22, opacity=1).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        tooltip=[alt.Tooltip("marker:N", title=say("Place")), alt.Tooltip("province:N", title=say(m.area))],
        **described).project(**m.projection))
    describe = {"describe": True} if lang else {}
    for row in lines.drop(columns="geometry").to_dict("records"):
        layers += labelled(m, [row], style="focus", fontWeight="bold", angle=row["angle"], dy=row["dy"], **describe)
    for place in places.to_dict("records"):
        if place["marker"] in m.place_labels:
            text, dx, dy, align, style = m.place_labels[place["marker"]]
            layers += labelled(m, [{"text": say(text), "longitude": place["longitude"], "latitude": place["latitude"]}],
                               style=style, dx=dx, dy=dy, align=align, **describe)
    for text, lon, lat, style, dx, dy, align in m.labels:
        if not say(text):
            continue  # a name a language writes on one line leaves its second line empty (Khyber / Pakhtunkhwa)
        layers += labelled(m, [{"text": say(text), "longitude": lon, "latitude": lat}], style=style, dx=dx, dy=dy,
                           align=align, **describe)
    silent = {"aria": False} if lang else {}  # only draws: the key names what it points to
    for number, _, lon, lat, dx, dy in m.callouts:
        x0, y0 = albers(lon, lat, m.albers)
        leader = pd.DataFrame([{"x": x0, "y": y0, "x2": x0 + dx * 0.7, "y2": y0 + dy * 0.7}])
        layers.append(alt.Chart(leader).mark_rule(style="label", strokeWidth=0.8, **silent).encode(
            **pixels(x="x:Q", y="y:Q"), x2="x2:Q", y2="y2:Q"))
        layers += labelled(m, [{"text": number, "x": x0 + dx, "y": y0 + dy}], style="label", fontWeight="bold",
                           baseline="middle", **describe)
    return alt.layer(*layers).properties(width=m.width, height=m.map_height)


def key_view(m, world, say, lang):
    """Below the map: a globe locating the two countries, what the shading means, and the scale."""
    if lang:
        countries = shapes(world, "countries").transform_calculate(tone="'locator'",
                                                                   country=in_language(say, world, "countries"))
        country, described = "country:N", {"description": "country:N"}
    else:
        countries = shapes(world, "countries").transform_calculate(tone="'locator'")
        country, described = "properties.name:N", {}
    layers = [
        alt.Chart(alt.sphere()).mark_geoshape(style="context", filled=False, strokeWidth=0.8, aria=False).project(**GLOBE),
        shapes(world, "land").mark_geoshape(style="track", strokeWidth=0, aria=False).project(**GLOBE),
        countries.mark_geoshape(strokeWidth=0).encode(
            color=alt.Color("tone:N", scale=TONE, legend=None),
            tooltip=[alt.Tooltip(country, title=say("Country"))], **described).project(**GLOBE),
    ]
    left, top, step = 112, 10, 19
    entries = m.legend + [(number, name) for number, name, *_ in m.callouts]
    rows = [{"tone": tone, "text": say(text), "x": left, "y": top + i * step} for i, (tone, text) in enumerate(entries)]
    silent = {"aria": False} if lang else {}  # only draws: the entry's text beside it says what it means
    describe = {"describe": True} if lang else {}
    swatches = pd.DataFrame([r for r in rows if r["tone"] in TONES]).assign(
        x2=lambda f: f["x"] + 14, y0=lambda f: f["y"] - 6, y2=lambda f: f["y"] + 6)
    layers.append(alt.Chart(swatches).mark_rect(style="track", strokeWidth=0.5, **silent).encode(
        **pixels(x="x:Q", y="y0:Q"), x2="x2:Q", y2="y2:Q", color=alt.Color("tone:N", scale=TONE, legend=None),
        fillOpacity=alt.condition("datum.tone == 'locator'", alt.value(1), alt.value(0.6))))
    line = pd.DataFrame([{**r, "x2": r["x"] + 14} for r in rows if r["tone"] == "line"])
    layers.append(alt.Chart(line).mark_rule(style="focus", strokeWidth=2, **silent).encode(
        **pixels(x="x:Q", y="y:Q"), x2="x2:Q"))
    layers += labelled(m, [{**r, "x": r["x"] + 20} for r in rows], style="label", align="left", baseline="middle",
                       **describe)
    numbers = [{"text": r["tone"], "x": r["x"] + 7, "y": r["y"]} for r in rows if r["tone"].isdigit()]
    if numbers:
        layers += labelled(m, numbers, style="label", fontWeight="bold", baseline="middle", **describe)
    y = top + len(entries) * step + 4
    bar = pd.DataFrame([{"x": left, "x2": left + m.scale_bar_km * pixels_per_km(m.scale_bar_latitude, m.albers), "y": y}])
    layers.append(alt.Chart(bar).mark_rule(style="label", strokeWidth=2, **silent).encode(**pixels(x="x:Q", y="y:Q"),
                                                                                           x2="x2:Q"))
    layers += labelled(m, [{"text": say("{km} km", km=f"{m.scale_bar_km:,}"), "x": bar["x2"][0] + 6, "y": y}],
                       style="label", align="left", baseline="middle", **describe)
    return alt.layer(*layers).properties(width=m.width, height=m.key_height)


def locator_map(data, m, lang=None, map_words=None):
    """The map above its key. A compound chart keeps its pixel size once interactive (CSS scales
    it down on a phone); sized by its views, not fitted to a width (which would squeeze the map to
    make room for a label). ``lang``: the language it is drawn in, its words in this module's WORDS
    and the map module's ``map_words``."""
    map_words = map_words or {}
    say = words({code: {**WORDS.get(code, {}), **map_words.get(code, {})} for code in {*WORDS, *map_words}}, lang)
    m = m.placed(lang)
    places = data["pairings"].query("country == @country", local_dict={"country": m.country})
    return alt.vconcat(map_view(m, places, data[m.geo], say, lang), key_view(m, data["geo_world"], say, lang), spacing=6,
                       autosize=alt.AutoSizeParams(type="pad", contains="padding"))
