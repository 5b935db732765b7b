import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { afterAll, describe, expect, it } from 'vitest';
import { createScanner, findingsLimit, rejectedLimit, rules } from '@keyguard/core';
import type { Rule } from '@keyguard/core';

/**
 * Cost on hostile input, counted as work instead of timed: every keyword of the catalog's
 * validated rules, repeated with adversarial continuations (`x-api-key=x-api-key=…`,
 * `auth=auth=…`), must not make a rule validate a long candidate at every hit. A validation
 * reads the whole candidate (up to 300–400 characters): one per hit of a 10-character keyword is
 * 30+ character reads per input character. The bound: the candidates a rule validates add up to
 * at most twice the input.
 */
const SIZE = 32 * 1024;
const CONTINUATIONS = ['', '=', ': ', '="', "='", '=a', ':_', '.', '-', '_', '/', '@', ' = ', '("', '=A1b2'];

const counted = rules.filter((rule) => rule.validate !== undefined);
const calls = new Map<string, number>();
/** Candidates judged (validator calls), for the count per KB below. */
let judged = 0;
const originals = new Map<Rule, Rule['validate']>();
for (const rule of counted) {
  const validate = rule.validate!;
  originals.set(rule, validate);
  (rule as { validate: Rule['validate'] }).validate = (secret, context) => {
    calls.set(rule.id, (calls.get(rule.id) ?? 0) + secret.length);
    judged++;
    return validate(secret, context);
  };
}
afterAll(() => {
  for (const [rule, validate] of originals) (rule as { validate: Rule['validate'] }).validate = validate;
});

const scanner = createScanner({ config: { includePublicKeys: true } });

/** `unit` repeated to `size` characters. */
const repeated = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/**
 * Each `keyword + continuation` repeated to `size` characters and scanned, with `counted` returning
 * the work the scan did: the units whose work exceeds `bound` per input character.
 */
function overBound(keyword: string, continuations: readonly string[], size: number, bound: number, counted: (scan: () => void) => number): string[] {
  const worst: string[] = [];
  for (const continuation of continuations) {
    const unit = keyword + continuation;
    const text = repeated(unit, size);
    const total = counted(() => scanner.scan(text, 'a.js'));
    if (total > bound * size) worst.push(`${JSON.stringify(unit)}: ${(total / size).toFixed(1)} per character`);
  }
  return worst;
}

/** The work a counting replacement adds up during one scan. */
let work = 0;
/** Runs a scan with `owner[key]` replaced by `counting` (which adds to `work`), and returns the work. */
function countedWith<T extends object, K extends keyof T>(owner: T, key: K, counting: T[K]): (scan: () => void) => number {
  const original = owner[key];
  return (scan) => {
    work = 0;
    owner[key] = counting;
    try {
      scan();
    } finally {
      owner[key] = original;
    }
    return work;
  };
}
const exec = RegExp.prototype.exec;
const keywords = [...new Set(counted.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];

/** Sources of the windowed rules' regexes (searched in windows, not run sticky at a keyword). */
const windowedSources = new Set(rules.filter((rule) => rule.anchor === undefined).map((rule) => rule.regex.source));
/** What a window search costs besides the characters it reads, in plain characters read. */
const WINDOW_COST = 100;
/** How far around a value validators read (`context.text`), at most: the scanner's VALIDATOR_REACH. */
const VALIDATOR_REACH = 4096;

/**
 * The leading loops of a regex, as sticky regexes: for each way its match can begin with a loop of
 * more than one character (after lookarounds and boundaries, also inside a group:
 * `(?<![A-Za-z0-9_$])(?:[A-Za-z0-9$]*(?:…)|id)`), that start of the pattern alone. An attempt at a
 * position reads at least what such a start matches there, so a search retried at every position of
 * a slice reads that much at each. Empty for a regex that starts with a literal or a single class
 * (an attempt there fails at its first character, which the count per position already charges).
 */
const leadingLoops = (() => {
  const parser = new RegExpParser();
  const known = new Map<string, RegExp[]>();
  const prefixes = (alternative: AST.Alternative, before: string): string[] => {
    let head = before;
    for (const element of alternative.elements) {
      if (element.type === 'Assertion') {
        head += element.raw;
        continue;
      }
      if (element.type === 'Quantifier' && element.max > 1) return [head + element.raw];
      if (element.type === 'Group' || element.type === 'CapturingGroup') {
        return element.alternatives.flatMap((inner) => prefixes(inner, head));
      }
      return [];
    }
    return [];
  };
  return (regex: RegExp): RegExp[] => {
    const key = `${regex.flags}/${regex.source}`;
    let loops = known.get(key);
    if (loops === undefined) {
      const flags = regex.flags.replace(/[dgy]/g, '');
      const pattern = parser.parsePattern(regex.source, 0, regex.source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
      // named groups become plain ones (a prefix may hold one of several alternatives' groups twice)
      const sources = new Set(pattern.alternatives.flatMap((alternative) => prefixes(alternative, '')).map((source) => source.replace(/\(\?<[A-Za-z0-9_$]+>/g, '(?:')));
      loops = [...sources].map((source) => new RegExp(source, `${flags}y`));
      known.set(key, loops);
    }
    return loops;
  };
})();

/** Set while leadingReads runs: the regexes it runs (its own, and regexpp's) are not the scan's work. */
let readingLoops = false;

/** The characters `regex`'s leading loops read at each position of input[from, to) that a search tries. */
function leadingReads(regex: RegExp, input: string, from: number, to: number): number {
  if (readingLoops) return 0;
  readingLoops = true;
  try {
    const loops = leadingLoops(regex);
    let read = 0;
    // a start anchored at the input's start (`^` without the m flag) reads at one position only
    const last = loops.length > 0 && loops.every((loop) => loop.source.startsWith('^') && !loop.multiline) ? Math.min(to, from + 1) : to;
    for (let at = from; at < last && loops.length > 0; at++) {
      let most = 0;
      for (const loop of loops) {
        loop.lastIndex = at;
        const m = exec.call(loop, input);
        if (m !== null && m[0].length > most) most = m[0].length;
      }
      read += most;
    }
    return read;
  } finally {
    readingLoops = false;
  }
}

/** What one scan of `unit` repeated to SIZE characters did, by each count of the sweeps below. */
interface Measure {
  /** Characters each rule's validator read. */
  validated: Map<string, number>;
  /** Sticky (anchored) regex work: 16 per attempt plus the characters matched. */
  regexWork: number;
  /** Window searches of windowed rules, each WINDOW_COST plus its length (16 per further exec). */
  windowWork: number;
  /** Findings and suppressed findings. */
  findings: number;
}
const measures = new Map<string, Measure>();
let regexWork = 0;
let windowWork = 0;
const measuring = countedWith(RegExp.prototype, 'exec', function (this: RegExp, input: string) {
  if (!this.sticky && this.global && windowedSources.has(this.source)) windowWork += this.lastIndex === 0 ? WINDOW_COST + input.length : 16;
  const m = exec.call(this, input);
  if (this.sticky) regexWork += 16 + (m?.[0].length ?? 0);
  return m;
});

/**
 * The counts of one scan of `unit` repeated to SIZE characters, scanned once and kept: the
 * sweeps below (validators, anchored regex work, window searches, findings) scan the same texts,
 * and each reads its own count of the one scan (the counting wrappers change no result).
 */
function measure(unit: string): Measure {
  const known = measures.get(unit);
  if (known !== undefined) return known;
  const text = repeated(unit, SIZE);
  regexWork = 0;
  windowWork = 0;
  calls.clear();
  let findings = 0;
  measuring(() => {
    const result = scanner.scan(text, 'a.js');
    findings = result.findings.length + result.suppressed.length;
  });
  const measured = { validated: new Map(calls), regexWork, windowWork, findings };
  measures.set(unit, measured);
  return measured;
}

/** The units `keyword + continuation` whose `count` (per input character of a SIZE text) exceeds `bound`. */
function measuredOverBound(keyword: string, continuations: readonly string[], bound: number, count: (measured: Measure) => number): string[] {
  const worst: string[] = [];
  for (const continuation of continuations) {
    const unit = keyword + continuation;
    const total = count(measure(unit));
    if (total > bound * SIZE) worst.push(`${JSON.stringify(unit)}: ${(total / SIZE).toFixed(1)} per character`);
  }
  return worst;
}

describe('characters validated per input character on repeated keywords', () => {
  it.each(keywords)('%s with adversarial continuations', (keyword) => {
    const worst: string[] = [];
    for (const continuation of CONTINUATIONS) {
      const unit = keyword + continuation;
      for (const [id, n] of measure(unit).validated) if (n > 2 * SIZE) worst.push(`${JSON.stringify(unit)}: ${id} validated ${n} characters`);
    }
    expect(worst).toEqual([]);
  });
});

/**
 * The regex work of anchored rules, counted as the characters their sticky (exact) regexes match
 * plus 16 per attempt (a failed attempt reads a few): a keyword repeated inside its own
 * matches (`auth=auth=…`, `password: password: …`) made a rule re-read up to 300 characters at
 * every hit. Bounded now: past twice the text (plus 64K), attempts inside a previous match are not
 * made, and the scan says where (`incomplete`), so the file is never passed as clean.
 */
describe('regex work per input character on repeated keywords', () => {
  const allKeywords = [...new Set(rules.flatMap((rule) => (rule.anchor ? rule.keywords : []).map((k) => k.toLowerCase())))];

  it.each(allKeywords)('%s with adversarial continuations', (keyword) => {
    expect(measuredOverBound(keyword, CONTINUATIONS, 12, (measured) => measured.regexWork)).toEqual([]);
  });

  it('an attempt runs the regex without indices (the d flag made each 3–4× dearer): `kind: secret=A1b2` repeated, a name hit every 16 characters and no finding, takes no indexed exec', () => {
    const indexed = countedWith(RegExp.prototype, 'exec', function (this: RegExp, input: string) {
      if (this.hasIndices) work++;
      return exec.call(this, input);
    });
    expect(overBound('kind: secret=A1b2', [''], SIZE, 0, indexed)).toEqual([]);
  });

  it('fails closed: where attempts were cut short, the scan says so (a key hidden after 200 KB of `auth=` is found or reported as not scanned)', () => {
    const key = ['gh', 'p_'].join('') + 'Qx7bN2kLm9PzR4tV8wY1cD5fG3hJ6sA0eU2i';
    const text = `${'auth='.repeat(40_000)}\nconst auth = "${key}";\n${'auth='.repeat(40_000)}auth="${key.replace('Qx', 'Zq')}"\n`;
    const result = scanner.scan(text, 'a.js');
    const lines = new Set(result.findings.map((finding) => finding.line));
    for (const region of result.incomplete ?? []) for (let line = region.line; line <= region.endLine; line++) lines.add(line);
    expect(lines.has(2)).toBe(true);
    expect(lines.has(3)).toBe(true);
    expect(result.incomplete?.map((region) => (region.cause === 'repeated-keyword' ? region.ruleId : region.cause))).toContain('generic-secret');
  });

  it('ordinary text is scanned in full (no incomplete region)', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `const password${i} = process.env.PASSWORD_${i}; // auth token for service ${i}`).join('\n');
    expect(scanner.scan(text, 'a.ts').incomplete).toBeUndefined();
  });
});

/**
 * The engine's own work, counted as the characters it reads (`charCodeAt`: the keyword pass,
 * window and identifier walks, entropy and placeholder checks), per input character, for every
 * keyword of the catalog with adversarial continuations. Counted, not timed, so a busy machine
 * cannot flake it. Each hit of a line-clipped window used to walk to its line's ends (768
 * characters; 8,500 for the Entra token's window), and each hit in a long identifier walked 160:
 * `1.a1.a…` read 2,100 characters per input character. Now about one pass, plus what validators
 * read (worst 36 when this was written); the bound leaves room for new rules.
 */
describe('characters the engine reads per input character on repeated keywords', () => {
  const CHARACTERS = 8 * 1024;
  const BOUND = 64;
  const allKeywords = [...new Set(rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
  const charCodeAt = String.prototype.charCodeAt;
  const counted = countedWith(String.prototype, 'charCodeAt', function (this: string, index: number) {
    work++;
    return charCodeAt.call(this, index);
  });

  it.each(allKeywords)('%s with adversarial continuations', (keyword) => {
    expect(overBound(keyword, CONTINUATIONS, CHARACTERS, BOUND, counted)).toEqual([]);
  });
});

/**
 * The work of windowed rules, counted per window searched: each costs a slice and a regex start
 * besides the characters it reads, about what reading WINDOW_COST plain characters costs (350k
 * windows per MB took ~150 ms of CPU, plain text 5). A line per hit (`q~\n` repeated) made a
 * window of each line: 1 window per 3 input characters, 200 ms per MB for azure-ad-client-secret.
 * Now a window shorter than the fewest characters its regex can match is not searched, nor kept.
 * Counted, not timed: the window searches are the non-sticky execs of the windowed rules' regexes.
 */
describe('window searches per input character on repeated keywords', () => {
  const BOUND = 8;
  const allKeywords = [...new Set(rules.filter((rule) => rule.anchor === undefined).flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];

  it.each(allKeywords)('%s with adversarial continuations and a line end', (keyword) => {
    expect(measuredOverBound(keyword, [...CONTINUATIONS, '\n', '=\n', ' \n'], BOUND, (measured) => measured.windowWork)).toEqual([]);
  });
});

/**
 * The fixed cost of judging a candidate, counted: each costs a regex match and a validator's checks
 * (a few regex runs, tens for a long value), 1–5 µs whatever its length. A keyword hit every 16
 * characters that makes a candidate and no finding (`key: secret=A1b2` repeated: 64 candidates per
 * KB for generic-secret, ~21 regex runs each; `deframe: secret=A1b2`, 51 per KB) cost 200–700 ms per
 * MB while the counters above stayed under their bounds, and validators that searched the whole
 * text or line again for each candidate made the work quadratic (repeated DocSearch blocks: 10 s
 * per MB; `a/password=Abcdefg1 `: 33 s). Two counters:
 * - candidates judged (validator calls) per KB, on 128 KB for the units dense at 32 KB, where the
 *   floors of the two caps weigh less: the engine now rejects at most `rejectedLimit(length)`
 *   candidates per text (1000, plus one per 32 characters: at most 39.8 per KB at 128 KB, under the
 *   bound of 48, where the old engine judged 64 and 102) and reports the rest as not read. It was
 *   512 KB (at most 33.9 per KB); those scans were 220 of this file's 380 s of CPU, for a margin
 *   the bound does not need;
 * - the characters regexes read, per input character, plus 16 per run: a search from the start
 *   tries every position up to its match (all when none), a global one from `lastIndex`, a sticky
 *   one reads what it matched; and where a regex starts with a loop (after lookarounds:
 *   `(?<![A-Za-z0-9_$])[A-Za-z0-9$]*…`), what that loop reads at each position tried, so a
 *   regex retried at every position of a slice is charged for each retry (leadingReads).
 * Both under a source path (`a.js`) and a non-code one (`notes.txt`): unquoted values are read only
 *   outside source code, and there each is a candidate (e016785's repeatsNearbyId regex, run on 64
 *   characters before every copy of the value, cost 2.2 of 3.4 s per 4 MB only in YAML and text files,
 *   while this test scanned `a.js` alone).
 * Counted, not timed. The old engine fails both on the inputs above (judged 64 and 102 per KB, bound 48;
 * 408 and 845 characters per character at 32 KB).
 */
describe('candidates judged per KB, and the regex work of judging them', () => {
  const LARGE = 128 * 1024;
  const JUDGED_PER_KB = 48;
  /**
   * 64 while only `a.js` was scanned; in `notes.txt`, where unquoted values are candidates, this build
   * reads up to 82.7 (`pwd=A1b2`; generic-secret's candidates there, ~70 ms of CPU per MB), and the
   * regressions it must catch read 141–554 (docs/benchmarks.md, h25).
   */
  const REGEX_PER_CHAR = 96;
  /**
   * Characters string searches pass beyond VALIDATOR_REACH, per input character: a search over the
   * whole text once per text (a line index, a directive search) is one per character; one per
   * candidate is hundreds.
   */
  const SEARCHED_PAST_REACH_PER_CHAR = 32;
  /** A source file and a text file: what a rule reads (and so judges) depends on which. */
  const PATHS = ['a.js', 'notes.txt'];
  /** Inputs found by hand, besides the sweep: a DocSearch block, a path key, a long line of password assignments. */
  const BUILT = [
    "algolia: { appId: 'APPID', indexName: 'docs', apiKey: 'A1b2c3d4e5f6g7h8A1b2c3' }, ",
    'a/password=Abcdefg1 ',
    'username=abcdef password=abcdef12 ',
    'key: secret=A1b2c3d4e5f6g7h8',
  ];
  const regexOnly = countedWith(RegExp.prototype, 'exec', function (this: RegExp, input: string) {
    if (readingLoops) return exec.call(this, input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, input);
    work += 16 + (this.sticky ? (m?.[0].length ?? 0) : (m === null ? input.length : m.index + m[0].length) - from);
    // the retries of a search: what its leading loop reads at each position it tries (window searches are the window sweep's)
    if (!this.sticky && !windowedSources.has(this.source)) work += leadingReads(this, input, from, m === null ? input.length : m.index + 1);
    return m;
  });
  // String searches that pass over more than VALIDATOR_REACH characters (what validators may read
  // around a value), by the characters past it: a search of the whole text before each value
  // (docker-config-auth's `lastIndexOf('auths', at)`: 4.8 s per MB) or back to the line's start for
  // each hit on a long line (cli-user-password: 1.4 s) is no regex, and reads nothing through
  // charCodeAt. Searches within reach are not counted (a native search reads a character in a
  // fraction of what a regex step costs); a search over the whole text once per text is a few per character.
  const { indexOf, lastIndexOf } = String.prototype;
  let searchedPast = 0;
  const pastReach = (read: number): number => (read > VALIDATOR_REACH ? read - VALIDATOR_REACH : 0);
  /** Runs a scan counting its string searches past reach (returned), with regexRead's count in `work`. */
  const stringSearches = (scan: () => void): number => {
    searchedPast = 0;
    const proto = String.prototype as unknown as Record<string, unknown>;
    proto.indexOf = function (this: string, needle: string, position?: number) {
      const found = indexOf.call(this, needle, position);
      searchedPast += pastReach((found === -1 ? this.length : found) - Math.max(0, position ?? 0));
      return found;
    };
    proto.lastIndexOf = function (this: string, needle: string, position?: number) {
      const found = lastIndexOf.call(this, needle, position);
      searchedPast += pastReach(Math.min(this.length, position ?? this.length) - found);
      return found;
    };
    try {
      scan();
    } finally {
      proto.indexOf = indexOf;
      proto.lastIndexOf = lastIndexOf;
    }
    return searchedPast;
  };
  const judgedIn = (scan: () => void): number => {
    judged = 0;
    scan();
    return judged;
  };
  const allKeywords = [...new Set(rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
  /** The units of `keyword` over either bound: judged per KB (at 512 KB) and regex characters per character (at 32 KB). */
  const overBounds = (units: readonly string[]): string[] => {
    const over: string[] = [];
    for (const unit of units) {
      const small = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
      for (const path of PATHS) {
        // one scan counts both: the regex work, and (the validators' wrappers) the candidates judged
        judged = 0;
        let past = 0;
        const read = regexOnly(() => {
          past = stringSearches(() => scanner.scan(small, path));
        });
        if (read > REGEX_PER_CHAR * SIZE) over.push(`${JSON.stringify(unit)} in ${path}: regexes read ${(read / SIZE).toFixed(1)} characters per character`);
        if (past > SEARCHED_PAST_REACH_PER_CHAR * SIZE) over.push(`${JSON.stringify(unit)} in ${path}: string searches passed ${(past / SIZE).toFixed(1)} characters per character beyond the validators' reach`);
        if (judged <= (JUDGED_PER_KB * SIZE) / 1024) continue;
        const large = unit.repeat(Math.ceil(LARGE / unit.length)).slice(0, LARGE);
        const count = judgedIn(() => scanner.scan(large, path));
        if (count > (JUDGED_PER_KB * LARGE) / 1024) over.push(`${JSON.stringify(unit)} in ${path}: ${(count / (LARGE / 1024)).toFixed(1)} candidates judged per KB`);
      }
    }
    return over;
  };

  it.each(allKeywords)('%s with adversarial continuations', (keyword) => {
    const units = [...CONTINUATIONS, ': secret=A1b2', ': "A1b2c3d4e5"\n', '\n', '=\n'].map((continuation) => keyword + continuation);
    // after `:` too (`:--user :--user …`: the sweep of bench/hostile.mjs found it at 1.4 s per MB)
    expect(overBounds([...units, `:${keyword}`])).toEqual([]);
  });

  it('inputs built by hand: a DocSearch block, a path key, long lines of assignments', () => {
    expect(overBounds(BUILT)).toEqual([]);
  });

  it('a Secret manifest whose data: block runs on, one short entry per line (kubernetes-secret-manifest read its document for each)', () => {
    // each entry's verdict searched back for the document's `---`, read the whole document for
    // its `kind: Secret` line and walked up through every sibling above it (2000 lines at most):
    // 40+ s per MB. Values that are no secret (`changeme…` in base64): every entry is judged
    const lines = ['apiVersion: v1', 'kind: Secret', 'data:'];
    for (let i = 0; lines.join('\n').length < SIZE; i++) lines.push(`  k${i}: ${Buffer.from(`changeme${i}`).toString('base64')}`);
    const text = lines.join('\n');
    let past = 0;
    const read = regexOnly(() => {
      past = stringSearches(() => scanner.scan(text, 'secret.yaml'));
    });
    expect(read / text.length).toBeLessThanOrEqual(REGEX_PER_CHAR);
    expect(past / text.length).toBeLessThanOrEqual(SEARCHED_PAST_REACH_PER_CHAR);
  });

  it('past the cap on rejected candidates the rest of the text is reported as not read, and a key before it is found', () => {
    const key = rules.find((rule) => rule.id === 'github-pat')!.sample!.secret(9);
    const text = `const token = "${key}";\n${'key: secret=A1b2'.repeat(LARGE / 16)}\nconst other = "${key}";\n`;
    const result = scanner.scan(text, 'a.js');
    expect(result.findings.map((finding) => finding.line)).toEqual([1]);
    expect(result.incomplete).toEqual([{ cause: 'too-many-candidates', limit: rejectedLimit(text.length), line: 2, endLine: 3 }]);
  });

  it('a text under the cap on rejected candidates is read in full', () => {
    const key = rules.find((rule) => rule.id === 'github-pat')!.sample!.secret(9);
    const text = `${'key: secret=A1b2\n'.repeat(900)}const token = "${key}";\n`;
    const result = scanner.scan(text, 'a.js');
    expect(result.findings.map((finding) => finding.line)).toEqual([901]);
    expect(result.incomplete).toBeUndefined();
  });
});

/**
 * Hits of a windowed rule are gathered into runs (hits whose windows touch, on one line for
 * line-clipped windows) and each run is searched as one window: the window of a dense run must
 * still reach `before` characters in front of its first hit and `after` behind its last, and no
 * further.
 */
describe('windows around dense runs of keyword hits', () => {
  const secretOf = (id: string): string => rules.find((rule) => rule.id === id)!.sample!.secret(11);
  const found = (text: string, id: string): boolean => scanner.scan(text, 'a.js').findings.some((finding) => finding.ruleId === id);

  it('a line-clipped window (facebook, 256 before, 512 after) reaches a key just before the first hit and just after the last one', () => {
    const key = secretOf('facebook-app-access-token');
    const run = 'facebook '.repeat(5000);
    expect(found(`x = "${run}${key}"\n`, 'facebook-app-access-token')).toBe(true);
    expect(found(`x = "${key} ${run}"\n`, 'facebook-app-access-token')).toBe(true);
    expect(found(`x = "${run}${' '.repeat(500)}${key}"\n`, 'facebook-app-access-token')).toBe(false);
    expect(found(`x = "${run}"\ny = "${key}"\n`, 'facebook-app-access-token')).toBe(false);
    // runs on two lines are two windows: the key on the second line is found from its own line's hits
    expect(found(`x = "${run}"\ny = "${run}${key}"\n`, 'facebook-app-access-token')).toBe(true);
  });

  it('a multiline window (twilio, 3000 each side) reaches across lines, before the first hit and after the last one', () => {
    const key = secretOf('twilio-api-key');
    const run = 'twilio\n'.repeat(5000);
    expect(found(`${run}${'\n'.repeat(2900)}TWILIO_KEY=${key}\n`, 'twilio-api-key')).toBe(true);
    expect(found(`KEY=${key}\n${'\n'.repeat(2900)}${run}`, 'twilio-api-key')).toBe(true);
    expect(found(`${run}${'\n'.repeat(3100)}KEY=${key}\n`, 'twilio-api-key')).toBe(false);
  });

  it('a long window (Entra refresh token, 8500 after) over a dense run of its own keyword still finds the token after it', () => {
    const key = secretOf('azure-entra-refresh-token');
    expect(found(`t = "${'1.a'.repeat(20_000)} ${key}"\n`, 'azure-entra-refresh-token')).toBe(true);
  });
});

/**
 * Text dense with real-looking keys (`pscale_tkn_-` repeated: 15k findings per MB) cost 250–350 ms
 * per MB, most of it building and collecting findings. The engine examines at most
 * `findingsLimit(length)` candidate findings per text (1000, plus one per KB); past that, the
 * rest of the text is reported as not fully scanned (`too-many-findings`), every line of it, so
 * the text never passes as clean. Counted, not timed.
 */
describe('candidate findings per text', () => {
  const COPIES = 1600;
  const sampled = rules.filter((rule) => rule.sample !== undefined);

  /** Lines the scan accounts for: a finding or suppressed finding on it, or inside a region it did not read. */
  const accounted = (result: ReturnType<typeof scanner.scan>): ((line: number) => boolean) => {
    const lines = new Set([...result.findings, ...result.suppressed].map((finding) => finding.line));
    const regions = result.incomplete ?? [];
    return (line) => lines.has(line) || regions.some((region) => line >= region.line && line <= region.endLine);
  };

  it.each(sampled.map((rule) => rule.id))('%s: a text holding its sample key 1600 times stops at the cap and reports the rest as not read', (id) => {
    const rule = sampled.find((candidate) => candidate.id === id)!;
    const sample = rule.sample!;
    const copy = sample.text(sample.secret(3)).replace(/\r?\n?$/, '\n');
    const copyLines = copy.split('\n').length - 1;
    const text = `${copy}\n`.repeat(COPIES);
    const result = scanner.scan(text, 'a.txt');
    const count = result.findings.length + result.suppressed.length;
    if (count === 0) return; // the sample is found only under its own path (a .env): not this test's concern
    const limit = findingsLimit(text.length);
    expect(count).toBeLessThanOrEqual(limit);
    const capped = result.incomplete?.filter((region) => region.cause === 'too-many-findings') ?? [];
    // a copy over 1 KB long holds fewer keys than the cap allows (one per KB past 1000): all are read
    expect(capped).toHaveLength(limit < COPIES ? 1 : 0);
    if (limit < COPIES) expect(capped[0]).toMatchObject({ limit, endLine: (copyLines + 1) * COPIES });
    // no copy of the key goes unaccounted for: each has its finding, or lies where the scan did not read
    const sees = accounted(result);
    const missed: number[] = [];
    for (let i = 0; i < COPIES; i++) {
      const first = i * (copyLines + 1) + 1;
      let any = false;
      for (let line = first; line < first + copyLines && !any; line++) any = sees(line);
      if (!any) missed.push(first);
    }
    expect(missed).toEqual([]);
  });

  it('findings an inline directive suppresses count toward the cap (the cost is the same), and a directive after the cut still applies before it', () => {
    const key = rules.find((rule) => rule.id === 'github-pat')!.sample!.secret(9);
    const text = `const token = "${key}"; // keyguard-ignore github-pat -- fixture\n`.repeat(COPIES);
    const result = scanner.scan(text, 'a.js');
    expect(result.findings).toEqual([]);
    expect(result.suppressed.length).toBe(findingsLimit(text.length));
    // the cut is the first keyword hit after the last key read: `github` in that line's comment
    expect(result.incomplete).toEqual([{ cause: 'too-many-findings', limit: findingsLimit(text.length), line: findingsLimit(text.length), endLine: COPIES }]);
  });

  it('a keyword repeated with a short value (`credential=A1b2`) makes periodic values: no finding, no validator run on them, and the text is reported as not fully read', () => {
    // outside code a bare value runs up to 300 characters: `A1b2credential=A1b2credential=…`,
    // once a finding every 300 characters (each validated in full) up to the findings cap
    for (const path of ['notes.txt', 'config.yaml']) {
      const text = repeated('credential=A1b2', 256 * 1024);
      const before = judged;
      const result = scanner.scan(text, path);
      expect(result.findings).toEqual([]);
      expect(judged - before).toBeLessThan(16);
      expect(result.incomplete?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('a text under the cap is read in full: no region reported', () => {
    const key = rules.find((rule) => rule.id === 'github-pat')!.sample!.secret(9);
    const text = `const token = "${key}";\n`.repeat(900);
    const result = scanner.scan(text, 'a.js');
    expect(result.findings).toHaveLength(900);
    expect(result.incomplete).toBeUndefined();
  });

  /**
   * The sweep of every keyword with adversarial continuations, for findings: a unit that yields
   * more than one finding per KB at 32 KB is scanned again at 512 KB, where the cap (1000 + 512)
   * is below what the old engine reported (`pscale_tkn_-`: ~7,000). About 20 µs per finding
   * (measured, docs/benchmarks.md): at most one per KB past the floor is ~20 ms per MB.
   */
  it.each([...new Set(rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))])('findings from %s with adversarial continuations stay under the cap', (keyword) => {
    const over: string[] = [];
    for (const continuation of [...CONTINUATIONS, '=-', ':-']) {
      const unit = keyword + continuation;
      if (measure(unit).findings <= SIZE / 1024) continue;
      const size = 512 * 1024;
      const text = repeated(unit, size);
      const result = scanner.scan(text, 'a.js');
      const count = result.findings.length + result.suppressed.length;
      if (count > findingsLimit(size)) over.push(`${JSON.stringify(unit)}: ${count} findings in 512 KB`);
    }
    expect(over).toEqual([]);
  });
});
