/**
 * One pass over a text finds every occurrence of a set of lower-case ASCII keywords,
 * case-insensitively: Aho-Corasick over a dense transition table. The cost grows with the
 * text, not with the number of keywords or rules.
 *
 * Speed matters here more than anywhere else in the engine (this loop sees every character
 * of every file), so the table is compact: characters are first mapped to classes (only the
 * characters that occur in keywords get their own class, upper case folds onto lower case,
 * everything else is class 0), states are stored pre-multiplied by the class count, and a
 * negative entry marks a state where keywords end.
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
    const classOf = new Uint8Array(128);
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

    const gotoRows: Int32Array[] = [new Int32Array(classes).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const cls = classOf[keyword.charCodeAt(i) | (keyword.charCodeAt(i) >= 65 && keyword.charCodeAt(i) <= 90 ? 32 : 0)]!;
        const row = gotoRows[state]!;
        if (row[cls] === -1) {
          row[cls] = gotoRows.length;
          gotoRows.push(new Int32Array(classes).fill(-1));
          out.push([]);
        }
        state = row[cls]!;
      }
      out[state]!.push(id);
    });

    const states = gotoRows.length;
    const next = new Int32Array(states * classes);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 1; c < classes; c++) {
      const s = gotoRows[0]![c]!;
      next[c] = s > 0 ? s : 0;
      if (s > 0) queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const f = fail[state]!;
      if (out[f]!.length > 0) out[state] = [...out[state]!, ...out[f]!];
      for (let c = 1; c < classes; c++) {
        const s = gotoRows[state]![c]!;
        if (s > 0) {
          fail[s] = next[f * classes + c]!;
          next[state * classes + c] = s;
          queue.push(s);
        } else next[state * classes + c] = next[f * classes + c]!;
      }
    }
    // class 0 (a character in no keyword) always leads back to the root: entries stay 0
    const delta = new Int32Array(states * classes);
    for (let i = 0; i < next.length; i++) {
      const s = next[i]!;
      delta[i] = out[s]!.length > 0 ? -(s * classes) : s * classes;
    }
    this.delta = delta;
    this.outputs = out.map((ids) => (ids.length > 0 ? ids : undefined));
  }

  /** Calls `onHit(keywordId, start)` for every occurrence, in text order (by end). */
  scan(text: string, onHit: (keywordId: number, start: number) => void): void {
    const { delta, classOf, classes, outputs, keywords } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = delta[state + (c < 128 ? classOf[c]! : 0)]!;
      if (state < 0) {
        state = -state;
        for (const id of outputs[(state / classes) | 0]!) onHit(id, i + 1 - keywords[id]!.length);
      }
    }
  }
}
