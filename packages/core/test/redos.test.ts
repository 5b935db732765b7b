import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';

// Static and fuzzing ReDoS analysis of every regex in the catalog: none may backtrack
// catastrophically (exponentially or polynomially) on hostile input.
describe('every rule regex is safe from catastrophic backtracking', () => {
  it.each(rules.map((rule) => [rule.id, rule.regex] as const))('%s', (_id, regex) => {
    const result = checkSync(regex.source, regex.flags, { timeout: 20_000 });
    expect(result.status, `${result.status} ${'attack' in result ? JSON.stringify(result.attack?.pattern) : ''}`).toBe('safe');
  });
});
