/**
 * One pass over a text finds every occurrence of a set of lower-case ASCII keywords,
 * case-insensitively (Aho-Corasick over a dense transition table). The cost grows with the
 * text, not with the number of keywords or rules.
 */

const ALPHABET = 128;

export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly delta: Int32Array;
  /** For each state, the ids of the keywords that end there (including via fail links). */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const gotoRows: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = foldChar(keyword.charCodeAt(i));
        if (c === 0) throw new Error(`keyword ${JSON.stringify(keyword)} must be ASCII`);
        const row = gotoRows[state]!;
        if (row[c] === -1) {
          row[c] = gotoRows.length;
          gotoRows.push(new Int32Array(ALPHABET).fill(-1));
          out.push([]);
        }
        state = row[c]!;
      }
      out[state]!.push(id);
    });

    const states = gotoRows.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = gotoRows[0]![c]!;
      if (next > 0) {
        delta[c] = next;
        fail[next] = 0;
        queue.push(next);
      } else delta[c] = 0;
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const f = fail[state]!;
      if (out[f]!.length > 0) out[state] = [...out[state]!, ...out[f]!];
      for (let c = 0; c < ALPHABET; c++) {
        const next = gotoRows[state]![c]!;
        if (next > 0) {
          fail[next] = delta[f * ALPHABET + c]!;
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        } else delta[state * ALPHABET + c] = delta[f * ALPHABET + c]!;
      }
    }
    this.delta = delta;
    this.outputs = out.map((ids) => (ids.length > 0 ? ids : undefined));
  }

  /** Calls `onHit(keywordId, start)` for every occurrence, in text order. */
  scan(text: string, onHit: (keywordId: number, start: number) => void): void {
    const { delta, outputs, keywords } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      state = delta[state * ALPHABET + foldChar(text.charCodeAt(i))]!;
      const ids = outputs[state];
      if (ids !== undefined) for (const id of ids) onHit(id, i + 1 - keywords[id]!.length);
    }
  }
}

/** ASCII lower-casing; every non-ASCII code unit maps to 0, which no keyword holds. */
function foldChar(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  return c < ALPHABET ? c : 0;
}
