/**
 * Passwords written into tests sign in test users or throwaway databases: fixtures, not
 * secrets. Keys and tokens in tests are still judged, since real ones get pasted there.
 */
import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';
import { random, reported } from './sampling.js';

const scanner = createScanner();
const rulesOf = (text: string, path: string) => scanner.scan(text, path).findings.map((finding) => finding.ruleId);
/** A random value core reports as `name` in application code (a few random draws read as words or placeholders to its heuristics). */
const reportedAs = (name: string, draw: () => string): string => reported((value) => `const ${name} = "${value}";\n`, draw);

describe('passwords in tests', () => {
  // assembled at run time
  const password = reportedAs('password', () => `${random(6)}#${random(5)}9`);
  const lines = `const password = "${password}";\nawait signIn({ email: "bob@example.com", newPassword: "${password}" });\n`;

  it('are reported in application code', () => {
    expect(rulesOf(lines, 'src/auth/sign-in.ts')).toEqual(['generic-secret', 'generic-secret']);
  });

  it.each([
    'apps/web/modules/auth/sign-in.integration.test.ts',
    'src/auth/sign-in.spec.tsx',
    'apps/api/src/app/auth/e2e/password-reset.e2e.ts',
    'src/__tests__/auth.ts',
    'tests/auth.py',
    'pkg/auth/auth_test.go',
    'cypress/e2e/login.cy.ts',
  ])('are fixtures in %s', (path) => {
    expect(rulesOf(lines, path)).toEqual([]);
  });

  it('but a key or token in a test is still reported', () => {
    expect(rulesOf(`const apiKey = "${reportedAs('apiKey', () => random(40))}";\n`, 'src/client.test.ts')).toEqual(['generic-secret']);
  });
});
