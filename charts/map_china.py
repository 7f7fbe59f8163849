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
TRANSLATIONS = {
    "ur": {
        "TITLE": "قزلسو کے جوڑی دار صوبے، جیانگسو اور جیانگشی، 3,830–3,900 کلومیٹر کے فاصلے پر ہیں",
        "DESCRIPTION": """
چین کے صوبوں کا نقشہ۔ انتہائی مغرب میں سنکیانگ کو وصول کنندہ خطے کے طور پر، اور دو مشرقی صوبوں کو امداد دینے
والوں کے طور پر رنگ دیا گیا ہے: جیانگسو، جو آرتش شہر اور آقچی اور اولوغچات کاؤنٹیوں کی مدد کرتا ہے، اور جیانگشی،
جو آقتو کاؤنٹی کی مدد کرتا ہے؛ یہ سب سنکیانگ کی مغربی سرحد پر واقع قزلسو کرغیز خود مختار پریفیکچر میں ہیں۔ لکیریں
جیانگسو کے دارالحکومت نانجنگ کو آرتش سے، تقریباً 3,900 کلومیٹر، اور جیانگشی کے دارالحکومت نان چانگ کو آقتو سے،
تقریباً 3,830 کلومیٹر، ملاتی ہیں۔ فاصلے اس سائٹ کا حساب ہیں: ڈیٹا میں دیے گئے نقاط کے درمیان عظیم دائرے کے فاصلے
(ہیورسائن فارمولا، زمین کا نصف قطر 6,371 کلومیٹر)، قریب ترین 10 کلومیٹر تک گول کیے گئے۔ باقی 17 امداد دینے والے
نشان زد نہیں کیے گئے۔ ایک پٹی 500 کلومیٹر دکھاتی ہے، اور ایک چھوٹا گلوب چین اور پاکستان کا محلِ وقوع دکھاتا ہے۔
سرحدیں اسی طرح کھینچی گئی ہیں جیسے Natural Earth انہیں کھینچتا ہے، یعنی زمین پر کس کا کنٹرول ہے اس کے مطابق،
کشمیر اور اکسائی چن میں بھی۔
""",
    },
}
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
    # In Urdu, Kizilsu's name reaches further down: higher, clear of Artux's point.
    translated={"place_labels": {"Artux": ("Kizilsu", -7, -11, "left", "label")}},
)
WORDS = {
    "ur": {
        "XINJIANG": "سنکیانگ", "Inner Mongolia": "اندرونی منگولیا", "Xizang (Tibet)": "شیزانگ (تبت)",
        "MONGOLIA": "منگولیا", "INDIA": "بھارت", "Jiangsu": "جیانگسو", "Jiangxi": "جیانگشی", "Kizilsu": "قزلسو",
        "Nanjing": "نانجنگ", "Nanchang": "نان چانگ", "Artux": "آرتش", "Akto": "آقتو",
        "Province": "صوبہ", "Donor province (2 of the 19 donors are marked)": "امداد دینے والا صوبہ (19 میں سے 2 نشان زد)",
        "Receiving region": "وصول کنندہ خطہ", "Donor province (2 of the 19)": "امداد دینے والا صوبہ (19 میں سے 2)",
        "Pairing: great-circle distance": "جوڑی: عظیم دائرے کا فاصلہ", "China and Pakistan (globe)": "چین اور پاکستان (گلوب)",
        # The provinces, as the map data names them.
        "Anhui": "انہوئی", "Beijing": "بیجنگ", "Chongqing": "چونگ چنگ", "Fujian": "فوجیان", "Gansu": "گانسو",
        "Guangdong": "گوانگ ڈونگ", "Guangxi": "گوانگشی", "Guizhou": "گوئیژو", "Hainan": "ہائنان", "Hebei": "ہیبے",
        "Heilongjiang": "ہیلونگ جیانگ", "Henan": "ہینان", "Hubei": "ہوبے", "Hunan": "ہونان", "Jilin": "جیلن",
        "Liaoning": "لیاؤننگ", "Ningxia": "ننگشیا", "Qinghai": "چنگھائی", "Shaanxi": "شانشی", "Shandong": "شانڈونگ",
        "Shanghai": "شنگھائی", "Shanxi": "شانسی", "Sichuan": "سیچوان", "Tianjin": "تیانجن", "Xinjiang": "سنکیانگ",
        "Yunnan": "یوننان", "Zhejiang": "ژجیانگ",
    },
}


def chart(data, lang=None):
    return locator_map(data, LOCATOR, lang, WORDS)
