"""Locator map: Pakistan's provinces and the two pairings an opinion article proposes, with distances."""

from _maps import Locator, locator_map

TITLE = "The proposed pairs: Lahore and Quetta about 720 km apart, Peshawar and Awaran about 1,040 km"
DESCRIPTION = """
A map of Pakistan's provinces and territories: Balochistan, Sindh, Punjab, Khyber Pakhtunkhwa
(which since 2018 includes the former tribal areas), Islamabad Capital Territory, Gilgit-Baltistan
and Azad Jammu and Kashmir. Balochistan is shaded as the proposed receiving province, and Punjab and
Khyber Pakhtunkhwa as the proposed donors' provinces. Lines join the pairs an opinion article
proposes: Lahore to Quetta, about 720 km, and Peshawar to Awaran, about 1,040 km. The distances are
this site's calculation: great-circle distances between the coordinates in the data (haversine
formula, Earth radius 6,371 km), rounded to 10 km. A bar shows 200 km, and a small globe locates
Pakistan and China. Borders are drawn as Natural Earth draws them, by who controls the ground: in
Kashmir the line between the areas Pakistan and India administer is drawn as a border.
"""
DATASETS = ["pairings", "geo_pakistan", "geo_world"]
LOCATOR = Locator(
    country="pakistan",
    geo="geo_pakistan",
    width=342, map_height=344, key_height=142,
    # Albers equal-area conic: standard parallels 26° N and 35° N, centred on 69.5° E, 30.5° N. The
    # scale (pixels per radian) is the one charts/data/make_geo.mjs simplified the data for.
    albers={"type": "conicEqualArea", "parallels": [26, 35], "rotate": [-69.5, 0, 0], "center": [0, 30.5],
        "scale": 1408, "translate": [187, 172]},
    scale_bar_km=200, scale_bar_latitude=30.5,
    labels=[
        ("BALOCHISTAN", 65.4, 28.4, "heading", 0, 0, "center"),
        ("PUNJAB", 72.2, 30.0, "heading", 0, 0, "center"),
        ("KHYBER", 72.3, 35.55, "heading", 0, 0, "center"),
        ("PAKHTUNKHWA", 72.3, 35.1, "heading", 0, 0, "center"),
        ("Sindh", 68.8, 26.4, "label", 0, 0, "center"),
        ("Gilgit-Baltistan", 74.5, 36.55, "label", 0, 0, "center"),
        ("AFGHANISTAN", 65.8, 33.4, "note", 0, 0, "center"),
        ("INDIA", 75.8, 27.6, "note", 0, 0, "center"),
        ("Arabian Sea", 64.5, 23.9, "note", 0, 0, "center"),
    ],
    place_labels={"Lahore": ("Lahore", 0, 13, "center", "label"), "Quetta": ("Quetta", -6, 0, "right", "label"),
        "Peshawar": ("Peshawar", -6, 0, "right", "label"), "Awaran": ("Awaran", -6, 0, "right", "label")},
    distance_labels={"lahore_quetta": (0.5, -9), "peshawar_awaran": (0.25, -9)},
    callouts=[("1", "Islamabad Capital Territory", 73.1, 33.65, 10, 12), ("2", "Azad Jammu and Kashmir", 73.95, 34.2, 16, -4)],
    area="Province or territory",
    shown={"donor": "A proposed donor's province", "receiving": "The proposed receiving province",
        "neutral": "Province or territory"},
    legend=[("receiving", "Proposed receiving province"), ("donor", "Proposed donors' provinces"),
        ("line", "Pairing: great-circle distance"), ("locator", "Pakistan and China (globe)")],
)


def chart(data):
    return locator_map(data, LOCATOR)
