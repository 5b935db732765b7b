import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';

/**
 * Static and fuzzing ReDoS analysis (recheck) of every regex in the catalog: none may
 * backtrack catastrophically (exponentially or polynomially) on hostile input. The fuzzer's
 * seed is fixed and its limits count VM steps, not milliseconds, so that the verdict does not
 * depend on how busy the machine is. Rules that share a regex (same source and flags) share one
 * check, named after all of them: recheck's verdict depends on nothing else, and each check costs
 * up to ~12 s of CPU (the native backend, recheck-linux-x64; docs/benchmarks.md). The distinct
 * regexes are checked in `parts` slices so that test files can run in parallel.
 */
export function describeReDoSCheck(part: number, parts: number): void {
  const byRegex = new Map<string, { ids: string[]; regex: RegExp }>();
  for (const rule of rules) {
    const key = `${rule.regex.flags}/${rule.regex.source}`;
    const shared = byRegex.get(key);
    if (shared) shared.ids.push(rule.id);
    else byRegex.set(key, { ids: [rule.id], regex: rule.regex });
  }
  const slice = [...byRegex.values()].filter((_regex, i) => i % parts === part);
  describe(`every rule regex is safe from catastrophic backtracking (part ${part + 1} of ${parts})`, () => {
    it.each(slice.map(({ ids, regex }) => [ids.join(', '), regex] as const))('%s', (_ids, regex) => {
      const result = checkSync(regex.source, regex.flags, { timeout: 100_000, randomSeed: 0, attackTimeout: null, incubationTimeout: null });
      expect(result.status, `${result.status} ${'attack' in result ? JSON.stringify(result.attack?.pattern) : ''}`).toBe('safe');
    }, 120_000);
  });
}
