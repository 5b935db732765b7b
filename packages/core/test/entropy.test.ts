import { describe, expect, it } from 'vitest';
import { isPlaceholder, shannonEntropy } from '@keyguard/core';

/** Shannon entropy as it was computed before the shared count table: a Map, terms in first-occurrence order. */
function reference(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) counts.set(value.charCodeAt(i), (counts.get(value.charCodeAt(i)) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

describe('shannonEntropy', () => {
  it('is the Map-based value to the last bit, call after call (the shared table is left clean)', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabets = ['ab', 'AZaz09+/=', 'é\u00e8\ud800\udc00x', '\u{1F600}\u{1F601}q', 'abcdefghijklmnopqrstuvwxyz0123456789_-'];
    for (let k = 0; k < 2000; k++) {
      const alphabet = alphabets[k % alphabets.length]!;
      const value = Array.from({ length: next() % 90 }, () => alphabet[next() % alphabet.length]).join('');
      expect(shannonEntropy(value)).toBe(reference(value));
    }
  });
});

describe('few distinct characters make a placeholder', () => {
  it('counts code points, as a Set of the string does: three distinct is filler, four is not', () => {
    expect(isPlaceholder('ab\u{1F600}ab\u{1F600}ab\u{1F600}ab')).toBe(true);
    expect(isPlaceholder('ab\u{1F600}\u{1F601}ab\u{1F600}\u{1F601}ab')).toBe(false);
    expect(isPlaceholder('zqzqzqjzqzq')).toBe(true);
    expect(isPlaceholder('zqzqzqjzqzw')).toBe(false);
  });
});

describe('a periodic value is a placeholder', () => {
  it('a string repeated three times or more, the last copy possibly cut; not under three copies, nor a random value', () => {
    const unit = ['A1b2', 'credential='].join('');
    expect(isPlaceholder(unit.repeat(20))).toBe(true);
    expect(isPlaceholder(`${unit.repeat(3)}A1b`)).toBe(true);
    expect(isPlaceholder('Qx7mQx7mQx7m')).toBe(true);
    expect(isPlaceholder(`${unit.repeat(2)}A1b2c`)).toBe(false);
    expect(isPlaceholder('Qx7mQx7mQx7')).toBe(false);
    expect(isPlaceholder('Qx7mQx7mQx7mZ')).toBe(false);
    expect(isPlaceholder(['kT9vR2', 'wLq8Zp', 'X4nB7s'].join(''))).toBe(false);
  });
});
