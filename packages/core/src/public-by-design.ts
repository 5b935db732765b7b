import { memoName } from './rules/define.js';
import { nameWords } from './rules/names.js';
import { memoLast } from './rules/values.js';
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
  // Jitsu's write key: a browser key ships in the page like Segment's; a server-to-server one
  // (s2s.…) only adds events too, and reads nothing (docs.jitsu.com, "Server to Server")
  'JITSU_(WRITE_|BROWSER_|JS_)?KEY',
  'AMPLITUDE_(API_)?KEY',
  'MIXPANEL_(PROJECT_)?(TOKEN|KEY)',
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
  // Inkeep's web integration key: its Next.js guide puts it in NEXT_PUBLIC_INKEEP_API_KEY, and the
  // dashboard enforces the referrer URL for production keys (docs.inkeep.com, "Get an API key")
  'INKEEP_(INTEGRATION_)?(API_)?KEY',
  'STRIPE_(PK|PUBLISHABLE)',
  'STRIPE_(API_)?KEY$', // behind a public prefix, the only Stripe key a browser can use (appwrite console: pk_test_)
  'CLERK_(PUBLISHABLE|FRONTEND_API)',
  'SUPABASE_(ANON|PUBLISHABLE)',
  'MAGIC_(PUBLISHABLE_)?(API_)?KEY', // Magic's publishable key
  // session recorders: the project id the browser script records under (Microsoft Clarity, OpenReplay, LogRocket)
  'SESSION_RECORD(ER|ING)_(PROJECT_)?(KEY|ID)',
  'CLARITY_(PROJECT_)?(KEY|ID)',
  'OPENREPLAY_(PROJECT_)?KEY',
  'LOGROCKET_(APP_)?(KEY|ID)',
];

let compiled: RegExp | undefined;

/** Whether an env/variable name (without its public prefix) names a key that is public by design. */
export function isPublicByDesignName(name: string): boolean {
  compiled ??= new RegExp(`(^|_)(${PUBLIC_BY_DESIGN_NAMES.join('|')})`, 'i');
  return compiled.test(name);
}

/** The names Algolia's browser clients give the search-only key (`apiKey`, `searchApiKey`, …), lower case without separators. */
export const SEARCH_KEY_NAME = /^(?:search(?:only)?)?apikey$|^search(?:only)?key$/;
/** A file that writes to an index needs a write or admin key, whatever it calls it. */
const WRITES_TO_INDEX =
  /\b(?:saveObjects?|addObjects?|partialUpdateObjects?|deleteObjects?|deleteBy|clearObjects|replaceAllObjects|setSettings|saveRules?|saveSynonyms?|copyIndex|moveIndex|clearIndex)\s*\(/;
/** Whether the text writes to an index: a fact of the whole text, asked once per text, not once per candidate (10 s per MB on repeated DocSearch blocks). */
const writesToIndex = memoLast((text) => WRITES_TO_INDEX.test(text));
/** Server-side code and indexing scripts: where an admin or write key would be. */
const SERVER_PATH = /(?:^|[\\/])(?:server|api|scripts?|functions|lambdas?|workers?|crawlers?|cron|jobs?|backend)[\\/]|\.server\.|crawler|(?:index|sync|upload)[-_.]?(?:algolia|search|docs)/i;
/** Whether a name is one of SEARCH_KEY_NAME's (asked of every candidate generic rules judge: memoised). */
const isSearchKeyName = memoName((name) => SEARCH_KEY_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, '')));
/** How far a DocSearch block is looked for around the key (characters each way). */
const REACH = 2000;

export interface KeyContext {
  name?: string;
  path: string;
  text?: string;
  index?: number;
}

/**
 * The search-only key of an Algolia DocSearch block (docusaurus `algolia: { appId, apiKey,
 * indexName }`, VitePress `search: { provider: 'algolia', options: { … } }`, `docsearch({ … })`):
 * issued to ship in the browser, it can only search the index it names. Named `apiKey` (or
 * `searchApiKey`, `searchKey`), beside `appId` and `indexName` in one object that an `algolia`
 * or `docsearch` word opens, in a file that is not server code and never writes to an index
 * (those need a write or admin key). `adminKey`, `writeKey` and the like are never this.
 */
export function isDocSearchKey(context: KeyContext): boolean {
  const { text, index } = context;
  if (!isSearchKeyName(context.name ?? '') || text === undefined || index === undefined) return false;
  if (SERVER_PATH.test(context.path)) return false;
  const open = enclosingBrace(text, index);
  if (open === undefined) return false;
  const close = matchingBrace(text, open);
  if (close === undefined) return false;
  const block = text.slice(open, close + 1);
  if (!APP_ID_MEMBER.test(block) || !INDEX_MEMBER.test(block)) return false;
  if (!SEARCH_OPENER.test(text.slice(Math.max(0, open - 200), open))) return false;
  return !writesToIndex(text);
}

/** The members of a DocSearch block beside the key: the application id, and the index (`indexName`, `mainIndexName`, `indices`). */
const APP_ID_MEMBER = /\bapp(?:lication)?_?id\b/i;
const INDEX_MEMBER = /\b(?:main_?)?index_?name\b|\bindices\b/i;
/** What opens a DocSearch block: an `algolia` key, a `docsearch(` call, a `<DocSearch>` element. */
const SEARCH_OPENER = /algolia|docsearch/i;

/**
 * The same DocSearch block as isDocSearchKey's, read from a syntax tree rather than text (the
 * ESLint plugin: `<DocSearch appId={…} indexName="…" apiKey={process.env.NEXT_PUBLIC_ALGOLIA_KEY} />`,
 * `algolia={{ appId, apiKey: process.env.NEXT_PUBLIC_ALGOLIA_API_KEY, mainIndexName }}`): `key` is
 * the member the value is given to, `members` the names of the members beside it, `opener` the
 * name of what holds them (the element, or the key or variable the object is given to).
 */
export function isDocSearchMember(block: { key: string; members: readonly string[]; opener: string; path: string; text: string }): boolean {
  if (!isSearchKeyName(block.key) || SERVER_PATH.test(block.path) || !SEARCH_OPENER.test(block.opener)) return false;
  const members = block.members.join(' ');
  return APP_ID_MEMBER.test(members) && INDEX_MEMBER.test(members) && !writesToIndex(block.text);
}

/**
 * A client-side analytics source's write key (`CLI_SEGMENT_WRITE_KEY`, `SEGMENTS_WRITE_KEY`,
 * `rudderstackWriteKey`): analytics.js sends it from every browser, and it can only add events.
 * Asked of a name, or of the words of a name and the member it is given to together
 * (`writeKey={process.env.NEXT_PUBLIC_SEGMENT_API_KEY}`).
 */
export const isAnalyticsWriteKeyName = memoName((name) => {
  const words = nameWords(name);
  return words.includes('write') && words.includes('key') && words.some((word) => /^(?:segments?|rudder(?:stack)?|jitsu)$/.test(word));
});

/** The offset of the `{` that opens the object holding `index`, within REACH. */
function enclosingBrace(text: string, index: number): number | undefined {
  let depth = 0;
  for (let at = index - 1; at >= Math.max(0, index - REACH); at--) {
    const char = text.charCodeAt(at);
    if (char === 0x7d) depth++;
    else if (char === 0x7b) {
      if (depth === 0) return at;
      depth--;
    }
  }
  return undefined;
}

/** The offset of the `}` that closes the `{` at `open`, within REACH. */
function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let at = open; at < Math.min(text.length, open + 2 * REACH); at++) {
    const char = text.charCodeAt(at);
    if (char === 0x7b) depth++;
    else if (char === 0x7d && --depth === 0) return at;
  }
  return undefined;
}
