/**
 * Fake keys for tests, assembled at run time from parts and random bodies, so that no
 * live-looking key is ever written into this repository (which scans itself).
 */
import { randomInt } from 'node:crypto';
import { isPlaceholder } from '@keyguard/core';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const HEX = '0123456789abcdef';
/** PEM bodies and many cloud secrets. */
export const BASE64 = UPPER + LOWER + DIGITS + '+/';
/** AWS key ids use the base32 alphabet after their prefix. */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random characters from an alphabet; random so it has high entropy and is no placeholder. */
export function randomBody(length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  // A test key must look real to every filter, or a test fails by chance: draw again when the
  // engine's own placeholder check would drop it (a body that happens to hold `xxxx` or `test`),
  // when it holds a run of 3 equal characters (which filters may read as padding), or when it
  // lacks a digit, an upper-case or a lower-case letter the alphabet has (32 random alphanumerics
  // hold no digit 0.4% of the time, and the generic rules want letters and digits).
  const lacks = [/\d/, /[A-Z]/, /[a-z]/].some((kind) => kind.test(alphabet) && !kind.test(out));
  return lacks || /(.)\1\1/.test(out) || isPlaceholder(out, { testMarkers: true }) ? randomBody(length, alphabet) : out;
}

/** Builders for fake keys of well-known shapes. Each call returns a new key. */
export const fakeKey = {
  /** GitHub classic personal access token. */
  githubPat: (): string => ['gh', 'p_'].join('') + randomBody(36),
  /** AWS access key id. */
  awsAccessKeyId: (): string => ['AK', 'IA'].join('') + randomBody(16, BASE32),
  /** AWS secret access key (40 chars of base64 alphabet). */
  awsSecretAccessKey: (): string => randomBody(40, ALNUM + '/+'),
  /** Stripe live secret key. */
  stripeSecret: (): string => ['sk', '_li', 've_'].join('') + randomBody(32),
  /** A Deframe API key: its format is not published, so a high-entropy token used in context. */
  deframe: (): string => randomBody(40),
  /** OpenAI project key. */
  openai: (): string => ['sk', '-proj-'].join('') + randomBody(48) + 'T3Blbk' + 'FJ' + randomBody(20),
};

/** The secrets that appear whole in any of the outputs (redaction check: expect an empty list). */
export function leakedSecrets(secrets: string[], ...outputs: string[]): string[] {
  return secrets.filter((secret) => outputs.some((output) => output.includes(secret)));
}
