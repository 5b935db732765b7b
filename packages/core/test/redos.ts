import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';

/**
 * Static and fuzzing ReDoS analysis (recheck) of every regex in the catalog: none may
 * backtrack catastrophically (exponentially or polynomially) on hostile input. The fuzzer's
 * seed is fixed and its limits count VM steps, not milliseconds, so that the verdict does not
 * depend on how busy the machine is. The catalog is checked in `parts` slices so that test
 * files can run in parallel.
 */
export function describeReDoSCheck(part: number, parts: number): void {
  const slice = rules.filter((_rule, i) => i % parts === part);
  describe(`every rule regex is safe from catastrophic backtracking (part ${part + 1} of ${parts})`, () => {
    it.each(slice.map((rule) => [rule.id, rule.regex] as const))('%s', (_id, regex) => {
      const result = checkSync(regex.source, regex.flags, { timeout: 100_000, randomSeed: 0, attackTimeout: null, incubationTimeout: null });
      expect(result.status, `${result.status} ${'attack' in result ? JSON.stringify(result.attack?.pattern) : ''}`).toBe('safe');
    }, 120_000);
  });
}
