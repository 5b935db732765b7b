/**
 * Replays a core test file's random draws and assertions many times against the built core
 * (docs/decisions.md, "Tests that can fail by chance"): the file is bundled by esbuild, vitest's
 * describe/it/expect are replaced by small stand-ins (toEqual, toBe, toContain, toMatch,
 * toHaveLength, toBeLessThan, toBeGreaterThan), and each test's failures are counted, with the
 * text last scanned before each of the first few.
 *   pnpm build && node scripts/replay-tests.mjs packages/core/test/fixture-values.test.ts 20000
 * FILTER=<regex> runs only the tests whose name matches; EX=<n> shows n failures per test.
 */
import { build } from 'esbuild';
import { isDeepStrictEqual, inspect } from 'node:util';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [file, itersArg = '1000', root = path.join(path.dirname(new URL(import.meta.url).pathname), '..')] = process.argv.slice(2);
const iterations = Number(itersArg);
const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')));
const testing = await import(pathToFileURL(path.join(root, 'packages/core/dist/testing.js')));
const scanners = new Map();
let lastScan = '';
const wrap = (s) => ({ ...s, scan: (text, path, ...rest) => { lastScan = `${path}: ${JSON.stringify(text).slice(0, 600)}`; return s.scan(text, path, ...rest); } });
const coreShim = { ...core, createScanner: (o) => { const k = JSON.stringify(o ?? null); if (!scanners.has(k)) scanners.set(k, wrap(core.createScanner(o))); return scanners.get(k); } };
let tests = [];
const prefix = [];
const fmt = (name, args) => { let i = 0; return name.replace(/%[sdji]/g, () => String(args[i++])); };
const describe = (name, fn) => { prefix.push(name); fn(); prefix.pop(); };
const it = (name, fn) => tests.push({ name: [...prefix, name].join(' > '), fn });
it.each = (table) => (name, fn) => { for (const row of table) { const args = Array.isArray(row) ? row : [row]; it(fmt(name, args), () => fn(...args)); } };
class Fail extends Error {}
const matchers = (actual, negate, label) => {
  const check = (ok, what, expected) => { if (ok === negate) throw new Fail(`${label ? label + ': ' : ''}expected ${inspect(actual)} ${negate ? 'not ' : ''}${what} ${inspect(expected)}`); };
  return {
    toEqual: (e) => check(isDeepStrictEqual(JSON.parse(JSON.stringify(actual ?? null)), JSON.parse(JSON.stringify(e ?? null))), 'toEqual', e),
    toBe: (e) => check(Object.is(actual, e), 'toBe', e),
    toContain: (e) => check(actual.includes(e), 'toContain', e),
    toMatch: (e) => check(typeof e === 'string' ? actual.includes(e) : e.test(actual), 'toMatch', e),
    toBeLessThan: (e) => check(actual < e, 'toBeLessThan', e),
    toBeGreaterThan: (e) => check(actual > e, 'toBeGreaterThan', e),
    toHaveLength: (e) => check(actual.length === e, 'toHaveLength', e),
  };
};
const expect = (actual, label) => { const m = matchers(actual, false, label); m.not = matchers(actual, true, label); return m; };
const vitestShim = { describe, it, test: it, expect, beforeAll: (f) => f(), afterAll: () => {}, beforeEach: () => {}, afterEach: () => {} };
const out = await build({ entryPoints: [file], bundle: true, format: 'cjs', platform: 'node', write: false, external: ['vitest', '@keyguard/core', '@keyguard/core/*'], logLevel: 'error' });
const code = out.outputFiles[0].text;
const realRequire = createRequire(import.meta.url);
const req = (id) => id === 'vitest' ? vitestShim : id === '@keyguard/core' ? coreShim : id === '@keyguard/core/testing' ? testing : realRequire(id);
const fn = vm.compileFunction(code, ['require', 'module', 'exports'], { filename: file });
const stats = new Map();
const fileFail = { n: 0 };
const t0 = process.cpuUsage();
for (let i = 0; i < iterations; i++) {
  tests = [];
  const module = { exports: {} };
  let anyFail = false;
  try { fn(req, module, module.exports); } catch (e) { anyFail = true; const s = stats.get('<module>') ?? { fail: 0, runs: 0, examples: [] }; s.fail++; if (s.examples.length < 3) s.examples.push(String(e.message).slice(0, 300)); stats.set('<module>', s); }
  for (const t of tests) {
    if (process.env.FILTER && !new RegExp(process.env.FILTER).test(t.name)) continue;
    const s = stats.get(t.name) ?? { fail: 0, runs: 0, examples: [] }; stats.set(t.name, s);
    s.runs++;
    try { t.fn(); } catch (e) { if (!(e instanceof Fail)) { s.examples.push('NON-ASSERT ' + String(e.stack).slice(0, 300)); } s.fail++; anyFail = true; if (s.examples.length < (Number(process.env.EX) || 3)) s.examples.push(String(e.message).slice(0, 400) + '  <= ' + lastScan); }
  }
  if (anyFail) fileFail.n++;
}
const cpu = process.cpuUsage(t0);
console.log(`# ${file}: ${iterations} runs, file failed ${fileFail.n} (${(fileFail.n / iterations).toExponential(2)}), cpu ${(cpu.user / 1e6).toFixed(1)} s`);
for (const [name, s] of stats) if (s.fail || process.env.ALL) console.log(`${s.fail}/${s.runs}\t${(s.fail / s.runs).toExponential(2)}\t${name}${s.examples.length ? '\n\t' + s.examples.join('\n\t') : ''}`);
