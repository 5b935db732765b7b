import { describe, expect, it } from 'vitest';
import { fingerprint, redact, shannonEntropy } from '@keyguard/core';

describe('redaction', () => {
  it('never shows a whole secret, and says how long it is', () => {
    const secret = ['ab', 'cd', 'ef', 'gh', 'ij', 'kl', 'mn', 'op', 'qr', 'st', 'uv', 'wx'].join('');
    const shown = redact(secret);
    expect(shown).not.toContain(secret.slice(6));
    expect(shown).toContain('24 chars');
  });
});

describe('fingerprints', () => {
  it('depend on the rule and the secret only', () => {
    expect(fingerprint('r', 'abc')).toBe(fingerprint('r', 'abc'));
    expect(fingerprint('r', 'abc')).not.toBe(fingerprint('s', 'abc'));
  });
});

describe('entropy', () => {
  it('is zero for a repeated character and grows with variety', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
  });
});
