/**
 * Baselines: the findings a team accepted when it adopted keyguard, so that later scans fail
 * only on new ones. A baseline holds, per finding, the content fingerprint (a hash of the rule
 * id and the secret, never the secret), the rule id and the file; no line numbers, so editing a
 * file does not churn it. Entries are sorted, so the file diffs cleanly in review.
 *
 * An entry matches a finding with the same fingerprint, rule and file. The file is part of the
 * match on purpose: copying an accepted key into another file spreads it, and that is new.
 * Paths are stored relative to the baseline file's folder, so a scan from a subfolder matches.
 */
import { jsonErrorAt, readRegularTextFile } from '@keyguard/core/config-files';
import { writeFileAtomically } from '../output-file.js';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { relativePosix, relativeTo } from '../paths.js';
import { describeValue, FINGERPRINT_PATTERN, type Finding } from '@keyguard/core';
import { RuntimeError } from '../errors.js';
import type { FindingFilter } from './types.js';
import type { UnusedIgnore } from '../report/types.js';

export const DEFAULT_BASELINE_FILE = '.keyguard-baseline.json';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** posix path relative to the baseline file's folder. */
  file: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** A baseline read from disk, with where it came from (for messages and path matching). */
export interface LoadedBaseline extends Baseline {
  /** Absolute path of the baseline file. */
  path: string;
  /** The path as the user spelled it / as messages show it. */
  label: string;
}

/** The same shape config allow.fingerprints checks (`@keyguard/core`). */
const FINGERPRINT = new RegExp(FINGERPRINT_PATTERN);

const entryKey = (entry: BaselineEntry) => `${entry.fingerprint}\0${entry.ruleId}\0${entry.file}`;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

/** A finding's file as a baseline spells it: relative to the baseline's folder, `/`-separated. */
export function baselinePath(baselineFile: string, cwd: string, file: string): string {
  return relativeTo(dirname(baselineFile), file, cwd);
}

/** The baseline recording these findings: one entry per (fingerprint, rule, file), sorted. */
export function baselineFromFindings(findings: readonly Finding[], baselineFile: string, cwd: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const entry = { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: baselinePath(baselineFile, cwd, finding.file) };
    entries.set(entryKey(entry), entry);
  }
  return { version: BASELINE_VERSION, entries: [...entries.values()].sort(compareEntries) };
}

/** Stable text: fixed key order, one entry per line, trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const lines = [...baseline.entries]
    .sort(compareEntries)
    .map((entry) => `    ${JSON.stringify({ fingerprint: entry.fingerprint, ruleId: entry.ruleId, file: entry.file })}`);
  const entries = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "version": ${baseline.version},\n  "entries": ${entries}\n}\n`;
}

/** Writes the baseline by rename; a folder under `cwd` on the way that is a symlink is refused. */
export function writeBaseline(path: string, baseline: Baseline, cwd?: string): void {
  writeFileAtomically(path, formatBaseline(baseline), path, 'baseline', cwd);
}

/** Baselines hold one short line per finding: 64 MB is some 500,000 of them. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** Reads and checks a baseline file; every problem is an error naming the file (exit 2). */
export function readBaseline(path: string, label = path): LoadedBaseline {
  // read as configs are: a FIFO or a symlink to /dev/zero committed as the baseline is an error
  const read = readRegularTextFile(path, MAX_BASELINE_BYTES);
  if (!('text' in read)) {
    throw new RuntimeError(
      read.code === 'ENOENT' ? `${label}: baseline file not found; create it with \`keyguard baseline\`` : `${label}: ${read.problem}`,
    );
  }
  const { text } = read;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { line, column, problem } = jsonErrorAt(text, (error as Error).message);
    throw new RuntimeError(`${label}: the baseline is not valid JSON (${problem} at ${line}:${column})`);
  }
  const problem = (what: string) => new RuntimeError(`${label}: invalid baseline: ${what}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw problem('expected an object with "version" and "entries"');
  const { version, entries } = data as { version?: unknown; entries?: unknown };
  if (version !== BASELINE_VERSION) throw problem(`"version" must be ${BASELINE_VERSION}, got ${describeValue(version)}`);
  if (!Array.isArray(entries)) throw problem('"entries" must be an array');
  const checked = entries.map((entry: unknown, index): BaselineEntry => {
    const at = `entries[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw problem(`${at} must be an object`);
    const { fingerprint, ruleId, file } = entry as Record<string, unknown>;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
      throw problem(`${at}.fingerprint must be a lower-case hex fingerprint as keyguard writes it`);
    }
    if (typeof ruleId !== 'string' || ruleId === '') throw problem(`${at}.ruleId must be a rule id`);
    if (typeof file !== 'string' || file === '') throw problem(`${at}.file must be a path`);
    return { fingerprint, ruleId, file };
  });
  return { version: BASELINE_VERSION, entries: checked, path, label };
}

/**
 * The baseline a scan uses: the `--baseline` file (which must exist), else the default file in
 * the cwd or at the repository root when there is one, else none.
 */
export function findBaseline(cwd: string, explicit: string | undefined, repoRoot?: string): LoadedBaseline | undefined {
  if (explicit !== undefined) return readBaseline(resolve(cwd, explicit), explicit);
  for (const folder of [cwd, repoRoot]) {
    if (folder === undefined) continue;
    const path = resolve(folder, DEFAULT_BASELINE_FILE);
    if (existsSync(path)) return readBaseline(path, relativePosix(cwd, path));
  }
  return undefined;
}

/** What changed between two baselines (for `keyguard baseline --update`'s summary). */
export function compareBaselines(before: Baseline, after: Baseline): { added: number; removed: number } {
  const old = new Set(before.entries.map(entryKey));
  const next = new Set(after.entries.map(entryKey));
  return {
    added: [...next].filter((key) => !old.has(key)).length,
    removed: [...old].filter((key) => !next.has(key)).length,
  };
}

/** The filter stage: hides findings the baseline records, and remembers which entries matched. */
export function baselineFilter(baseline: LoadedBaseline, cwd: string): FindingFilter {
  const entries = new Map(baseline.entries.map((entry) => [entryKey(entry), entry]));
  // A finding's fingerprint is hashed only when the baseline holds an entry of its rule and file.
  const ruleFiles = new Set(baseline.entries.map((entry) => `${entry.ruleId}\0${entry.file}`));
  const used = new Set<string>();
  return {
    name: 'baseline',
    apply(findings: Finding[]): Finding[] {
      return findings.filter((finding) => {
        const file = baselinePath(baseline.path, cwd, finding.file);
        if (!ruleFiles.has(`${finding.ruleId}\0${file}`)) return true;
        // a baseline written by an older keyguard holds legacy (unsalted) fingerprints: they still
        // match, and `baseline --update` rewrites them
        const keyOf = (print: string | undefined) => (print === undefined ? undefined : entryKey({ fingerprint: print, ruleId: finding.ruleId, file }));
        // the legacy fingerprint is hashed only when the current one is not listed
        let key = keyOf(finding.fingerprint);
        if (key === undefined || !entries.has(key)) key = keyOf(finding.legacyFingerprint);
        if (key === undefined || !entries.has(key)) return true;
        used.add(key);
        return false;
      });
    },
    unused(): UnusedIgnore[] {
      return [...entries]
        .filter(([key]) => !used.has(key))
        .map(([, entry]) => ({
          kind: 'baseline',
          file: baseline.label,
          detail: `${entry.ruleId} ${entry.fingerprint} for ${entry.file}`,
        }));
    },
  };
}
