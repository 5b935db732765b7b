/**
 * Static ReDoS check of the regular expressions a user's config brings (custom rules,
 * `allow.values`). The built-in catalog is proven safe by the test suite (recheck, which is too
 * slow to run at every commit); a user's regex is checked here, in milliseconds, before it can
 * run on a file:
 *
 * - exponential backtracking through ambiguous alternatives, `(a|a)*`, `(?:a|ab|b)+`: the
 *   regex's position automaton (Glushkov) is ambiguous in an exponential way when one strongly
 *   connected component of its self-product holds a pair (p, p) and a pair (p, q), p ≠ q (the
 *   classical EDA criterion of Weber and Seidl);
 * - nested and adjacent quantifiers that trade characters, `(a+)+`, `a*a*a*b`: scslre, the
 *   analysis behind eslint-plugin-regexp's no-super-linear-backtracking;
 * - for regexes run over a whole file (custom rules without keywords), a leading quantifier that
 *   makes the search quadratic, `[\s\S]*x`;
 * - backreferences (`(a+)\1`, `\k<name>`) are refused in a user's regex: neither check above
 *   reads them, and V8's linear-time fallback (the runtime bound) cannot run such a regex.
 *   Lookarounds are analysed with their contents left out (they do not repeat what they match).
 */
import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import type { CharSet } from 'refa';
import { JS } from 'refa';
import { analyse } from 'scslre';
import { ConfigError } from './config.js';
import type { KeyguardConfig } from './types.js';

/**
 * Throws a ConfigError naming `source` when a custom rule's regex or an `allow.values` regex
 * may backtrack catastrophically. Every front end (CLI, ESLint plugin) calls it, or
 * `configRegexProblem`, on the config it loaded, before the config reaches a scanner.
 */
export function checkConfigRegexes(config: KeyguardConfig, source: string): void {
  const problem = configRegexProblem(config);
  if (problem !== undefined) throw new ConfigError(source, problem);
}

/** The first regex of the config that may backtrack catastrophically, as `"field" why`; undefined when all are safe. */
export function configRegexProblem(config: Pick<KeyguardConfig, 'customRules' | 'allow'>): string | undefined {
  for (const [i, rule] of (config.customRules ?? []).entries()) {
    // without keywords a rule runs over whole files, where a quadratic search counts too
    const hazard = backreferenceHazard(rule.regex, rule.flags) ?? regexHazard(rule.regex, rule.flags, { wholeText: (rule.keywords ?? []).length === 0 });
    if (hazard) return `"customRules[${i}].regex" ${hazard}`;
  }
  for (const [i, value] of (config.allow?.values ?? []).entries()) {
    // runs on candidate secrets, which are short: a quadratic search does not count
    const hazard = backreferenceHazard(value) ?? regexHazard(value);
    if (hazard) return `"allow.values[${i}]" ${hazard}`;
  }
  return undefined;
}

/** Why a user's regex with a backreference is refused; undefined without one (or when regexpp cannot parse it). */
export function backreferenceHazard(source: string, flags = ''): string | undefined {
  let ast;
  try {
    ast = new RegExpParser().parseLiteral(new RegExp(source, flags).toString());
  } catch {
    return undefined;
  }
  if (!hasBackreference(ast.pattern)) return undefined;
  return (
    'uses a backreference (\\1, \\k<name>): keyguard cannot check such a regex for catastrophic backtracking, and V8 cannot ' +
    'bound its run time; write it without one (repeat the group, or match the value and compare it in a validator)'
  );
}

function hasBackreference(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const { type } = node as { type?: unknown };
  if (type === 'Backreference') return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'resolved' || key === 'raw') continue;
    if (Array.isArray(value) ? value.some(hasBackreference) : typeof value === 'object' && hasBackreference(value)) return true;
  }
  return false;
}

type RefaNode = JS.ParseResult['expression'];
type Concatenation = RefaNode['alternatives'][number];
type Element = Concatenation['elements'][number];

/** Quantifier copies unrolled exactly; a wider bounded range is read as unbounded (more paths, never fewer). */
const UNROLL = 4;
/** Beyond this many product states the regex is called too complex to check. */
const MAX_PAIRS = 400_000;

export interface RegexCheckOptions {
  /** The regex runs over a whole file, not a window around a keyword: quadratic search counts too. */
  wholeText?: boolean;
}

/**
 * Why `source` may backtrack catastrophically, as a sentence that says what to change; undefined
 * when it is safe. The regex must compile (checked before).
 */
export function regexHazard(source: string, flags = '', options: RegexCheckOptions = {}): string | undefined {
  const literal = new RegExp(source, flags).toString();
  let ast;
  try {
    ast = new RegExpParser().parseLiteral(literal);
  } catch {
    return undefined; // a syntax regexpp does not know yet: the engine accepted it, the runtime bound applies
  }
  const exponential = ambiguousLoop(source, flags);
  if (exponential === 'too-complex') {
    return 'is too complex to check for catastrophic backtracking: use fewer alternatives and smaller repetition counts';
  }
  if (exponential) {
    return (
      'may backtrack catastrophically (exponential time): a repeated group has alternatives that can match the same text, ' +
      'as in (a|a)* or (a|ab|b)+; make the alternatives of a repeated group start with different characters'
    );
  }
  // scslre reads only unbounded quantifiers as trading characters, yet `a{1,1000}a{1,1000}b` costs
  // a million steps per start (V8's linear-time fallback refuses large counted repeats): wide
  // bounded ranges are read as unbounded, as the exponential check reads them. A leading wide
  // range is still linear over a whole file (`[a-f0-9]{32,64}`), so Move reads the regex as written.
  const reports = [
    ...analyse(widenBoundedQuantifiers(literal, ast), { reportTypes: { Move: false, Self: true, Trade: true }, assumeRejectingSuffix: true }).reports,
    ...(options.wholeText ? analyse(ast, { reportTypes: { Move: true, Self: false, Trade: false }, assumeRejectingSuffix: true }).reports : []),
  ];
  for (const report of reports) {
    if (report.type === 'Self') {
      return 'may backtrack catastrophically: a quantifier repeats inside another quantifier, as in (a+)+ or (\\w+\\s?)*; remove the nesting';
    }
    if (report.type === 'Trade') {
      return (
        'may backtrack catastrophically (polynomial time): adjacent quantifiers can match the same characters, as in a*a*b ' +
        'or \\w+\\d+x; make neighbouring repeated parts match disjoint characters'
      );
    }
    if (report.type === 'Move' && options.wholeText) {
      return (
        'takes quadratic time over a whole file: it starts with a quantifier that can match what follows, as in [\\s\\S]*x; ' +
        'anchor it on a literal prefix, or give the rule keywords so it runs only near them'
      );
    }
  }
  return undefined;
}

/**
 * The regex with every bounded quantifier wider than UNROLL (`{1,1000}`) made unbounded (`{1,}`),
 * parsed again; the same AST when it has none.
 */
function widenBoundedQuantifiers(literal: string, ast: AST.RegExpLiteral): AST.RegExpLiteral {
  const edits: Array<[start: number, end: number, text: string]> = [];
  visitRegExpAST(ast, {
    onQuantifierEnter(node) {
      if (node.max === Infinity || node.max - node.min <= UNROLL) return;
      edits.push([node.element.end, node.end, `{${node.min},}${node.greedy ? '' : '?'}`]);
    },
  });
  if (edits.length === 0) return ast;
  let text = literal;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + replacement + text.slice(end);
  try {
    return new RegExpParser().parseLiteral(text);
  } catch {
    return ast;
  }
}

/** True when the position automaton of the regex is exponentially ambiguous. */
function ambiguousLoop(source: string, flags: string): boolean | 'too-complex' {
  let expression: RefaNode;
  try {
    ({ expression } = JS.Parser.fromLiteral({ source, flags }).parse({
      backreferences: 'disable',
      assertions: 'ignore',
      simplify: false,
      maxBackreferenceWords: 0,
      maxNodes: 20_000,
    }));
  } catch {
    return 'too-complex';
  }
  const automaton = new PositionAutomaton();
  const whole = automaton.alternatives(expression.alternatives);
  if (automaton.sets.length > 2_000) return 'too-complex';
  automaton.link([automaton.start], whole.first);
  return automaton.exponentiallyAmbiguous();
}

interface Fragment {
  nullable: boolean;
  first: number[];
  last: number[];
}

class PositionAutomaton {
  /** Character set read on entering each position; position 0 is the start and reads nothing. */
  readonly sets: Array<CharSet | undefined> = [undefined];
  readonly follow: Array<Set<number>> = [new Set()];
  readonly start = 0;

  link(from: readonly number[], to: readonly number[]): void {
    for (const f of from) for (const t of to) this.follow[f]!.add(t);
  }

  alternatives(list: readonly Concatenation[]): Fragment {
    const result: Fragment = { nullable: false, first: [], last: [] };
    for (const concatenation of list) {
      const part = this.concatenation(concatenation);
      result.nullable ||= part.nullable;
      result.first.push(...part.first);
      result.last.push(...part.last);
    }
    return result;
  }

  concatenation(node: Concatenation): Fragment {
    let result: Fragment = { nullable: true, first: [], last: [] };
    for (const element of node.elements) result = this.sequence(result, this.element(element));
    return result;
  }

  sequence(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    return {
      nullable: a.nullable && b.nullable,
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...a.last, ...b.last] : b.last,
    };
  }

  element(node: Element): Fragment {
    switch (node.type) {
      case 'CharacterClass': {
        if (node.characters.isEmpty) return { nullable: false, first: [], last: [] };
        const position = this.sets.length;
        this.sets.push(node.characters);
        this.follow.push(new Set());
        return { nullable: false, first: [position], last: [position] };
      }
      case 'Alternation':
        return this.alternatives(node.alternatives);
      case 'Quantifier': {
        const unbounded = node.max === Infinity || node.max - node.min > UNROLL;
        const required = Math.min(node.min, UNROLL);
        const optional = unbounded ? 0 : node.max - node.min;
        let result: Fragment = { nullable: true, first: [], last: [] };
        for (let i = 0; i < required; i++) result = this.sequence(result, this.alternatives(node.alternatives));
        if (unbounded) {
          const loop = this.alternatives(node.alternatives);
          this.link(loop.last, loop.first);
          result = this.sequence(result, { ...loop, nullable: true });
        }
        for (let i = 0; i < optional; i++) {
          const copy = this.alternatives(node.alternatives);
          result = this.sequence(result, { ...copy, nullable: true });
        }
        return result;
      }
      default:
        // assertions are read as empty (every path they would cut stays), backreferences too
        return { nullable: true, first: [], last: [] };
    }
  }

  /**
   * Tarjan's strongly connected components over the pairs (p, q) reachable from pairs (p, p),
   * where (p, q) → (p', q') when p → p' and q → q' read a common character.
   */
  exponentiallyAmbiguous(): boolean | 'too-complex' {
    const n = this.sets.length;
    const follow = this.follow.map((set) => [...set]);
    const overlapCache = new Map<number, boolean>();
    const overlaps = (a: number, b: number): boolean => {
      if (a === b) return true;
      const key = a < b ? a * n + b : b * n + a;
      let value = overlapCache.get(key);
      if (value === undefined) {
        value = !this.sets[a]!.isDisjointWith(this.sets[b]!);
        overlapCache.set(key, value);
      }
      return value;
    };
    const successors = (pair: number): number[] => {
      const p = Math.floor(pair / n);
      const q = pair % n;
      const out: number[] = [];
      for (const p2 of follow[p]!) for (const q2 of follow[q]!) if (overlaps(p2, q2)) out.push(p2 * n + q2);
      return out;
    };
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    let counter = 0;
    const visit = (pair: number, work: Array<[number, number[], number]>): void => {
      index.set(pair, counter);
      low.set(pair, counter);
      counter++;
      stack.push(pair);
      onStack.add(pair);
      work.push([pair, successors(pair), 0]);
    };
    for (let s = 0; s < n; s++) {
      const root = s * n + s;
      if (index.has(root)) continue;
      const work: Array<[number, number[], number]> = [];
      visit(root, work);
      while (work.length > 0) {
        if (counter > MAX_PAIRS) return 'too-complex';
        const frame = work[work.length - 1]!;
        const [v, edges] = frame;
        if (frame[2] < edges.length) {
          const w = edges[frame[2]++]!;
          if (!index.has(w)) visit(w, work);
          else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
        if (low.get(v) !== index.get(v)) continue;
        let diagonal = false;
        let offDiagonal = false;
        let size = 0;
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          size++;
          if (Math.floor(w / n) === w % n) diagonal = true;
          else offDiagonal = true;
        } while (w !== v);
        // a component of one pair is a cycle only if that pair leads to itself
        if (diagonal && offDiagonal && size > 1) return true;
      }
    }
    return false;
  }
}
