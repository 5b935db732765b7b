/**
 * Random values for the false-positive tests (fixture-values, real-repos-round4): each case
 * draws a value the default scanner reports, so its not-reported twin is a real contrast.
 * Values are assembled at run time; the repo holds none.
 */
import { randomInt } from 'node:crypto';
import { createScanner } from '@keyguard/core';

export const scanner = createScanner();
export const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const HEX = '0123456789abcdef';
export const random = (length: number, alphabet = ALNUM) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
export const rulesOf = (text: string, path = 'src/app.ts') => scanner.scan(text, path).findings.map((finding) => finding.ruleId);
/** A random value the scanner reports in `line(value)` (a few random draws read as words to its heuristics). */
export const reported = (line: (value: string) => string, draw: () => string, path = 'src/app.ts'): string => {
  for (;;) {
    const value = draw();
    if (rulesOf(line(value), path).length === 1) return value;
  }
};
