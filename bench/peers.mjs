// Recall and false positives of keyguard's engine on the test data other secret scanners wrote
// for themselves: gitleaks' rule tps/fps, trufflehog's detector pattern tests, secretlint's rule
// snapshots and detect-secrets' plugin tests. The peers' code is never copied into this repo:
// point the script at checkouts outside it (the layout the `fetch` tool gives, owner+name).
//
// Usage: node bench/peers.mjs <dir-with-checkouts> [--misses] [--public] [--json]
//   <dir>/gitleaks+gitleaks, <dir>/trufflesecurity+trufflehog, <dir>/secretlint+secretlint,
//   <dir>/Yelp+detect-secrets (a missing one is reported as not measured, never as clean).
//   --misses  print every missed positive and every flagged negative (the peers' public samples, cut at 110 chars)
//   --public  scan with includePublicKeys (publishable keys and client ids count as found)
//   --core=<dir>  use that build of @keyguard/core's dist instead of this checkout's
//   --only=<text> keep the samples whose id contains it; --full prints samples whole
//
// Units: one sample is one text the peer's own test feeds its detector and says must (positive)
// or must not (negative) be flagged. A positive counts as found when keyguard reports anything on
// the line the peer expects; a negative counts as flagged when keyguard reports anything at all.
// A per-rule negative that another of the peer's rules holds as a positive (gitleaks' Cloudflare
// rules list each other's keys as false positives) is a secret of the suite: left out and listed.
// trufflehog is restricted to the detectors docs/coverage.md maps (the services we claim), and
// counted in full as a second line.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitleaksSamples } from './lib/gitleaks-samples.mjs';
import { repoRoot } from './lib/paths.mjs';

const args = process.argv.slice(2);
const peersDir = args.find((a) => !a.startsWith('--'));
if (!peersDir) {
  console.error('usage: node bench/peers.mjs <dir-with-checkouts> [--misses] [--public] [--json]');
  process.exit(2);
}
const showMisses = args.includes('--misses');
// --only=<text>: keep the samples whose id (rule file, detector, snapshot) contains it; --full prints them whole
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const full = args.includes('--full');
// --core=<dist dir>: measure another build of @keyguard/core (a copy of main's, for before/after)
const coreDir = args.find((a) => a.startsWith('--core='))?.slice('--core='.length) ?? path.join(repoRoot, 'packages/core/dist');
const { createScanner } = await import(pathToFileURL(path.join(path.resolve(coreDir), 'index.js')).href);
const scanner = createScanner({ config: { includePublicKeys: args.includes('--public') } });

// ---- Go literals: enough of Go's expression syntax for test tables -----------------------
function goString(src, i) {
  if (src[i] === '`') {
    const end = src.indexOf('`', i + 1);
    return end < 0 ? undefined : { value: src.slice(i + 1, end), end: end + 1 };
  }
  if (src[i] !== '"') return undefined;
  let j = i + 1;
  let out = '';
  while (j < src.length && src[j] !== '"') {
    if (src[j] === '\n') return undefined;
    if (src[j] === '\\') {
      const c = src[j + 1];
      const simple = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
      if (c in simple) { out += simple[c]; j += 2; continue; }
      if (c === 'x') { out += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)); j += 4; continue; }
      if (c === 'u') { out += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16)); j += 6; continue; }
      return undefined;
    }
    out += src[j++];
  }
  return { value: out, end: j + 1 };
}

function skipSpace(src, i) {
  while (i < src.length && /\s/.test(src[i])) i++;
  return i;
}

// Evaluates a Go expression made of string literals, known identifiers, `+` and fmt.Sprintf.
function goExpr(src, i, vars) {
  const parts = [];
  for (;;) {
    i = skipSpace(src, i);
    let term;
    const lit = goString(src, i);
    if (lit) term = lit;
    else if (src.startsWith('fmt.Sprintf(', i)) {
      let j = i + 'fmt.Sprintf('.length;
      const values = [];
      for (;;) {
        const arg = goExpr(src, j, vars);
        if (!arg) return undefined;
        values.push(arg.value);
        j = skipSpace(src, arg.end);
        if (src[j] === ',') j = skipSpace(src, j + 1);
        if (src[j] === ')') { j++; break; }
      }
      const [format, ...rest] = values;
      let k = 0;
      const value = format.replace(/%[-+# 0]*\d*[svdq%]/g, (m) => (m === '%%' ? '%' : String(rest[k++] ?? '')));
      term = { value, end: j };
    } else {
      const id = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
      if (!id || !(id[0] in vars)) return undefined;
      term = { value: vars[id[0]], end: i + id[0].length };
    }
    parts.push(term.value);
    i = skipSpace(src, term.end);
    if (src[i] === '+' ) { i++; continue; }
    return { value: parts.join(''), end: i };
  }
}

// var/const name = <expr> declarations of a Go file (in blocks or alone), in source order.
function goVars(src) {
  const vars = {};
  const re = /^\s*(?:(?:var|const)\s+)?([A-Za-z_]\w*)(?:\s+string)?\s*=\s*(?=[`"]|fmt\.Sprintf|[A-Za-z_])/gm;
  for (let m; (m = re.exec(src)); ) {
    const value = goExpr(src, re.lastIndex, vars);
    if (value) vars[m[1]] = value.value;
  }
  return vars;
}

// ---- samples per suite ---------------------------------------------------------------------
// gitleaks' samples, literal and generated (bench/lib/gitleaks-samples.mjs evaluates its rule files the
// way its tests build them); what cannot be generated is counted apart, never as found or missed
let gitleaksNotGenerated = [];
let gitleaksUnregistered = [];
function gitleaks(dir) {
  const { samples, notGenerated, unregistered } = gitleaksSamples(dir);
  gitleaksNotGenerated = notGenerated;
  gitleaksUnregistered = unregistered;
  return samples;
}

function mappedTrufflehogDetectors() {
  const doc = readFileSync(path.join(repoRoot, 'docs/coverage.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('trufflehog'));
  if (!section) return undefined;
  return new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1].toLowerCase()));
}

function trufflehog(dir) {
  const root = path.join(dir, 'pkg/detectors');
  const samples = [];
  const files = [];
  for (const d of readdirSync(root)) {
    const walk = (p, depth) => {
      for (const f of readdirSync(p)) {
        const full = path.join(p, f);
        if (statSync(full).isDirectory()) { if (depth < 2) walk(full, depth + 1); } else if (f.endsWith('_test.go') && !f.includes('integration')) files.push({ detector: d, file: full });
      }
    };
    if (statSync(path.join(root, d)).isDirectory()) walk(path.join(root, d), 0);
  }
  for (const { detector, file } of files) {
    const src = readFileSync(file, 'utf8');
    if (!src.includes('_Pattern(')) continue;
    const vars = goVars(src);
    const re = /\binput:\s*/g;
    for (let m; (m = re.exec(src)); ) {
      const input = goExpr(src, re.lastIndex, vars);
      if (!input) continue;
      const rest = src.slice(input.end, input.end + 400);
      const want = /want:\s*(nil|\[\]string\{\s*\}|\[\]string\{)/.exec(rest);
      if (!want) continue;
      samples.push({ id: detector, text: input.value, positive: want[1] === '[]string{' });
    }
  }
  return samples;
}

// A snapshot is input* + output.json; the expected messages give the lines to find.
function secretlint(dir) {
  const root = path.join(dir, 'packages/@secretlint');
  // rules about file names or the user's own patterns, not about a secret's text
  const notAboutSecrets = /^secretlint-rule-(no-dotenv|no-homedir|pattern|example|internal-test-.*|filter-comments|preset-.*)$/;
  const samples = [];
  for (const pkg of readdirSync(root).filter((p) => p.startsWith('secretlint-rule-') && !notAboutSecrets.test(p))) {
    const snaps = path.join(root, pkg, 'test/snapshots');
    if (!existsSync(snaps)) continue;
    for (const snap of readdirSync(snaps)) {
      const snapDir = path.join(snaps, snap);
      if (!statSync(snapDir).isDirectory() || !existsSync(path.join(snapDir, 'output.json'))) continue;
      if (existsSync(path.join(snapDir, 'options.ts')) || existsSync(path.join(snapDir, 'options.json'))) continue; // depends on rule options
      const input = readdirSync(snapDir).find((f) => f.startsWith('input'));
      if (!input) continue;
      const buffer = readFileSync(path.join(snapDir, input));
      const text = buffer.toString('utf8');
      const messages = JSON.parse(readFileSync(path.join(snapDir, 'output.json'), 'utf8')).messages ?? [];
      const id = `${pkg.replace('secretlint-rule-', '')}/${snap}`;
      if (messages.length === 0) samples.push({ id, text, file: input, positive: false });
      // a message may cover several lines (gcp's service-account JSON: the whole file); a finding on any of them counts
      for (const msg of messages) samples.push({ id, text, file: input, positive: true, line: msg.loc?.start?.line, lastLine: msg.loc?.end?.line });
    }
  }
  return samples;
}

// detect-secrets' tests are pytest parametrize tables: read them by importing the modules.
// Each table tests one plugin. Its negatives say "this plugin must not flag it"; one that another
// of detect-secrets' provider plugins flags (a GitHub token in the GitLab test) is not a negative
// of the suite, and is left out (`otherPlugin`). The keyword and high-entropy plugins are not asked:
// they flag most negatives. high_entropy_strings_test is read through its format strings: its
// positives are quoted random strings with no name (class 'no-name'), which keyguard does not look
// for by design; the summary gives recall with and without them.
function detectSecrets(dir) {
  const py = String.raw`
import sys, json, importlib, inspect, glob, os
sys.path.insert(0, '.')
from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.keyword import KeywordDetector
from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
providers = [c for c in get_mapping_from_secret_type_to_class().values()
             if not issubclass(c, (KeywordDetector, HighEntropyStringsPlugin))]
out = []
def flagged_by_other(text, own):
    for c in providers:
        if c in own: continue
        try:
            if any(c().analyze_line(filename='mock_filename', line=l) for l in text.split('\n')): return c.__name__
        except Exception:
            pass
    return None
def add(name, text, pos, ext, own, cls=None):
    other = None if pos else flagged_by_other(text, own)
    out.append({'id': name, 'text': text, 'positive': pos, 'file': 'sample.' + ext if ext else None, 'otherPlugin': other, 'class': cls})
for f in sorted(glob.glob('tests/plugins/*_test.py')):
    name = os.path.basename(f)[:-3]
    try:
        mod = importlib.import_module('tests.plugins.' + name)
    except Exception as e:
        print('skip', name, e, file=sys.stderr); continue
    own = [v for v in vars(mod).values() if inspect.isclass(v) and issubclass(v, BasePlugin) and v is not BasePlugin]
    owners = [mod] + [c for _, c in inspect.getmembers(mod, inspect.isclass) if c.__module__ == mod.__name__]
    for owner in owners:
        class_rows = []
        for mark in getattr(owner, 'pytestmark', []) if owner is not mod else []:
            if mark.name == 'parametrize':
                names = [n.strip() for n in mark.args[0].split(',')]
                class_rows = [dict(zip(names, r)) for r in mark.args[1]]
        for fn in [v for _, v in inspect.getmembers(owner) if callable(v) and getattr(v, '__name__', '').startswith('test')]:
            for mark in getattr(fn, 'pytestmark', []):
                if mark.name != 'parametrize': continue
                names = [n.strip() for n in mark.args[0].split(',')]
                for row in mark.args[1]:
                    row = row if isinstance(row, (tuple, list)) else (row,)
                    d = dict(zip(names, row))
                    # high_entropy_strings_test: class rows (plugin, non_secret, secret) x format strings
                    if 'format' in d and class_rows:
                        for c in class_rows:
                            text = d['format'].format(non_secret=c['non_secret'], secret=c['secret'])
                            pos = bool(d['should_be_caught']) if 'should_be_caught' in d else d.get('num_results', 0) > 0
                            add(name, text, pos, None, [c['plugin']], 'no-name')
                        continue
                    text = d.get('payload', d.get('line', d.get('file_content')))
                    if not isinstance(text, str): continue
                    if 'should_flag' in d: pos = bool(d['should_flag'])
                    elif 'expected_secret' in d: pos = d['expected_secret'] is not None
                    # slack, square_oauth, private_key: every row must be flagged (assert len(output) == 1, assert output)
                    elif name in ('slack_test', 'square_oauth_test', 'private_key_test'): pos = True
                    else: continue
                    add(name, text, pos, d.get('file_extension'), own)
print(json.dumps(out))
`;
  const raw = execFileSync('python3', ['-c', py], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(raw);
}

// ---- run -------------------------------------------------------------------------------------
function foundOnLine(sample) {
  const findings = scanner.scan(sample.text.endsWith('\n') ? sample.text : sample.text + '\n', sample.file ?? 'sample.txt').findings;
  if (!sample.positive || sample.line === undefined) return findings;
  const last = Math.max(sample.line, sample.lastLine ?? sample.line);
  return findings.filter((f) => f.line >= sample.line && f.line <= last);
}

function cut(text) {
  if (full) return '\n' + text;
  const one = text.replace(/\n/g, '\\n');
  return one.length > 110 ? one.slice(0, 110) + '…' : one;
}

const suites = [
  ['gitleaks', 'gitleaks+gitleaks', gitleaks],
  ['trufflehog', 'trufflesecurity+trufflehog', trufflehog],
  ['secretlint', 'secretlint+secretlint', secretlint],
  ['detect-secrets', 'Yelp+detect-secrets', detectSecrets],
];
const mapped = mappedTrufflehogDetectors();
const report = {};
for (const [name, dirName, extract] of suites) {
  const dir = path.join(peersDir, dirName);
  if (!existsSync(dir)) { console.log(`${name}: NOT MEASURED (${dir} missing)`); continue; }
  let samples = extract(dir);
  if (only) samples = samples.filter((s) => s.id.includes(only));
  const groups = name === 'trufflehog' && mapped ? [['trufflehog (mapped)', samples.filter((s) => mapped.has(s.id))], ['trufflehog (all)', samples]]
    : name === 'gitleaks' ? [['gitleaks (literal)', samples.filter((s) => !s.generated)], ['gitleaks (generated)', samples.filter((s) => s.generated)], ['gitleaks (all)', samples]]
      : [[name, samples]];
  for (const [label, list] of groups) {
    const pos = list.filter((s) => s.positive);
    // a per-plugin negative that another of the peer's own provider plugins flags is not a negative of the suite
    const neg = list.filter((s) => !s.positive && !s.otherPlugin);
    const dropped = list.filter((s) => !s.positive && s.otherPlugin);
    const missed = pos.filter((s) => foundOnLine(s).length === 0);
    const flagged = neg.map((s) => ({ s, f: foundOnLine(s) })).filter((x) => x.f.length > 0);
    const recall = pos.length ? (pos.length - missed.length) / pos.length : 0;
    report[label] = { positives: pos.length, found: pos.length - missed.length, recall: +recall.toFixed(3), negatives: neg.length, flagged: flagged.length };
    console.log(`${label.padEnd(20)} found ${String(pos.length - missed.length).padStart(4)}/${String(pos.length).padEnd(4)} recall ${recall.toFixed(3)}   negatives flagged ${flagged.length}/${neg.length}`);
    if (label === 'gitleaks (all)') {
      const units = gitleaksNotGenerated.filter((n) => !n.endsWith('no utils.Validate'));
      console.log(`${''.padEnd(20)} not generated: ${units.length} test value(s) or list(s) it could not build, neither found nor missed${units.length ? ` (${units.join('; ')})` : ''}`);
      if (gitleaksUnregistered.length) console.log(`${''.padEnd(20)} left out: ${gitleaksUnregistered.join(', ')} (not in gitleaks' default config: its generator never runs their tests)`);
    }
    if (dropped.length > 0) console.log(`${''.padEnd(20)} (${dropped.length} per-${name === 'gitleaks' ? 'rule' : 'plugin'} negatives left out: ${name === 'gitleaks' ? "another of the peer's rules holds them as positives" : "another of the peer's provider plugins flags them"})`);
    // classes of positives keyguard leaves out by design (detect-secrets' quoted strings with no name): recall without them too
    const classes = [...new Set(pos.map((s) => s.class).filter(Boolean))];
    for (const cls of classes) {
      const inClass = pos.filter((s) => s.class === cls);
      const missedIn = missed.filter((s) => s.class === cls).length;
      const rest = pos.length - inClass.length;
      const foundRest = rest - (missed.length - missedIn);
      report[label][`without ${cls}`] = { positives: rest, found: foundRest, recall: +(foundRest / rest).toFixed(3) };
      console.log(`${''.padEnd(20)} without class '${cls}' (${inClass.length - missedIn}/${inClass.length} found): ${foundRest}/${rest} recall ${(foundRest / rest).toFixed(3)}`);
    }
    if (showMisses && (!label.endsWith('(all)') || args.includes('--all'))) {
      for (const s of missed) console.log(`  MISS ${s.id}${s.class ? ` [${s.class}]` : ''}: ${cut(s.line === undefined || full ? s.text : (s.text.split('\n')[s.line - 1] ?? ''))}`);
      for (const s of dropped) console.log(`  OUT  ${s.id} (${s.otherPlugin} ${name === 'gitleaks' ? 'holds it as a positive' : 'flags it'}): ${cut(s.text)}`);
      for (const { s, f } of flagged) console.log(`  FP   ${s.id} [${[...new Set(f.map((x) => x.ruleId))].join(',')}]: ${cut(s.text)}`);
    }
  }
}
if (args.includes('--json')) console.log(JSON.stringify(report));
