// Lighthouse on several pages in one Node process and one Chrome, as its command line runs it on each:
// the same flags, read by the command line's own parser, the same presets. tests/lighthouse.py runs
// it; loading Lighthouse and starting Chrome once rather than for every page saves seconds a page.
//
//   node tests/lighthouse.mjs LIGHTHOUSE_PACKAGE CHROME_FLAGS_JSON JOB_JSON...
//
// A job is the command line's arguments as a JSON list, e.g. ["http://127.0.0.1:8000/", "--preset=desktop",
// "--only-categories=performance,seo"]. Prints one JSON line per job, in order: {"categories": {id: score}}
// (scores from 0 to 1, as in the report), or {"error": "..."}.
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [lighthousePackage, chromeFlags, ...jobs] = process.argv.slice(2);
const load = file => import(pathToFileURL(path.join(lighthousePackage, file)).href);
const {default: lighthouse} = await load('core/index.js');
const {getFlags} = await load('cli/cli-flags.js');
const ChromeLauncher = await import(pathToFileURL(path.join(lighthousePackage, '../chrome-launcher/dist/index.js')).href);
const {default: log} = await import(pathToFileURL(path.join(lighthousePackage, '../lighthouse-logger/index.js')).href);

log.setLevel('silent');
const chrome = await ChromeLauncher.launch({chromeFlags: JSON.parse(chromeFlags), logLevel: 'silent'});
try {
  for (const job of jobs) {
    const flags = getFlags(JSON.parse(job).join(' '), {noExitOnFailure: true});
    Object.assign(flags, {port: chrome.port, logLevel: 'silent', channel: 'cli', enableErrorReporting: false});
    const config = flags.preset ? (await load(`core/config/${flags.preset}-config.js`)).default : undefined;
    let line;
    try {
      const result = await lighthouse(flags._[0], flags, config);
      const {lhr} = result;
      line = lhr.runtimeError ? {error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`}
        : {categories: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]))};
    } catch (error) {
      line = {error: String(error && error.stack || error)};
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
} finally {
  await chrome.kill();
}
process.exit(0);
