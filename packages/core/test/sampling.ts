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
/** Far above what any draw here needs (the worst accepts 99 draws in 100), so reaching it means a rule stopped reporting. */
const MAX_DRAWS = 1000;
/**
 * A random value the scanner reports in `line(value)`: a few random draws are not keys by the
 * scanner's documented rules (they hold `test`, `xxxx`, a run like `876543`, or read as words), and
 * a test that asserts on a raw draw fails by chance (CI did, on 1 draw in 150). Throws after
 * `MAX_DRAWS` draws none of which is reported, so a rule that stops reporting fails the test
 * instead of looping until its timeout.
 */
export const reported = (line: (value: string) => string, draw: () => string, path = 'src/app.ts'): string => {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const value = draw();
    if (rulesOf(line(value), path).length === 1) return value;
  }
  throw new Error(`none of ${MAX_DRAWS} random draws is reported in ${JSON.stringify(line('…'))} (${path})`);
};
