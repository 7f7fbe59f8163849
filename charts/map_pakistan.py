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
TRANSLATIONS = {
    "ur": {
        "TITLE": ("مجوزہ جوڑیاں: لاہور اور کوئٹہ کے درمیان تقریباً 720 کلومیٹر کا فاصلہ، پشاور اور آواران کے درمیان "
                  "تقریباً 1,040 کلومیٹر"),
        "DESCRIPTION": """
پاکستان کے صوبوں اور علاقوں کا نقشہ: بلوچستان، سندھ، پنجاب، خیبر پختونخوا (جس میں 2018 سے سابق قبائلی علاقے شامل
ہیں)، وفاقی دارالحکومت اسلام آباد، گلگت بلتستان اور آزاد جموں و کشمیر۔ بلوچستان کو مجوزہ وصول کنندہ صوبے کے طور پر،
اور پنجاب اور خیبر پختونخوا کو مجوزہ امداد دینے والوں کے صوبوں کے طور پر رنگ دیا گیا ہے۔ لکیریں ان جوڑیوں کو ملاتی
ہیں جو ایک رائے پر مبنی مضمون تجویز کرتا ہے: لاہور سے کوئٹہ، تقریباً 720 کلومیٹر، اور پشاور سے آواران، تقریباً
1,040 کلومیٹر۔ فاصلے اس سائٹ کا حساب ہیں: ڈیٹا میں دیے گئے نقاط کے درمیان عظیم دائرے کے فاصلے (ہیورسائن فارمولا،
زمین کا نصف قطر 6,371 کلومیٹر)، قریب ترین 10 کلومیٹر تک گول کیے گئے۔ ایک پٹی 200 کلومیٹر دکھاتی ہے، اور ایک چھوٹا
گلوب پاکستان اور چین کا محلِ وقوع دکھاتا ہے۔ سرحدیں اسی طرح کھینچی گئی ہیں جیسے Natural Earth انہیں کھینچتا ہے، یعنی
زمین پر کس کا کنٹرول ہے اس کے مطابق: کشمیر میں پاکستان اور بھارت کے زیرِ انتظام علاقوں کے درمیان لکیر سرحد کے
طور پر دکھائی گئی ہے۔
""",
    },
}
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
    # In Urdu, "km" is a longer word: Lahore–Quetta's distance nearer Lahore, clear of the other's.
    translated={"distance_labels": {"lahore_quetta": (0.42, -9)}},
)
WORDS = {
    "ur": {
        "BALOCHISTAN": "بلوچستان", "PUNJAB": "پنجاب", "KHYBER": "خیبر پختونخوا", "PAKHTUNKHWA": "", "Sindh": "سندھ",
        "Gilgit-Baltistan": "گلگت بلتستان", "AFGHANISTAN": "افغانستان", "INDIA": "بھارت", "Arabian Sea": "بحیرۂ عرب",
        "Lahore": "لاہور", "Quetta": "کوئٹہ", "Peshawar": "پشاور", "Awaran": "آواران",
        # The provinces and territories, as the map data and the pairings name them.
        "Balochistan": "بلوچستان", "Punjab": "پنجاب", "Khyber Pakhtunkhwa": "خیبر پختونخوا",
        "Islamabad Capital Territory": "وفاقی دارالحکومت اسلام آباد", "Azad Jammu and Kashmir": "آزاد جموں و کشمیر",
        "Province or territory": "صوبہ یا علاقہ", "A proposed donor's province": "کسی مجوزہ امداد دینے والے کا صوبہ",
        "The proposed receiving province": "مجوزہ وصول کنندہ صوبہ",
        "Proposed receiving province": "مجوزہ وصول کنندہ صوبہ", "Proposed donors' provinces": "مجوزہ امداد دینے والوں کے صوبے",
        "Pairing: great-circle distance": "جوڑی: عظیم دائرے کا فاصلہ", "Pakistan and China (globe)": "پاکستان اور چین (گلوب)",
    },
}


def chart(data, lang=None):
    return locator_map(data, LOCATOR, lang, WORDS)
