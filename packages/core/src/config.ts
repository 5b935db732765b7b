import { configSchema, FINGERPRINT_PATTERN } from './config-schema.js';
import { redact } from './redact.js';
import type { CustomRuleConfig, KeyguardConfig } from './types.js';

/** A broken configuration; the message names the source file and the exact problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly source: string;
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.source = source;
  }
}

export const defaultConfig: KeyguardConfig = Object.freeze({
  disabledRules: [],
  includePublicKeys: false,
  customRules: [],
  allow: { paths: [], values: [], fingerprints: [] },
  envFiles: {
    block: ['**/.env', '**/.env.*'],
    allow: ['**/.env.example', '**/.env.sample', '**/.env.template', '**/.env.*.example', '**/.env.*.sample', '**/.env.*.template'],
  },
  // GitHub refuses files over 100 MB; larger files are scanned in chunks, memory stays bounded
  maxFileSize: 100 * 1024 * 1024,
  inlineIgnores: true,
}) as KeyguardConfig;

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// The options each level accepts: the schema's, so the schema, these checks and the
// KeyguardConfig type (generated from the schema, config-type.generated.ts) cannot disagree on a key.
const { properties } = configSchema;
const TOP_KEYS: readonly string[] = Object.keys(properties);
const CUSTOM_KEYS: readonly string[] = Object.keys(properties.customRules.items.properties);
const ALLOW_KEYS: readonly string[] = Object.keys(properties.allow.properties);
const ENV_FILE_KEYS: readonly string[] = Object.keys(properties.envFiles.properties);
const FINGERPRINT = new RegExp(FINGERPRINT_PATTERN);


/**
 * Whether a config brings regexes of its own (custom rules, `allow.values`): only those need
 * the ReDoS check of `@keyguard/core/regex-safety`, whose analysis libraries every front end
 * loads lazily.
 */
export function hasUserRegexes(config: Pick<KeyguardConfig, 'customRules' | 'allow'>): boolean {
  return (config.customRules ?? []).length > 0 || (config.allow?.values ?? []).length > 0;
}

/**
 * Validates a raw configuration (parsed JSON) and fills in defaults. `knownRuleIds` lets it
 * reject unknown ids in `disabledRules` and custom rules that reuse a built-in id.
 */
export function parseConfig(raw: unknown, source: string, knownRuleIds?: ReadonlySet<string>): KeyguardConfig {
  const fail = (problem: string): never => {
    throw new ConfigError(source, problem);
  };
  if (!isObject(raw)) return fail(`the configuration must be a JSON object, got ${describeValue(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) fail(`unknown option ${shown(key)} (known: ${TOP_KEYS.slice(1).join(', ')})`);
  }

  const customRules: CustomRuleConfig[] = [];
  const customIds = new Set<string>();
  if (raw.customRules !== undefined) {
    if (!Array.isArray(raw.customRules)) fail(`"customRules" must be an array, got ${describeValue(raw.customRules)}`);
    (raw.customRules as unknown[]).forEach((entry, i) => {
      const at = `customRules[${i}]`;
      if (!isObject(entry)) return fail(`"${at}" must be an object, got ${describeValue(entry)}`);
      for (const key of Object.keys(entry)) {
        if (!CUSTOM_KEYS.includes(key)) fail(`unknown option "${at}.${shownText(key)}" (known: ${CUSTOM_KEYS.join(', ')})`);
      }
      const id = requireString(entry.id, `${at}.id`, fail);
      if (!RULE_ID.test(id)) fail(`"${at}.id" must be a kebab-case id such as "acme-token", got ${shown(id)}`);
      if (customIds.has(id)) fail(`"${at}.id" duplicates the custom rule id ${shown(id)}`);
      if (knownRuleIds?.has(id)) fail(`"${at}.id" ${shown(id)} is already a built-in rule id`);
      customIds.add(id);
      const description = requireString(entry.description, `${at}.description`, fail);
      const regex = requireString(entry.regex, `${at}.regex`, fail);
      let flags: string | undefined;
      if (entry.flags !== undefined) {
        flags = requireString(entry.flags, `${at}.flags`, fail, true);
        if (!/^[imsu]*$/.test(flags)) fail(`"${at}.flags" may only hold the flags i, m, s and u, got ${shown(flags)}`);
      }
      let compiled: RegExp | undefined;
      try {
        compiled = new RegExp(regex, flags);
      } catch (error) {
        fail(`rules "${at}.regex" is not a valid regular expression: ${regexProblem(error)}`);
      }
      // Whether it may backtrack catastrophically is checkConfigRegexes' (regex-safety.ts): that
      // analysis is loaded only for configs that bring regexes.
      const rule: CustomRuleConfig = { id, description, regex };
      if (flags !== undefined) rule.flags = flags;
      if (entry.secretGroup !== undefined) {
        if (!Number.isInteger(entry.secretGroup) || (entry.secretGroup as number) < 0)
          fail(`"${at}.secretGroup" must be a non-negative integer, got ${describeValue(entry.secretGroup)}`);
        const groups = new RegExp(`${regex}|`, flags).exec('')!.length - 1;
        if ((entry.secretGroup as number) > groups)
          fail(`"${at}.secretGroup" is ${String(entry.secretGroup)} but the regex has ${groups} capture group(s)`);
        rule.secretGroup = entry.secretGroup as number;
      } else if (compiled && new RegExp(`${regex}|`, flags).exec('')!.length < 2) {
        rule.secretGroup = 0;
      }
      if (entry.keywords !== undefined) {
        rule.keywords = requireStringArray(entry.keywords, `${at}.keywords`, fail).map((k) => k.toLowerCase());
        rule.keywords.forEach((k, j) => {
          if (k.length === 0 || !/^[\x01-\x7f]+$/.test(k)) fail(`"${at}.keywords[${j}]" must be a non-empty ASCII string`);
        });
      }
      if (entry.minEntropy !== undefined) {
        if (typeof entry.minEntropy !== 'number' || entry.minEntropy < 0)
          fail(`"${at}.minEntropy" must be a number >= 0, got ${describeValue(entry.minEntropy)}`);
        rule.minEntropy = entry.minEntropy as number;
      }
      if (entry.severity !== undefined) {
        if (entry.severity !== 'error' && entry.severity !== 'warning')
          fail(`"${at}.severity" must be "error" or "warning", got ${describeValue(entry.severity)}`);
        rule.severity = entry.severity as 'error' | 'warning';
      }
      if (entry.fix !== undefined) rule.fix = requireString(entry.fix, `${at}.fix`, fail, true);
      customRules.push(rule);
    });
  }

  const disabledRules = raw.disabledRules === undefined ? [] : requireStringArray(raw.disabledRules, 'disabledRules', fail);
  const seen = new Set<string>();
  disabledRules.forEach((id, i) => {
    if (seen.has(id)) fail(`"disabledRules[${i}]" lists ${shown(id)} twice`);
    seen.add(id);
    if (knownRuleIds && !knownRuleIds.has(id) && !customIds.has(id)) fail(`"disabledRules[${i}]" names an unknown rule ${shown(id)}`);
  });

  let allow = { ...defaultConfig.allow };
  if (raw.allow !== undefined) {
    if (!isObject(raw.allow)) fail(`"allow" must be an object, got ${describeValue(raw.allow)}`);
    const a = raw.allow as Record<string, unknown>;
    for (const key of Object.keys(a)) {
      if (!ALLOW_KEYS.includes(key)) fail(`unknown option ${shown(`allow.${key}`)} (known: ${ALLOW_KEYS.join(', ')})`);
    }
    allow = {
      paths: a.paths === undefined ? [] : requireStringArray(a.paths, 'allow.paths', fail),
      values: a.values === undefined ? [] : requireStringArray(a.values, 'allow.values', fail),
      fingerprints: a.fingerprints === undefined ? [] : requireStringArray(a.fingerprints, 'allow.fingerprints', fail),
    };
    allow.values.forEach((value, i) => {
      try {
        new RegExp(value);
      } catch (error) {
        fail(`"allow.values[${i}]" is not a valid regular expression: ${regexProblem(error)}`);
      }
    });
    allow.fingerprints.forEach((fp, i) => {
      if (!FINGERPRINT.test(fp)) fail(`"allow.fingerprints[${i}]" must be a 32-digit hex fingerprint, got ${shown(fp)}`);
    });
  }

  let envFiles = { block: [...defaultConfig.envFiles.block], allow: [...defaultConfig.envFiles.allow] };
  if (raw.envFiles !== undefined) {
    if (!isObject(raw.envFiles)) fail(`"envFiles" must be an object, got ${describeValue(raw.envFiles)}`);
    const e = raw.envFiles as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!ENV_FILE_KEYS.includes(key)) fail(`unknown option ${shown(`envFiles.${key}`)} (known: ${ENV_FILE_KEYS.join(', ')})`);
    }
    envFiles = {
      block: e.block === undefined ? envFiles.block : requireStringArray(e.block, 'envFiles.block', fail),
      // Adds to the default templates: allowing `.env.ci` must not start blocking `.env.example`.
      allow: e.allow === undefined ? envFiles.allow : [...new Set([...envFiles.allow, ...requireStringArray(e.allow, 'envFiles.allow', fail)])],
    };
  }

  let maxFileSize = defaultConfig.maxFileSize;
  if (raw.maxFileSize !== undefined) {
    if (typeof raw.maxFileSize !== 'number' || !Number.isInteger(raw.maxFileSize) || raw.maxFileSize < 1)
      fail(`"maxFileSize" must be a positive integer (bytes), got ${describeValue(raw.maxFileSize)}`);
    maxFileSize = raw.maxFileSize as number;
  }

  return {
    disabledRules,
    includePublicKeys: optionalBoolean(raw.includePublicKeys, 'includePublicKeys', defaultConfig.includePublicKeys, fail),
    customRules,
    allow,
    envFiles,
    maxFileSize,
    inlineIgnores: optionalBoolean(raw.inlineIgnores, 'inlineIgnores', defaultConfig.inlineIgnores, fail),
    ...(raw.failOnUnscanned === undefined ? {} : { failOnUnscanned: optionalBoolean(raw.failOnUnscanned, 'failOnUnscanned', false, fail) }),
  };
}

type Fail = (problem: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A config value as an error quotes it. Errors reach terminals and CI logs, and a key pasted into
 * the wrong field (`disabledRules`, `allow.fingerprints`, `allow.values`) must not be printed
 * whole: only short kebab-case words (rule ids, option names) are shown as they are, anything
 * else redacted as findings are.
 */
function shown(value: string): string {
  return `"${shownText(value)}"`;
}

function shownText(value: string): string {
  const word = /^[a-z$][a-zA-Z0-9]*(?:[-.][a-zA-Z0-9]+)*$/.test(value) && value.split(/[-.]/).every((part) => part.length <= 12);
  return word && value.length <= 64 ? value : redact(value);
}

/** V8's message names the regex source, which may be a pasted key: keep only the problem. */
function regexProblem(error: unknown): string {
  return (error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
}

/**
 * A value of a config or baseline as an error describes it (`the string "ghp_ab…[40 chars]"`,
 * `number 2`): a string is shown only when it is a short kebab-case word, else redacted.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${shown(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function requireString(value: unknown, at: string, fail: Fail, allowEmpty = false): string {
  if (typeof value !== 'string') return fail(`"${at}" must be a string, got ${value === undefined ? 'nothing' : describeValue(value)}`);
  if (!allowEmpty && value.length === 0) fail(`"${at}" must not be empty`);
  return value;
}

function requireStringArray(value: unknown, at: string, fail: Fail): string[] {
  if (!Array.isArray(value)) return fail(`"${at}" must be an array of strings, got ${describeValue(value)}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') fail(`"${at}[${i}]" must be a string, got ${describeValue(item)}`);
  });
  return value as string[];
}

function optionalBoolean(value: unknown, at: string, fallback: boolean, fail: Fail): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') return fail(`"${at}" must be true or false, got ${describeValue(value)}`);
  return value;
}
