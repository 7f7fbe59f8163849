"""Editorial rules the whole site keeps: no copied runs from the seed articles, every page dated,
typographic punctuation everywhere, glossary terms linked where they are first used."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitegen.content import split_front_matter
from tests.conftest import REPO, page, write_files

SEEDS = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
RUN = 8  # words: a shared run this long is a copied sentence, not a shared phrase


def words(text: str) -> list[str]:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.casefold())


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


def written_text() -> dict[str, str]:
    """Everything the site's editors wrote: pages, YAML text, chart titles, descriptions and labels.
    Source titles and publishers are names quoted as they are, so they are left out."""
    texts = {p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8") for p in sorted(REPO.glob("content/**/*.md"))}
    for name in ("compare.yaml", "glossary.yaml"):
        if (REPO / name).exists():
            texts[name] = (REPO / name).read_text(encoding="utf-8")
    for path in sorted(REPO.glob("charts/*.py")) + sorted(REPO.glob("charts/data/*.yaml")):
        texts[path.relative_to(REPO).as_posix()] = path.read_text(encoding="utf-8")
    catalogue = yaml.safe_load((REPO / "sources.yaml").read_text(encoding="utf-8"))
    texts["sources.yaml (notes)"] = "\n".join(str(entry.get("notes", "")) for entry in catalogue.values())
    return texts


@pytest.mark.skipif(not SEEDS, reason="the seed articles are in ../shared/seeds/")
def test_no_run_of_eight_words_is_copied_from_a_seed_article():
    seed_runs = {run: seed.name for seed in SEEDS for run in runs(seed.read_text(encoding="utf-8"))}
    copied = {f"{name}: '{' '.join(run)}' (from {seed_runs[run]})"
              for name, text in written_text().items() for run in runs(text) if run in seed_runs}
    assert sorted(copied) == []


def test_the_check_finds_a_copied_run():
    seed = "the programme seems to have achieved little success in boosting the economy"
    assert runs(seed) & runs("We read that the programme seems to have achieved little success in boosting it.")
    assert not runs(seed) & runs("The programme, in the paper's words, seems to have had little success.")


def test_every_content_page_says_when_it_was_published():
    undated = []
    for path in sorted(REPO.glob("content/**/*.md")):
        front = yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])
        if "date" not in front or ("updated" in front and front["updated"] < front["date"]):
            undated.append(path.relative_to(REPO).as_posix())
    assert undated == []


class _ProseText(HTMLParser):
    """The text of a page that readers read as prose: not code, dates, data tables or attributes."""

    SKIPPED = {"code", "pre", "script", "style", "time", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: list[str] = []
        self.skipping = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link", "img", "source", "br", "hr", "input", "wbr"):
            return
        skip = tag in self.SKIPPED or (tag == "details" and "chart-data" in (dict(attrs).get("class") or ""))
        self.depth.append(tag if not skip else f"skip:{tag}")
        self.skipping += skip

    def handle_endtag(self, tag: str) -> None:
        while self.depth:
            opened = self.depth.pop()
            self.skipping -= opened.startswith("skip:")
            if opened.removeprefix("skip:") == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


def prose_of(path: Path) -> str:
    parser = _ProseText()
    html = path.read_text(encoding="utf-8")
    parser.feed(html[html.index("<body"):])
    return " ".join(parser.text)


TYPOGRAPHY = {
    "a straight quote (the build curls quotes; is one escaped or inside code?)": re.compile(r"[\"']"),
    "a spaced hyphen used as a dash (write – or --)": re.compile(r"\s-\s"),
    "a hyphen in a range of numbers (write – or --)": re.compile(r"(?<![\w./-])\d+(?:\.\d+)?-\d+(?:\.\d+)?%?(?![\w/-])"),
    "a space before % (write 0.3%)": re.compile(r"\d\s+%"),
    "'per cent' or 'percent' outside a quotation (write %)": re.compile(r"\bper ?cent\b(?![^“”]*”)", re.IGNORECASE),
    "dollars written out (write US$545 million)": re.compile(r"\b(?:U\.?S\.? dollars|US \$)", re.IGNORECASE),
}


def test_typography_everywhere_readers_read(real_site):
    found = []
    for path in sorted(real_site.rglob("*.html")):
        text = prose_of(path)
        for problem, pattern in TYPOGRAPHY.items():
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 40):match.end() + 40].replace("\n", " ")
                found.append(f"{path.relative_to(real_site)}: {problem}: …{context}…")
    assert found == []


def test_the_typography_check_finds_each_fault():
    samples = ['He said "no".', "rich - and poor", "0.3-0.6% of revenue", "12 %", "76 per cent", "545 million US dollars"]
    for sample, pattern in zip(samples, TYPOGRAPHY.values(), strict=True):
        assert pattern.search(sample), sample
    for clean in ["He said “no”.", "rich – and poor", "0.3–0.6% of revenue", "12%", "“just 76 per cent”", "US$545 million",
                  "a Xinjiang-wide total", "COVID-19 cases"]:
        assert not any(p.search(clean) for p in TYPOGRAPHY.values()), clean


GLOSSARY = """\
- term: divisible pool
  also: [divisible pools]
  definition: The federal taxes shared with the provinces -- by formula.
  sources: [state-report]
- term: NFC award
  definition: The award that sets the shares.
"""


def test_the_first_use_of_each_glossary_term_links_to_the_glossary(make_site, run):
    root = make_site({
        "glossary.yaml": GLOSSARY,
        "content/glossary.md": page("Glossary", "The terms.", template="glossary.html"),
        "content/a.md": page("A", "## The divisible pool\n\nThe Divisible Pool, then the divisible pools and "
                                  "the NFC award; `divisible pool` in code.\n\nAgain the NFC award."),
    })
    assert run(root, "build").code == 0
    html = (root / "site/a/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="glossary-term" href="/glossary/#term-([a-z-]+)">([^<]+)</a>', html)
    assert links == [("divisible-pool", "Divisible Pool"), ("nfc-award", "NFC award")]  # first uses only
    assert '<h2 id="the-divisible-pool">The divisible pool' in html  # headings are left alone
    glossary = (root / "site/glossary/index.html").read_text(encoding="utf-8")
    assert '<dt id="term-divisible-pool">divisible pool</dt>' in glossary
    assert "The federal taxes shared with the provinces – by formula." in glossary  # typography from YAML
    assert 'href="#source-state-report"' in glossary  # the definition's source is cited and listed
    assert "glossary-term" not in glossary  # the glossary does not link to itself


def test_a_glossary_without_a_page_or_with_a_bad_source_stops_the_build(make_site, run):
    root = make_site({"glossary.yaml": GLOSSARY})
    result = run(root, "build")
    assert result.code == 1 and "glossary.yaml: no page shows the glossary" in result.err
    write_files(root, {"glossary.yaml": GLOSSARY.replace("[state-report]", "[state-reprot]"),
                       "content/glossary.md": page("Glossary", template="glossary.html")})
    result = run(root, "build")
    assert "glossary.yaml:1: 'divisible pool': unknown source 'state-reprot'" in result.err
    assert "did you mean 'state-report'?" in result.err


def test_real_site_glossary_terms_link_to_their_entries(real_site):
    glossary = (real_site / "glossary/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<dt id="term-([a-z0-9-]+)"', glossary))
    assert len(ids) >= 15
    linked = set()
    for path in real_site.rglob("index.html"):
        linked |= set(re.findall(r'class="glossary-term" href="/glossary/#term-([a-z0-9-]+)"', path.read_text("utf-8")))
    assert linked and linked <= ids
