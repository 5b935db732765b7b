import type { Finding, Scanner } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../src/scan/pipeline.js';
import type { ScanUnit } from '../src/scan/unit.js';
import type { Source } from '../src/sources/types.js';

/** A source of given units (the sources' own tests read real files and real git). */
function sourceOf(units: ScanUnit[]): Source {
  return {
    skipped: [],
    async *units() {
      yield* units;
    },
  };
}

const noEnvPolicy = { isBlocked: () => false };

describe('scanSource', () => {
  it('keeps every finding of a unit that holds more of them than a function call takes arguments', async () => {
    // A history unit may hold 16 MB of added text: hundreds of thousands of findings. The engine
    // is replaced here by one that reports them at once, so the test costs no scanning time.
    const count = 300_000;
    const finding: Finding = { ruleId: 'r', message: 'm', file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2, match: 'x…', fingerprint: 'f', severity: 'error', fix: '' };
    const scanner = { contextSpan: 0, scan: () => ({ findings: new Array<Finding>(count).fill(finding), suppressed: [], directives: [] }) } as unknown as Scanner;
    const unit: ScanUnit = { file: 'big.txt', repoPath: 'big.txt', bytes: 1, blocks: [{ startLine: 1, text: 'x' }], commit: 'c'.repeat(40) };
    const scanned = await scanSource(sourceOf([unit]), scanner, noEnvPolicy);
    expect(scanned.findings).toHaveLength(count);
    expect(scanned.findings[count - 1]).toMatchObject({ file: 'big.txt', commit: 'c'.repeat(40) });
  });
});
