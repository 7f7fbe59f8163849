"""Locator map: China's provinces, Xinjiang, Kizilsu's two partner provinces and the distances."""

from _maps import Locator, locator_map

TITLE = "Kizilsu's partner provinces, Jiangsu and Jiangxi, lie 3,830–3,900 km away"
DESCRIPTION = """
A map of China's provinces. Xinjiang, in the far west, is shaded as the receiving region, and two
eastern provinces as donors: Jiangsu, which assists Artux city and the counties of Akqi and
Ulugqat, and Jiangxi, which assists Akto county, all in Kizilsu Kirghiz Autonomous Prefecture on
Xinjiang's western border. Lines join Nanjing, Jiangsu's capital, to Artux, about 3,900 km, and
Nanchang, Jiangxi's capital, to Akto, about 3,830 km. The distances are this site's calculation:
great-circle distances between the coordinates in the data (haversine formula, Earth radius
6,371 km), rounded to 10 km. The other 17 donors are not marked. A bar shows 500 km, and a small
globe locates China and Pakistan. Borders are drawn as Natural Earth draws them, by who controls
the ground, including in Kashmir and Aksai Chin.
"""
DATASETS = ["pairings", "geo_china", "geo_world"]
LOCATOR = Locator(
    country="china",
    geo="geo_china",
    width=342, map_height=300, key_height=104,
    # Albers equal-area conic: standard parallels 25° N and 47° N, centred on 104° E, 36° N. The scale
    # (pixels per radian) is the one charts/data/make_geo.mjs simplified the data for.
    albers={"type": "conicEqualArea", "parallels": [25, 47], "rotate": [-104, 0, 0], "center": [0, 36],
        "scale": 440, "translate": [182, 158]},
    scale_bar_km=500, scale_bar_latitude=36,
    labels=[
        ("XINJIANG", 90.0, 41.8, "heading", 0, 0, "center"),
        ("Inner Mongolia", 110.0, 42.3, "note", 0, 0, "center"),
        ("Xizang (Tibet)", 88.5, 31.8, "note", 0, 0, "center"),
        ("MONGOLIA", 103.0, 46.6, "note", 0, 0, "center"),
        ("INDIA", 81.5, 24.5, "note", 0, 0, "center"),
    ],
    # A donor province is named at its capital's point; Artux and Akto, a few pixels apart, are
    # named once, as Kizilsu.
    place_labels={"Nanjing": ("Jiangsu", 5, -1, "left", "heading"), "Nanchang": ("Jiangxi", 6, 7, "left", "heading"),
        "Artux": ("Kizilsu", -7, -6, "left", "label")},
    distance_labels={"jiangsu_kizilsu": (0.5, -9), "jiangxi_akto": (0.5, 11)},
    area="Province",
    shown={"donor": "Donor province (2 of the 19 donors are marked)", "receiving": "Receiving region",
        "neutral": "Province"},
    legend=[("receiving", "Receiving region"), ("donor", "Donor province (2 of the 19)"),
        ("line", "Pairing: great-circle distance"), ("locator", "China and Pakistan (globe)")],
)


def chart(data):
    return locator_map(data, LOCATOR)
