// Section 1: full-scan throughput and peak memory on the corpus, side by side in one run:
// the raw read floor, keyguard (`keyguard scan <corpus>`, outside git: the walk path) and
// secretlint with its recommended preset — at half and at full corpus size.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCorpus, listFiles, splitInHalf } from '../lib/corpus.mjs';
import { probeKeyguard } from '../lib/keyguard.mjs';
import { measure, median } from '../lib/measure.mjs';
import { benchDir, keyguardBin } from '../lib/paths.mjs';
import { summariseProfiles } from '../lib/profile.mjs';
import { note, printTable, round } from '../lib/report.mjs';
import { ensureSecretlint } from '../lib/secretlint.mjs';

const MB = 1e6;

export async function run({ repeats = 3, profile = false, skipSecretlint = false, secretlintFull = false } = {}) {
  const root = ensureCorpus();
  const all = await listFiles(root);
  const half = splitInHalf(root, all);
  const keyguard = probeKeyguard().scan;
  const secretlint = skipSecretlint ? undefined : ensureSecretlint();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-scan-'));

  const sizes = [
    { name: 'half', targets: half.dirs.map((d) => path.relative(root, d)), files: half.files, secretlint: true },
    // secretlint takes minutes per half corpus here, so the full size is opt-in.
    { name: 'full', targets: ['.'], files: all, secretlint: secretlintFull },
  ];
  const result = {
    corpus: {
      root,
      files: all.length,
      bytes: all.reduce((sum, f) => sum + f.size, 0),
      halfFiles: half.files.length,
      halfBytes: half.files.reduce((sum, f) => sum + f.size, 0),
    },
    keyguard: keyguard.ok ? 'measured' : `not available yet (${keyguard.reason})`,
    secretlint: secretlint
      ? `secretlint@${secretlint.version} + @secretlint/secretlint-rule-preset-recommend, on ${secretlintFull ? 'both sizes' : 'the half corpus (--secretlint-full adds the full one)'}`
      : 'skipped',
    repeats,
    sizes: {},
  };
  if (!keyguard.ok) note(`keyguard scan: not available yet — ${keyguard.reason}`);

  try {
    for (const size of sizes) {
      process.stderr.write(`scan: ${size.name} corpus (${size.files.length} files)…\n`);
      const rows = measureSize(size, { root, scratch, keyguard, secretlint, repeats });
      result.sizes[size.name] = rows;
    }
    if (profile && keyguard.ok) result.profile = profileKeyguard(root, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const table = [];
  for (const [name, size] of Object.entries(result.sizes)) {
    for (const [tool, m] of Object.entries(size.tools)) {
      table.push({
        corpus: name,
        tool,
        files: m.files,
        MB: round(m.bytes / MB, 1),
        'wall s': round(m.wallMs / 1000, 2),
        'MB/s': m.mbPerS,
        'of floor': m.ofFloor,
        'vs secretlint': m.vsSecretlint,
        'peak RSS MB': round(m.maxRssMb, 0),
        'CPU s': round(m.cpuS, 2),
        findings: m.findings,
      });
    }
  }
  printTable('Full scan: throughput (median wall time) and peak memory', table);
  const kgHalf = result.sizes.half?.tools.keyguard;
  const kgFull = result.sizes.full?.tools.keyguard;
  if (kgHalf && kgFull) {
    result.keyguardMemoryGrowth = round(kgFull.maxRssMb / kgHalf.maxRssMb, 2);
    note(`keyguard peak RSS full/half: ${result.keyguardMemoryGrowth}× for ${round(result.corpus.bytes / result.corpus.halfBytes, 2)}× the bytes`);
  }
  const slHalf = result.sizes.half?.tools.secretlint;
  const slFull = result.sizes.full?.tools.secretlint;
  if (slHalf && slFull) {
    result.secretlintMemoryGrowth = round(slFull.maxRssMb / slHalf.maxRssMb, 2);
    note(`secretlint peak RSS full/half: ${result.secretlintMemoryGrowth}×`);
  }
  if (result.profile) {
    printTable('keyguard scan CPU profile by kind of work (self time)', result.profile.categories);
    printTable(`keyguard scan CPU profile (self time, ${result.profile.totalMs} ms sampled)`, result.profile.top);
  }
  return result;
}

function measureSize(size, { root, scratch, keyguard, secretlint, repeats }) {
  const tools = {};
  const bytesOf = (files) => files.reduce((sum, f) => sum + f.size, 0);
  const kgReports = {};
  // keyguard skips files over maxFileSize (1 MB by default); the corpus has minified
  // bundles of up to 35 MB. The main row raises the limit so keyguard reads the same
  // bytes as the floor and secretlint; the "default config" row shows what users get.
  const bigLimitConfig = path.join(scratch, 'keyguard.config.json');
  writeFileSync(bigLimitConfig, JSON.stringify({ maxFileSize: 256 * MB }));
  const kgArgs = (config) => [keyguardBin, 'scan', ...size.targets, '--format', 'json', ...(config ? ['--config', config] : [])];
  const kgOut = (name) => path.join(scratch, `keyguard-${size.name}-${name}.json`);
  const scannedBy = (report) => {
    const skipped = new Set((report.stats?.skipped ?? []).map((s) => path.resolve(root, s.file)));
    return size.files.filter((f) => !skipped.has(f.path));
  };
  let scanned = size.files;
  let scannedDefault;
  if (keyguard.ok) {
    // First runs warm the page cache and tell which files keyguard skips, so the read
    // floor reads exactly the files keyguard scanned.
    const warm = measure(process.execPath, kgArgs(bigLimitConfig), { cwd: root, stdoutFile: kgOut('all') });
    kgReports.keyguard = readReport(kgOut('all'), warm);
    scanned = scannedBy(kgReports.keyguard);
  }
  const bytes = bytesOf(scanned);
  const listFile = path.join(scratch, `files-${size.name}.txt`);
  writeFileSync(listFile, scanned.map((f) => f.path).join('\n'));
  const floorScript = path.join(benchDir, 'read-floor.mjs');

  const runs = { floor: [], 'floor+decode': [], keyguard: [], 'keyguard, default config': [] };
  measure(process.execPath, [floorScript, listFile]); // page cache warm-up when keyguard is absent
  for (let i = 0; i < repeats; i++) {
    runs.floor.push(measure(process.execPath, [floorScript, listFile]));
    runs['floor+decode'].push(measure(process.execPath, [floorScript, listFile, '--decode']));
    if (keyguard.ok) {
      runs.keyguard.push(measure(process.execPath, kgArgs(bigLimitConfig), { cwd: root, stdoutFile: kgOut('all') }));
      if (i === 0) {
        // Once is enough for the default-config row: it is there for its file and finding counts.
        const run = measure(process.execPath, kgArgs(undefined), { cwd: root, stdoutFile: kgOut('default') });
        runs['keyguard, default config'].push(run);
        kgReports['keyguard, default config'] = readReport(kgOut('default'), run);
      }
    }
  }
  if (kgReports['keyguard, default config']) scannedDefault = scannedBy(kgReports['keyguard, default config']);
  for (const [tool, list] of Object.entries(runs)) {
    if (list.length === 0) continue;
    const failed = list.find((r) => r.exitCode !== 0 && !(tool.startsWith('keyguard') && r.exitCode === 1));
    if (failed) throw new Error(`${tool} failed (exit ${failed.exitCode}): ${failed.stderr.slice(0, 500)}`);
    const own = tool === 'keyguard, default config' ? scannedDefault : scanned;
    tools[tool] = summarise(list, own.length, bytesOf(own));
  }
  for (const [tool, report] of Object.entries(kgReports)) {
    Object.assign(tools[tool], {
      findings: report.findings.length,
      reportedFiles: report.stats?.files,
      reportedBytes: report.stats?.bytes,
      skipped: report.stats?.skipped?.length,
      skippedReasons: countBy((report.stats?.skipped ?? []).map((s) => s.reason.replace(/\(.*\)/, '').trim())),
      findingRules: countBy(report.findings.map((f) => f.ruleId)),
      sampleFindings: report.findings.slice(0, 12).map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.match}`),
    });
  }

  if (secretlint && size.secretlint) {
    const slOut = path.join(scratch, `secretlint-${size.name}.txt`);
    const globs = size.targets.map((t) => (t === '.' ? '**/*' : `${t}/**/*`));
    const sl = measure(
      process.execPath,
      [secretlint.bin, ...globs, '--secretlintrc', secretlint.config, '--format', 'unix', '--output', slOut, '--no-color'],
      { cwd: root },
    );
    if (sl.exitCode !== 0 && sl.exitCode !== 1) throw new Error(`secretlint failed (exit ${sl.exitCode}): ${sl.stderr.slice(0, 500)}`);
    // secretlint is given the whole tree; its rate is counted on the same bytes as the others.
    tools.secretlint = summarise([sl], undefined, bytes);
    const lines = readFileSync(slOut, 'utf8').split('\n').filter((l) => /:\d+:\d+: /.test(l));
    tools.secretlint.findings = lines.length;
  }

  const floor = tools.floor;
  const sl = tools.secretlint;
  for (const m of Object.values(tools)) {
    m.ofFloor = round(m.mbPerS / floor.mbPerS, 3);
    m.vsSecretlint = sl ? round(m.mbPerS / sl.mbPerS, 1) : undefined;
  }
  return { files: scanned.length, bytes, tools };
}

function summarise(list, files, bytes) {
  const wallMs = median(list.map((r) => r.wallMs));
  return {
    files,
    bytes,
    wallMs: round(wallMs, 1),
    runsMs: list.map((r) => round(r.wallMs, 0)),
    mbPerS: round(bytes / MB / (wallMs / 1000), 1),
    maxRssMb: round(Math.max(...list.map((r) => r.maxRssMb ?? Number.NaN)), 1),
    cpuS: round(median(list.map((r) => r.cpuS)), 2),
  };
}

function readReport(file, run) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`keyguard scan wrote no JSON report (exit ${run.exitCode}): ${run.stderr.slice(0, 500)} ${error}`);
  }
}

function countBy(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** One more keyguard run under `node --cpu-prof`, summarised by self time per function. */
function profileKeyguard(root, scratch) {
  const dir = path.join(scratch, 'profile');
  mkdirSync(dir);
  const config = path.join(scratch, 'keyguard.config.json');
  measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, keyguardBin, 'scan', '.', '--format', 'json', '--config', config], {
    cwd: root,
    stdoutFile: path.join(scratch, 'profiled.json'),
  });
  return summariseProfiles(dir);
}
