/**
 * The project guards itself: its own files — rule examples, test fixtures, docs — hold no
 * live-looking key, so keyguard's own scanner finds nothing in this repository.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard, workspaceRoot } from './helpers/cli.js';

beforeAll(() => requireBuiltCli());

describe('this repository under its own scanner', () => {
  it('has no findings in its tracked and untracked files', () => {
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: workspaceRoot });
    const report = parseJsonReport(result.stdout);
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    expect(report.stats.files).toBeGreaterThan(100);
    expect(result.code).toBe(0);
  });
});
