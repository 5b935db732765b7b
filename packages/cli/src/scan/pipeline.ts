/**
 * Scanning a source's units: the one place where every source's units become findings. Every
 * source yields scan units (scan/unit.ts); this module scans them with `scanUnit`, which decides
 * for every source alike that a finding is new when one of its lines is added, lists a directive
 * only on an added line, and keeps a suppressed finding when it is new or when a listed directive
 * hid it. A source that can be read in parts on worker threads (history) has its parts
 * dispatched to the worker pool from here; each worker scans its part's units with the same
 * `scanOneUnit`. The .env policy is applied here too, on the main thread.
 */
import { copyFinding, linesOverlappingLfLines, type Finding, type IncompleteRegion, type InlineDirective, type Scanner, type SuppressedFinding } from '@keyguard/core';
import { envFileFinding, envFileRuleId, forceAddedEnvFile, ignoredPaths, type EnvFilePolicy } from '../env-files.js';
import { chunkSizes, chunksOf, type TextChunk } from '../sources/chunks.js';
import type { SkippedFile, Source, SourceParts } from '../sources/types.js';
import { scanUnit, toRuns, type ScanUnit, type StreamedText, type TextBlock, type UnitResult } from './unit.js';

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

/** A unit once scanned: what the pipeline needs of it, without its text (what a worker sends back). */
export interface ScannedUnit {
  file: string;
  repoPath: string;
  bytes: number;
  commit?: string;
  envPolicy?: boolean;
  /** Length of the unit's line 1 (or of its first added line when it does not hold line 1): an env-file finding spans it. */
  firstLineLength: number;
  result: UnitResult;
}

/**
 * What a worker answers for one part: its units that the pipeline must see (`mattersHere`), in
 * order; how many others it scanned, and their bytes; and the part's tail. Most files of a large
 * scan hold nothing: sending them across threads one by one cost more than counting them.
 */
export interface PartAnswer<Tail = unknown> {
  scanned: ScannedUnit[];
  plain: { units: number; bytes: number };
  tail: Tail;
}

/** Whether the .env policy blocks the unit's file (one finding for the file, whatever it holds). */
function envBlocked(unit: ScannedUnit, envFiles: EnvFilePolicy): boolean {
  return unit.envPolicy !== false && envFiles.isBlocked(unit.repoPath);
}

/** Whether the pipeline needs a scanned unit itself, not only its count: it found something, or the .env policy blocks it. */
export function mattersHere(unit: ScannedUnit, envFiles: EnvFilePolicy): boolean {
  const { result } = unit;
  return result.findings.length > 0 || result.suppressed.length > 0 || result.directives.length > 0 || (result.incomplete?.length ?? 0) > 0 || envBlocked(unit, envFiles);
}

export async function scanSource(source: Source, scanner: Scanner, envFiles: EnvFilePolicy): Promise<ScannedSource> {
  const scanned: ScannedSource = { findings: [], suppressed: [], directives: [], incomplete: [], files: 0, bytes: 0 };
  const { findings, suppressed, directives } = scanned;
  /** Index in `findings` of each env-file finding → the file's repo path. */
  const envFindingPaths = new Map<number, string>();
  const parts = await source.parts?.();
  const units = parts ? scanOnWorkers(parts, scanned) : scanHere(source.units(), scanner);
  for await (const unit of units) {
    scanned.files++;
    scanned.bytes += unit.bytes;
    const { result } = unit;
    if (envBlocked(unit, envFiles)) {
      // One finding for an env file that must not be committed: the file, naming what its
      // values look like (never the values), not one "move it to an env var" per line of it.
      const held = [...new Set(result.findings.map((finding) => finding.ruleId))];
      const finding = envFileFinding(unit.file, unit.repoPath, unit.firstLineLength, held);
      findings.push(unit.commit === undefined ? finding : copyFinding(finding, { commit: unit.commit }));
      envFindingPaths.set(findings.length - 1, unit.repoPath);
    } else {
      // loops, not push(...): a 16 MB history unit can hold more findings than a call takes arguments
      for (const finding of result.findings) findings.push(finding);
    }
    if (result.incomplete && result.incomplete.length > 0) scanned.incomplete.push(incompleteSkip(unit, result.incomplete));
    for (const finding of result.suppressed) suppressed.push(finding);
    for (const directive of result.directives) directives.push(directive);
  }
  for (const { path, repoPath } of source.unreadNames ?? []) {
    if (envFiles.isBlocked(repoPath)) {
      findings.push(envFileFinding(path, repoPath, 0));
      envFindingPaths.set(findings.length - 1, repoPath);
    }
  }
  await adviseForceAdded(findings, envFindingPaths, source.repoRoot);
  return scanned;
}

/** The units of a source read on this thread, each scanned as it comes. */
async function* scanHere(units: AsyncIterable<ScanUnit>, scanner: Scanner): AsyncGenerator<ScannedUnit> {
  for await (const unit of units) yield await scanOneUnit(scanner, unit);
}

/**
 * A source's parts on worker threads: each worker reads its part and scans it with `scanOneUnit`;
 * answers come back in order. The units that hold nothing are only counted, into `plain`.
 */
async function* scanOnWorkers(parts: SourceParts, plain: { files: number; bytes: number }): AsyncGenerator<ScannedUnit> {
  // loaded only here: a staged scan (every commit) never pays for the pool
  const { orderedPool } = await import('../workers/pool.js');
  const answers = orderedPool<unknown, PartAnswer>(parts.jobs, {
    threads: parts.threads,
    setup: parts.setup,
    workerUrl: parts.workerUrl,
    ...(parts.window === undefined ? {} : { window: parts.window }),
  });
  try {
    for await (const answer of answers) {
      parts.absorb(answer.tail);
      plain.files += answer.plain.units;
      plain.bytes += answer.plain.bytes;
      yield* answer.scanned;
    }
  } finally {
    parts.close();
  }
}

/**
 * Scans one unit, on the main thread or on a worker: its blocks with `scanUnit`, or a streamed
 * file a chunk at a time (each chunk one block, with the lines it reports).
 */
export async function scanOneUnit(scanner: Scanner, unit: ScanUnit): Promise<ScannedUnit> {
  const { file, repoPath, bytes, commit, envPolicy } = unit;
  const scanned: ScannedUnit = { file, repoPath, bytes, firstLineLength: 0, result: { findings: [], suppressed: [], directives: [] } };
  if (commit !== undefined) scanned.commit = commit;
  if (envPolicy !== undefined) scanned.envPolicy = envPolicy;
  if (!unit.stream) {
    scanned.result = scanUnit(scanner, unit);
    scanned.firstLineLength = firstLineLength(unit.blocks);
    return scanned;
  }
  const { result } = scanned;
  const sizes = chunkSizes(scanner.contextSpan);
  for await (const chunk of chunksOf(unit.stream.pieces, unit.stream.encoding, sizes)) {
    const block = chunkBlock(chunk, unit.stream);
    if (chunk.startLine === 1 && chunk.startColumn === 1) scanned.firstLineLength = firstLineLength([block]);
    const part = scanUnit(scanner, { ...unit, bytes: chunk.text.length, blocks: [block] });
    for (const finding of part.findings) result.findings.push(finding);
    for (const finding of part.suppressed) result.suppressed.push(finding);
    for (const directive of part.directives) result.directives.push(directive);
    if (part.incomplete) (result.incomplete ??= []).push(...part.incomplete);
  }
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
function chunkBlock(chunk: TextChunk, stream: StreamedText): TextBlock {
  const block = { startLine: chunk.startLine, startColumn: chunk.startColumn, text: chunk.text, region: chunk.region };
  if (stream.reportLfLines === undefined) return block;
  const local = new Set<number>();
  let lfs = 0;
  for (let i = chunk.text.indexOf('\n'); i !== -1; i = chunk.text.indexOf('\n', i + 1)) lfs++;
  for (const line of stream.reportLfLines) if (line >= chunk.startLfLine && line <= chunk.startLfLine + lfs) local.add(line - chunk.startLfLine + 1);
  const lines = new Set([...linesOverlappingLfLines(chunk.text, local)].map((line) => line + chunk.startLine - 1));
  return { ...block, reportRuns: toRuns(lines) };
}

/** A file some rule did not fully scan, as a skip every report lists (and failOnUnscanned fails on). */
function incompleteSkip(file: ScannedUnit, regions: readonly IncompleteRegion[]): SkippedFile {
  const linesOf = (of: readonly IncompleteRegion[]) => {
    const first = Math.min(...of.map((region) => region.line));
    const last = Math.max(...of.map((region) => region.endLine));
    return first === last ? `line ${first}` : `lines ${first}-${last}`;
  };
  const causes: string[] = [];
  const capped = regions.filter((region) => region.cause === 'too-many-findings');
  if (capped.length > 0) {
    const limit = Math.min(...capped.map((region) => region.limit));
    causes.push(`too many findings: scanning stopped after ${limit} candidate findings, so ${linesOf(capped)} were not read`);
  }
  const rejected = regions.filter((region) => region.cause === 'too-many-candidates');
  if (rejected.length > 0) {
    const limit = Math.min(...rejected.map((region) => region.limit));
    causes.push(`too many candidates: scanning stopped after ${limit} candidates that were not keys, so ${linesOf(rejected)} were not read`);
  }
  const repeated = regions.filter((region) => region.cause === 'repeated-keyword');
  if (repeated.length > 0) {
    const rules = [...new Set(repeated.map((region) => region.ruleId))].join(', ');
    causes.push(`a keyword repeats inside its own matches on ${linesOf(repeated)} (${rules}), past the bound on work per character`);
  }
  const commit = file.commit === undefined ? '' : ` (commit ${file.commit.slice(0, 12)})`;
  return {
    file: file.file,
    kind: 'incomplete',
    reason: `not fully scanned: ${causes.join('; ')}; a key there could be missed${commit}`,
  };
}

/**
 * How long the line an env-file finding spans is: line 1 when the first block holds it, else
 * the first reported (added) line of the first block (a history unit whose hunk starts later).
 */
function firstLineLength(blocks: readonly TextBlock[]): number {
  const block = blocks[0];
  if (block === undefined) return 0;
  let start = 0;
  if (block.startLine !== 1) {
    for (let skip = (block.reportRuns?.[0] ?? block.startLine) - block.startLine; skip > 0; skip--) {
      const next = block.text.indexOf('\n', start);
      if (next === -1) break;
      start = next + 1;
    }
  }
  let end = block.text.indexOf('\n', start);
  if (end === -1) end = block.text.length;
  if (end > start && block.text.charCodeAt(end - 1) === 13) end--;
  return end - start;
}
