// Section 1: full-scan throughput and peak memory on the corpus, side by side in one run:
// the raw read floor, the floor plus UTF-8 decoding, keyguard (`keyguard scan <corpus>`,
// outside git: the walk path) and secretlint 13 with its recommended preset on the full
// corpus; keyguard alone on two samples too, to see whether its peak memory stays flat as
// the corpus grows. An "engine only" row (bench/engine-only.mjs: @keyguard/core in-process
// over the same files) splits the engine's time from the CLI's file source.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPackages, ensureCorpus, ensureSample, listFiles } from '../lib/corpus.mjs';
import { probeKeyguard } from '../lib/keyguard.mjs';
import { measure, median } from '../lib/measure.mjs';
import { benchDir, keyguardBin } from '../lib/paths.mjs';
import { summariseProfiles } from '../lib/profile.mjs';
import { note, printTable, round } from '../lib/report.mjs';
import { ensureSecretlint } from '../lib/secretlint.mjs';

const MB = 1e6;

export async function run({ repeats = 3, profile = false, skipSecretlint = false } = {}) {
  const fullRoot = ensureCorpus();
  const all = await listFiles(fullRoot);
  const small = ensureSample(fullRoot, all, 32);
  const medium = ensureSample(fullRoot, all, 16);
  const keyguard = probeKeyguard().scan;
  const secretlint = skipSecretlint ? undefined : ensureSecretlint();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-scan-'));

  // Three sizes: 1/32 and 1/16 samples (every 32nd / 16th file) and the whole corpus, to
  // see whether keyguard's peak memory stays flat as the corpus grows. secretlint runs once,
  // on the whole corpus (secretlint 11 grew faster than its input; 13 does not).
  const sizes = [
    { name: '1/32', root: small.root, files: small.files, secretlint: false },
    { name: '1/16', root: medium.root, files: medium.files, secretlint: false },
    { name: 'full', root: fullRoot, files: all, secretlint: true },
  ];
  const bytesOf = (files) => files.reduce((sum, f) => sum + f.size, 0);
  const result = {
    corpus: {
      root: fullRoot,
      packages: corpusPackages,
      files: all.length,
      bytes: bytesOf(all),
      samples: { '1/32': { files: small.files.length, bytes: bytesOf(small.files) }, '1/16': { files: medium.files.length, bytes: bytesOf(medium.files) } },
    },
    keyguard: keyguard.ok ? 'measured' : `not available yet (${keyguard.reason})`,
    secretlint: secretlint
      ? `secretlint@${secretlint.version} + @secretlint/secretlint-rule-preset-recommend, once, on the full corpus`
      : 'skipped',
    repeats,
    sizes: {},
  };
  if (!keyguard.ok) note(`keyguard scan: not available yet — ${keyguard.reason}`);

  try {
    for (const size of sizes) {
      process.stderr.write(`scan: ${size.name} corpus (${size.files.length} files)…\n`);
      const rows = measureSize(size, { root: size.root, scratch, keyguard, secretlint, repeats });
      result.sizes[size.name] = rows;
    }
    if (profile && keyguard.ok) result.profile = profileKeyguard(fullRoot, scratch);
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
        'CPU of floor': m.cpuOfFloor,
        'vs secretlint': m.vsSecretlint,
        'peak RSS MB': round(m.maxRssMb, 0),
        'CPU s': round(m.cpuS, 2),
        findings: m.findings,
      });
    }
  }
  printTable('Full scan: throughput (median wall time) and peak memory', table);
  for (const [name, size] of Object.entries(result.sizes)) {
    const engine = size.tools['engine only'];
    if (engine) {
      note(
        `${name}: engine only = read ${engine.readMs} ms + decode ${engine.decodeMs} ms + scanner.scan ${engine.scanMs} ms ` +
          `(scanner.scan alone ${engine.scanOnlyMbPerS} MB/s)`,
      );
    }
  }
  const growth = (tool, from, to) => {
    const a = result.sizes[from]?.tools[tool];
    const b = result.sizes[to]?.tools[tool];
    return a && b ? round(b.maxRssMb / a.maxRssMb, 2) : undefined;
  };
  result.memoryGrowth = {
    'full vs 1/32': { bytes: round(bytesOf(all) / bytesOf(small.files), 1), keyguard: growth('keyguard', '1/32', 'full') },
    '1/16 vs 1/32': { bytes: round(bytesOf(medium.files) / bytesOf(small.files), 2), keyguard: growth('keyguard', '1/32', '1/16') },
  };
  for (const [pair, g] of Object.entries(result.memoryGrowth)) {
    note(`peak RSS ${pair} (${g.bytes}× the bytes): keyguard ${g.keyguard ?? '—'}×`);
  }
  if (result.profile) {
    printTable('keyguard scan CPU profile by kind of work (self time)', result.profile.categories);
    printTable(`keyguard scan CPU profile (self time, ${result.profile.totalMs} ms sampled)`, result.profile.top);
  }
  return result;
}

function measureSize(size, { root, scratch, keyguard, secretlint, repeats }) {
  const slug = size.name.replace('/', '-in-');
  const tools = {};
  const bytesOf = (files) => files.reduce((sum, f) => sum + f.size, 0);
  const kgReports = {};
  // keyguard skips files over maxFileSize (100 MB by default since issue 13, 1 MB before);
  // the corpus has minified bundles of up to 35 MB. The main row raises the limit so keyguard
  // reads the same bytes as the floor and secretlint; the "default config" row shows what users get.
  const bigLimitConfig = path.join(scratch, 'keyguard.config.json');
  writeFileSync(bigLimitConfig, JSON.stringify({ maxFileSize: 256 * MB }));
  const kgArgs = (config) => [keyguardBin, 'scan', '.', '--format', 'json', ...(config ? ['--config', config] : [])];
  const kgOut = (name) => path.join(scratch, `keyguard-${slug}-${name}.json`);
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
  const listFile = path.join(scratch, `files-${slug}.txt`);
  writeFileSync(listFile, scanned.map((f) => f.path).join('\n'));
  const floorScript = path.join(benchDir, 'read-floor.mjs');

  const engineScript = path.join(benchDir, 'engine-only.mjs');
  // `--threads 1`: every file on the main thread. The default row uses a worker per core once a
  // listing reaches 10,000 files (sources/files.ts WORKERS_FROM_FILES): on the full corpus the two
  // rows tell what the workers buy, on the samples they run the same way.
  const threadsRow = 'keyguard --threads 1';
  const runs = { floor: [], 'floor+decode': [], 'engine only': [], keyguard: [], [threadsRow]: [], 'keyguard, default config': [] };
  measure(process.execPath, [floorScript, listFile]); // page cache warm-up when keyguard is absent
  for (let i = 0; i < repeats; i++) {
    runs.floor.push(measure(process.execPath, [floorScript, listFile]));
    runs['floor+decode'].push(measure(process.execPath, [floorScript, listFile, '--decode']));
    if (keyguard.ok) {
      runs['engine only'].push(measure(process.execPath, [engineScript, listFile, root]));
      runs.keyguard.push(measure(process.execPath, kgArgs(bigLimitConfig), { cwd: root, stdoutFile: kgOut('all') }));
      const threaded = measure(process.execPath, [...kgArgs(bigLimitConfig), '--threads', '1'], { cwd: root, stdoutFile: kgOut('threads') });
      runs[threadsRow].push(threaded);
      if (i === 0) kgReports[threadsRow] = readReport(kgOut('threads'), threaded);
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
  if (tools['engine only']) {
    // The in-process split of the median run: reading, decoding, and scanner.scan alone.
    const splits = runs['engine only'].map((r) => JSON.parse(r.stdout));
    const scanMs = median(splits.map((x) => x.scanMs));
    Object.assign(tools['engine only'], {
      readMs: round(median(splits.map((x) => x.readMs)), 0),
      decodeMs: round(median(splits.map((x) => x.decodeMs)), 0),
      scanMs: round(scanMs, 0),
      scanOnlyMbPerS: round(bytes / MB / (scanMs / 1000), 1),
      findings: splits[0].findings,
    });
  }
  for (const [tool, report] of Object.entries(kgReports)) {
    Object.assign(tools[tool], {
      findings: report.findings.length,
      reportedFiles: report.stats?.files,
      reportedBytes: report.stats?.bytes,
      skipped: report.stats?.skipped?.length,
      skippedReasons: countBy((report.stats?.skipped ?? []).map((s) => s.reason.replace(/\(.*\)/, '').trim())),
      findingRules: countBy(report.findings.map((f) => f.ruleId)),
      // Where the findings are (the corpus is clean published code, so each is a false positive
      // to look at); matches are already redacted by keyguard.
      findingFiles: countBy(report.findings.map((f) => `${f.file} ${f.ruleId}`)),
      sampleFindings: sampleAcrossFiles(report.findings, 15).map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.match}`),
    });
  }

  if (secretlint && size.secretlint) {
    const slOut = path.join(scratch, `secretlint-${slug}.txt`);
    const sl = measure(
      process.execPath,
      [secretlint.bin, '**/*', '--secretlintrc', secretlint.config, '--format', 'unix', '--output', slOut, '--no-color'],
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
    // The same share by CPU time: steadier than wall time when other work shares the machine.
    m.cpuOfFloor = round(floor.cpuS / m.cpuS, 3);
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

/** Up to `limit` findings, taking one per file first so the sample shows the variety. */
function sampleAcrossFiles(findings, limit) {
  const seen = new Set();
  const first = findings.filter((f) => !seen.has(f.file) && seen.add(f.file));
  return [...first, ...findings.filter((f) => !first.includes(f))].slice(0, limit);
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
