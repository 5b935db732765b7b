/**
 * Names of keys that are public by design: the provider issues them to ship in browser or
 * app bundles, and restricts what they can do (by referrer, by scope, read-only). One list
 * for the ESLint plugin (a `NEXT_PUBLIC_…` name that sounds secret but is one of these is
 * fine) and any CLI check that reads variable names, matched against the name without its
 * public prefix (`POSTHOG_KEY` of `NEXT_PUBLIC_POSTHOG_KEY`), case-insensitively.
 */
export const PUBLIC_BY_DESIGN_NAMES: readonly string[] = [
  // generic words providers use for browser keys
  'PUBLISHABLE',
  'PUBLIC_?(API_)?KEY',
  'ANON_?KEY',
  'SITE_?KEY', // reCAPTCHA, Turnstile, hCaptcha
  'CLIENT_?ID',
  'CLIENT_(SIDE_)?(SDK_)?KEY', // Statsig, GrowthBook, DataDome, LaunchDarkly client-side ids
  'MEASUREMENT_ID',
  'SENTRY_DSN',
  // named products
  'FIREBASE_',
  'MAPS?_(API_)?KEY', // Google Maps browser keys, restricted by referrer
  'MAPBOX_(ACCESS_|PUBLIC_)?TOKEN',
  'POSTHOG_(PROJECT_)?(API_)?KEY',
  'SEGMENT_(WRITE_)?KEY',
  'AMPLITUDE_(API_)?KEY',
  'MIXPANEL_(PROJECT_)?TOKEN',
  'STATSIG_(CLIENT_)?(SDK_)?KEY',
  'GROWTHBOOK_(CLIENT_)?KEY',
  'CONFIGCAT_(SDK_)?KEY',
  'DATADOME_(CLIENT_)?(SIDE_)?KEY',
  'HYPERTUNE_(TOKEN|KEY)',
  'BUILDER_(PUBLIC_)?(API_)?KEY',
  'BOTD_(API_)?(TOKEN|KEY)', // FingerprintJS BotD public key
  'SEARCH_(ONLY_)?(API_)?KEY', // Algolia / Meilisearch / Typesense search-only keys
  'ALGOLIA_(APP_ID|SEARCH)',
  'DOCSEARCH_(API_)?KEY',
  'STRIPE_(PK|PUBLISHABLE)',
  'CLERK_(PUBLISHABLE|FRONTEND_API)',
  'SUPABASE_(ANON|PUBLISHABLE)',
  'MAGIC_(PUBLISHABLE_)?(API_)?KEY', // Magic's publishable key
];

let compiled: RegExp | undefined;

/** Whether an env/variable name (without its public prefix) names a key that is public by design. */
export function isPublicByDesignName(name: string): boolean {
  compiled ??= new RegExp(`(^|_)(${PUBLIC_BY_DESIGN_NAMES.join('|')})`, 'i');
  return compiled.test(name);
}
