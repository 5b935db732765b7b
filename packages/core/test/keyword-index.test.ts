import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';
import { KeywordIndex } from '../src/keyword-index.js';

/** Every occurrence of every keyword, case-insensitively, the slow way: [keywordId, start]. */
function naive(keywords: readonly string[], text: string): string[] {
  const lower = text.toLowerCase();
  const hits: string[] = [];
  keywords.forEach((keyword, id) => {
    for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) hits.push(`${id}@${at}`);
  });
  return hits.sort();
}

function indexed(index: KeywordIndex, text: string): string[] {
  const hits: string[] = [];
  index.scan(text, (id, start) => {
    hits.push(`${id}@${start}`);
  });
  return hits.sort();
}

/** A deterministic pseudo-random generator, so a failure reproduces. */
function generator(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

describe('KeywordIndex', () => {
  it('finds overlapping and nested keywords, case-insensitively, at their start', () => {
    const keywords = ['he', 'she', 'his', 'hers', 'x-api-key', 'api', 'key'];
    const index = new KeywordIndex(keywords);
    for (const text of ['ushers', 'SHE said HIS hers', 'headers: { X-API-KEY: k }', 'hhhe', '', 'é he ñ']) {
      expect(indexed(index, text), text).toEqual(naive(keywords, text));
    }
  });

  it('agrees with a naive search on random keywords and texts over a small alphabet', () => {
    const random = generator(7);
    const alphabet = 'abAB_-';
    const word = (max: number) => Array.from({ length: 1 + random(max) }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const keywords = [...new Set(Array.from({ length: 1 + random(12) }, () => word(5).toLowerCase()))];
      const index = new KeywordIndex(keywords);
      const text = word(200);
      expect(indexed(index, text), `${keywords.join(',')} in ${text}`).toEqual(naive(keywords, text));
    }
  });

  it('agrees with a naive search for the whole catalog’s keywords', () => {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
    const index = new KeywordIndex(keywords);
    const random = generator(11);
    const pieces = [...keywords, ' ', '=', "'", '\n', 'Q', '7'];
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: 300 }, () => pieces[random(pieces.length)]).join('');
      expect(indexed(index, text)).toEqual(naive(keywords, text));
    }
  });

  it('reads a prebuilt automaton of the same keywords, with the same hits, and ignores one made for other keywords', () => {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
    const automaton = KeywordIndex.automatonOf(keywords);
    const built = new KeywordIndex(keywords);
    const prebuilt = new KeywordIndex(keywords, automaton);
    // a list that differs in one keyword must not use the other list's automaton
    const other = [...keywords.slice(0, -1), 'zzqq'];
    const ignored = new KeywordIndex(other, automaton);
    const random = generator(13);
    const pieces = [...keywords, 'zzqq', ' ', '=', "'", '\n', 'Q', '7'];
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: 300 }, () => pieces[random(pieces.length)]).join('');
      const expected = indexed(built, text);
      expect(indexed(prebuilt, text)).toEqual(expected);
      expect(indexed(ignored, text)).toEqual(naive(other, text));
    }
    // the hits come in the same order, not only the same set
    const inOrder = (index: KeywordIndex, text: string) => {
      const hits: string[] = [];
      index.scan(text, (id, start) => void hits.push(`${id}@${start}`));
      return hits;
    };
    const text = keywords.join(' ').toUpperCase();
    expect(inOrder(prebuilt, text)).toEqual(inOrder(built, text));
  });

  it('takes the automaton it is given for its keywords, without building one', () => {
    // an automaton of other keywords, labelled with this list: its hits show it was read
    const automaton = { ...KeywordIndex.automatonOf(['ab']), keywords: 'cd' };
    expect(indexed(new KeywordIndex(['cd'], automaton), 'ab cd')).toEqual(['0@0']);
    expect(indexed(new KeywordIndex(['cd']), 'ab cd')).toEqual(['0@3']);
  });

  it('reports a keyword listed twice under both ids', () => {
    const keywords = ['abc', 'keyguard-ignore', 'x', 'keyguard-ignore'];
    expect(indexed(new KeywordIndex(keywords), 'a keyguard-ignore')).toEqual(['1@2', '3@2']);
    expect(indexed(new KeywordIndex(keywords, KeywordIndex.automatonOf(keywords)), 'a keyguard-ignore')).toEqual(['1@2', '3@2']);
  });

  it('rejects empty and non-ASCII keywords', () => {
    expect(() => new KeywordIndex([''])).toThrow(/empty/);
    expect(() => new KeywordIndex(['clé'])).toThrow(/ASCII/);
  });
});
