import { createHash } from 'node:crypto';

/** Shows enough of a secret to recognise it, never the whole: a short prefix, a mask, the length. */
export function redact(secret: string): string {
  const visible = secret.length >= 24 ? 6 : secret.length >= 12 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, visible)}…[${secret.length} chars]`;
}

/** Content fingerprint: the rule id and the secret, not its position, so ignores survive edits. */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}
