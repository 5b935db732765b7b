/**
 * Scanning a source's units: the one place where every source's files become findings. A unit
 * is a file (or one commit's change to it) with the lines that count as added; `scanUnit`
 * decides for every source alike that a finding is new when one of its lines is added, lists a
 * directive only on an added line, and keeps a suppressed finding when it is new or when a
 * listed directive hid it. A source that scans in worker threads (history) hands over the
 * `scanUnit` result it made there. The .env policy is applied here too.
 */
import { copyFinding, linesOverlappingLfLines, type Finding, type IncompleteRegion, type InlineDirective, type Scanner, type ScanResult, type SuppressedFinding } from '@keyguard/core';
import { envFileFinding, envFileRuleId, forceAddedEnvFile, ignoredPaths, type EnvFilePolicy } from '../env-files.js';
import { CHUNK_CHARS, chunksOf, type TextChunk } from '../sources/chunks.js';
import type { SkippedFile, Source, SourceFile } from '../sources/types.js';
import { scanUnit } from './unit.js';

/** A chunk carries at least this much of its neighbours' text on each side (and the scanner's contextSpan). */
const MIN_OVERLAP = 64 * 1024;

export interface ScannedSource {
  findings: Finding[];
  /** Findings that inline directives hid (for `--report-unused`). */
  suppressed: SuppressedFinding[];
  /** Directives on the units' added lines, with their file. */
  directives: Array<InlineDirective & { file: string }>;
  /** Files a rule did not fully scan (a keyword repeated inside its own matches past the bound on work). */
  incomplete: SkippedFile[];
  /** Units (files, or file versions of a history) scanned. */
  files: number;
  bytes: number;
}

export async function scanSource(source: Source, scanner: Scanner, envFiles: EnvFilePolicy): Promise<ScannedSource> {
  const scanned: ScannedSource = { findings: [], suppressed: [], directives: [], incomplete: [], files: 0, bytes: 0 };
  const { findings, suppressed, directives } = scanned;
  /** Index in `findings` of each env-file finding → the file's repo path. */
  const envFindingPaths = new Map<number, string>();
  for await (const file of source.files()) {
    scanned.files++;
    scanned.bytes += file.bytes;
    const blockedEnvFile = file.envPolicy !== false && envFiles.isBlocked(file.repoPath);
    let text = file.text;
    let result: ScanResult;
    if (file.stream) {
      result = { findings: [], suppressed: [], directives: [] };
      const sizes = { chunk: CHUNK_CHARS, overlap: Math.max(MIN_OVERLAP, scanner.contextSpan) };
      for await (const chunk of chunksOf(file.stream.pieces, file.stream.encoding, sizes)) {
        if (chunk.startLine === 1 && chunk.startColumn === 1) text = chunk.text.slice(0, 1000);
        const part = scanUnit(scanner, { file: file.path, bytes: chunk.text.length, blocks: [chunkBlock(chunk, file)] });
        result.findings.push(...part.findings);
        result.suppressed.push(...part.suppressed);
        result.directives.push(...part.directives);
        if (part.incomplete) (result.incomplete ??= []).push(...part.incomplete);
      }
    } else {
      result =
        file.result ??
        scanUnit(scanner, {
          file: file.path,
          bytes: file.bytes,
          blocks: [{ startLine: 1, text: file.text, ...(file.reportLines === undefined ? {} : { reportRuns: toRuns(file.reportLines) }) }],
        });
    }
    if (blockedEnvFile) {
      // One finding for an env file that must not be committed: the file, naming what its
      // values look like (never the values), not one "move it to an env var" per line of it.
      const held = [...new Set(result.findings.map((finding) => finding.ruleId))];
      findings.push(withCommit(envFileFinding(file.path, file.repoPath, firstLine(text), held), file.commit));
      envFindingPaths.set(findings.length - 1, file.repoPath);
    } else {
      for (const finding of result.findings) findings.push(withCommit(finding, file.commit));
    }
    if (result.incomplete && result.incomplete.length > 0) scanned.incomplete.push(incompleteSkip(file, result.incomplete));
    for (const finding of result.suppressed) suppressed.push(withCommit(finding, file.commit));
    for (const directive of result.directives) directives.push({ ...directive, file: file.path });
  }
  for (const { path, repoPath } of source.unreadNames ?? []) {
    if (envFiles.isBlocked(repoPath)) {
      findings.push(envFileFinding(path, repoPath, ''));
      envFindingPaths.set(findings.length - 1, repoPath);
    }
  }
  await adviseForceAdded(findings, envFindingPaths, source.repoRoot);
  return scanned;
}

/**
 * An env file that .gitignore already covers was force-added: the finding says so
 * (`forceAdded`), and its fix too instead of "add it to .gitignore". One `git check-ignore` for all of them; outside git nothing changes.
 */
async function adviseForceAdded(findings: Finding[], envFindingPaths: ReadonlyMap<number, string>, repoRoot: string | undefined): Promise<void> {
  if (repoRoot === undefined || envFindingPaths.size === 0) return;
  const ignored = await ignoredPaths(repoRoot, [...new Set(envFindingPaths.values())]);
  for (const [index, repoPath] of envFindingPaths) {
    const finding = findings[index]!;
    if (finding.ruleId === envFileRuleId && ignored.has(repoPath)) findings[index] = forceAddedEnvFile(finding);
  }
}

/** One chunk of a streamed file as a block of scanUnit, with the lines it reports (git's LF lines mapped onto it). */
function chunkBlock(chunk: TextChunk, file: SourceFile) {
  const block = { startLine: chunk.startLine, startColumn: chunk.startColumn, text: chunk.text, region: chunk.region };
  if (file.reportLfLines === undefined) return block;
  const local = new Set<number>();
  let lfs = 0;
  for (let i = chunk.text.indexOf('\n'); i !== -1; i = chunk.text.indexOf('\n', i + 1)) lfs++;
  for (const line of file.reportLfLines) if (line >= chunk.startLfLine && line <= chunk.startLfLine + lfs) local.add(line - chunk.startLfLine + 1);
  const lines = new Set([...linesOverlappingLfLines(chunk.text, local)].map((line) => line + chunk.startLine - 1));
  return { ...block, reportRuns: toRuns(lines) };
}

/** A file some rule did not fully scan, as a skip every report lists (and failOnUnscanned fails on). */
function incompleteSkip(file: SourceFile, regions: readonly IncompleteRegion[]): SkippedFile {
  const rules = [...new Set(regions.map((region) => region.ruleId))].join(', ');
  const first = Math.min(...regions.map((region) => region.line));
  const last = Math.max(...regions.map((region) => region.endLine));
  const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
  const commit = file.commit === undefined ? '' : ` (commit ${file.commit.slice(0, 12)})`;
  return {
    file: file.path,
    kind: 'incomplete',
    reason: `not fully scanned: a keyword repeats inside its own matches on ${lines} (${rules}), past the bound on work per character; a key there could be missed${commit}`,
  };
}

/** Line numbers as the runs `[first, last, …]` of scanUnit, in order. */
export function toRuns(lines: ReadonlySet<number>): number[] {
  const runs: number[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    if (runs.length > 0 && runs[runs.length - 1] === line - 1) runs[runs.length - 1] = line;
    else runs.push(line, line);
  }
  return runs;
}

function withCommit<T extends Finding>(finding: T, commit: string | undefined): T {
  return commit === undefined ? finding : (copyFinding(finding, { commit }) as T);
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}
