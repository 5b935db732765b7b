import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createScanner, fingerprint, legacyFingerprint, redact, shannonEntropy } from '@keyguard/core';

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

  it('are a salted slow hash: the unsalted SHA-256 dictionary attack of issue 13 recovers nothing', () => {
    const dictionary = ['password', 'hunter2', 'letmein', 'Summer2024!', 'correcthorse', 'qwerty123'];
    const print = fingerprint('generic-secret', 'Summer2024!');
    const sha = (word: string) => createHash('sha256').update('generic-secret').update('\0').update(word).digest('hex').slice(0, 32);
    expect(dictionary.filter((word) => sha(word) === print)).toEqual([]);
    expect(print).toMatch(/^[0-9a-f]{32}$/);
    expect(legacyFingerprint('generic-secret', 'Summer2024!')).toBe(sha('Summer2024!'));
  });

  it('are the same on every run and machine, as committed baselines need (a fixed value)', () => {
    expect(fingerprint('github-pat', 'abc')).toBe('656fe24eb7cebe500f59abc474eb6737');
  });

  it('an allow.fingerprints entry an older keyguard wrote (legacy hash) still allows the secret', () => {
    const secret = ['gh', 'p_'].join('') + 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY2zA3b'.slice(0, 36);
    const text = `const t = '${secret}';`;
    const [finding] = createScanner().scan(text, 'a.ts').findings;
    expect(finding).toBeDefined();
    const legacy = legacyFingerprint(finding!.ruleId, secret);
    expect(finding!.fingerprint).not.toBe(legacy);
    expect(createScanner({ config: { allow: { paths: [], values: [], fingerprints: [legacy] } } }).scan(text, 'a.ts').findings).toEqual([]);
  });
});

describe('entropy', () => {
  it('is zero for a repeated character and grows with variety', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
  });
});
