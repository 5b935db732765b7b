/**
 * Fake keys for the end-to-end tests, from the one generator, `@keyguard/core/testing`: keys are
 * asked for by rule id and assembled at run time, so no live-looking key is ever written into
 * this repository (which scans itself).
 */
import { ALNUM, BASE32, BASE64, HEX, UPPER_ALNUM, bodySource, keySource } from '@keyguard/core/testing';

export { ALNUM, BASE32, BASE64, HEX, UPPER_ALNUM };

/**
 * A body that looks real to every filter (no placeholder word, no padding run, a digit and both
 * cases when its alphabet has them); each call gives a new one.
 */
export const randomBody = bodySource('randomBody');

/** Builders for fake keys of well-known shapes, by rule id. Each call returns a new key. */
export const fakeKey = {
  /** GitHub classic personal access token. */
  githubPat: keySource('github-pat'),
  /** AWS access key id. */
  awsAccessKeyId: keySource('aws-access-key-id'),
  /** AWS secret access key (40 chars of base64 alphabet). */
  awsSecretAccessKey: keySource('aws-secret-access-key'),
  /** Stripe live secret key. */
  stripeSecret: keySource('stripe-secret-key'),
  /** A Deframe API key: its format is not published, so a high-entropy token used in context. */
  deframe: keySource('deframe-api-key'),
  /** OpenAI project key. */
  openai: keySource('openai-project-key'),
};

/** The secrets that appear whole in any of the outputs (redaction check: expect an empty list). */
export function leakedSecrets(secrets: string[], ...outputs: string[]): string[] {
  return secrets.filter((secret) => outputs.some((output) => output.includes(secret)));
}
