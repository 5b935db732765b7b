/**
 * The contracts of the detection engine. Everything here is pure data: the CLI and the
 * ESLint plugin are front ends that hand text to the engine and format what it returns.
 */

import type { KeyguardConfig } from './config-type.generated.js';

export type Severity = 'error' | 'warning';

/** Evidence a rule carries next to its definition; built at run time from parts so the
 * repository itself holds no live-looking keys. */
export interface RuleExamples {
  /** Each string, scanned as a whole file, must yield at least one finding of this rule. */
  positives: string[];
  /** Each string, scanned as a whole file, must yield no finding of this rule. */
  negatives: string[];
}

/**
 * How tests build a key this rule finds. `@keyguard/core/testing` calls it with a seed derived
 * from the rule id, so no test numbers seeds by hand. Built at run time from parts.
 */
export interface RuleSample {
  /** A secret the rule finds; different seeds give different secrets. */
  secret: (seed: number) => string;
  /** A whole file in which the rule finds `secret`. */
  text: (secret: string) => string;
  /** A whole file close to `text(secret(seed))` that the rule must not report. */
  nearMiss: (seed: number) => string;
  /** A whole file holding a placeholder where the secret would be; the rule must not report it. */
  placeholder: string;
}

export interface Rule {
  /** kebab-case, stable: it appears in configs, ignores, baselines and SARIF. */
  id: string;
  /** Human name of the key kind, e.g. "GitHub personal access token". */
  description: string;
  /** Lower-case literals; the rule's regex runs only near an occurrence of one of them. */
  keywords: readonly string[];
  /**
   * Matches the secret: the first named group called `secret`, `secret2`, … that took part in
   * the match, else capture group `secretGroup` (default 1). A named group `name…` holds the
   * name the value is given to, when the rule reads one.
   */
  regex: RegExp;
  secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  severity: Severity;
  /** Keys that are public by design (Stripe pk_, Firebase web config, Sentry DSN): off by default. */
  publicByDesign?: boolean;
  /** One-line hint on what to do instead. */
  fix: string;
  /**
   * A fix for one provider's context, used when the file (its text or its path) matches
   * `mentions`: the x-api-key header is Deframe's in a file that names Deframe, anyone's
   * elsewhere, so Deframe's wording appears only there.
   */
  contextFix?: { mentions: RegExp; fix: string };
  /** Extra check on a candidate secret (checksums, word lists, placeholders). */
  validate?: (secret: string, context: ValidateContext) => boolean;
  /**
   * Example texts the rule must and must not report (catalog tests). Random-looking parts are
   * built from `seed()`, a source seeded from the rule id (`exampleSeeds`): call through
   * `ruleExamples(rule)` of `@keyguard/core/testing`.
   */
  examples: (seed: () => number) => RuleExamples;
  /** Provider and context rules carry their test-key shape; the others' are in `testing.ts`. */
  sample?: RuleSample;
  /**
   * Where the regex looks around a keyword hit, in characters: by default the hit's line,
   * clipped to 256 before and 512 after. `multiline` windows cross line ends (PEM blocks).
   */
  window?: { before: number; after: number; multiline?: boolean };
  /**
   * Where the regex is tried, instead of a window: `keyword` — exactly at each keyword hit (the
   * keyword is the start of the match, e.g. a prefix); `name` — at the start of the identifier
   * holding the hit (and at a `<` just before it), for `name = value` rules. One bounded
   * attempt per hit instead of a scan of the line. A `name` rule's regex never matches inside
   * an identifier (at an offset between two of `A-Za-z0-9_.$-`): names are 1–80 of them after
   * another character, so a hit more than 80 characters into an identifier is not tried.
   */
  anchor?: 'keyword' | 'name';
  /**
   * For `anchor: 'name'` rules: a cheap test of the identifier holding the keyword hit, run
   * before the regex; false skips the attempt. It must accept every name the rule reports.
   */
  nameFilter?: (name: string) => boolean;
  /** When two findings overlap the lower priority wins; provider shapes 0 (default), context rules 10, generic 20. */
  priority?: number;
  /** Also treat `test`/`dummy`/`fake`/`sample`/`mock` markers in the value as placeholders. */
  strictPlaceholders?: boolean;
  /** Apply only the placeholder words, not the repeated/sequential-character shapes (binary encodings such as PEM bodies). */
  placeholderMarkersOnly?: boolean;
  /**
   * A value found under an `example`/`examples`/`x-example(s)` key of a JSON or YAML file is
   * documentation, not reported (documented-examples.ts). For rules whose only evidence is a name
   * or a claim (generic, name-scoped context rules, JWT claims), never for a provider key with its
   * own prefix or checksum: real keys do get pasted into examples.
   */
  quietInExamples?: boolean;
}

export interface ValidateContext {
  /** The line holding the secret (clipped on giant lines). */
  line: string;
  path: string;
  /** The whole text and the secret's offset in it, for rules that look further around. */
  text?: string;
  index?: number;
  /** The name the value is given to (named group `name…`), when the rule reads one. */
  name?: string;
  /** The named group that holds the secret (`secret`, `secret2`, …) and all named groups of the match. */
  secretGroup?: string;
  groups?: Readonly<Record<string, string | undefined>>;
}

export interface Finding {
  ruleId: string;
  /** e.g. "GitHub personal access token (ghp_ab…, 40 chars)"; never holds the whole secret. */
  message: string;
  file: string;
  /** 1-based; columns count UTF-16 code units, as editors and ESLint do. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Redacted secret: a short prefix, a mask and the length. */
  match: string;
  /** Slow, salted hash of the rule id and the secret, not of its position (redact.ts). */
  fingerprint: string;
  /**
   * The unsalted fingerprint older keyguard versions wrote, so their baselines and
   * `allow.fingerprints` still match. Kept in memory only: no report or file ever holds it.
   */
  legacyFingerprint?: string;
  severity: Severity;
  fix: string;
  /** Set by history scans. */
  commit?: string;
}

/** A finding that an inline directive suppressed; kept so unused directives can be reported. */
export interface SuppressedFinding extends Finding {
  suppressedBy: 'inline';
  reason?: string;
}

export interface InlineDirective {
  line: number;
  kind: 'keyguard-ignore' | 'keyguard-ignore-next-line';
  /** Rule ids named by the directive; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** The line the directive applies to. */
  target: number;
}

export interface ScanResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  directives: InlineDirective[];
  /**
   * Where the scan did not look at every keyword hit: a keyword repeated inside its own matches
   * (`auth=auth=auth=…`) past the bound on work per character, or a text holding more candidate
   * findings than the engine examines in one text (see IncompleteRegion.cause). A key there
   * could be missed, so the text is not fully scanned (the CLI reports the file so, the ESLint
   * plugin judges literals there on their own; absent when every hit was read).
   */
  incomplete?: IncompleteRegion[];
}

/**
 * Lines (of the scanned text) over which hits were skipped. `cause`: `repeated-keyword`, one rule
 * (`ruleId`) skipped hits inside its own previous matches; `too-many-findings`, every rule stopped
 * where the text reached the cap on candidate findings (`limit`), to its end; `too-many-candidates`,
 * the same at the cap on candidates judged and rejected (`limit`).
 */
export type IncompleteRegion =
  | { cause: 'repeated-keyword'; ruleId: string; line: number; endLine: number }
  | { cause: 'too-many-findings'; limit: number; line: number; endLine: number }
  | { cause: 'too-many-candidates'; limit: number; line: number; endLine: number };

/** keyguard.config.json / package.json#keyguard after validation, and its custom rules: generated from the JSON schema. */
export type { CustomRuleConfig, KeyguardConfig } from './config-type.generated.js';

export interface ScannerOptions {
  config?: Partial<KeyguardConfig>;
}

export interface Classification {
  ruleId: string;
  description: string;
  /** Redacted value. */
  match: string;
  fix: string;
  /** Content fingerprint (rule id + secret), as in a scan's findings and `allow.fingerprints`. */
  fingerprint: string;
}

export interface ClassifyContext {
  /** The variable, property or parameter name the value is given to, if any. */
  name?: string;
  /** The HTTP header the value is given to, if any (lower-case). */
  header?: string;
  /** File path, for rules and allowlists that depend on it. */
  path?: string;
}

/**
 * The part of a text a scan reports on, when the text is one chunk of a larger file (see
 * `Scanner.contextSpan`): the text around it is only context, read by the rules but reported
 * from the chunk that owns it, so each finding and directive is reported once.
 */
export interface ScanRegion {
  /** Offsets in the text: findings that start in [from, to), and directives written there, are reported. */
  from: number;
  to: number;
  /**
   * Directives before this offset are ignored: the text starts in the middle of a line, whose
   * start (string literals, comment openers) is not in the text, so a marker on it cannot be
   * told from one inside a string. Ignoring it reports more, never less.
   */
  directivesFrom?: number;
}

export interface Scanner {
  readonly rules: readonly Rule[];
  readonly config: KeyguardConfig;
  /**
   * How far (UTF-16 code units) the rules read around a keyword: a secret and every character
   * a rule looks at to judge it lie within this span. A chunk of a large file that carries this
   * much text of its neighbours on each side finds what a scan of the whole text finds.
   */
  readonly contextSpan: number;
  /**
   * Scan a whole text (a file, a blob), or one chunk of a larger one (`region`). `file` is used
   * for messages and path-aware rules.
   */
  scan(text: string, file: string, region?: ScanRegion): ScanResult;
  /** Classify one value (a string literal's contents) as the ESLint plugin sees it. */
  classify(value: string, context?: ClassifyContext): Classification | undefined;
}
