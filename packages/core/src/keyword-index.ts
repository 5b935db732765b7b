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
 */
export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  private readonly delta: Int32Array;
  /** For each state (not pre-multiplied), the ids of the keywords that end there, fail links included. */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const classOf = new Uint8Array(65536);
    let classes = 1;
    for (const keyword of keywords) {
      if (keyword.length === 0) throw new Error('keywords must not be empty');
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        if (c >= 128 || c === 0) throw new Error(`keyword ${JSON.stringify(keyword)} must be ASCII`);
        const lower = c >= 65 && c <= 90 ? c | 32 : c;
        if (classOf[lower] === 0) {
          if (classes === 255) throw new Error('too many distinct keyword characters');
          classOf[lower] = classes++;
        }
      }
    }
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c | 32]!;
    this.classOf = classOf;
    this.classes = classes;

    // The trie, as edge lists (the edges of state s: firstEdge[s], then nextEdge[edge]); state k's
    // row in `delta` starts at k * classes.
    let total = 0;
    for (const keyword of keywords) total += keyword.length;
    const maxStates = total + 1;
    const delta = new Int32Array(maxStates * classes);
    const firstEdge = new Int32Array(maxStates).fill(-1);
    const edgeClass = new Int32Array(total);
    const edgeTarget = new Int32Array(total);
    const nextEdge = new Int32Array(total);
    const own: (number[] | undefined)[] = [];
    let states = 1;
    let edges = 0;
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const cls = classOf[keyword.charCodeAt(i)]!;
        let edge = firstEdge[state]!;
        while (edge !== -1 && edgeClass[edge] !== cls) edge = nextEdge[edge]!;
        if (edge === -1) {
          edge = edges++;
          edgeClass[edge] = cls;
          edgeTarget[edge] = states++;
          nextEdge[edge] = firstEdge[state]!;
          firstEdge[state] = edge;
        }
        state = edgeTarget[edge]!;
      }
      (own[state] ??= []).push(id);
    });

    // Breadth first, each state's row is its fail state's row (final already: a fail state is
    // shallower) with the state's own edges written over it. A transition into a state where
    // keywords end (its own or through fail links, also final by then) is stored negated.
    // Rows are copied natively, so building costs about the trie's size, not states × classes.
    const outputs: (readonly number[] | undefined)[] = new Array<readonly number[] | undefined>(states);
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    queue[tail++] = 0;
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      const row = state * classes;
      const failRow = fail[state]! * classes;
      if (state !== 0) delta.copyWithin(row, failRow, failRow + classes);
      for (let edge = firstEdge[state]!; edge !== -1; edge = nextEdge[edge]!) {
        const cls = edgeClass[edge]!;
        const child = edgeTarget[edge]!;
        const childFail = state === 0 ? 0 : Math.abs(delta[failRow + cls]!) / classes;
        fail[child] = childFail;
        const inherited = outputs[childFail];
        const ids = own[child] ? (inherited ? [...own[child], ...inherited] : own[child]) : inherited;
        outputs[child] = ids;
        delta[row + cls] = ids ? -(child * classes) : child * classes;
        queue[tail++] = child;
      }
    }
    // class 0 (a character in no keyword) always leads back to the root: those entries stay 0
    this.delta = delta.subarray(0, states * classes);
    this.outputs = outputs;
  }

  /**
   * Calls `onHit(keywordId, start)` for every occurrence, in text order (by end), until a call
   * returns true (the hits after it are not read).
   */
  scan(text: string, onHit: (keywordId: number, start: number) => boolean | void): void {
    const { delta, classOf, classes, outputs, keywords } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = delta[state + classOf[c]!]!;
      if (state < 0) {
        state = -state;
        for (const id of outputs[(state / classes) | 0]!) if (onHit(id, i + 1 - keywords[id]!.length) === true) return;
      }
    }
  }
}
