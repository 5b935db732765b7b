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
