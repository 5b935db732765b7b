/**
 * Config `allow.*` entries that hide findings, and what `--report-unused` says about them:
 * - `allow.fingerprints`: accepted findings by content fingerprint (a hash of the rule id and
 *   the secret), so an entry survives any edit that does not change the secret itself;
 * - `allow.paths`: picomatch globs of paths that are never scanned (the sources ask before
 *   reading a file; history workers build the same allowlist for themselves).
 * Each tracker remembers which entries matched something, so stale ones can be listed and a
 * strict CI can fail on them.
 */
import picomatch from 'picomatch';
import { PICOMATCH } from '../globs.js';
import { KeywordIndex, type Finding } from '@keyguard/core';
import type { UnusedIgnore } from '../report/types.js';
import type { FindingFilter } from './types.js';

/** Hides findings whose fingerprint is listed in config `allow.fingerprints`. */
export function fingerprintFilter(fingerprints: readonly string[], configSource = 'config'): FindingFilter {
  const listed = new Set(fingerprints.map((value) => value.trim().toLowerCase()));
  const used = new Set<string>();
  return {
    name: 'allow.fingerprints',
    apply(findings: Finding[]): Finding[] {
      return findings.filter((finding) => {
        // an entry written by an older keyguard holds the legacy (unsalted) fingerprint
        const print = listed.has(finding.fingerprint) ? finding.fingerprint : finding.legacyFingerprint;
        if (print === undefined || !listed.has(print)) return true;
        used.add(print);
        return false;
      });
    },
    unused(): UnusedIgnore[] {
      return [...listed]
        .filter((value) => !used.has(value))
        .map((value) => ({ kind: 'fingerprint', file: configSource, detail: `allow.fingerprints entry ${value}` }));
    },
  };
}

export interface PathAllowlist {
  /** true for repository-relative paths that must not be scanned; records which glob matched. */
  isPathAllowed(repoPath: string): boolean;
  unused(): UnusedIgnore[];
  /** How many paths the globs allowed (not scanned): the summary says so. */
  allowedCount(): number;
}

/**
 * Config `allow.paths`: each glob is checked on its own so an unused one can be named. Globs are
 * relative to `base` (the config's folder, as a repo-relative posix path; '' = the repo root),
 * as the ESLint plugin reads them; a path outside `base` is never allowed. A path is tested
 * only against the globs that could match it (see GlobIndex): 10k globs cost about what a few do.
 */
export function createPathAllowlist(globs: readonly string[], configSource = 'config', base = ''): PathAllowlist {
  const index = new GlobIndex(globs);
  const prefix = base === '' ? '' : `${base}/`;
  const used = new Set<string>();
  let allowedCount = 0;
  return {
    allowedCount: () => allowedCount,
    isPathAllowed(repoPath) {
      if (globs.length === 0 || !repoPath.startsWith(prefix)) return false;
      const path = repoPath.slice(prefix.length);
      let allowed = false;
      for (const { glob, matches } of index.candidates(path)) {
        if (matches(path)) {
          used.add(glob);
          allowed = true;
        }
      }
      if (allowed) allowedCount++;
      return allowed;
    },
    unused() {
      return globs.filter((glob) => !used.has(glob)).map((glob) => ({ kind: 'path', file: configSource, detail: `allow.paths entry ${glob}` }));
    },
  };
}

interface GlobMatcher {
  glob: string;
  matches: (path: string) => boolean;
}

interface TrieNode {
  globs: GlobMatcher[];
  children: Map<string, TrieNode>;
}

/** Characters that make a glob segment more than a literal name (picomatch syntax, escapes). */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\|]/;

/**
 * The globs of `allow.paths`, indexed by what a path must hold for each to match it, so a path is
 * tested only against its candidates, and every glob that matches it is among them:
 * - a glob that starts with literal folders (`vendor/lib/**`, `src/gen/*.ts`) sits in a trie
 *   under them: a literal segment matches only itself, so only paths under those folders can match;
 * - else one whose last segment is literal (`**\/secrets.json`) is found by the path's file name;
 * - else one with a literal folder further in (`**\/fixtures/**`, `**\/__snapshots__/*.snap`),
 *   and no braces or parentheses that could span folders, by each segment of the path;
 * - else one with a segment that starts with literal text (`**\/build-*\/**`), by the starts of
 *   the path's segments;
 * - else one whose last segment ends in a literal extension (`**\/*.min.js`) by the name's
 *   suffixes after a dot (`min.js`, `js`);
 * - else one with a literal run of characters anywhere (`**\/[ab]1/**`, `*.[jt]s`: `1`, `.`), by
 *   the runs a path holds (one Aho-Corasick pass over the path, KeywordIndex of core);
 * - the rest (`**\/{a,b}/**`, negations, `**\/[ab]/**`: no literal character) are tested on every
 *   path (joining their picomatch regexes into alternations of 64 measured slower, not kept).
 * picomatch decides every match, as before; the index only leaves out globs that cannot match.
 */
export class GlobIndex {
  private readonly root: TrieNode = { globs: [], children: new Map() };
  private readonly byName = new Map<string, GlobMatcher[]>();
  private readonly bySegment = new Map<string, GlobMatcher[]>();
  private readonly byPrefix = new Map<string, GlobMatcher[]>();
  private longestPrefix = 0;
  private readonly byExtension = new Map<string, GlobMatcher[]>();
  /** Globs by a literal run they hold (lower case), and the runs' automaton. */
  private readonly byRun = new Map<string, GlobMatcher[]>();
  private runs: { index: KeywordIndex; globs: GlobMatcher[][] } | undefined;
  private readonly everywhere: GlobMatcher[] = [];

  constructor(globs: readonly string[]) {
    for (const glob of globs) {
      const matcher = { glob, matches: picomatch(glob, PICOMATCH) };
      // `{a,b}/**` is indexed as `a/**` and `b/**` (the glob's own matcher still decides)
      for (const form of expandBraces(glob)) this.add(matcher, form);
    }
    if (this.byRun.size > 0) {
      const keys = [...this.byRun.keys()];
      this.runs = { index: new KeywordIndex(keys), globs: keys.map((key) => this.byRun.get(key)!) };
    }
  }

  private add(matcher: GlobMatcher, glob: string): void {
    const segments = glob.split('/');
    const literal = (segment: string) => segment !== '' && segment !== '.' && segment !== '..' && !GLOB_SYNTAX.test(segment);
    if (glob.startsWith('!') || segments.length === 0) {
      this.everywhere.push(matcher);
      return;
    }
    // literal leading folders (never the last segment: `dist` alone is a name, below)
    let depth = 0;
    while (depth < segments.length - 1 && literal(segments[depth]!)) depth++;
    if (depth > 0) {
      let node = this.root;
      for (const segment of segments.slice(0, depth)) {
        let child = node.children.get(segment);
        if (child === undefined) {
          child = { globs: [], children: new Map() };
          node.children.set(segment, child);
        }
        node = child;
      }
      node.globs.push(matcher);
      return;
    }
    const last = segments[segments.length - 1]!;
    if (literal(last)) {
      push(this.byName, last, matcher);
      return;
    }
    // a literal folder further in: every path it matches has a segment of that name. Braces and
    // extglobs can hold a `/` (`{a,b/c}`), so a glob with them is not split this way.
    const spansFolders = /[{}()\\]/.test(glob);
    const folder = spansFolders ? undefined : segments.slice(0, -1).find(literal);
    if (folder !== undefined) {
      push(this.bySegment, folder, matcher);
      return;
    }
    // a segment that starts with literal text (`**/build-*/**`, `**/test*`): every path it matches
    // has a segment that starts so
    const prefix = spansFolders ? undefined : segments.map((segment) => /^[^*?[\]{}()!+@\\|]+/.exec(segment)?.[0]).find((text) => text !== undefined && text !== '.' && text !== '..');
    if (prefix !== undefined) {
      push(this.byPrefix, prefix, matcher);
      this.longestPrefix = Math.max(this.longestPrefix, prefix.length);
      return;
    }
    // `*.min.js`, `*-lock.json`: the literal tail after the last glob character holds the extension
    const tail = last.slice(Math.max(...[...last].map((c, i) => (GLOB_SYNTAX.test(c) ? i : -1))) + 1);
    // keyed by what follows the tail's first dot (`min.js`): a name it matches ends with `.` + key
    const dot = tail.indexOf('.');
    if (dot !== -1 && dot < tail.length - 1) {
      push(this.byExtension, tail.slice(dot + 1), matcher);
      return;
    }
    const run = spansFolders ? undefined : longestRun(segments);
    if (run !== undefined) {
      push(this.byRun, run, matcher);
      return;
    }
    this.everywhere.push(matcher);
  }

  /** The globs that could match `path` (a posix path relative to the globs' base). */
  candidates(path: string): GlobMatcher[] {
    const found = [...this.everywhere];
    if (this.runs !== undefined) {
      const { index, globs } = this.runs;
      // a run met twice in one path offers its globs once
      let seen: Set<number> | undefined;
      index.scan(path, (id) => {
        if ((seen ??= new Set()).has(id)) return;
        seen.add(id);
        found.push(...globs[id]!);
      });
    }
    const segments = path.split('/');
    let node: TrieNode | undefined = this.root;
    for (const segment of segments) {
      node = node.children.get(segment);
      if (node === undefined) break;
      found.push(...node.globs);
    }
    const name = segments[segments.length - 1]!;
    found.push(...(this.byName.get(name) ?? []));
    if (this.bySegment.size > 0) {
      // the name too: `**/fixtures/**` matches a file named `fixtures`; a segment met twice in
      // one path (`a/x/b/x/c`) offers its globs once
      for (const segment of new Set(segments)) found.push(...(this.bySegment.get(segment) ?? []));
    }
    if (this.byPrefix.size > 0) {
      const starts = new Set<string>();
      for (const segment of segments) for (let length = 1; length <= Math.min(segment.length, this.longestPrefix); length++) starts.add(segment.slice(0, length));
      for (const start of starts) found.push(...(this.byPrefix.get(start) ?? []));
    }
    // every suffix of the name after a dot (`a.min.js`: `min.js`, `js`)
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) found.push(...(this.byExtension.get(name.slice(dot + 1)) ?? []));
    return found;
  }
}



/**
 * The longest run of literal characters in a glob's segments (lower-cased), which every path it
 * matches holds: outside brackets, wildcards and the characters picomatch may read as syntax, a
 * character matches only itself. Undefined when there is none, or the glob has escapes,
 * negation or non-ASCII text. (A run is kept whole within a segment: `*` never matches `/`, but a
 * run is cut at every character that could be syntax, which only makes it shorter.)
 */
function longestRun(segments: readonly string[]): string | undefined {
  let best = '';
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || /[\\\u0000\u0080-\uffff]/.test(segment)) continue;
    // bracket expressions (`[ab]`, `[!a]`, `[[:alpha:]]`) are one character of the path, and picomatch
    // also reads `[ab]` as the literal text: every bracket and what it holds cuts the run
    for (const run of segment.split(/\[[^\]]*\]?|[*?[\]{}()!+@|^$]/)) if (run.length > best.length) best = run;
  }
  return best === '' ? undefined : best.toLowerCase();
}

/**
 * The forms of a glob with its comma braces expanded (`{a,b}/**`: `a/**`, `b/**`), when they
 * are plain lists (no nesting, ranges or escapes) and few; else the glob itself.
 */
function expandBraces(glob: string): string[] {
  if (!glob.includes('{')) return [glob];
  let forms = [glob];
  for (;;) {
    const form = forms[0]!;
    const open = form.indexOf('{');
    if (open === -1) return forms;
    const close = form.indexOf('}', open);
    const body = close === -1 ? '' : form.slice(open + 1, close);
    if (close === -1 || /[{\\]|\.\./.test(body) || !body.includes(',') || /[\\()]/.test(form)) return [glob];
    forms = forms.flatMap((f) => {
      const o = f.indexOf('{');
      const c = f.indexOf('}', o);
      return f.slice(o + 1, c).split(',').map((choice) => f.slice(0, o) + choice + f.slice(c + 1));
    });
    if (forms.length > 64) return [glob];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
