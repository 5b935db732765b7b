import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';
import { capturesInLookaround, minMatchLength } from '../src/regex-length.js';

/** The fewest code units a match takes, from regexpp's AST (the reference for the hand-written reader). */
function fromAst(node: AST.Node): number {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return Math.min(...node.alternatives.map(fromAst));
    case 'Alternative':
      return node.elements.reduce((sum, element) => sum + fromAst(element), 0);
    case 'Quantifier':
      return node.min * fromAst(node.element);
    case 'Character':
    case 'CharacterSet':
      return 1;
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      // a v-flag class may hold strings, the empty one among them
      return node.type === 'CharacterClass' && !node.unicodeSets ? 1 : 0;
    default:
      // assertions (lookarounds, ^, $, \b) and backreferences
      return 0;
  }
}

/** Whether regexpp finds a capturing group inside a lookaround. */
function captureInLookaround(node: AST.Node, inside = false): boolean {
  if (node.type === 'CapturingGroup' && inside) return true;
  const within = inside || (node.type === 'Assertion' && (node.kind === 'lookahead' || node.kind === 'lookbehind'));
  const children: AST.Node[] =
    'alternatives' in node ? node.alternatives : 'elements' in node ? node.elements : node.type === 'Quantifier' ? [node.element] : [];
  return children.some((child) => captureInLookaround(child, within));
}

const parse = (regex: RegExp): AST.Pattern => new RegExpParser().parsePattern(regex.source, 0, regex.source.length, { unicode: regex.unicode, unicodeSets: regex.flags.includes('v') });

const reference = (regex: RegExp): number => fromAst(parse(regex));

describe('minMatchLength', () => {
  it('agrees with regexpp on every regex of the catalog', () => {
    const differ = rules.filter((rule) => minMatchLength(rule.regex) !== reference(rule.regex)).map((rule) => `${rule.id}: ${minMatchLength(rule.regex)} vs ${reference(rule.regex)}`);
    expect(differ).toEqual([]);
  });

  it('says where a capture may sit in a lookaround as regexpp does, on every regex of the catalog', () => {
    const differ = rules.filter((rule) => capturesInLookaround(rule.regex) !== captureInLookaround(parse(rule.regex))).map((rule) => rule.id);
    expect(differ).toEqual([]);
    expect([/(?=(a))a/, /(?<!(?<n>x))y/, /a(?=b(?:c(d)))/, new RegExp('\\k<x')].map(capturesInLookaround)).toEqual([true, true, true, true]);
    expect([/(a)(?=b)/, /(?<n>a)(?<!b)/, /(?:a)(?=[(])/].map(capturesInLookaround)).toEqual([false, false, false]);
  });

  it.each([
    [/abc/, 3],
    [/a|bc|def/, 1],
    [/(?<![A-Z])x{3,5}(?=y)/, 3],
    [/(?:ab)?c+d*/, 1],
    [/(?<name>a{2})\k<name>/, 2],
    [/(a)\1{4}/, 1],
    [/\u0041\x41\cA\d\b\B\p{L}/u, 5],
    [/[a\]b][[x]y/, 3],
    [new RegExp('[\\q{abc|}]x', 'v'), 1],
    [/a{,3}b/, 6],
    [/^$/, 0],
    // what it cannot read counts as nothing: `\k<x` is three literal characters without named groups
    [new RegExp('\\k<x'), 0],
  ])('%s needs at least %i characters', (regex, expected) => {
    expect(minMatchLength(regex)).toBe(expected);
    expect(minMatchLength(regex)).toBeLessThanOrEqual(reference(regex));
  });
});
