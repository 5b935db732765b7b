/** Name checks shared by the env rules. */

/** A public prefix the name starts with, if any. */
export function publicPrefixOf(name: string, prefixes: readonly string[]): string | undefined {
  let longest: string | undefined;
  for (const prefix of prefixes) {
    if (name.startsWith(prefix) && (longest === undefined || prefix.length > longest.length)) longest = prefix;
  }
  return longest;
}

/** Words that say a variable holds a credential. */
const SECRET_WORDS = /(^|_)(SECRET|SECRETS|PRIVATE|PASSWORD|PASSWD|PWD|PASS|TOKEN|TOKENS|APIKEY|KEY|KEYS|CREDENTIALS?|SALT|SIGNING|WEBHOOK_SECRET|SERVICE_ROLE|DATABASE_URL|DB_URL|CONNECTION_STRING)(_|$)/;

/** A flag about the secret, not the secret: `DISABLE_EMAIL_PASSWORD_SIGNUP`, `SIGNING_TRANSPORT_IS_CSC`. */
const FLAG_WORDS = /(^|_)(IS|HAS|USE|USES|ENABLE|ENABLED|DISABLE|DISABLED|SHOW|HIDE|ALLOW|SKIP|REQUIRE|REQUIRED)(_|$)/;
/**
 * A last word that makes the name about something next to the secret: where it is, what it is
 * called, how long it lives (`SIGNING_CONTACT_INFO`, `TOKEN_URL`, `ACCESS_KEY_ID`, `KEY_FILE`).
 */
const ABOUT_WORDS = /_(INFO|SIGNUP|SIGNIN|LOGIN|LENGTH|EXPIRY|EXPIRES|EXPIRES_IN|TTL|TIMEOUT|HEADER|NAME|TYPE|MODE|PROVIDER|TRANSPORT|ENDPOINT|URL|URI|HOST|PORT|ID|FILE|PATH|VERSION|FORMAT|ALGORITHM)$/;
/** URLs that carry a password themselves. */
const CREDENTIAL_URL = /(^|_)(DATABASE|DB)_URL$/;

export function soundsSecret(name: string): boolean {
  const upper = name.toUpperCase();
  if (!SECRET_WORDS.test(upper) || FLAG_WORDS.test(upper)) return false;
  return !ABOUT_WORDS.test(upper) || CREDENTIAL_URL.test(upper);
}

const mentionPatterns = new Map<string, RegExp>();

/** Whether `text` mentions any of the prefixes: one regex pass, compiled once per prefix set. */
export function mentionsAnyPrefix(text: string, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return false;
  const key = prefixes.join('|');
  let pattern = mentionPatterns.get(key);
  if (pattern === undefined) {
    pattern = new RegExp(prefixes.map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    mentionPatterns.set(key, pattern);
  }
  return pattern.test(text);
}
