// Linting never hashes a fingerprint: lint messages do not show one, and scrypt costs a
// millisecond or more per finding in the editor.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { fingerprintCalls } from '@keyguard/core';
import { testSecret } from '@keyguard/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

describe('no-hardcoded-api-key and fingerprints', () => {
  it('reports a hardcoded key without hashing its fingerprint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-fp-lint-'));
    try {
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, 'package.json'), '{"name":"app","version":"1.0.0"}\n');
      const before = { ...fingerprintCalls };
      const messages = new Linter({ cwd: dir }).verify(
        `const stripe = '${testSecret('stripe-secret-key')}';\nconst github = '${testSecret('github-pat')}';\n`,
        plugin.configs.recommended,
        join(dir, 'src/server.ts'),
      );
      expect(messages.map((m) => m.ruleId)).toEqual(['@keyguard/no-hardcoded-api-key', '@keyguard/no-hardcoded-api-key']);
      expect(fingerprintCalls).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
