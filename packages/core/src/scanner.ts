import { defaultConfig } from './config.js';
import { findDirectives } from './directives.js';
import { inDocumentedExample } from './documented-examples.js';
import { shannonEntropy } from './entropy.js';
import { KeywordIndex, type KeywordAutomaton } from './keyword-index.js';
import { LineAround, LineIndex, LineWalker } from './lines.js';
import { isPeriodic, isPlaceholder, isReference } from './placeholder.js';
import { regexShape, type RegexShape } from './regex-length.js';
import { copyFinding, fingerprint, lazyFingerprints, legacyFingerprint, redact } from './redact.js';
import { rules as builtinRules } from './rules/index.js';
import type {
  Classification,
  ClassifyContext,
  CustomRuleConfig,
  Finding,
  IncompleteRegion,
  KeyguardConfig,
  Rule,
  ScanRegion,
  ScanResult,
  Scanner,
  ScannerOptions,
  SuppressedFinding,
  ValidateContext,
} from './types.js';

const DIRECTIVE_MARKER = 'keyguard-ignore';

/** Put in by the CLI's bundler (packages/cli/scripts/bundle.mjs): `keywordAutomaton()`, computed when the bundle is built. */
declare const __KEYGUARD_KEYWORD_AUTOMATON__: KeywordAutomaton | undefined;
/**
 * The keyword automaton of the default config's rules, prebuilt: a bundle that carries it does not
 * build the trie of 1,400+ keywords when a scanner is created (every commit). Undefined when the
 * sources or the tsc output run; a config whose keywords differ builds its own.
 */
const prebuiltAutomaton = typeof __KEYGUARD_KEYWORD_AUTOMATON__ === 'object' ? __KEYGUARD_KEYWORD_AUTOMATON__ : undefined;
/** How far around a value the catalog's validators read (`context.text`), at most. */
const VALIDATOR_REACH = 4096;
/** Characters an anchored rule may re-read (attempts inside its own last match), per character of text. */
const REREAD_BUDGET = 2;
/** …plus this much on any text, so that a short file never hits the bound. */
const REREAD_FLOOR = 64 * 1024;
/** What one attempt costs besides the characters it matches (a regex start, a candidate judged): about what scanning 256 plain characters costs. */
const ATTEMPT_COST = 256;
const DEFAULT_WINDOW: CompiledRule['window'] = { before: 256, after: 512, multiline: false };
/**
 * Candidate findings the engine examines in one text, at most: FINDINGS_FLOOR, plus one per
 * FINDINGS_SPACING characters. Text dense with real-looking keys (`pscale_tkn_-` repeated: 15k
 * per MB) cost 250–350 ms per MB, most of it building and collecting findings; past the cap the
 * text is not read further and is reported as not fully scanned (`too-many-findings`). It fails
 * closed: the text already holds this many findings, so a run that fails on findings fails anyway.
 */
const FINDINGS_FLOOR = 1000;
const FINDINGS_SPACING = 1024;

/** The most candidate findings the engine examines in a text of `length` characters (see FINDINGS_FLOOR). */
export function findingsLimit(length: number): number {
  return FINDINGS_FLOOR + Math.floor(length / FINDINGS_SPACING);
}

/**
 * Candidates the engine judges and rejects in one text, at most: REJECTED_FLOOR, plus one per
 * REJECTED_SPACING characters. A rejected candidate costs a regex match and a validator's checks
 * (tens of regex runs for a long value), 1–5 µs: a hit every 16 characters that makes one
 * (`key: secret=A1b2` repeated) cost 300–700 ms per MB with no finding at all, so the findings cap
 * did not bound it. Past this many the text is not read further and is reported as not fully
 * scanned (`too-many-candidates`). Real code is far under it: the most rejections in one file of
 * the bench corpus, the fetched peers and the round-4 apps (74,504 files) were 228 (and under
 * 11 per KB); synthetic hostile texts dense with key words (hostile-input.test.ts: a 5 MB
 * minified line, 200,000 lines of assignments) reject 21–22 per KB and are still read in full.
 * Only a text built to cost hits it, and that text fails closed.
 */
const REJECTED_FLOOR = 1000;
const REJECTED_SPACING = 32;

/** The most candidates the engine rejects in a text of `length` characters (see REJECTED_FLOOR). */
export function rejectedLimit(length: number): number {
  return REJECTED_FLOOR + Math.floor(length / REJECTED_SPACING);
}

/**
 * A rule as the engine runs it. What only a keyword hit needs (its regexes, the sticky probe and
 * the regex's shortest match, read from its source) is worked out at the rule's first hit: a
 * staged scan of a few files hits a handful of the ~250 rules, and reading every regex up front
 * cost ~20 ms of each commit; building the two RegExp objects of each rule, another ~500 parses.
 */
class CompiledRule {
  readonly window: { before: number; after: number; multiline: boolean };
  readonly priority: number;
  /** Custom rules without keywords run over the whole text. */
  readonly always: boolean;
  readonly anchor: Rule['anchor'];
  /** Position among the rules that search windows around keyword hits (-1 for anchored rules). */
  slot = -1;
  #shape: RegexShape | undefined;
  #probe: RegExp | undefined;
  #regex: RegExp | undefined;
  #exact: RegExp | undefined;
  /**
   * The names of the regex's `secret…` groups and of its `name…` groups, in the order the groups
   * object lists them: read from the first match's groups (every match of a regex has the same
   * keys), so a match is not enumerated with `for…in` (a quarter of the CPU on dense name hits).
   */
  secretKeys: string[] | undefined;
  nameKeys: string[] | undefined;

  constructor(
    readonly rule: Rule,
    /** Position in the compiled list (per-scan bookkeeping). */
    readonly index: number,
  ) {
    this.window = rule.window ? { ...DEFAULT_WINDOW, ...rule.window } : DEFAULT_WINDOW;
    this.priority = rule.priority ?? 0;
    this.always = rule.keywords.length === 0;
    this.anchor = rule.anchor;
  }

  /** The rule's regex with the g flag, for the search (made at first use, like the rest below). */
  get regex(): RegExp {
    return (this.#regex ??= new RegExp(this.rule.regex.source, withFlags(this.rule.regex.flags.replace(/[dy]/g, ''), 'g')));
  }

  /** The same, sticky and with indices, to read the exact span of an accepted secret. */
  get exact(): RegExp {
    return (this.#exact ??= new RegExp(this.rule.regex.source, withFlags(this.rule.regex.flags.replace(/[gy]/g, ''), 'dy')));
  }

  /** The fewest characters a match of the regex takes: a shorter window is not searched. */
  get minLength(): number {
    return (this.#shape ??= regexShape(this.rule.regex)).minLength;
  }

  /** Reads the group names of a match of this rule's regex (see secretKeys), once. */
  groupKeys(groups: Record<string, string | undefined>): void {
    const keys = Object.keys(groups);
    this.secretKeys = keys.filter((key) => key.startsWith('secret'));
    this.nameKeys = keys.filter((key) => key.startsWith('name'));
  }

  /**
   * The same, sticky without indices (the d flag made each attempt 3–4× dearer): an anchored
   * rule's attempts run it and read the secret's span from where it occurs in the match, when it
   * occurs there once. A rule that may capture in a lookaround (outside the match: the literal
   * before `== password`) runs it too, but takes the span of each match from `exact`.
   */
  get probe(): RegExp | undefined {
    return (this.#probe ??= new RegExp(this.rule.regex.source, withFlags(this.rule.regex.flags.replace(/[dgy]/g, ''), 'y')));
  }

  /** Whether a capture may sit in a lookaround, outside the match: its span is not read from the match. */
  get capturesOutside(): boolean {
    return (this.#shape ??= regexShape(this.rule.regex)).captureInLookaround;
  }
}

interface Candidate {
  compiled: CompiledRule;
  secret: string;
  start: number;
  end: number;
}

/** Creates a scanner over the built-in catalog plus the config's custom rules. */
export function createScanner(options: ScannerOptions = {}): Scanner {
  const config: KeyguardConfig = { ...defaultConfig, ...options.config } as KeyguardConfig;
  const active = activeRules(config);
  const compiled = active.map((rule, i) => new CompiledRule(rule, i));
  let windowed = 0;
  for (const c of compiled) if (c.anchor === undefined && !c.always) c.slot = windowed++;

  // keyword → rules that it triggers
  const { keywords, rulesByKeyword } = keywordsOf(compiled);
  // the directive marker rides on the same pass, so texts without it cost nothing extra
  const directiveKeyword = keywords.length - 1;
  const index = new KeywordIndex(keywords, prebuiltAutomaton);
  const alwaysRules = compiled.filter((c) => c.always);
  const allowValues = (config.allow?.values ?? []).map((source) => new RegExp(source));
  const allowFingerprints = new Set(config.allow?.fingerprints ?? []);

  // One TextScan per scanner reads every text (its per-rule arrays allocated once, reset at a
  // text's first keyword hit: allocating them for every file cost ~9% of `scan` over the bench
  // corpus), and its methods live as long as the scanner: see TextScan. A call made while another
  // runs (none does today) makes its own.
  const parts: ScanParts = { compiled, windowed, rulesByKeyword, directiveKeyword, index, alwaysRules, accept };
  const reusable = new TextScan(parts);
  let busy = false;

  function candidates(text: string, path: string): Candidates {
    if (busy) return new TextScan(parts).run(text, path);
    busy = true;
    try {
      return reusable.run(text, path);
    } finally {
      busy = false;
    }
  }

  function accept(c: CompiledRule, secret: string, text: string, at: number, path: string, m: RegExpExecArray, lines: LineAround): boolean {
    const { rule } = c;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
    // isPlaceholder's check below too: here it spares a periodic value its rule's validator
    if (rule.placeholderMarkersOnly !== true && isPeriodic(secret)) return false;
    if (rule.validate) {
      const line = lines.of(at);
      // every context has the same fields (see TextScan on shapes that a full GC drops)
      const context: ValidateContext = { line, path, text, index: at, name: undefined, groups: undefined, secretGroup: undefined };
      const groups = m.groups;
      if (groups) {
        if (c.secretKeys === undefined) c.groupKeys(groups);
        context.name = firstOf(groups, c.nameKeys!);
        context.groups = groups;
        context.secretGroup = c.secretKeys!.find((key) => groups[key] !== undefined);
      }
      if (!rule.validate(secret, context)) return false;
    }
    if (isPlaceholder(secret, { testMarkers: rule.strictPlaceholders === true, markersOnly: rule.placeholderMarkersOnly === true })) return false;
    for (const allow of allowValues) if (allow.test(secret)) return false;
    if (commentSaysFixture(text, at + secret.length)) return false;
    if (givenToPlaceholder(text, at)) return false;
    if (rule.quietInExamples === true && inDocumentedExample(text, at, path)) return false;
    return true;
  }

  function toFinding(candidate: Candidate, text: string, file: string, lines: LineIndex): Finding {
    const { rule } = candidate.compiled;
    const start = lines.position(candidate.start);
    const end = lines.position(candidate.end);
    const match = redact(candidate.secret);
    // The fingerprints are hashed when something reads them: a suppressed finding, or one a text
    // report shows, never pays for scrypt.
    return lazyFingerprints(
      {
        ruleId: rule.id,
        message: `${rule.description} (${match})`,
        file,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        match,
        severity: rule.severity,
        fix: fixFor(rule, text, file),
      },
      rule.id,
      candidate.secret,
    );
  }

  /** The rule's fix, or its context fix when the file's text or path names that context. */
  function fixFor(rule: Rule, text: string, file: string): string {
    const context = rule.contextFix;
    return context !== undefined && (context.mentions.test(file) || context.mentions.test(text)) ? context.fix : rule.fix;
  }

  /** Whether config `allow.fingerprints` lists this secret (by its fingerprint or a legacy one). */
  function allowedByFingerprint(ruleId: string, secret: string): boolean {
    return allowFingerprints.size > 0 && (allowFingerprints.has(fingerprint(ruleId, secret)) || allowFingerprints.has(legacyFingerprint(ruleId, secret)));
  }

  function scan(text: string, file: string, region?: ScanRegion): ScanResult {
    const { found: all, sawDirective, incomplete: skipped } = candidates(text, file);
    const found = region ? all.filter((c) => c.start >= region.from && c.start < region.to) : all;
    const hasDirective = config.inlineIgnores !== false && sawDirective;
    const unread = region ? skipped.filter((r) => r.end > region.from && r.start < region.to) : skipped;
    if (found.length === 0 && !hasDirective && unread.length === 0) return { findings: [], suppressed: [], directives: [] };
    const lines = new LineIndex(text);
    const incomplete = unread.map((r): IncompleteRegion => {
      const line = lines.position(r.start).line;
      if ('ruleId' in r) return { cause: 'repeated-keyword', ruleId: r.ruleId, line, endLine: lines.position(r.end).line };
      // the cap's region runs to the text's end: its last line is that of the last character
      const endLine = lines.position(Math.max(r.start, r.end - 1)).line;
      return r.rejected ? { cause: 'too-many-candidates', limit: r.limit, line, endLine } : { cause: 'too-many-findings', limit: r.limit, line, endLine };
    });
    const located = hasDirective ? findDirectives(text, (offset) => lines.position(offset).line, file, region?.directivesFrom ?? 0) : [];
    const directives = located.map(({ directive }) => directive);
    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    for (const candidate of found) {
      if (allowedByFingerprint(candidate.compiled.rule.id, candidate.secret)) continue;
      const finding = toFinding(candidate, text, file, lines);
      const directive = directives.find(
        (d) => d.target === finding.line && (d.ruleIds.length === 0 || d.ruleIds.includes(finding.ruleId)),
      );
      if (directive) suppressed.push(copyFinding(finding, { suppressedBy: 'inline' as const, ...(directive.reason ? { reason: directive.reason } : {}) }));
      else findings.push(finding);
    }
    // a directive in the context around a region is listed by the chunk that owns it
    const listed = region ? located.filter(({ at }) => at >= region.from && at < region.to).map(({ directive }) => directive) : directives;
    return { findings, suppressed, directives: listed, ...(incomplete.length > 0 ? { incomplete } : {}) };
  }

  function classify(value: string, context: ClassifyContext = {}): Classification | undefined {
    // prefilter: too short or too long to be a key, or a reference to one
    if (value.length < 8 || value.length > 20_000 || isReference(value)) return undefined;
    const quote = !value.includes("'") ? "'" : !value.includes('"') ? '"' : !value.includes('`') ? '`' : undefined;
    if (quote === undefined) return undefined;
    const literal = `${quote}${value}${quote}`;
    let text = literal;
    if (context.header) text = `${quote}${context.header}${quote}: ${literal}`;
    else if (context.name && /^[A-Za-z0-9_.$-]{1,80}$/.test(context.name)) text = `${context.name} = ${literal}`;
    const offset = text.length - literal.length + 1;
    const path = context.path ?? 'literal.ts';
    // The first hit inside the value that `allow.fingerprints` does not allow: the editor and the
    // CLI agree on what an allowed secret is.
    for (const hit of candidates(text, path).found) {
      if (hit.start < offset || hit.end > offset + value.length) continue;
      const { rule } = hit.compiled;
      if (allowedByFingerprint(rule.id, hit.secret)) continue;
      return lazyFingerprints({ ruleId: rule.id, description: rule.description, match: redact(hit.secret), fix: rule.fix }, rule.id, hit.secret, false);
    }
    return undefined;
  }

  const contextSpan = contextSpanOf(active);

  return { rules: active, config, contextSpan, scan, classify };
}

/**
 * A span of the text where hits were skipped: by one rule (`repeated-keyword`), or by every rule
 * from a cap on (`limit`): of candidate findings, or of rejected candidates (`rejected`).
 */
type Unread = { start: number; end: number } & ({ ruleId: string } | { limit: number; rejected: boolean });
type Candidates = { found: Candidate[]; sawDirective: boolean; incomplete: Unread[] };

/** What a scanner's TextScan reads besides the text: fixed for the scanner's life. */
interface ScanParts {
  compiled: readonly CompiledRule[];
  /** How many rules search windows around keyword hits (CompiledRule.slot). */
  windowed: number;
  rulesByKeyword: readonly (readonly CompiledRule[])[];
  directiveKeyword: number;
  index: KeywordIndex;
  alwaysRules: readonly CompiledRule[];
  accept: (c: CompiledRule, secret: string, text: string, at: number, path: string, m: RegExpExecArray, lines: LineAround) => boolean;
}

type PerRule = {
  lastNameStart: Int32Array;
  acceptedUntil: Int32Array;
  matchedUntil: Int32Array;
  reread: Float64Array;
  lastLength: Int32Array;
  needsIndices: Uint8Array;
  runs: Int32Array;
};

/**
 * The candidates of one text at a time: the keyword pass, the attempts of anchored rules at their
 * hits, the windows of the others, then the search of those windows. A scanner keeps one and resets
 * it per text. Its hot steps (the keyword callback, attempt, nameAt, overBudget) were closures made
 * anew in every scan: a full GC dropped their optimized code (V8 holds it weakly, and the dead
 * closures of finished scans were its only users), so every scan after one ran them unoptimized
 * until TurboFan compiled them again (8–11 compiles per scan, ~2× the CPU of a MB of hostile input;
 * docs/benchmarks.md). As methods of an object the scanner keeps they live as long as it does.
 */
class TextScan {
  readonly #parts: ScanParts;
  /** The callback of the keyword pass, made once. */
  readonly #onHit: (keywordId: number, at: number) => boolean;
  #arrays: PerRule | undefined;

  // the text being read, and its path ('' between texts: the scanner holds no text it read)
  text = '';
  path = '';
  // windows per rule: flat [start, end, clippedStart, clippedEnd] runs, merged as hits arrive
  windows = new Map<CompiledRule, number[]>();
  found: Candidate[] = [];
  // Past `limit` candidates the text is read no further, from `cut` on (see FINDINGS_FLOOR).
  // Counted by where they start: two rules that accept the same key (a GitHub token given to
  // `token = …` is also a generic secret) make one finding once overlaps are resolved.
  limit = 0;
  spans = new Set<number>();
  // the same past `rejectLimit` rejected candidates (see REJECTED_FLOOR); `rejectedCut` says which cap cut
  rejectLimit = 0;
  rejections = 0;
  rejectedCut = false;
  cut = -1;
  foundUntil = 0;
  // Per-rule state, reset at the first keyword hit (`hit` false before it): most texts `classify`
  // sees (a string literal, with its name) hold no keyword at all.
  hit = false;
  lastNameStart: Int32Array = NO_STATE;
  // per rule, the span over which attempts were not made (see attempt)
  skippedRegions = new Map<CompiledRule, [number, number]>();
  // the line around a candidate, for validators that read it: one for the scanner's life, reset
  // per text (its hidden class too died with a LineAround made per text)
  readonly lines = new LineAround('');
  // end of the last secret each anchored rule accepted: a hit inside it (a keyword repeated in
  // the value, `auth=auth=auth=…`) could only yield a candidate overlapping it, which the
  // overlap resolution drops; skipping it keeps the work per rule linear in the text
  acceptedUntil: Int32Array = NO_STATE;
  // the last candidate each anchored rule rejected: a candidate that overlaps it and is the same
  // value with the same groups and neighbours gets the same verdict without validating it again.
  // Only periodic text (`auth=auth=auth=…`) yields such a pair, and a periodic value is no key;
  // without this a repeated keyword costs a full validation of a long value per hit.
  lastRejected: Array<{ m: RegExpExecArray; secret: string; start: number; end: number; key: string | undefined } | undefined> = [];
  sawDirective = false;
  lastAt = -1;
  // the text of the identifier around the current hit, cut once for the name rules it triggers
  nameHitAt = -1;
  hitName: string | undefined = undefined;
  // the last name filter asked about that identifier, and its answer: rules that share a filter
  // (the three generic assignment rules) ask it once per hit, not once each (filters are pure)
  askedFilter: ((name: string) => boolean) | undefined = undefined;
  filterAnswer = false;
  // The window around a hit, written in place (a window per hit was an array per hit: 200k per MB
  // of `:-us\n`): `shared` for the rules on the default window, cached for offset `lastAt`, and
  // `own` for a rule with its own window. closeRun reads what it needs of one before the next.
  readonly shared: Window = [0, 0, 0, 0];
  readonly own: Window = [0, 0, 0, 0];
  // The identifier around name-anchored hits: text[identFrom, identTo) are name characters, and
  // identFrom is where the identifier starts when identKnown (else it starts before identFrom).
  // Hits along one identifier extend it instead of walking 80 characters back each.
  identFrom = -1;
  identTo = -1;
  identKnown = false;
  nameHit = -1;
  nameHitStart = -1;
  // Hits of a windowed rule are gathered into runs, [first, last] per rule, of hits whose windows
  // touch and share a line; a run becomes one window when it ends. Dense hits (`q~q~q~…`, a run
  // of `a`) then cost a few comparisons each, not a window built and merged per hit.
  runs: Int32Array = NO_STATE;
  // the lines around hits (runs) and around window edges, for windows clipped to a line: two for
  // the scanner's life, reset per text (walkers made per text died at a full GC, and with their
  // hidden class the optimized code of onHit, closeRun, windowAt and windowAround: see TextScan)
  readonly hitLine = new LineWalker('');
  readonly edgeLine = new LineWalker('');
  // Work per byte is bounded: an attempt that starts inside the last match of the same rule
  // (a keyword repeated in a value, `auth=auth=auth=…`) re-reads what that match read. Such
  // re-reading is allowed up to REREAD_BUDGET times the text per rule; past it, attempts inside
  // a previous match are not made, and the region is reported as not fully scanned (a key
  // there could be missed: the file must not pass as clean). An attempt is charged what it
  // matched plus ATTEMPT_COST, so short matches on dense hits (`password: password: …`) count.
  matchedUntil: Int32Array = NO_STATE;
  reread: Float64Array = new Float64Array(0);
  lastLength: Int32Array = NO_STATE;
  needsIndices: Uint8Array = new Uint8Array(0);
  budget = 0;

  constructor(parts: ScanParts) {
    this.#parts = parts;
    this.#onHit = (keywordId, at) => this.onHit(keywordId, at);
  }

  /** The candidates of `text`; the state of the text before is dropped first, and after, all but the arrays. */
  run(text: string, path: string): Candidates {
    this.text = text;
    this.path = path;
    this.windows = new Map();
    this.found = [];
    this.limit = findingsLimit(text.length);
    this.spans = new Set();
    this.rejectLimit = rejectedLimit(text.length);
    this.rejections = 0;
    this.rejectedCut = false;
    this.cut = -1;
    this.foundUntil = 0;
    this.hit = false;
    this.skippedRegions = new Map();
    this.lines.reset(text);
    this.sawDirective = false;
    this.lastAt = -1;
    this.nameHitAt = -1;
    this.hitName = undefined;
    this.askedFilter = undefined;
    this.filterAnswer = false;
    this.identFrom = -1;
    this.identTo = -1;
    this.identKnown = false;
    this.nameHit = -1;
    this.nameHitStart = -1;
    this.hitLine.reset(text);
    this.edgeLine.reset(text);
    this.budget = REREAD_BUDGET * text.length + REREAD_FLOOR;
    try {
      return this.candidates();
    } finally {
      // nothing of this text outlives the call (the per-rule arrays hold numbers only)
      this.text = '';
      this.path = '';
      this.windows = new Map();
      this.found = [];
      this.spans = new Set();
      this.skippedRegions = new Map();
      this.lines.reset('');
      this.lastRejected = [];
      this.hitName = undefined;
      this.hitLine.reset('');
      this.edgeLine.reset('');
    }
  }

  private candidates(): Candidates {
    const { text } = this;
    const { alwaysRules, accept } = this.#parts;
    this.#parts.index.scan(text, this.#onHit);
    const { windows, found, spans, path } = this;
    for (const c of windows.keys()) this.closeRun(c);
    for (const c of alwaysRules) windows.set(c, [0, text.length, 0, 0]);

    searchWindows: for (const [c, list] of windows) {
      const { regex } = c;
      for (let i = 0; i < list.length; i += 4) {
        const start = list[i]!;
        const end = list[i + 1]!;
        if (end - start < c.minLength) continue;
        const slice = text.slice(start, end);
        regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = regex.exec(slice)) !== null) {
          const whole = m[0];
          if (whole.length === 0) {
            regex.lastIndex++;
            continue;
          }
          if ((list[i + 2] && m.index === 0) || (list[i + 3] && m.index + whole.length === slice.length)) continue;
          if (spans.size >= this.limit || this.rejections >= this.rejectLimit) {
            // a cap, reached in the windows: what was not searched starts at this match or at a window not searched yet
            if (this.cut === -1) this.rejectedCut = spans.size < this.limit;
            this.cut = Math.min(this.cut === -1 ? text.length : this.cut, start + m.index, firstUnsearched(windows, c, i + 4));
            break searchWindows;
          }
          const secret = secretOf(m, c);
          if (!secret) continue;
          // the secret is the last capture in every catalog regex; exact spans are read below
          const at = start + m.index + whole.lastIndexOf(secret);
          if (!accept(c, secret, text, at, path, m, this.lines)) {
            this.rejections++;
            continue;
          }
          const span = exactSpan(c, slice, m.index, secret);
          found.push({ compiled: c, secret, start: start + span, end: start + span + secret.length });
          spans.add(start + span);
        }
      }
    }
    const incomplete: Unread[] = [...this.skippedRegions].map(([c, [start, end]]) => ({ ruleId: c.rule.id, start, end }));
    let { sawDirective } = this;
    if (this.cut !== -1) {
      incomplete.push({ limit: this.rejectedCut ? this.rejectLimit : this.limit, rejected: this.rejectedCut, start: this.cut, end: text.length });
      // a directive after the cut still applies to the findings before it (`key # keyguard-ignore`)
      sawDirective ||= DIRECTIVE_SEARCH.test(text.slice(this.cut));
    }
    return { found: resolveOverlaps(found), sawDirective, incomplete };
  }

  /** The per-rule arrays, made at the first text with a keyword hit, then reused. */
  private arrays(): PerRule {
    if (this.#arrays !== undefined) return this.#arrays;
    const n = this.#parts.compiled.length;
    return (this.#arrays = {
      lastNameStart: new Int32Array(n),
      acceptedUntil: new Int32Array(n),
      matchedUntil: new Int32Array(n),
      reread: new Float64Array(n),
      lastLength: new Int32Array(n),
      needsIndices: new Uint8Array(n),
      runs: new Int32Array(2 * this.#parts.windowed),
    });
  }

  /** A keyword hit (the keyword pass's callback): true stops the pass. */
  private onHit(keywordId: number, at: number): boolean {
    const parts = this.#parts;
    if (keywordId === parts.directiveKeyword) {
      this.sawDirective = true;
      return false;
    }
    // hits inside the last candidate still run: a more specific rule's rival for the same key wins the overlap
    if ((this.spans.size >= this.limit || this.rejections >= this.rejectLimit) && at >= this.foundUntil) {
      this.cut = at;
      this.rejectedCut = this.spans.size < this.limit;
      return true;
    }
    if (!this.hit) {
      this.hit = true;
      const arrays = this.arrays();
      this.lastNameStart = arrays.lastNameStart.fill(-1);
      this.acceptedUntil = arrays.acceptedUntil.fill(-1);
      this.lastRejected = new Array(parts.compiled.length);
      this.matchedUntil = arrays.matchedUntil.fill(-1);
      this.reread = arrays.reread.fill(0);
      this.lastLength = arrays.lastLength.fill(0);
      this.needsIndices = arrays.needsIndices.fill(0);
      this.runs = arrays.runs.fill(-1);
    }
    const { text, acceptedUntil, lastNameStart, runs } = this;
    for (const c of parts.rulesByKeyword[keywordId]!) {
      if (c.anchor === 'keyword') {
        if (at < acceptedUntil[c.index]!) continue;
        this.attempt(c, at);
        continue;
      }
      if (c.anchor === 'name') {
        if (at < acceptedUntil[c.index]! || this.overBudget(c, at)) continue;
        const start = this.nameAt(at);
        if (start === -1 || start === lastNameStart[c.index]) continue;
        if (at !== this.nameHitAt) {
          this.nameHitAt = at;
          this.hitName = undefined;
          this.askedFilter = undefined;
        }
        lastNameStart[c.index] = start;
        const filter = c.rule.nameFilter;
        if (filter) {
          if (filter !== this.askedFilter) {
            this.askedFilter = filter;
            this.filterAnswer = filter((this.hitName ??= text.slice(start, nameEnd(text, at))));
          }
          if (!this.filterAnswer) continue;
        }
        this.attempt(c, start);
        // <name>value</name>, ?name=value, &name=value start one character earlier
        const before = start > 0 ? text.charCodeAt(start - 1) : 0;
        if (before === 60 /* < */ || before === 63 /* ? */ || before === 38 /* & */) this.attempt(c, start - 1);
        continue;
      }
      const i = 2 * c.slot;
      const first = runs[i]!;
      const last = runs[i + 1]!;
      if (last === -1) {
        // the rule's first hit; its list is made now, so rules are searched in the order of their first hits
        this.windows.set(c, []);
      } else {
        if (at >= first && at <= last) continue;
        // windows [hit - before, hit + after] touch when hits are at most before + after apart
        const reach = c.window.before + c.window.after;
        const { hitLine } = this;
        if (at > last) {
          if (at - last <= reach && (c.window.multiline || hitLine.startOf(at, last) === last)) {
            runs[i + 1] = at;
            continue;
          }
        } else if (first - at <= reach && (c.window.multiline || hitLine.startOf(first, at) === at)) {
          // a longer keyword ending with a shorter one starts a little before it
          runs[i] = at;
          continue;
        }
        this.closeRun(c);
      }
      runs[i] = at;
      runs[i + 1] = at;
    }
    return false;
  }

  /**
   * Where the name holding a hit starts, or -1 when the identifier runs on more than 80 characters
   * before it: such an identifier holds no name a `name` rule reads (names are 1–80 name
   * characters after a non-name one), and trying a new 80-character cut of it at every hit made
   * a long run of `key` cost 400 ms per MB.
   */
  private nameAt(at: number): number {
    if (at === this.nameHit) return this.nameHitStart;
    const { text } = this;
    this.nameHit = at;
    if (this.identFrom !== -1 && at > this.identTo && at - this.identTo <= NAME_REACH) {
      for (let i = this.identTo; i < at; i++) {
        if (!isNameChar(text.charCodeAt(i))) {
          this.identFrom = i + 1;
          this.identKnown = true;
        }
      }
      this.identTo = at;
    } else if (this.identFrom === -1 || at < this.identFrom || at > this.identTo) {
      let start = at;
      const min = Math.max(0, at - NAME_REACH - 1);
      while (start > min && isNameChar(text.charCodeAt(start - 1))) start--;
      this.identFrom = start;
      this.identTo = at;
      this.identKnown = start === 0 || !isNameChar(text.charCodeAt(start - 1));
    }
    if (at - this.identFrom > NAME_REACH) this.nameHitStart = -1;
    else if (this.identKnown) this.nameHitStart = this.identFrom;
    else {
      // a hit a little behind the one that found the identifier too long: read it on its own
      const start = nameStart(text, at);
      this.nameHitStart = start > 0 && isNameChar(text.charCodeAt(start - 1)) ? -1 : start;
    }
    return this.nameHitStart;
  }

  /** The window of rule `c` around offset `at`, valid until the next call. */
  private windowAt(c: CompiledRule, at: number): Readonly<Window> {
    const { edgeLine } = this;
    if (c.window !== DEFAULT_WINDOW) return windowAround(this.text, at, c.window, edgeLine, this.own);
    // rules on the default window share it: computed once per offset
    if (at !== this.lastAt) {
      windowAround(this.text, at, DEFAULT_WINDOW, edgeLine, this.shared);
      this.lastAt = at;
    }
    return this.shared;
  }

  /** Turns the rule's run of hits into a window, merged with the previous one when they touch. */
  private closeRun(c: CompiledRule): void {
    const first = this.runs[2 * c.slot]!;
    const last = this.runs[2 * c.slot + 1]!;
    const head = this.windowAt(c, first);
    // read before the tail's window is written over the head's
    const start = head[0];
    const clipStart = head[2];
    const tail = last === first ? head : this.windowAt(c, last);
    const list = this.windows.get(c)!;
    const n = list.length;
    if (n > 0 && start <= list[n - 3]!) {
      if (tail[1] > list[n - 3]!) {
        list[n - 3] = tail[1];
        list[n - 1] = tail[3];
      }
    } else if (n > 0 && list[n - 3]! - list[n - 4]! < c.minLength) {
      // the previous window is too short to hold a match and nothing merges into it any more:
      // this one takes its place (a line per hit, `q~\n…`, keeps one window, not one per line)
      list[n - 4] = start;
      list[n - 3] = tail[1];
      list[n - 2] = clipStart;
      list[n - 1] = tail[3];
    } else list.push(start, tail[1], clipStart, tail[3]);
  }

  /** Whether an attempt at `position` is past the budget (and so recorded as skipped). */
  private overBudget(c: CompiledRule, position: number): boolean {
    const { matchedUntil } = this;
    if (position >= matchedUntil[c.index]! || this.reread[c.index]! <= this.budget) return false;
    // a skipped hit counts as a match as long as the last real one: hits close behind it are
    // skipped too, so the region grows over a dense run instead of every other hit running
    const reach = Math.max(matchedUntil[c.index]!, position + this.lastLength[c.index]!);
    matchedUntil[c.index] = reach;
    const open = this.skippedRegions.get(c);
    if (open !== undefined && position <= open[1]) open[1] = Math.max(open[1], reach);
    else this.skippedRegions.set(c, [position, reach]);
    return true;
  }

  private attempt(c: CompiledRule, position: number): void {
    const { text, matchedUntil, needsIndices } = this;
    // after a match whose secret the probe could not place (periodic text: it occurs twice),
    // the rule runs with indices until one it can, so such text is not read twice per attempt
    const regex = (!needsIndices[c.index] && c.probe) || c.exact;
    const inside = position < matchedUntil[c.index]!;
    if (this.overBudget(c, position)) return;
    regex.lastIndex = position;
    const m = regex.exec(text);
    if (m === null || m[0].length === 0) return;
    if (inside) this.reread[c.index]! += m[0].length + ATTEMPT_COST;
    this.lastLength[c.index] = m[0].length;
    if (position + m[0].length > matchedUntil[c.index]!) matchedUntil[c.index] = position + m[0].length;
    let span: [number, number] | undefined;
    if (regex === c.exact) {
      span = spanOf(m, c.rule);
      if (span !== undefined && c.probe) needsIndices[c.index] = occursTwice(m[0], span[1] - span[0] > 0 ? text.slice(span[0], span[1]) : '') ? 1 : 0;
    } else {
      span = c.capturesOutside ? undefined : probedSpan(m, position, c);
      if (span === undefined) {
        // periodic text: indices until a match the probe can place (a capture outside the match never can)
        if (!c.capturesOutside) needsIndices[c.index] = 1;
        c.exact.lastIndex = position;
        const exact = c.exact.exec(text);
        span = exact === null ? undefined : spanOf(exact, c.rule);
      }
    }
    if (span === undefined) return;
    const secret = text.slice(span[0], span[1]);
    if (secret.length === 0) return;
    // the key of a candidate is built only when it overlaps the last rejected one
    const rejected = this.lastRejected[c.index];
    // the key holds the secret: a different secret cannot share it (and building keys cost a JSON of the groups per attempt)
    if (rejected !== undefined && span[0] < rejected.end && secret === rejected.secret) {
      rejected.key ??= verdictKey(text, rejected.m, rejected.start, rejected.end);
      if (rejected.key === verdictKey(text, m, span[0], span[1])) {
        // same verdict; the stored key stays that of the run's first candidate
        rejected.end = span[1];
        return;
      }
    }
    if (!this.#parts.accept(c, secret, text, span[0], this.path, m, this.lines)) {
      this.rejections++;
      // the rule's record is rewritten in place: one object per rule and text, not per rejection
      if (rejected === undefined) this.lastRejected[c.index] = { m, secret, start: span[0], end: span[1], key: undefined };
      else {
        rejected.m = m;
        rejected.secret = secret;
        rejected.start = span[0];
        rejected.end = span[1];
        rejected.key = undefined;
      }
      return;
    }
    this.found.push({ compiled: c, secret, start: span[0], end: span[1] });
    this.spans.add(span[0]);
    if (span[1] > this.foundUntil) this.foundUntil = span[1];
    this.acceptedUntil[c.index] = span[1];
  }
}

/** The rules a scanner with this config runs: the catalog's and the custom ones, less those turned off. */
function activeRules(config: KeyguardConfig): Rule[] {
  const disabled = new Set(config.disabledRules ?? []);
  const all = [...builtinRules, ...(config.customRules ?? []).map(customRule)];
  return all.filter((rule) => !disabled.has(rule.id) && (config.includePublicKeys || !rule.publicByDesign));
}

/**
 * The keywords of the automaton, lower case, each once, in the order the rules list them, then the
 * directive marker; and for each keyword (by position) the rules it triggers.
 */
function keywordsOf<T extends { rule: Rule }>(rules: readonly T[]): { keywords: string[]; rulesByKeyword: T[][] } {
  const keywordIds = new Map<string, number>();
  const rulesByKeyword: T[][] = [];
  for (const c of rules) {
    for (const keyword of c.rule.keywords) {
      const k = keyword.toLowerCase();
      let id = keywordIds.get(k);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(k, id);
        rulesByKeyword.push([]);
      }
      if (!rulesByKeyword[id]!.includes(c)) rulesByKeyword[id]!.push(c);
    }
  }
  return { keywords: [...keywordIds.keys(), DIRECTIVE_MARKER], rulesByKeyword };
}

/**
 * The keyword automaton a scanner with this config builds (the default config's when none is
 * given), for a bundler to carry prebuilt (`__KEYGUARD_KEYWORD_AUTOMATON__`).
 */
export function keywordAutomaton(config: Partial<KeyguardConfig> = {}): KeywordAutomaton {
  const rules = activeRules({ ...defaultConfig, ...config } as KeyguardConfig);
  return KeywordIndex.automatonOf(keywordsOf(rules.map((rule) => ({ rule }))).keywords);
}

/**
 * How much text around a value the rules read: the widest window a rule's regex sees, plus what
 * validators read around a value (up to 4000 characters back: private-keys' PuTTY header) and
 * lineAround's 1000 on each side. A chunk of a large text carries at least this much of its
 * neighbours (a scanner's `contextSpan`; the built-in catalog's bounds every config's, since
 * custom rules search the default window).
 */
export function contextSpanOf(rules: readonly Rule[]): number {
  return Math.max(...rules.map((rule) => (rule.window?.before ?? DEFAULT_WINDOW.before) + (rule.window?.after ?? DEFAULT_WINDOW.after)), 0) + 2 * VALIDATOR_REACH;
}

/** The directive marker as `findDirectives` looks for it, for the text after a findings cap. */
const DIRECTIVE_SEARCH = new RegExp(DIRECTIVE_MARKER, 'i');

/** The start of the first window not searched yet: rule `current`'s from `next` on, and every later rule's. */
function firstUnsearched(windows: ReadonlyMap<CompiledRule, number[]>, current: CompiledRule, next: number): number {
  let first = Infinity;
  let later = false;
  for (const [c, list] of windows) {
    if (c === current) later = true;
    for (let i = c === current ? next : later ? 0 : list.length; i < list.length; i += 4) first = Math.min(first, list[i]!);
  }
  return first;
}

/** The per-rule state of a text without keyword hits (never read). */
const NO_STATE = new Int32Array(0);

function withFlags(flags: string, extra: string): string {
  let out = flags;
  for (const f of extra) if (!out.includes(f)) out += f;
  return out;
}

/** A window of text: [start, end, clippedStart, clippedEnd]. */
type Window = [number, number, number, number];

/** The window of text a rule's regex sees around a keyword hit, written into `out`. */
function windowAround(text: string, at: number, w: { before: number; after: number; multiline: boolean }, line: LineWalker, out: Window): Window {
  const minStart = Math.max(0, at - w.before);
  const maxEnd = Math.min(text.length, at + w.after);
  let start = minStart;
  let end = maxEnd;
  if (!w.multiline) {
    start = line.startOf(at, minStart);
    end = line.endOf(at, maxEnd);
  }
  // a window edge that cuts through a token: matches touching it may be fragments
  const clipStart = start > 0 && !isSpace(text.charCodeAt(start - 1)) ? 1 : 0;
  const clipEnd = end < text.length && !isSpace(text.charCodeAt(end)) ? 1 : 0;
  out[0] = start;
  out[1] = end;
  out[2] = clipStart;
  out[3] = clipEnd;
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The longest name a `name` rule reads. */
const NAME_REACH = 80;
const NAME_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$-') NAME_CHAR[c.charCodeAt(0)] = 1;

function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHAR[c] === 1;
}

/** Start of the identifier (as assignment rules read names) that holds offset `at`; at most 80 back. */
function nameStart(text: string, at: number): number {
  let start = at;
  const min = Math.max(0, at - NAME_REACH);
  while (start > min) {
    const c = text.charCodeAt(start - 1);
    if (c >= 128 || NAME_CHAR[c] === 0) break;
    start--;
  }
  return start;
}

/** End of the identifier that holds offset `at`; at most 80 ahead. */
function nameEnd(text: string, at: number): number {
  let end = at;
  const max = Math.min(text.length, at + 80);
  while (end < max) {
    const c = text.charCodeAt(end);
    if (c >= 128 || NAME_CHAR[c] === 0) break;
    end++;
  }
  return end;
}

/** [start, end) of the secret, from a match made with the d flag. */
function spanOf(m: RegExpExecArray, rule: Rule): [number, number] | undefined {
  const indices = m.indices;
  if (!indices) return undefined;
  if (indices.groups) {
    for (const key in indices.groups) {
      const span = indices.groups[key];
      if (key.startsWith('secret') && span !== undefined) return span;
    }
  }
  return indices[rule.secretGroup ?? 1] ?? undefined;
}

/**
 * [start, end) of the secret in a match of the rule's probe at `position`. A capture outside
 * lookarounds lies inside the match, so where the secret's text occurs in the match once, that is
 * its span; else the regex with indices is run at the same position for it.
 */
function probedSpan(m: RegExpExecArray, position: number, c: CompiledRule): [number, number] | undefined {
  const secret = secretOf(m, c);
  if (secret === undefined || secret.length === 0 || occursTwice(m[0], secret)) return undefined;
  const at = m[0].indexOf(secret);
  return at === -1 ? undefined : [position + at, position + at + secret.length];
}

function occursTwice(whole: string, secret: string): boolean {
  const at = whole.indexOf(secret);
  return secret.length === 0 || (at !== -1 && whole.indexOf(secret, at + 1) !== -1);
}

/** The value of the first of `keys` that took part in the match. */
function firstOf(groups: Record<string, string | undefined>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = groups[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The secret of a match: the first `secret…` named group that took part, else group `secretGroup`. */
function secretOf(m: RegExpExecArray, c: CompiledRule): string | undefined {
  const groups = m.groups;
  if (groups) {
    if (c.secretKeys === undefined) c.groupKeys(groups);
    const secret = firstOf(groups, c.secretKeys!);
    if (secret !== undefined) return secret;
  }
  return m[c.rule.secretGroup ?? 1];
}

/** Offset of the secret in `input`, read from the regex's indices at the match position. */
function exactSpan(c: CompiledRule, input: string, matchIndex: number, secret: string): number {
  const { exact } = c;
  exact.lastIndex = matchIndex;
  const m = exact.exec(input);
  const indices = m?.indices;
  if (indices) {
    if (indices.groups) {
      for (const key in indices.groups) {
        const span = indices.groups[key];
        if (key.startsWith('secret') && span !== undefined) return span[0];
      }
    }
    const span = indices[c.rule.secretGroup ?? 1];
    if (span) return span[0];
  }
  return matchIndex + (m?.[0] ?? '').lastIndexOf(secret);
}

/** What decides a rejected candidate's verdict besides its secret: the characters either side and the match's groups. */
function verdictKey(text: string, match: RegExpExecArray, from: number, to: number): string {
  return `${text.charAt(from - 1)}${text.charAt(to)}${JSON.stringify(match.groups ?? match.slice(1))}`;
}

/** Keeps, of overlapping findings, the one whose rule is most specific (lowest priority). */
function resolveOverlaps(found: Candidate[]): Candidate[] {
  if (found.length < 2) return found;
  const ranked = [...found].sort((a, b) => a.compiled.priority - b.compiled.priority || a.start - b.start);
  // kept spans never overlap, so sorted by start they are sorted by end too: one binary search
  // per candidate finds the only neighbours it could overlap (repeated keywords can yield a
  // candidate per hit, and a scan over every kept span for each would be quadratic)
  const kept: Candidate[] = [];
  for (const c of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    // kept[lo] is the first span ending after c starts: c overlaps it iff it starts before c ends
    if (lo < kept.length && kept[lo]!.start < c.end) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}

function customRule(config: CustomRuleConfig): Rule {
  return {
    id: config.id,
    description: config.description,
    keywords: config.keywords ?? [],
    regex: new RegExp(config.regex, config.flags),
    ...(config.secretGroup !== undefined ? { secretGroup: config.secretGroup } : {}),
    ...(config.minEntropy !== undefined ? { minEntropy: config.minEntropy } : {}),
    severity: config.severity ?? 'error',
    fix: config.fix ?? 'Remove the secret from the source and rotate it.',
    examples: () => ({ positives: [], negatives: [] }),
  };
}

/**
 * The comment that ends the value's line says the value is not real: `secret: "whsec_…", // dummy secret`,
 * `API_KEY=… # fake, for tests`. The author's own word, as an ignore directive would be.
 */
const FIXTURE_COMMENT = /^[^\r\n]{0,40}?(?:\/\/|\/\*|#|<!--)[^\r\n]{0,80}?\b(?:dummy|fake|placeholder|not (?:a )?real|made[ -]up|fixture)\b/i;

function commentSaysFixture(text: string, end: number): boolean {
  const rest = text.slice(end, end + 200);
  // a `keyguard-ignore -- fixture` directive suppresses the finding instead, so audits list it
  return FIXTURE_COMMENT.test(rest) && !/keyguard-ignore/.test(rest.split(/\r?\n/, 1)[0] ?? '');
}

/**
 * The value is an input's placeholder, the hint a form shows in an empty field
 * (`placeholder="gloas-…"`, `placeholder={'sk-…'}`, `{ placeholder: "…" }`, `"placeholder": "…"`):
 * a sample of the format the user should paste, not a key the app uses.
 */
const PLACEHOLDER_SLOT = /\bplaceholder\\?["'`]?[ \t]{0,4}[:=][ \t]{0,4}\{?[ \t]{0,4}\\?["'`]$/i;

function givenToPlaceholder(text: string, at: number): boolean {
  const start = Math.max(0, at - 40);
  const before = text.slice(start, at);
  return PLACEHOLDER_SLOT.test(before.slice(before.lastIndexOf('\n') + 1));
}
