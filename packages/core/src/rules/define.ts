import type { Rule, RuleExamples, RuleSample, Severity, ValidateContext } from '../types.js';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const HEX = '0123456789abcdef';
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;

/**
 * A deterministic random-looking string, built at run time so that the repository holds no
 * live-looking key. Different seeds give different strings.
 */
export function fakeBody(alphabet: string, length: number, seed = 1): string {
  let x = Math.imul(seed, 2654435761) >>> 0 || 1;
  const out: string[] = [];
  while (out.length < length) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const c = alphabet[x % alphabet.length]!;
    // never build runs that the placeholder filter would take for padding
    if (out.length >= 2 && out[out.length - 1] === c && out[out.length - 2] === c) continue;
    out.push(c);
  }
  return out.join('');
}

/**
 * The seed of a rule's `variant`-th test key: an FNV-1a hash of the rule id, so every rule gets
 * its own keys without a hand-numbered seed, and the same keys on every run.
 */
export function seedOf(ruleId: string, variant = 0): number {
  let h = 0x811c9dc5;
  for (const c of `${ruleId}#${variant}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/**
 * The seeds of a rule's example texts, one per call, in call order: `seedOf` of the rule id, so no
 * example holds a hand-numbered seed. A new source per `examples()` call gives the same texts on
 * every call.
 */
export function exampleSeeds(ruleId: string): () => number {
  let n = 0;
  return () => seedOf(`${ruleId}/example`, n++);
}

/** `n` random-looking decimal digits. */
export const digits = (n: number, seed: number): string => fakeBody('0123456789', n, seed);

/** A random-looking version-4 UUID (lower-case hex). */
export const uuid = (seed: number): string =>
  [fakeBody(HEX, 8, seed), fakeBody(HEX, 4, seed + 1), `4${fakeBody(HEX, 3, seed + 2)}`, `a${fakeBody(HEX, 3, seed + 3)}`, fakeBody(HEX, 12, seed + 4)].join('-');

/** Joins parts at run time (e.g. a prefix split in two) so no source line holds a key. */
export const join = (...parts: string[]): string => parts.join('');

/** Characters a token may not touch on either side for a provider shape to match. */
const TOKEN_EDGE = 'A-Za-z0-9_';

export interface ProviderRuleSpec {
  id: string;
  description: string;
  /** The literal prefix, case as written in the key. */
  prefix: string;
  /** Regex source of what follows the prefix. */
  body: string;
  /** Extra keywords; the lower-cased prefix is one unless `prefixKeyword` is false. */
  keywords?: string[];
  /**
   * False when the prefix is too short or too common to be a keyword (`cf` of `cfut_`/`cfat_`):
   * `keywords` then name each full prefix, and every one must start with `prefix`.
   */
  prefixKeyword?: boolean;
  minEntropy?: number;
  severity?: Severity;
  fix: string;
  publicByDesign?: boolean;
  /** Binary encodings (runs of `A` for zero bytes): only placeholder words rule a key out, not runs. */
  placeholderMarkersOnly?: boolean;
  caseInsensitive?: boolean;
  /** Characters that must not touch the token (regex class body); default A-Za-z0-9_. */
  edge?: string;
  validate?: Rule['validate'];
  /** Builds a true-positive secret from a seed (`seedOf(id, n)`). */
  sample: (seed: number) => string;
  /** The file a test key is shown in (default `const key = '<secret>';`): for shapes that need context. */
  sampleText?: (secret: string) => string;
  /** A near-miss of the key, shown in the same file, that the rule must not report; default: the key glued inside a longer word. */
  nearMiss?: (seed: number) => string;
  /** Extra positives/negatives (whole files). */
  positives?: (seed: () => number) => string[];
  negatives?: (seed: () => number) => string[];
  /** Use only `positives`, not the generated one-line ones (rules that need more context). */
  ownExamplesOnly?: boolean;
  /** For shapes whose keywords are context words: how far around them to look. */
  window?: Rule['window'];
}

/** A key with a recognisable prefix: the shape alone is the evidence. */
export function providerRule(spec: ProviderRuleSpec): Rule {
  const edge = spec.edge ?? TOKEN_EDGE;
  const regex = new RegExp(`(?<![${edge}])(${escapeRegex(spec.prefix)}${spec.body})(?![${edge}])`, spec.caseInsensitive ? 'i' : '');
  const keywords = [...new Set([...(spec.prefix && spec.prefixKeyword !== false ? [spec.prefix.toLowerCase()] : []), ...(spec.keywords ?? [])])];
  return {
    id: spec.id,
    description: spec.description,
    keywords,
    regex,
    minEntropy: spec.minEntropy ?? 3,
    severity: spec.severity ?? 'error',
    fix: spec.fix,
    // every keyword starts the match: try the regex right at each hit
    ...(spec.prefix && keywords.every((k) => k.startsWith(spec.prefix.toLowerCase())) ? { anchor: 'keyword' as const } : {}),
    ...(spec.window ? { window: spec.window } : {}),
    ...(spec.publicByDesign ? { publicByDesign: true } : {}),
    ...(spec.placeholderMarkersOnly ? { placeholderMarkersOnly: true } : {}),
    ...(spec.validate ? { validate: spec.validate } : {}),
    sample: providerSample(spec),
    examples: (seed): RuleExamples => {
      const a = spec.sample(seedOf(spec.id, 1));
      const b = spec.sample(seedOf(spec.id, 2));
      return {
        positives: [
          ...(spec.ownExamplesOnly ? [] : [`const key = '${a}';\n`, `${spec.id.toUpperCase().replace(/-/g, '_')}=${b}\n`]),
          ...(spec.positives?.(seed) ?? []),
        ],
        negatives: [
          `const key = '${spec.prefix}${'x'.repeat(Math.max(8, b.length - spec.prefix.length))}';\n`,
          ...(spec.prefix && a.startsWith(spec.prefix) ? [`const key = 'z${a}z';\n`] : []),
          ...(spec.negatives?.(seed) ?? []),
        ],
      };
    },
  };
}

function providerSample(spec: ProviderRuleSpec): RuleSample {
  const text = spec.sampleText ?? ((secret: string): string => `const key = '${secret}';\n`);
  let placeholder: string | undefined;
  return {
    secret: spec.sample,
    text,
    nearMiss: (seed) => text(spec.nearMiss ? spec.nearMiss(seed) : `z${spec.sample(seed)}z`),
    // Built on first read: the catalog is built at every start-up (every commit), and only tests
    // read samples; building ~170 of them up front cost a staged scan ~4% of its CPU (issue 10).
    get placeholder(): string {
      if (placeholder === undefined) {
        const first = spec.sample(seedOf(spec.id));
        const prefix = first.startsWith(spec.prefix) ? spec.prefix : '';
        placeholder = text(`${prefix}${'x'.repeat(Math.max(8, first.length - prefix.length))}`);
      }
      return placeholder;
    },
  };
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * `name <sep> value` in the common syntaxes (JS/TS, JSON, YAML, TOML, INI, env, shell, Python,
 * Go, Ruby, Java, HCL; Makefile `::=` `:::=` `?=`, PHP `.=`, Go `var name string =`), and
 * `<name>value</name>` in XML, the value alone on its line or not: the name is read whole and
 * judged in code, so the regex stays linear.
 * `value` is the regex source of the secret.
 */
export function assignmentRegex(value: string, flags = '', edge = '(?![A-Za-z0-9_+/=-])'): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_.$-])(?<name>[A-Za-z0-9_.$-]{1,80})\\\\?["']?\\]?[ \\t]{0,8}(?:=|:{1,3}=|:[ \\t]{0,8}[A-Za-z_$][A-Za-z0-9_$.]{0,40}[ \\t]{0,8}=|(?<=[ \\t])string[ \\t]{1,8}=|:|=>|\\(|\\?\\??=|\\|\\|=|\\.=)[ \\t]{0,8}\\\\?["'\`]?(?<secret>${value})${edge}` +
      `|<(?<name2>[A-Za-z0-9_.:-]{1,80})>[ \\t]{0,40}(?:\\r?\\n[ \\t]{0,40})?(?<secret2>${value})(?:\\r?\\n[ \\t]{0,40})?</`,
    flags,
  );
}

/** Regex character classes for the alphabets above. */
export const CLASS = {
  ALNUM: '[A-Za-z0-9]',
  LOWER_ALNUM: '[a-z0-9]',
  UPPER_ALNUM: '[A-Z0-9]',
  HEX: '[a-f0-9]',
  BASE64: '[A-Za-z0-9+/]',
  BASE64URL: '[A-Za-z0-9_-]',
} as const;
const ALPHABETS: Record<keyof typeof CLASS, string> = { ALNUM, LOWER_ALNUM, UPPER_ALNUM, HEX, BASE64, BASE64URL };

/**
 * The common case: a literal prefix and a body of one alphabet. `length` is exact or
 * [min, max]; samples use the minimum (or the exact) length.
 */
export function prefixed(
  id: string,
  description: string,
  prefix: string,
  alphabet: keyof typeof CLASS,
  length: number | [number, number],
  fix: string,
  extra: Partial<ProviderRuleSpec> = {},
): Rule {
  const [min, max] = typeof length === 'number' ? [length, length] : length;
  const quantifier = min === max ? `{${min}}` : `{${min},${max}}`;
  const key = (seed: number, length: number): string => join(prefix.slice(0, 2), prefix.slice(2), fakeBody(ALPHABETS[alphabet], length, seed));
  return providerRule({
    id,
    description,
    prefix,
    body: `${CLASS[alphabet]}${quantifier}`,
    fix,
    sample: (seed) => key(seed, min),
    // one character short of the shortest key
    ...(extra.sample ? {} : { nearMiss: (seed: number) => key(seed, min - 1) }),
    ...extra,
  });
}

/**
 * A copy of `s` that does not keep alive the text it was cut from: V8 keeps a substring of 13 or
 * more characters as a slice of its parent, so a cache keyed on names cut from files would hold
 * every scanned file in memory (found by the bench: memory grew with the corpus).
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * Memoises a pure function of a name: the same identifiers (`key`, `token`, `apiKey`…) come up
 * again and again across files and candidates, and a name's words and verdicts (a few regex
 * replaces and tests each) were most of a rejected candidate's cost. The cache is bounded.
 */
export function memoName<T extends boolean | string | object>(fn: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let result = cache.get(name);
    if (result === undefined) {
      if (cache.size >= 20_000) cache.clear();
      result = fn(name);
      cache.set(detached(name), result);
    }
    return result;
  };
}

/** Normalises an identifier for name tests: lower case, separators dropped. */
export function normaliseName(name: string | undefined): string {
  return (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ContextRuleSpec {
  id: string;
  description: string;
  keywords: string[];
  /** Tested against the normalised name (lower case, no separators). */
  name: RegExp;
  /** Regex source of the secret. */
  value: string;
  minEntropy?: number;
  fix: string;
  severity?: Severity;
  /** Builds a true-positive secret from a seed (`seedOf(id, n)`). */
  sample: (seed: number) => string;
  /** The name used in the generated examples, as written in code. */
  exampleName: string;
  validate?: (secret: string, context: ValidateContext) => boolean;
  positives?: (seed: () => number) => string[];
  negatives?: (seed: () => number) => string[];
  caseInsensitive?: boolean;
  /**
   * False for a key whose test-mode form is a live credential of its own (Lob's `test_…`): test
   * markers (`test`, `dummy`…) in the value then do not rule it out; placeholder words still do.
   */
  strictPlaceholders?: boolean;
}

/** A key whose shape is only meaningful next to a telling name (AWS secret key, Datadog…). */
export function contextRule(spec: ContextRuleSpec): Rule {
  return {
    id: spec.id,
    description: spec.description,
    keywords: spec.keywords,
    regex: assignmentRegex(spec.value, spec.caseInsensitive ? 'i' : ''),
    minEntropy: spec.minEntropy ?? 3,
    severity: spec.severity ?? 'error',
    fix: spec.fix,
    priority: 10,
    anchor: 'name',
    nameFilter: memoName((name) => spec.name.test(normaliseName(name))),
    strictPlaceholders: spec.strictPlaceholders ?? true,
    quietInExamples: true,
    validate: (secret, context) => spec.name.test(normaliseName(context.name)) && (spec.validate?.(secret, context) ?? true),
    sample: {
      secret: spec.sample,
      text: (secret) => `const ${spec.exampleName} = '${secret}';\n`,
      // the same value given to a name that says nothing: the shape alone is no evidence
      nearMiss: (seed) => `const unrelated = '${spec.sample(seed)}';\n`,
      placeholder: `const ${spec.exampleName} = process.env.${spec.exampleName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()} ?? '<your key here>';\n`,
    },
    examples: (seed) => {
      const a = spec.sample(seedOf(spec.id, 1));
      const b = spec.sample(seedOf(spec.id, 2));
      const envName = spec.exampleName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
      return {
        positives: [`const ${spec.exampleName} = '${a}';\n`, `${envName}=${b}\n`, ...(spec.positives?.(seed) ?? [])],
        negatives: [
          `const unrelated = '${a}';\n`,
          `const ${spec.exampleName} = process.env.${envName};\n`,
          `${envName}=\${${envName}}\n`,
          ...(spec.negatives?.(seed) ?? []),
        ],
      };
    },
  };
}
