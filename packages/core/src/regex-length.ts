/**
 * The fewest UTF-16 code units a match of a regex consumes, read from its source: a lower bound
 * (a construct it does not know counts as 0). The scanner skips a keyword window shorter than
 * this without running the regex: on a line per hit (`q~\n` repeated) a window holds two
 * characters, and building, slicing and searching 350k such windows per MB cost more than the
 * keyword pass. Hand-written (no regex parser is loaded with the scanner); the tests compare it
 * with regexpp's AST over the whole catalog.
 */
export function minMatchLength(regex: RegExp): number {
  return regexShape(regex).minLength;
}

/**
 * Whether a capturing group may sit inside a lookaround (true too when the source is not read):
 * only then can a capture lie outside the match, so that a secret found once in the match's text
 * is not certainly its group's span.
 */
export function capturesInLookaround(regex: RegExp): boolean {
  return regexShape(regex).captureInLookaround;
}

/** What the engine reads of a regex's source: its shortest match and whether a capture may sit in a lookaround. */
export interface RegexShape {
  minLength: number;
  captureInLookaround: boolean;
}

/** Both facts in one read of the source. */
export function regexShape(regex: RegExp): RegexShape {
  const source = regex.source;
  let lookarounds = 0;
  let captureInLookaround = false;
  const vMode = regex.flags.includes('v');
  let i = 0;
  const skipPast = (end: string): void => {
    const at = source.indexOf(end, i);
    if (at === -1) throw new Error('unexpected source');
    i = at + 1;
  };

  // alternatives until `)` or the end: the shortest of them
  const alternation = (): number => {
    let best = sequence();
    while (source[i] === '|') {
      i++;
      best = Math.min(best, sequence());
    }
    return best;
  };
  const sequence = (): number => {
    let total = 0;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = term();
      total += atom * quantifier();
    }
    return total;
  };
  // the least count of a quantifier after an atom (1 when there is none)
  const quantifier = (): number => {
    const q = source[i];
    let min = 1;
    if (q === '*' || q === '?') {
      min = 0;
      i++;
    } else if (q === '+') i++;
    else if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(i));
      if (m === null) return 1; // a literal `{` (no u/v flag), already counted as the atom
      min = Number(m[1]);
      i += m[0].length;
    } else return 1;
    if (source[i] === '?') i++;
    return min;
  };
  const term = (): number => {
    const c = source[i]!;
    if (c === '^' || c === '$') {
      i++;
      return 0;
    }
    if (c === '\\') return escape();
    if (c === '[') {
      skipClass();
      // a v-flag class may hold strings (`\q{…}`), including the empty one
      return vMode ? 0 : 1;
    }
    if (c === '(') {
      i++;
      let lookaround = false;
      if (source[i] === '?') {
        const rest = source.slice(i, i + 3);
        if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) lookaround = true;
        else if (source[i + 1] === '<') {
          skipPast('>'); // (?<name>
          if (lookarounds > 0) captureInLookaround = true;
        } else skipPast(':'); // (?:, (?i:, (?-i:
        if (lookaround) i += rest.startsWith('?<') ? 3 : 2;
      } else if (lookarounds > 0) captureInLookaround = true;
      if (lookaround) lookarounds++;
      const inner = alternation();
      if (lookaround) lookarounds--;
      i++; // )
      return lookaround ? 0 : inner;
    }
    i++;
    return 1;
  };
  const escape = (): number => {
    const next = source[i + 1];
    i += 2;
    if (next === 'b' || next === 'B') return 0;
    if (next === 'k' && source[i] === '<') {
      skipPast('>');
      return 0; // a backreference may be empty
    }
    if (next !== undefined && next >= '1' && next <= '9') {
      while (i < source.length && source[i]! >= '0' && source[i]! <= '9') i++;
      return 0;
    }
    if ((next === 'p' || next === 'P' || next === 'u') && source[i] === '{') skipPast('}');
    else if (next === 'u' && /^[0-9A-Fa-f]{4}/.test(source.slice(i, i + 4))) i += 4;
    else if (next === 'x' && /^[0-9A-Fa-f]{2}/.test(source.slice(i, i + 2))) i += 2;
    else if (next === 'c' && /^[A-Za-z]/.test(source.slice(i, i + 1))) i += 1;
    return 1;
  };
  const skipClass = (): void => {
    let depth = 0;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '\\') i++;
      else if (c === '[') {
        if (depth > 0 && !vMode) continue;
        depth++;
      } else if (c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      }
    }
  };
  try {
    const min = alternation();
    if (i === source.length && Number.isFinite(min)) return { minLength: min, captureInLookaround };
  } catch {
    // not read: nothing is known
  }
  return { minLength: 0, captureInLookaround: true };
}
