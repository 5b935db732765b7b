/**
 * One pass over a text finds every occurrence of a set of lower-case ASCII keywords,
 * case-insensitively: Aho-Corasick over a dense transition table. The cost grows with the
 * text, not with the number of keywords or rules.
 *
 * Speed matters here more than anywhere else in the engine (this loop sees every character
 * of every file), so the table is compact: characters are first mapped to classes (only the
 * characters that occur in keywords get their own class, upper case folds onto lower case,
 * everything else is class 0), states are stored pre-multiplied by the class count, and a
 * negative entry marks a state where keywords end. The class table covers every UTF-16 code
 * unit (64 KB, all 0 past ASCII), so the loop reads it without a range test: ~30% less CPU in
 * the loop than a 128-entry table behind `c < 128` (docs/benchmarks.md).
 *
 * Creating a scanner builds the catalog's automaton (1,400+ keywords), and a commit hook creates
 * one per commit: building the trie and its fail links cost ~10 ms of the main thread and as
 * much again of V8 compiling the loops that did it. A bundle carries the automaton of the default
 * config prebuilt (`automatonOf`, see scanner.ts); with it, only the table is laid out.
 */
export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  private readonly delta: Int32Array;
  /** For each state (not pre-multiplied), where its keywords start in `outputIds`; the next state's entry is where they end. */
  private readonly outputStart: Uint32Array;
  /** The ids of the keywords that end at each state, fail links included, longest first. */
  private readonly outputIds: Uint32Array;

  /**
   * `prebuilt`: the automaton of these same keywords (`automatonOf`), read instead of building
   * it; one made for another list is ignored.
   */
  constructor(keywords: readonly string[], prebuilt?: KeywordAutomaton) {
    this.keywords = keywords;
    const automaton = (prebuilt !== undefined && prebuilt.keywords === keywords.join('\n') ? readAutomaton(prebuilt) : undefined) ?? build(keywords);
    const { classOfAscii, classes, fail, childCount, edgeClass, outputStart } = automaton;
    const classOf = new Uint8Array(65536);
    classOf.set(classOfAscii);
    this.classOf = classOf;
    this.classes = classes;
    this.outputStart = outputStart;
    this.outputIds = automaton.outputIds;
    this.delta = automaton.delta ?? layOut(classes, fail, childCount, edgeClass, outputStart);
  }

  /** The automaton of `keywords` as a bundle carries it (see KeywordAutomaton). */
  static automatonOf(keywords: readonly string[]): KeywordAutomaton {
    const { classOfAscii, classes, fail, childCount, edgeClass, outputStart, outputIds } = build(keywords);
    const states = fail.length;
    if (states >= 65536 || outputIds.length >= 65536 || keywords.length >= 65536) throw new Error('too many keywords for a prebuilt automaton');
    // 2-byte values little-endian, whatever the machine that bundles
    const littleEndian = (array: ArrayLike<number>) => {
      const out = Buffer.alloc(2 * array.length);
      for (let i = 0; i < array.length; i++) out.writeUInt16LE(array[i]!, 2 * i);
      return out;
    };
    const parts = [Uint8Array.of(classes), classOfAscii, childCount, edgeClass, ...[fail, outputStart, outputIds].map(littleEndian)];
    const bytes = Buffer.alloc(4 + parts.reduce((sum, part) => sum + part.length, 0));
    bytes.writeUInt16LE(states, 0);
    bytes.writeUInt16LE(outputIds.length, 2);
    let at = 4;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return { keywords: keywords.join('\n'), automaton: bytes.toString('base64') };
  }

  /**
   * Calls `onHit(keywordId, start)` for every occurrence, in text order (by end), until a call
   * returns true (the hits after it are not read).
   */
  scan(text: string, onHit: (keywordId: number, start: number) => boolean | void): void {
    const { delta, classOf, classes, outputStart, outputIds, keywords } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = delta[state + classOf[c]!]!;
      if (state < 0) {
        state = -state;
        const at = (state / classes) | 0;
        for (let k = outputStart[at]!, end = outputStart[at + 1]!; k < end; k++) {
          const id = outputIds[k]!;
          if (onHit(id, i + 1 - keywords[id]!.length) === true) return;
        }
      }
    }
  }
}

/**
 * The automaton of a keyword list in a form a bundle can carry (`KeywordIndex.automatonOf`): its
 * trie breadth first, fail links and outputs, in base64, with the list it is for.
 * `new KeywordIndex(keywords, automaton)` uses it only for that same list.
 */
export interface KeywordAutomaton {
  /** The keywords, joined with newlines. */
  keywords: string;
  /**
   * States and output ids (2 bytes each), classes (1), the class of each ASCII code (128), then
   * per state its child count (1 byte), per state but the root the class of its edge (1), and 2
   * bytes each: per state its fail state, per state and one more its outputStart, the outputIds.
   */
  automaton: string;
}

/**
 * An automaton: states are numbered breadth first (0 is the root), so a state's fail state
 * (shallower) comes before it, and the children of each state are the next states in order.
 */
interface Automaton {
  /** The class of each ASCII code (upper case folded onto lower case), 0 for none. */
  classOfAscii: Uint8Array;
  classes: number;
  /** Per state: how many children it has. */
  childCount: Uint8Array;
  /** Per state but the root (state s at s - 1): the class of the edge into it. */
  edgeClass: Uint8Array;
  /** Per state: its fail state (the longest proper suffix that is a state). */
  fail: ArrayLike<number>;
  outputStart: Uint32Array;
  outputIds: Uint32Array;
  /** The transition table, when building made it already. */
  delta?: Int32Array;
}

/**
 * Writes the transition table breadth first: each state's row is its fail state's row (final
 * already: a fail state comes earlier) with the state's own edges written over it. A transition
 * into a state where keywords end (its own or through fail links) is stored negated. Rows are
 * copied natively, so this costs about the trie's size, not states × classes.
 */
function layOut(classes: number, fail: ArrayLike<number>, childCount: Uint8Array, edgeClass: Uint8Array, outputStart: Uint32Array): Int32Array {
  const states = childCount.length;
  const delta = new Int32Array(states * classes);
  for (let state = 0, child = 1; state < states; state++) {
    const row = state * classes;
    if (state !== 0) delta.copyWithin(row, fail[state]! * classes, fail[state]! * classes + classes);
    for (let n = childCount[state]!; n > 0; n--, child++) {
      delta[row + edgeClass[child - 1]!] = outputStart[child + 1]! > outputStart[child]! ? -(child * classes) : child * classes;
    }
  }
  // class 0 (a character in no keyword) always leads back to the root: those entries stay 0
  return delta;
}

/** The automaton of `keywords`, built. */
function build(keywords: readonly string[]): Required<Automaton> {
  const classOfAscii = new Uint8Array(128);
  let classes = 1;
  let total = 0;
  for (const keyword of keywords) {
    if (keyword.length === 0) throw new Error('keywords must not be empty');
    total += keyword.length;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      if (c >= 128 || c === 0) throw new Error(`keyword ${JSON.stringify(keyword)} must be ASCII`);
      const lower = c >= 65 && c <= 90 ? c | 32 : c;
      if (classOfAscii[lower] === 0) {
        if (classes === 255) throw new Error('too many distinct keyword characters');
        classOfAscii[lower] = classes++;
      }
    }
  }
  for (let c = 65; c <= 90; c++) classOfAscii[c] = classOfAscii[c | 32]!;

  // The trie, states numbered as they are made: each state's edges as a list (the edges of state
  // s: firstEdge[s], then nextEdge[edge]), and the ids of the keywords that end at it (a keyword
  // listed twice, as a custom rule's keyword can be the directive marker, ends there under both).
  const maxStates = total + 1;
  const firstEdge = new Int32Array(maxStates).fill(-1);
  const edgeClassOf = new Int32Array(total);
  const edgeTarget = new Int32Array(total);
  const nextEdge = new Int32Array(total);
  const own: (number[] | undefined)[] = [];
  let made = 1;
  let edges = 0;
  keywords.forEach((keyword, id) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const cls = classOfAscii[keyword.charCodeAt(i)]!;
      let edge = firstEdge[state]!;
      while (edge !== -1 && edgeClassOf[edge] !== cls) edge = nextEdge[edge]!;
      if (edge === -1) {
        edge = edges++;
        edgeClassOf[edge] = cls;
        edgeTarget[edge] = made++;
        nextEdge[edge] = firstEdge[state]!;
        firstEdge[state] = edge;
      }
      state = edgeTarget[edge]!;
    }
    (own[state] ??= []).push(id);
  });

  // Breadth first: renumber the states, and lay out the table as layOut does while finding each
  // state's fail state in it (a fail state's row is final before any state that fails to it).
  const childCount = new Uint8Array(made);
  const edgeClass = new Uint8Array(made - 1);
  const fail = new Uint32Array(made);
  const outputs: (readonly number[] | undefined)[] = new Array<readonly number[] | undefined>(made);
  const delta = new Int32Array(made * classes);
  const queue = new Int32Array(made); // breadth-first number → number as made
  for (let head = 0, tail = 1; head < made; head++) {
    const row = head * classes;
    const failRow = fail[head]! * classes;
    if (head !== 0) delta.copyWithin(row, failRow, failRow + classes);
    for (let edge = firstEdge[queue[head]!]!; edge !== -1; edge = nextEdge[edge]!) {
      const cls = edgeClassOf[edge]!;
      const child = tail++;
      queue[child] = edgeTarget[edge]!;
      childCount[head]!++;
      edgeClass[child - 1] = cls;
      const childFail = head === 0 ? 0 : Math.abs(delta[failRow + cls]!) / classes;
      fail[child] = childFail;
      const mine = own[queue[child]!];
      const inherited = outputs[childFail];
      const ids = mine ? (inherited ? [...mine, ...inherited] : mine) : inherited;
      outputs[child] = ids;
      delta[row + cls] = ids ? -(child * classes) : child * classes;
    }
  }
  const outputStart = new Uint32Array(made + 1);
  for (let state = 0; state < made; state++) outputStart[state + 1] = outputStart[state]! + (outputs[state]?.length ?? 0);
  const outputIds = new Uint32Array(outputStart[made]!);
  for (let state = 0; state < made; state++) outputIds.set(outputs[state] ?? [], outputStart[state]!);
  return { classOfAscii, classes, childCount, edgeClass, fail, outputStart, outputIds, delta };
}

/** An automaton that `KeywordIndex.automatonOf` wrote; the table is laid out by the caller. */
function readAutomaton(prebuilt: KeywordAutomaton): Automaton | undefined {
  // its 2-byte values are little-endian, read through a Uint16Array: a big-endian machine builds
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) return undefined;
  const bytes = Buffer.from(prebuilt.automaton, 'base64');
  const states = bytes.readUInt16LE(0);
  const outputs = bytes.readUInt16LE(2);
  let at = 4;
  const take = (length: number) => bytes.subarray(at, (at += length));
  // 2-byte arrays are copied out: the base64 decode may sit at an odd offset of a shared buffer
  const wide = (length: number) => Uint32Array.from(new Uint16Array(Uint8Array.from(take(2 * length)).buffer));
  const classes = take(1)[0]!;
  const classOfAscii = take(128);
  const childCount = take(states);
  const edgeClass = take(states - 1);
  const fail = wide(states);
  const outputStart = wide(states + 1);
  const outputIds = wide(outputs);
  return { classOfAscii, classes, childCount, edgeClass, fail, outputStart, outputIds };
}
