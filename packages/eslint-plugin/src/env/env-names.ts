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

export function soundsSecret(name: string): boolean {
  return SECRET_WORDS.test(name.toUpperCase());
}

/**
 * Keys that are public by design and meant for the browser: Stripe / Clerk publishable
 * keys, Supabase anon keys, reCAPTCHA / Turnstile site keys, Firebase web config, Google
 * Maps browser keys (restricted by referrer), Mapbox public tokens, analytics project
 * keys, Algolia search-only keys.
 */
export const PUBLISHABLE_NAME_PATTERNS: readonly string[] = [
  'PUBLISHABLE',
  'PUBLIC_?KEY',
  'ANON_?KEY',
  'SITE_?KEY',
  'FIREBASE_',
  'MAPS?_(API_)?KEY',
  'MAPBOX_(ACCESS_)?TOKEN',
  'POSTHOG_(API_)?KEY',
  'SEGMENT_(WRITE_)?KEY',
  'AMPLITUDE_(API_)?KEY',
  'MIXPANEL_TOKEN',
  'SEARCH_(ONLY_)?(API_)?KEY',
  'ALGOLIA_(APP_ID|SEARCH)',
  'SENTRY_DSN',
  'CLIENT_ID',
  'MEASUREMENT_ID',
];

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
