// Cost on hostile input, one rule at a time (issue 13 item 14: every rule under 100 ms of CPU per MB
// on any input). Every keyword of the catalog, with adversarial prefixes and continuations, is
// repeated to a text, and scanned by a scanner with only the keyword's rule enabled, under several
// paths (the path decides what some rules read: unquoted values only outside source code).
//
// 1. Screening: each unit at --screen characters (64 KB), each path, once (min of two when it
//    looks slow), CPU time of the scan.
// 2. The worst --top rows of the screening measured at --size (1 MB), --rounds times, min taken,
//    beside a read floor measured in the same rounds: the github-pat rule alone on
//    `key: secret=A1b2` repeated (its keywords never occur: the keyword pass and nothing else).
//    On a loaded machine every row moves with the floor; scale by it to compare runs.
//
// With --old=<core dist> (and --screen-old, the old build screened too: the worst rows of either are kept)
// the two builds alternate in each round of the 1 MB measurements (old, new, old, new, …), so
// both see the same load. Rows whose findings or unread regions differ between the builds are marked.
//
// Usage: node bench/hostile.mjs [options]
//   --core=<dist>      @keyguard/core's dist to measure (default: this checkout's packages/core/dist)
//   --old=<dist>       another build to measure against it (e.g. a worktree of main, built)
//   --screen-old       screen the old build too (twice the screening's time)
//   --screen=<chars>   screening size (default 65536); --screen=0 skips screening (with --unit)
//   --size=<chars>     size of the final measurement (default 1048576)
//   --top=<n>          rows measured at --size (default 30)
//   --rounds=<n>       rounds of the final measurement, min taken (default 3)
//   --paths=a,b        paths to scan under (default notes.txt,config.yaml,config.ts,.npmrc,.env)
//   --rule=<text>      only rules whose id contains it (repeatable)
//   --unit=<rule>|<unit>|<path>   a row to measure at --size besides the screening's (repeatable;
//                      JSON string escapes allowed in <unit>, e.g. q~\n)
//   --json=<file>      also write every figure as JSON
//   --gc               a full collection before each timed scan of step 2 (needs node --expose-gc)
// CPU is process.cpuUsage() (user + system, all threads: GC included) around scanner.scan alone.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/paths.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const options = (name) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));

const newDir = path.resolve(option('core', path.join(repoRoot, 'packages/core/dist')));
const oldDir = option('old') && path.resolve(option('old'));
const SCREEN = Number(option('screen', 64 * 1024));
const SIZE = Number(option('size', 1024 * 1024));
const TOP = Number(option('top', 30));
const ROUNDS = Number(option('rounds', 3));
const PATHS = option('paths', 'notes.txt,config.yaml,config.ts,.npmrc,.env').split(',');
const ruleFilters = options('rule');
const jsonFile = option('json');
const screenOld = args.includes('--screen-old');

/**
 * What follows a keyword: the continuations of packages/core/test/adversarial-cost.test.ts, and the
 * units earlier sweeps found worst (`key: secret=A1b2`, `:_auth==A1b2`, `q~\n`, `pscale_tkn_-`).
 */
const CONTINUATIONS = ['', '=', ': ', '="', "='", '=a', ':_', '.', '-', '_', '/', '@', ' = ', '("', '=A1b2', ': secret=A1b2', '\n', '=\n', ' \n', '=-', ':-', ': "A1b2c3d4e5"\n'];
/** What precedes it besides nothing: a YAML/npmrc separator or an identifier's head, each with a few continuations. */
const PREFIXED = { ':': ['', '=A1b2', '\n', '=-'], a_: ['', ': secret=A1b2', '=', '="'] };
/** The floor row: a rule whose keywords never occur in this text, so its scan is the keyword pass alone. */
const FLOOR = { rule: 'github-pat', unit: 'key: secret=A1b2', path: 'notes.txt' };

// --gc (with node --expose-gc): a full collection before each timed scan of step 2. Without it a scan
// may pay for the garbage of the one before (rows alternate); with it every scan starts on a shrunk
// young generation, as in a fresh process, and costs up to 2× more on allocation-heavy rows.
const forceGc = args.includes('--gc');
if (forceGc && typeof globalThis.gc !== 'function') throw new Error('--gc needs node --expose-gc');
const gc = forceGc ? globalThis.gc : () => {};
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(' ');

async function loadBuild(dir, label) {
  const core = await import(pathToFileURL(path.join(dir, 'index.js')).href);
  const ids = core.rules.map((rule) => rule.id);
  const scanners = new Map();
  /** A scanner with only rule `id` enabled (public-by-design rules included). */
  const scannerFor = (id) => {
    let scanner = scanners.get(id);
    if (scanner === undefined) {
      scanner = core.createScanner({ config: { includePublicKeys: true, disabledRules: ids.filter((other) => other !== id) } });
      scanners.set(id, scanner);
    }
    return scanner;
  };
  return { label, dir, rules: core.rules, ids: new Set(ids), scannerFor };
}

/** A unit given on the command line, with JSON's escapes (`q~\\n`, `\\"auth\\"`; a bare `"` is kept). */
function unescaped(unit) {
  try {
    return JSON.parse(`"${unit}"`);
  } catch {
    return JSON.parse(`"${unit.replace(/(?<!\\)"/g, '\\"')}"`);
  }
}

const repeated = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** CPU ms per MB of one scan of `text`, with what the scan reported. */
function measure(build, id, text, file, collect = true) {
  const scanner = build.scannerFor(id);
  if (collect) gc();
  const before = process.cpuUsage();
  const result = scanner.scan(text, file);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  const unread = (result.incomplete ?? []).map((region) => region.cause).join(',');
  return { msPerMB: (ms * 1024 * 1024) / text.length, findings: result.findings.length + result.suppressed.length, unread };
}

const builds = [await loadBuild(newDir, 'new')];
if (oldDir) builds.unshift(await loadBuild(oldDir, 'old'));
const newBuild = builds.at(-1);
console.log(`hostile input, one rule at a time; load ${load()} (1, 5, 15 min); ${os.cpus().length} cores; node ${process.version}${forceGc ? '; a full GC before each timed scan' : ''}`);
for (const build of builds) console.log(`  ${build.label}: ${build.dir}`);

// ---- 1. screening -------------------------------------------------------------------------
const rows = new Map();
const keyOf = (row) => `${row.rule}\u0000${row.unit}\u0000${row.path}`;
if (SCREEN > 0) {
  const started = process.cpuUsage();
  const startedAt = Date.now();
  const units = [];
  for (const rule of newBuild.rules) {
    if (ruleFilters.length > 0 && !ruleFilters.some((f) => rule.id.includes(f))) continue;
    const seen = new Set();
    for (const keyword of rule.keywords) {
      for (const [prefix, continuations] of [['', CONTINUATIONS], ...Object.entries(PREFIXED)]) {
        for (const continuation of continuations) {
          const unit = prefix + keyword.toLowerCase() + continuation;
          if (seen.has(unit)) continue;
          seen.add(unit);
          units.push({ rule: rule.id, unit });
        }
      }
    }
  }
  const screened = screenOld ? builds : [newBuild];
  console.log(`screening: ${units.length} units × ${PATHS.length} paths × ${screened.length} build(s) at ${SCREEN} characters`);
  let done = 0;
  for (const { rule, unit } of units) {
    const text = repeated(unit, SCREEN);
    const warm = repeated(unit, 2048);
    for (const file of PATHS) {
      const row = { rule, unit, path: file, screen: {} };
      for (const build of screened) {
        if (!build.ids.has(rule)) continue;
        if (file === PATHS[0]) build.scannerFor(rule).scan(warm, file);
        let m = measure(build, rule, text, file, false);
        // a slow first measurement is taken again: one scan at 64 KB is a millisecond or two, and a GC or a preemption doubles it
        if (m.msPerMB > 50) m = [m, measure(build, rule, text, file)].reduce((a, b) => (a.msPerMB <= b.msPerMB ? a : b));
        row.screen[build.label] = m.msPerMB;
      }
      rows.set(keyOf(row), row);
    }
    if (++done % 2000 === 0) console.log(`  ${done}/${units.length} units, load ${load()}`);
  }
  const used = process.cpuUsage(started);
  console.log(`screening took ${((Date.now() - startedAt) / 1000).toFixed(0)} s wall, ${((used.user + used.system) / 1e6).toFixed(0)} s CPU`);
  const perRule = new Map();
  for (const row of rows.values()) if (Math.max(...Object.values(row.screen)) > 100) perRule.set(row.rule, (perRule.get(row.rule) ?? 0) + 1);
  console.log(`rows over 100 ms/MB at ${SCREEN} characters (either build), per rule: ${[...perRule].map(([id, n]) => `${id} ${n}`).join(', ') || 'none'}`);
}

// ---- 2. the worst rows at full size, builds alternating -------------------------------------
// At most PER_RULE rows of one rule first (a rule slow on one unit is often slow on dozens: they
// would crowd the others out), then the next worst. At the screening's size the findings cap's floor
// (1000 per text) weighs 16× more per MB than at 1 MB: finding-dense units rank high there.
const PER_RULE = 3;
const ranked = [...rows.values()].sort((a, b) => Math.max(...Object.values(b.screen)) - Math.max(...Object.values(a.screen)));
const taken = new Map();
const chosen = [];
for (const row of ranked) {
  if (chosen.length >= TOP) break;
  if ((taken.get(row.rule) ?? 0) >= PER_RULE) continue;
  taken.set(row.rule, (taken.get(row.rule) ?? 0) + 1);
  chosen.push(row);
}
for (const row of ranked) if (chosen.length < TOP && !chosen.includes(row)) chosen.push(row);
for (const spec of options('unit')) {
  const [rule, unit, file = 'notes.txt'] = spec.split('|');
  const row = { rule, unit: unescaped(unit), path: file, screen: {} };
  if (!chosen.some((c) => keyOf(c) === keyOf(row))) chosen.push(row);
}
const floor = { ...FLOOR, screen: {}, floor: true };
const measured = [floor, ...chosen];
for (const row of measured) row.full = Object.fromEntries(builds.map((build) => [build.label, []]));
const loads = [load()];
console.log(`\nmeasuring ${chosen.length} rows and the read floor at ${SIZE} characters, ${ROUNDS} rounds${builds.length > 1 ? ', builds alternating' : ''}`);
for (let round = 0; round < ROUNDS; round++) {
  for (const row of measured) {
    const text = repeated(row.unit, SIZE);
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      if (!build.ids.has(row.rule)) continue;
      if (round === 0) build.scannerFor(row.rule).scan(repeated(row.unit, 4096), row.path);
      row.full[build.label].push(measure(build, row.rule, text, row.path));
    }
  }
  loads.push(load());
}

const min = (list) => (list.length === 0 ? undefined : list.reduce((a, b) => (a.msPerMB <= b.msPerMB ? a : b)));
const fmt = (m) => (m === undefined ? '—' : m.msPerMB.toFixed(0));
const shown = (unit) => JSON.stringify(unit).slice(1, -1).replace(/\|/g, '\\|');
const heads = builds.map((b) => `${b.label} ms/MB`);
console.log(`\nload during the rounds: ${loads.join(' → ')}`);
console.log(`\n| rule | unit | path | ${heads.join(' | ')} | findings | not read |`);
console.log(`|---|---|---|${heads.map(() => '---:').join('|')}|---:|---|`);
for (const row of measured) {
  const mins = builds.map((b) => min(row.full[b.label]));
  const last = mins.at(-1);
  const differ = mins.length > 1 && mins[0] !== undefined && last !== undefined && (mins[0].findings !== last.findings || mins[0].unread !== last.unread);
  const findings = mins.map((m) => (m === undefined ? '—' : String(m.findings))).join(' / ');
  const unread = mins.map((m) => m?.unread || '—').join(' / ');
  const name = row.floor ? `read floor (${row.rule})` : row.rule;
  console.log(`| ${name} | \`${shown(row.unit)}\` | ${row.path} | ${mins.map(fmt).join(' | ')} | ${findings}${differ ? ' **differs**' : ''} | ${unread} |`);
}
const over = chosen.filter((row) => (min(row.full.new)?.msPerMB ?? 0) > 100);
console.log(`\nrows over 100 ms/MB (new): ${over.length}; read floor (new) ${fmt(min(floor.full.new))} ms/MB`);
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ load: loads, size: SIZE, screen: SCREEN, builds: builds.map((b) => ({ label: b.label, dir: b.dir })), rows: measured }, null, 2)}\n`);
