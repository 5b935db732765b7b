import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFinding, createScanner, fingerprint, fingerprintCalls, legacyFingerprint, redact, shannonEntropy } from '@keyguard/core';
import { testSecret } from '@keyguard/core/testing';

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
    const secret = testSecret('github-pat');
    const text = `const t = '${secret}';`;
    const [finding] = createScanner().scan(text, 'a.ts').findings;
    expect(finding).toBeDefined();
    const legacy = legacyFingerprint(finding!.ruleId, secret);
    expect(finding!.fingerprint).not.toBe(legacy);
    expect(createScanner({ config: { allow: { paths: [], values: [], fingerprints: [legacy] } } }).scan(text, 'a.ts').findings).toEqual([]);
  });
});

describe('fingerprints are hashed only when read', () => {
  // One token per test, so the fingerprint memo of an earlier test cannot hide a hash.
  const token = (seed: string) => ['gh', 'p_'].join('') + `${seed}aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY2zA3bC5dE7`.slice(0, 36);
  const calls = () => ({ ...fingerprintCalls });
  const since = (before: { fingerprint: number; legacyFingerprint: number }) => ({
    fingerprint: fingerprintCalls.fingerprint - before.fingerprint,
    legacyFingerprint: fingerprintCalls.legacyFingerprint - before.legacyFingerprint,
  });

  it('a scan hashes nothing, and suppressed findings never pay for scrypt or SHA-256', () => {
    const [kept, hidden1, hidden2] = [token('K1'), token('S1'), token('S2')];
    const text = [
      `const a = '${kept}';`,
      '// keyguard-ignore-next-line github-pat -- test fixture',
      `const b = '${hidden1}';`,
      '// keyguard-ignore-next-line -- test fixture',
      `const c = '${hidden2}';`,
    ].join('\n');
    const before = calls();
    const result = createScanner().scan(text, 'a.ts');
    expect(result.findings).toHaveLength(1);
    expect(result.suppressed).toHaveLength(2);
    // reading everything else a report shows, and copying the findings, hashes nothing
    const copies = [...result.findings, ...result.suppressed].map((finding) => copyFinding(finding, { line: finding.line + 1 }));
    expect(copies.map((finding) => [finding.ruleId, finding.match, finding.message.length > 0])).toHaveLength(3);
    expect(since(before)).toEqual({ fingerprint: 0, legacyFingerprint: 0 });

    // the reported finding pays once when its fingerprint is read, and keeps the value
    const print = result.findings[0]!.fingerprint;
    expect(result.findings[0]!.fingerprint).toBe(print);
    expect(since(before)).toEqual({ fingerprint: 1, legacyFingerprint: 0 });
    expect(print).toBe(fingerprint('github-pat', kept));
    // a copy made before the read still hashes the same value (through the memo)
    expect(copies[0]!.fingerprint).toBe(print);
    // serialising reads every enumerable property: the value is the one a read gives
    expect(JSON.parse(JSON.stringify(result.suppressed[0])).fingerprint).toBe(fingerprint('github-pat', hidden1));
  });

  it('allow.fingerprints is checked only when the config lists some, and then still allows the secret', () => {
    const secret = token('A1');
    const text = `const t = '${secret}';`;
    const before = calls();
    expect(createScanner().scan(text, 'a.ts').findings).toHaveLength(1);
    expect(since(before)).toEqual({ fingerprint: 0, legacyFingerprint: 0 });
    const allowed = createScanner({ config: { allow: { paths: [], values: [], fingerprints: [fingerprint('github-pat', secret)] } } });
    expect(allowed.scan(text, 'a.ts').findings).toEqual([]);
  });

  it('classify returns a verdict whose fingerprint is hashed on read, with no legacy one', () => {
    const secret = token('C1');
    const before = calls();
    const verdict = createScanner().classify(secret, { name: 'token' });
    expect(verdict?.ruleId).toBe('github-pat');
    expect(since(before)).toEqual({ fingerprint: 0, legacyFingerprint: 0 });
    expect(verdict!.fingerprint).toBe(fingerprint('github-pat', secret));
    expect(Object.keys(verdict!)).not.toContain('legacyFingerprint');
  });
});

describe('entropy', () => {
  it('is zero for a repeated character and grows with variety', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
  });
});
