import { isLineEnd } from './lines.js';
import type { InlineDirective } from './types.js';

const MARKER = 'keyguard-ignore';

/** A comment syntax: line comments run to the line end, block comments to their closer. */
interface CommentSyntax {
  line: readonly string[];
  block: ReadonlyArray<readonly [open: string, close: string]>;
  /** Quote characters that open string literals, in which nothing is a comment. */
  quotes: string;
  /**
   * Delimiters of string literals that may span lines (JS template literals, Python and TOML
   * triple quotes): a directive on a line that starts inside one is text, not a comment.
   */
  multiLine?: readonly string[];
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: `"'\``, multiLine: ['`'] };
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: `"'`, multiLine: ['"""', "'''"] };
const MARKUP: CommentSyntax = { line: [], block: [['<!--', '-->']], quotes: '' };
const WEB_COMPONENT: CommentSyntax = { line: ['//'], block: [['/*', '*/'], ['<!--', '-->']], quotes: `"'\``, multiLine: ['`'] };
const DASHES: CommentSyntax = { line: ['--'], block: [['/*', '*/']], quotes: `"'` };
const INI: CommentSyntax = { line: ['#', ';'], block: [], quotes: `"'` };
/** Files whose language is not known: every opener counts, but only where it cannot be code. */
const ANY: CommentSyntax = {
  line: ['//', '#', '--', ';', 'REM'],
  block: [
    ['/*', '*/'],
    ['<!--', '-->'],
    ['{#', '#}'],
  ],
  quotes: `"'\``,
};

const BY_EXTENSION: Record<string, CommentSyntax> = {};
const assign = (syntax: CommentSyntax, extensions: string): void => {
  for (const ext of extensions.split(' ')) BY_EXTENSION[ext] = syntax;
};
assign(C_LIKE, 'js mjs cjs jsx ts mts cts tsx java c h cc cpp hpp cs go rs swift kt kts scala dart groovy gradle json5 jsonc css scss less proto zig');
assign(WEB_COMPONENT, 'vue svelte astro');
assign({ line: ['//', '#'], block: [['/*', '*/']], quotes: `"'\`` }, 'php tf hcl');
assign(HASH, 'sh bash zsh fish py rb pl pm r yml yaml toml env properties conf cfg mk dockerfile ps1 gitignore dockerignore tfvars nix');
assign(INI, 'ini npmrc yarnrc editorconfig');
assign(DASHES, 'sql lua hs');
assign(MARKUP, 'html htm xml svg md mdx vue-html xhtml');
assign({ line: ['REM', '::'], block: [], quotes: '"' }, 'bat cmd');
assign({ line: [], block: [['{#', '#}']], quotes: `"'` }, 'j2 jinja njk twig');

/** The comment syntax of a file, from its name (`.env.local` and `Dockerfile` included). */
function syntaxOf(path: string): CommentSyntax {
  const name = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name === '.env' || name.startsWith('.env.')) return HASH;
  if (name === 'dockerfile' || name === 'makefile' || name.startsWith('dockerfile.')) return HASH;
  const dot = name.lastIndexOf('.');
  const ext = dot === -1 ? '' : name.slice(dot + 1);
  return BY_EXTENSION[ext] ?? ANY;
}

/**
 * The `keyguard-ignore-next-line` comment to suggest for a finding in `path`, written in that
 * file's comment syntax (`#` in .env and YAML, `<!-- … -->` in Markdown, `//` in code and in
 * files whose language is not known), so the hint is one that `findDirectives` honours there.
 */
export function ignoreCommentFor(path: string, ruleId = '<rule-id>', reason = '<reason>'): string {
  const syntax = syntaxOf(path);
  const body = `keyguard-ignore-next-line ${ruleId} -- ${reason}`;
  if (syntax === ANY) return `// ${body}`;
  const line = syntax.line[0];
  if (line !== undefined) return `${line} ${body}`;
  const [open, close] = syntax.block[0] ?? ['//', ''];
  return `${open} ${body} ${close}`.trimEnd();
}

/**
 * Where the comment that holds offset `at` starts, or -1 when `at` is code or inside a string
 * literal: the line is read from its start, skipping string literals and closed block comments.
 * Openers that are also operators (`--` as in `i--`, `#` as in `a#b`, `;`) count only after a
 * space or at the line start, and `//` only when it is not part of a URL's `://`.
 */
function commentStartBefore(text: string, lineStart: number, at: number, syntax: CommentSyntax): number {
  let quote = '';
  for (let i = lineStart; i < at; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (syntax.quotes.includes(c)) {
      quote = c;
      continue;
    }
    const block = syntax.block.find(([open]) => text.startsWith(open, i));
    if (block) {
      const close = text.indexOf(block[1], i + block[0].length);
      if (close === -1 || close + block[1].length > at) return i;
      i = close + block[1].length - 1;
      continue;
    }
    const opener = syntax.line.find((open) => text.startsWith(open, i));
    if (opener && opensComment(text, lineStart, i, opener, syntax)) return i;
  }
  return -1;
}

function opensComment(text: string, lineStart: number, i: number, opener: string, syntax: CommentSyntax): boolean {
  const before = i === lineStart ? ' ' : text[i - 1]!;
  const spaced = before === ' ' || before === '\t';
  if (opener === '//') return before !== ':' || syntax !== ANY;
  if (opener === 'REM' || opener === '::') return text.slice(lineStart, i).trim() === '' && /[\s]/.test(text[i + opener.length] ?? ' ');
  // `--`, `#` and `;` are operators in many languages: a comment only where code cannot continue
  if (syntax === ANY) return spaced;
  if (opener === '--') return spaced;
  return true;
}

/**
 * Finds `keyguard-ignore` and `keyguard-ignore-next-line` comments in the comment syntax of
 * the file's language (any syntax when the language is not known), optionally naming rule ids
 * and a reason: `// keyguard-ignore-next-line github-pat -- reason: rotated test fixture`.
 * The marker counts only inside a real comment: never inside a string literal, never after an
 * operator that merely looks like a comment opener. Returns each with the offset of its marker;
 * markers before `start` are not read.
 */
export function findDirectives(
  text: string,
  lineOf: (offset: number) => number,
  path = '',
  start = 0,
): Array<{ directive: InlineDirective; at: number }> {
  const directives: Array<{ directive: InlineDirective; at: number }> = [];
  const syntax = syntaxOf(path);
  const strings = syntax.multiLine ? new MultiLineStrings(text, syntax) : undefined;
  let from = start;
  for (;;) {
    const at = text.indexOf(MARKER, from);
    if (at === -1) break;
    from = at + MARKER.length;
    let lineStart = at;
    while (lineStart > 0 && !isLineEnd(text.charCodeAt(lineStart - 1))) lineStart--;
    // a line longer than any directive's is not read from its start: not a directive
    if (at - lineStart > 10_000) continue;
    if (commentStartBefore(text, lineStart, at, syntax) === -1) continue;
    // `// keyguard-ignore-next-line` as a line of a template literal or a docstring is text
    if (strings?.insideAt(lineStart)) continue;
    let lineEnd = at;
    while (lineEnd < text.length && !isLineEnd(text.charCodeAt(lineEnd))) lineEnd++;
    const parsed = parseDirective(text.slice(at, Math.min(lineEnd, at + 500)));
    if (parsed === undefined) continue;
    const line = lineOf(at);
    directives.push({ directive: { line, ...parsed, target: parsed.kind === 'keyguard-ignore-next-line' ? line + 1 : line }, at });
    from = lineEnd;
  }
  return directives;
}

/**
 * Which line starts lie inside a string literal that began on an earlier line (a template literal,
 * a triple-quoted string), read in one forward pass over the text as directives are met (their
 * line starts never decrease). Comments and one-line strings are skipped so that their quotes do
 * not count; `${…}` in a template literal is code again, to its closing brace. It can only turn
 * directives down (more findings, never fewer); a chunk of a large file is read from the chunk's
 * start, not the file's.
 */
class MultiLineStrings {
  private at = 0;
  /** Open constructs, innermost last: a multi-line delimiter, or '}' for a template's `${…}`. */
  private readonly open: string[] = [];

  constructor(
    private readonly text: string,
    private readonly syntax: CommentSyntax,
  ) {}

  insideAt(lineStart: number): boolean {
    const { text, syntax, open } = this;
    const multiLine = syntax.multiLine ?? [];
    let i = this.at;
    while (i < lineStart) {
      const c = text[i]!;
      const closer = open[open.length - 1];
      if (closer !== undefined && closer !== '}') {
        // inside a multi-line string: its closer, an escape, or a template's `${`
        if (c === '\\') i += 2;
        else if (text.startsWith(closer, i)) {
          open.pop();
          i += closer.length;
        } else if (closer === '`' && c === '$' && text[i + 1] === '{') {
          open.push('}');
          i += 2;
        } else i++;
        continue;
      }
      if (closer === '}' && (c === '}' || c === '{')) {
        if (c === '}') open.pop();
        else open.push('}');
        i++;
        continue;
      }
      const delimiter = multiLine.find((d) => text.startsWith(d, i));
      if (delimiter !== undefined) {
        open.push(delimiter);
        i += delimiter.length;
        continue;
      }
      const block = syntax.block.find(([opener]) => text.startsWith(opener, i));
      if (block) {
        const end = text.indexOf(block[1], i + block[0].length);
        i = end === -1 ? text.length : end + block[1].length;
        continue;
      }
      if (syntax.line.some((opener) => text.startsWith(opener, i)) || syntax.quotes.includes(c)) {
        // a line comment, or a one-line string: to its end or the line's, whichever comes first
        const quote = syntax.quotes.includes(c) ? c : '';
        for (i++; i < text.length && !isLineEnd(text.charCodeAt(i)); i++) {
          if (quote === '') continue;
          if (text[i] === '\\') i++;
          else if (text[i] === quote) {
            i++;
            break;
          }
        }
        continue;
      }
      i++;
    }
    this.at = Math.max(i, lineStart);
    return open.some((closer) => closer !== '}');
  }
}

/** What one directive says: its kind, the rule ids it names (none: every rule) and its reason. */
export interface Directive {
  kind: InlineDirective['kind'];
  ruleIds: string[];
  reason?: string;
}

/**
 * Reads the directive in one comment's text (without or with its delimiters: `// …`, `/* … *\/`,
 * `# …`), e.g. ` keyguard-ignore-next-line github-pat -- rotated fixture`; undefined when the
 * comment holds none. The CLI (through findDirectives) and the ESLint plugin both read
 * directives with it, so they agree on which rules a directive names.
 */
export function parseDirective(comment: string): Directive | undefined {
  const at = comment.indexOf(MARKER);
  if (at === -1) return undefined;
  let end = at;
  while (end < comment.length && !isLineEnd(comment.charCodeAt(end))) end++;
  const rest = comment.slice(at + MARKER.length, end);
  const nextLine = rest.startsWith('-next-line');
  const tail = nextLine ? rest.slice('-next-line'.length) : rest;
  if (tail !== '' && !/^[\s:,]/.test(tail)) return undefined;
  const { ruleIds, reason } = parseTail(tail);
  return { kind: nextLine ? 'keyguard-ignore-next-line' : 'keyguard-ignore', ruleIds, ...(reason ? { reason } : {}) };
}

function parseTail(tail: string): { ruleIds: string[]; reason?: string } {
  let body = tail.replace(/\s*(?:\*\/|-->|#\})\s*$/, '');
  let reason: string | undefined;
  const split = body.search(/\s--\s|\s--$|\breason:/i);
  if (split !== -1) {
    reason = body
      .slice(split)
      .replace(/^\s*--\s*/, '')
      .replace(/^reason:\s*/i, '')
      .trim();
    body = body.slice(0, split);
  }
  const ruleIds = body
    .split(/[\s,]+/)
    .map((id) => id.replace(/^:/, ''))
    .filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id));
  return reason ? { ruleIds, reason } : { ruleIds };
}
