import { nodeCrypto } from './node-crypto.js';

/** Shows enough of a secret to recognise it, never the whole: a short prefix, a mask, the length. */
export function redact(secret: string): string {
  const visible = secret.length >= 24 ? 6 : secret.length >= 12 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, visible)}…[${secret.length} chars]`;
}

/**
 * Fingerprints end up in committed baselines, configs and published SARIF, so they are a slow
 * hash: scrypt (N = 2^10, r = 8: about 1 MB and a millisecond or more per guess, some thousand
 * times a SHA-256) salted with a versioned domain string and the rule id. A guessed weak password
 * costs a dictionary attack that much more; the same rule and secret give the same fingerprint on
 * every run and machine, as baselines need.
 */
const SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 32 * 1024 * 1024 } as const;
const SALT = 'keyguard fingerprint v2\0';
/** Recently computed fingerprints: a history scan meets the same secret in many commits. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 10_000;
/**
 * How many times this process asked for a fingerprint (scrypt) and a legacy one (SHA-256): the
 * tests check with it that findings whose fingerprint nobody reads do not pay for one.
 */
export const fingerprintCalls = { fingerprint: 0, legacyFingerprint: 0 };

/** Content fingerprint: the rule id and the secret, not its position, so ignores survive edits. */
export function fingerprint(ruleId: string, secret: string): string {
  fingerprintCalls.fingerprint++;
  const key = `${ruleId}\0${secret}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = nodeCrypto().scryptSync(secret, SALT + ruleId, 16, SCRYPT).toString('hex');
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}

/**
 * The unsalted SHA-256 fingerprint keyguard wrote before: recognised in baselines and
 * `allow.fingerprints` written then, never written anywhere again.
 */
export function legacyFingerprint(ruleId: string, secret: string): string {
  fingerprintCalls.legacyFingerprint++;
  return nodeCrypto().createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}

/**
 * Gives `target` its `fingerprint` (and, unless `legacy` is false, its `legacyFingerprint`) as
 * enumerable properties that are hashed on first read, then kept: a scan finds many findings
 * whose fingerprint nobody reads (suppressed by a directive, not on an added line, shown in a
 * text report), and scrypt costs a millisecond or more each. Spreading or serialising the object
 * reads them; copyFinding keeps them unread.
 */
export function lazyFingerprints<T extends object>(
  target: T,
  ruleId: string,
  secret: string,
  legacy = true,
): T & { fingerprint: string; legacyFingerprint?: string } {
  const lazy = (name: string, hash: (ruleId: string, secret: string) => string): PropertyDescriptor => {
    const keep = (object: object, value: string) => Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    return {
      enumerable: true,
      configurable: true,
      get(this: object) {
        const value = hash(ruleId, secret);
        keep(this, value);
        return value;
      },
      set(this: object, value: string) {
        keep(this, value);
      },
    };
  };
  Object.defineProperty(target, 'fingerprint', lazy('fingerprint', fingerprint));
  if (legacy) Object.defineProperty(target, 'legacyFingerprint', lazy('legacyFingerprint', legacyFingerprint));
  return target as T & { fingerprint: string; legacyFingerprint?: string };
}

/**
 * A copy of `source` with `changes` applied, whose fingerprints stay unread if they were
 * (a spread `{ ...source }` would hash them).
 */
export function copyFinding<T extends object, U extends object>(source: T, changes: U): Omit<T, keyof U> & U {
  return Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(source)), changes) as Omit<T, keyof U> & U;
}
