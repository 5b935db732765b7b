/**
 * One unit of scan work, the same whether it runs in a worker thread or on the main thread
 * (`--threads 1`), so both give identical findings.
 */
import type { Finding, InlineDirective, Scanner, SuppressedFinding } from '@keyguard/core';

/** A run of consecutive lines: its first line number in the file, and its text. */
export interface TextBlock {
  startLine: number;
  text: string;
}

export interface WorkUnit {
  /** Position in the source's order; results are put back in this order. */
  seq: number;
  /** Path as reports show it. */
  file: string;
  blocks: TextBlock[];
  /** UTF-16 length of the blocks' text, for batching. */
  bytes: number;
  /** History scans: the commit that added the blocks, and its author date (ISO 8601). */
  commit?: string;
  authorDate?: string;
}

export interface UnitDirective extends InlineDirective {
  file: string;
  commit?: string;
}

/** A finding as a unit reports it: with its commit and author date in a history scan. */
export type UnitFinding<F extends Finding = Finding> = F & { authorDate?: string };

export interface UnitResult {
  seq: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  directives: UnitDirective[];
}

/** Scans each block on its own and moves its line numbers to where the block sits in the file. */
export function scanUnit(scanner: Scanner, unit: WorkUnit): UnitResult {
  const result: UnitResult = { seq: unit.seq, findings: [], suppressed: [], directives: [] };
  for (const block of unit.blocks) {
    const shift = block.startLine - 1;
    const scanned = scanner.scan(block.text, unit.file);
    const place = <T extends Finding>(finding: T): UnitFinding<T> => ({
      ...finding,
      file: unit.file,
      line: finding.line + shift,
      endLine: finding.endLine + shift,
      ...(unit.commit === undefined ? {} : { commit: unit.commit }),
      ...(unit.authorDate === undefined ? {} : { authorDate: unit.authorDate }),
    });
    for (const finding of scanned.findings) result.findings.push(place(finding));
    for (const finding of scanned.suppressed) result.suppressed.push(place(finding));
    for (const directive of scanned.directives) {
      result.directives.push({
        ...directive,
        line: directive.line + shift,
        target: directive.target + shift,
        file: unit.file,
        ...(unit.commit === undefined ? {} : { commit: unit.commit }),
      });
    }
  }
  return result;
}
